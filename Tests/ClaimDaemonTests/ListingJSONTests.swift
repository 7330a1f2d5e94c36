import ClaimAPI
import ClaimModel
import Foundation
import Testing

@testable import ClaimDaemon

/// ListingJSON must send exactly what the API's Codable path would: clients, claimctl and the
/// journal tests read the same fields either way.
@Suite("timeline JSON written by hand equals JSONEncoder's")
struct ListingJSONTests {
    static let awkward = "Quotes \" and \\ backslashes, a/slash, tab\t, new\nline, CR\r, \u{8}\u{C}, control \u{1} \u{1F}, "
        + "DEL \u{7F}, é, 😀, \u{2028} and 「引用」"

    static let document = DocumentRef(id: 7, sha256: String(repeating: "ab", count: 32), path: "/var/lib/claimd/processed/a b.txt",
                                      title: awkward, dct: DocumentDate(value: "2024-12-19", source: .dateline),
                                      url: "https://news.example/a?b=1&c=\"2\"", source: "The Norland Post")

    static func claim(previous: Stance?, role: String?, title: Bool) -> StoredClaim {
        var document = Self.document
        if !title { (document.title, document.url, document.source) = (nil, nil, nil) }
        return StoredClaim(id: 42, actor: ActorRef(name: "Mara Lind", kind: .person, role: role, affiliation: role == nil ? nil : "Norland"),
                           topic: "ceasefire", stance: .oppose, mode: .direct, cue: "said", text: awkward,
                           date: TimeValue(value: "2024-W51", granularity: .week), day: "2024-12-16", confidence: 0.8500000000000001,
                           start: 0, end: 1234567, document: document, previousStance: previous)
    }

    static let events = [
        StoredEvent(id: 3, type: "043", trigger: "met", text: awkward, date: TimeValue(value: "2024-12", granularity: .month),
                    day: "2024-12-01", actors: ["Mara Lind", "Taldera \"the Republic\""], start: 5, end: 9, document: document),
        StoredEvent(id: 4, type: "04", trigger: nil, text: "", date: TimeValue(value: "2025", granularity: .year),
                    day: "2025-01-01", actors: [], start: 0, end: 0, document: document),
    ]

    static var claims: [StoredClaim] {
        [claim(previous: .support, role: "Foreign Minister", title: true), claim(previous: nil, role: nil, title: false)]
    }

    static func encoded(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    @Test("claims, with and without optional fields")
    func claims() throws {
        var writer = ListingJSON()
        writer.write(Self.claims)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == String(decoding: try Self.encoded(Self.claims), as: UTF8.self))
    }

    @Test("events, with and without a trigger")
    func events() throws {
        var writer = ListingJSON()
        writer.write(Self.events)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == String(decoding: try Self.encoded(Self.events), as: UTF8.self))
    }

    @Test("a timeline of claims and events, and an empty one")
    func timeline() throws {
        let entries = Self.claims.map(TimelineEntry.claim) + Self.events.map(TimelineEntry.event)
        var writer = ListingJSON()
        writer.write(entries)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == String(decoding: try Self.encoded(entries), as: UTF8.self))
        var empty = ListingJSON()
        empty.write([TimelineEntry]())
        #expect(empty.bytes == Array("[]".utf8))
    }

    @Test("a page, with and without a cursor, as ClaimAPI's Page encodes")
    func page() throws {
        for cursor in ["dHwyMDI0LTEyLTE2fGNsYWltfDQy", nil] {
            var writer = ListingJSON()
            writer.page(Self.claims, nextCursor: cursor) { $0.write($1) }
            let expected = try Self.encoded(Page(items: Self.claims, nextCursor: cursor))
            #expect(String(decoding: writer.bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        }
    }

    @Test("integers as JSONEncoder writes them", arguments: [0, 7, 10, -1, -40, 1_234_567_890, Int64.max, Int64.min])
    func integers(_ value: Int64) throws {
        var writer = ListingJSON()
        writer.number(value)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == String(decoding: try Self.encoded(value), as: UTF8.self))
    }

    @Test("numbers as JSONEncoder writes them", arguments: [0.0, 1.0, 0.75, 1e-7, 123456789.0, 0.1 + 0.2, -2.5])
    func numbers(_ value: Double) throws {
        var writer = ListingJSON()
        writer.number(value)
        #expect(writer.bytes == (try Self.encoded(value)))
    }
}
