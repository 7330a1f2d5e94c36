import ClaimModel
import Foundation

/// TimelineJS 3's JSON (Knight Lab): one slide per claim and event, grouped by actor, with the
/// quote and its source as the slide's text. Dates keep the precision they were stated at: a
/// claim dated "March 2031" has no day.
public enum TimelineJS {
    struct Document: Encodable {
        var title: Slide
        var events: [Slide]
    }

    struct Slide: Encodable {
        var start_date: SlideDate?
        var display_date: String?
        var text: Text
        var group: String?
        var unique_id: String?
        var media: Media?
    }

    struct SlideDate: Encodable {
        var year: Int
        var month: Int?
        var day: Int?
    }

    struct Text: Encodable {
        var headline: String
        var text: String
    }

    struct Media: Encodable {
        var url: String
        var caption: String
    }

    public static func json(_ data: ExportData, title: String) throws -> String {
        let slides = data.events.map(slide) + data.claims.map(slide)
        let document = Document(
            title: Slide(text: Text(headline: escape(title), text: "\(data.claims.count) claims and \(data.events.count) events of "
                                         + "\(data.actors.count) actors, exported by claimd")),
            events: slides)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }

    static func slide(_ claim: StoredClaim) -> Slide {
        let change = claim.previousStance.map { " (was \($0.rawValue))" } ?? ""
        return Slide(start_date: date(claim.date, day: claim.day), display_date: claim.date.value,
                     text: Text(headline: escape("\(claim.actor.name): \(claim.stance.rawValue)\(change) — \(claim.topic)"),
                                text: "<blockquote>\(escape(claim.text))</blockquote>" + source(claim.document)),
                     group: claim.actor.name, unique_id: "claim-\(claim.id)", media: media(claim.document))
    }

    static func slide(_ event: StoredEvent) -> Slide {
        Slide(start_date: date(event.date, day: event.day), display_date: event.date.value,
              text: Text(headline: escape("\(CAMEO.describe(event.type)): \(event.actors.joined(separator: ", "))"),
                         text: "<p>\(escape(event.text))</p>" + source(event.document)),
              group: event.actors.first, unique_id: "event-\(event.id)", media: media(event.document))
    }

    /// The date as precise as it was stated: `2031`, `2031-03` or a day; anything coarser or
    /// stranger (a week, a season) falls back to the first day it covers.
    static func date(_ value: TimeValue, day: String) -> SlideDate? {
        let parts = value.value.split(separator: "-")
        if parts.count <= 3, parts.allSatisfy({ Int($0) != nil }), let year = Int(parts[0]), parts[0].count == 4 {
            return SlideDate(year: year, month: parts.count > 1 ? Int(parts[1]) : nil, day: parts.count > 2 ? Int(parts[2]) : nil)
        }
        let first = day.split(separator: "-").compactMap { Int($0) }
        guard first.count == 3 else { return nil }
        return SlideDate(year: first[0], month: first[1], day: first[2])
    }

    static func source(_ document: DocumentRef) -> String {
        let line = escape(sourceLine(document).isEmpty ? document.path : sourceLine(document))
        guard let url = document.url else { return "<p>\(line)</p>" }
        return "<p><a href=\"\(escape(url))\">\(line)</a></p>"
    }

    static func media(_ document: DocumentRef) -> Media? {
        document.url.map { Media(url: $0, caption: sourceLine(document)) }
    }
}

/// Text made safe inside HTML and attribute values.
func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(character)
        }
    }
    return out
}
