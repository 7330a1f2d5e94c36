import ClaimAPI
import ClaimModel
import Foundation
import Testing

/// `openapi.json` against the Swift types of the contract: the routes, their parameters and
/// every response body's keys, so a change to one without the other fails here.
@Suite("the OpenAPI document matches ClaimAPI")
struct OpenAPIDocumentTests {
    let document: [String: Any] = try! JSONSerialization.jsonObject(with: Data(OpenAPIDocument.bytes)) as! [String: Any]

    var paths: [String: [String: Any]] { document["paths"] as! [String: [String: Any]] }
    var schemas: [String: [String: Any]] { (document["components"] as! [String: Any])["schemas"] as! [String: [String: Any]] }

    @Test("it is OpenAPI 3.1 with the release's version")
    func header() {
        #expect(document["openapi"] as? String == "3.1.0")
        #expect((document["info"] as? [String: Any])?["version"] as? String == claimdVersion)
    }

    @Test("every route is documented with its method and parameters, and nothing else is")
    func routes() throws {
        var documented: Set<String> = []
        for (path, operations) in paths {
            for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
        }
        #expect(documented == Set(Route.all.map(\.description)))
        for route in Route.all {
            let operation = try #require(paths[route.path]?[route.method.rawValue.lowercased()] as? [String: Any], "\(route)")
            let names = (operation["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(names.sorted() == route.parameters.map(\.rawValue).sorted(), "\(route)")
        }
    }

    @Test("every parameter name and JSON key is lower camelCase")
    func oneConvention() {
        let camel = /^[a-z][a-zA-Z0-9]*$/
        for key in QueryKey.allCases { #expect(key.rawValue.wholeMatch(of: camel) != nil, "\(key.rawValue)") }
        for (name, schema) in schemas {
            for key in (schema["properties"] as? [String: Any] ?? [:]).keys {
                #expect(key.wholeMatch(of: camel) != nil, "\(name).\(key)")
            }
        }
    }

    @Test("each response schema has the keys the Swift type encodes, the non-optional ones required",
          arguments: Samples.all)
    func schemaKeys(_ sample: Samples.Sample) throws {
        let schema = try #require(schemas[sample.schema], "no schema \(sample.schema)")
        try compare(schema, full: sample.full, minimal: sample.minimal, at: sample.schema)
    }

    /// Walks a schema beside a fully filled value (every key) and a minimal one (required keys only).
    private func compare(_ schema: [String: Any], full: Any, minimal: Any?, at path: String) throws {
        var schema = resolve(schema)
        if let branches = schema["oneOf"] as? [[String: Any]], let object = full as? [String: Any] {
            // A union: the branch whose properties are the keys this value has.
            let match = branches.map(resolve).first { Set(($0["properties"] as? [String: Any] ?? [:]).keys) == Set(object.keys) }
            schema = try #require(match, "\(path): no branch of oneOf has the keys \(object.keys.sorted())")
        }
        if let object = full as? [String: Any] {
            let properties = try #require(schema["properties"] as? [String: [String: Any]], "\(path) is an object")
            #expect(Set(properties.keys) == Set(object.keys), "\(path): documented \(properties.keys.sorted()), encoded \(object.keys.sorted())")
            if let minimal = minimal as? [String: Any] {
                #expect(Set(schema["required"] as? [String] ?? []) == Set(minimal.keys), "\(path): required keys")
            }
            for (key, value) in object {
                guard let property = properties[key] else { continue }
                try compare(property, full: value, minimal: (minimal as? [String: Any])?[key], at: "\(path).\(key)")
            }
        } else if let array = full as? [Any], let first = array.first {
            let items = try #require(schema["items"] as? [String: Any], "\(path) is an array")
            try compare(items, full: first, minimal: (minimal as? [Any])?.first, at: "\(path)[]")
        } else if let values = schema["enum"] as? [String], let value = full as? String {
            #expect(values.contains(value), "\(path): '\(value)' is not among \(values)")
        } else if let constant = schema["const"] as? String {
            #expect(full as? String == constant, "\(path)")
        }
    }

    private func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let reference = schema["$ref"] as? String else { return schema }
        return schemas[String(reference.split(separator: "/").last!)]!
    }
}

/// Values of every response type, one with every optional set and one with none.
enum Samples {
    struct Sample: Sendable, CustomTestStringConvertible {
        let schema: String
        let fullJSON: Data
        let minimalJSON: Data
        var full: Any { try! JSONSerialization.jsonObject(with: fullJSON) }
        var minimal: Any { try! JSONSerialization.jsonObject(with: minimalJSON) }
        var testDescription: String { schema }

        init(_ schema: String, full: some Encodable, minimal: some Encodable) {
            let encoder = JSONEncoder()
            self.schema = schema
            fullJSON = try! encoder.encode(full)
            minimalJSON = try! encoder.encode(minimal)
        }
    }

    static let document = DocumentRef(id: 7, sha256: "ab", path: "inbox/a.txt", title: "A headline",
                                      dct: DocumentDate(value: "2031-04-02", source: .header), url: "https://example.org/a", source: "The Courier")
    static let bareDocument = DocumentRef(id: 7, sha256: "ab", path: "inbox/a.txt", title: nil,
                                          dct: DocumentDate(value: "2031-04-02", source: .header))
    static let claim = StoredClaim(
        id: 3, actor: ActorRef(name: "Ilka Brannock", kind: .person, role: "minister", affiliation: "Ruritania"), topic: "tariffs",
        stance: .oppose, mode: .direct, cue: "said", text: "We will not raise them", date: TimeValue(value: "2031-04-01", granularity: .day),
        day: "2031-04-01", confidence: 0.8, start: 10, end: 30, document: document, previousStance: .support)
    static let bareClaim = StoredClaim(
        id: 3, actor: ActorRef(name: "Ilka Brannock", kind: .person), topic: "tariffs", stance: .oppose, mode: .direct, cue: "said",
        text: "We will not raise them", date: TimeValue(value: "2031-04-01", granularity: .day), day: "2031-04-01", confidence: 0.8,
        start: 10, end: 30, document: bareDocument)
    static let event = StoredEvent(id: 4, type: "04", trigger: "met", text: "Brannock met Orlov.", date: TimeValue(value: "2031-04", granularity: .month),
                                   day: "2031-04-01", actors: ["Ilka Brannock"], start: 0, end: 16, document: document)
    static let bareEvent = StoredEvent(id: 4, type: "04", trigger: nil, text: "Brannock met Orlov.", date: TimeValue(value: "2031-04", granularity: .month),
                                       day: "2031-04-01", actors: ["Ilka Brannock"], start: 0, end: 16, document: bareDocument)
    static let actor = ActorSummary(name: "Ilka Brannock", kind: .person, role: "minister", affiliation: "Ruritania", aliases: ["Brannock"],
                                    claims: 2, events: 1, firstDay: "2031-01-01", lastDay: "2031-04-01")
    static let bareActor = ActorSummary(name: "Ilka Brannock", kind: .person, role: nil, affiliation: nil, aliases: [], claims: 0, events: 0,
                                        firstDay: nil, lastDay: nil)
    static let correction = Correction(id: 1, kind: .set, subject: "ab:1-9", value: "v", topic: "tariffs", stance: .oppose, actor: "Ilka Brannock",
                                       reason: "misread", madeBy: Submitter(uid: 0, pid: 7), madeAt: "2031-04-02T10:00:00Z")
    static let bareCorrection = Correction(id: 1, kind: .reject, subject: "ab:1-9", madeAt: "2031-04-02T10:00:00Z")
    static let failure = FailureRecord(id: 1, path: "failed/x.bin", reason: "binary", failedAt: "2031-04-02T10:00:00Z")

    static let all: [Sample] = [
        Sample("DaemonStatus", full: status, minimal: bareStatus),
        Sample("CorrectionPage", full: Page(items: [correction], nextCursor: "x"), minimal: Page(items: [bareCorrection])),
        Sample("CorrectionReport", full: CorrectionReport(corrections: [correction], documents: 2),
               minimal: CorrectionReport(corrections: [bareCorrection], documents: 0)),
        Sample("WatchItem", full: WatchItem(kind: .claim, document: document, claim: claim, event: event,
                                            change: StanceChange(id: 5, actor: claim.actor, topic: "tariffs", from: claim, to: claim, foundAt: "x"),
                                            path: "p", reason: "r"),
               minimal: WatchItem(kind: .dropped)),
        Sample("ReprocessStarted", full: ReprocessStarted(documents: 3), minimal: ReprocessStarted(documents: 3)),
        Sample("DocumentChange",
               full: DocumentChange(document: document, claims: 1, events: 1,
                                    stanceChanges: [StanceChange(id: 5, actor: claim.actor, topic: "tariffs", from: claim, to: claim, foundAt: "x")]),
               minimal: DocumentChange(document: bareDocument, claims: 0, events: 0, stanceChanges: [])),
        Sample("Error", full: APIError(.notFound, "no"), minimal: APIError(.notFound, "no")),
        Sample("TimelinePage", full: Page(items: [TimelineEntry.claim(claim)], nextCursor: "x"), minimal: Page(items: [TimelineEntry.claim(bareClaim)])),
        Sample("TimelinePage", full: Page(items: [TimelineEntry.event(event)], nextCursor: "x"), minimal: Page(items: [TimelineEntry.event(bareEvent)])),
        Sample("ClaimPage", full: Page(items: [claim], nextCursor: "x"), minimal: Page(items: [bareClaim])),
        Sample("EventPage", full: Page(items: [event], nextCursor: "x"), minimal: Page(items: [bareEvent])),
        Sample("ChangePage",
               full: Page(items: [StanceChange(id: 5, actor: claim.actor, topic: "tariffs", from: claim, to: claim, foundAt: "2031-04-02T10:00:00Z")],
                          nextCursor: "x"),
               minimal: Page(items: [StanceChange(id: 5, actor: bareClaim.actor, topic: "tariffs", from: bareClaim, to: bareClaim,
                                                  foundAt: "2031-04-02T10:00:00Z")])),
        Sample("ActorPage", full: Page(items: [actor], nextCursor: "x"), minimal: Page(items: [bareActor])),
        Sample("FailurePage", full: Page(items: [failure], nextCursor: "x"), minimal: Page(items: [failure])),
        Sample("IngestReport",
               full: IngestReport(status: .stored, name: "a.txt", document: document, claims: 1, events: 1, stanceChanges: 0, reason: "r",
                                  submitter: Submitter(uid: 1000, pid: 42)),
               minimal: IngestReport(status: .failed, name: "a.txt")),
        Sample("ReloadSummary", full: ReloadSummary(topics: 3, actors: 9), minimal: ReloadSummary(topics: 3, actors: 9)),
        Sample("TopicList", full: TopicList(topics: [.init(id: "tariffs", proposition: "tariffs should rise", cues: ["tariff"])]),
               minimal: TopicList(topics: [.init(id: "tariffs", proposition: "tariffs should rise", cues: [])])),
    ]

    static let status = DaemonStatus(version: "0.2.0", pid: 1, uptimeSeconds: 1.5, inbox: "/i", store: "/s", socket: "/k", stateDirectory: "/v",
                                     documents: 1, claims: 2, events: 3, actors: 4, failed: 5, queued: 6, stanceChanges: 7,
                                     reprocess: ReprocessStatus(running: true, total: 9, done: 2, failed: 1))
    static let bareStatus = DaemonStatus(version: "0.2.0", pid: 1, uptimeSeconds: 1.5, inbox: "/i", store: "/s", socket: "/k", stateDirectory: "/v",
                                         documents: 1, claims: 2, events: 3, actors: 4, failed: 5, queued: 6, stanceChanges: 7)
}
