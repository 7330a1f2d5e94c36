import ClaimModel
import Foundation

/// One row per claim and per event, every field a column: the CSV and JSONL exports, for
/// spreadsheets, R and pandas. Column names are lower camelCase, as the API's keys.
public enum FlatRows {
    public static let columns = [
        "kind", "id", "date", "day", "actor", "actorKind", "actorRole", "actorAffiliation", "topic", "stance", "previousStance",
        "mode", "cue", "confidence", "eventType", "eventLabel", "eventActors", "trigger", "quote", "start", "end",
        "documentId", "documentSha256", "documentPath", "title", "source", "url", "dct", "dctSource",
    ]

    /// The rows of `data`: claims and events together, by day.
    public static func rows(_ data: ExportData) -> [[String: String]] {
        let claims = data.claims.map { claim -> (String, Int64, [String: String]) in
            var row = document(claim.document)
            row["kind"] = "claim"
            row["id"] = "\(claim.id)"
            row["date"] = claim.date.value
            row["day"] = claim.day
            row["actor"] = claim.actor.name
            row["actorKind"] = claim.actor.kind.rawValue
            row["actorRole"] = claim.actor.role ?? ""
            row["actorAffiliation"] = claim.actor.affiliation ?? ""
            row["topic"] = claim.topic
            row["stance"] = claim.stance.rawValue
            row["previousStance"] = claim.previousStance?.rawValue ?? ""
            row["mode"] = claim.mode.rawValue
            row["cue"] = claim.cue
            row["confidence"] = "\(claim.confidence)"
            row["quote"] = claim.text
            row["start"] = "\(claim.start)"
            row["end"] = "\(claim.end)"
            return (claim.day, claim.id, row)
        }
        let events = data.events.map { event -> (String, Int64, [String: String]) in
            var row = document(event.document)
            row["kind"] = "event"
            row["id"] = "\(event.id)"
            row["date"] = event.date.value
            row["day"] = event.day
            row["actor"] = event.actors.first ?? ""
            row["eventType"] = event.type
            row["eventLabel"] = CAMEO.label(of: event.type) ?? ""
            row["eventActors"] = event.actors.joined(separator: "; ")
            row["trigger"] = event.trigger ?? ""
            row["quote"] = event.text
            row["start"] = "\(event.start)"
            row["end"] = "\(event.end)"
            return (event.day, event.id, row)
        }
        // Events before claims on a day, as the timeline has them.
        return (events.map { ($0.0, 0, $0.1, $0.2) } + claims.map { ($0.0, 1, $0.1, $0.2) })
            .sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
            .map { row in Dictionary(uniqueKeysWithValues: columns.map { ($0, row.3[$0] ?? "") }) }
    }

    private static func document(_ document: DocumentRef) -> [String: String] {
        ["documentId": "\(document.id)", "documentSha256": document.sha256, "documentPath": document.path, "title": document.title ?? "",
         "source": document.source ?? "", "url": document.url ?? "", "dct": document.dct.value, "dctSource": document.dct.source.rawValue]
    }

    public static func csv(_ data: ExportData) -> String {
        csvRecord(columns) + rows(data).map { row in csvRecord(columns.map { row[$0] ?? "" }) }.joined()
    }

    /// One JSON object per line, keys in the columns' order; numbers as numbers.
    public static func jsonl(_ data: ExportData) -> String {
        let numeric: Set<String> = ["id", "confidence", "start", "end", "documentId"]
        return rows(data).map { row in
            "{" + columns.map { column in
                let value = row[column] ?? ""
                return jsonString(column) + ":" + (numeric.contains(column) && !value.isEmpty ? value : jsonString(value))
            }.joined(separator: ",") + "}\n"
        }.joined()
    }
}

/// A CSV record as RFC 4180 has it: fields with a comma, a quote or a line break quoted, quotes
/// doubled, lines ended by CRLF.
public func csvRecord(_ fields: [String]) -> String {
    fields.map { field in
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }.joined(separator: ",") + "\r\n"
}

/// A JSON string literal.
func jsonString(_ value: String) -> String {
    let data = try! JSONSerialization.data(withJSONObject: [value], options: [.withoutEscapingSlashes])
    return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
}
