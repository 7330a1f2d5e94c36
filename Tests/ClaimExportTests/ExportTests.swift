import ClaimExport
import ClaimModel
import Foundation
import Testing

/// Claims of three invented actors on two topics, and one event.
enum Sample {
    static func document(_ id: Int64, url: String? = nil) -> DocumentRef {
        DocumentRef(id: id, sha256: "sha\(id)", path: "processed/\(id).txt", title: "Report \(id)",
                    dct: DocumentDate(value: "2031-03-0\(id)", source: .header), url: url, source: "The Courier")
    }

    static func claim(_ id: Int64, _ actor: String, _ topic: String, _ stance: Stance, day: String, previous: Stance? = nil,
                      text: String = "a statement") -> StoredClaim {
        StoredClaim(id: id, actor: ActorRef(name: actor, kind: .person), topic: topic, stance: stance, mode: .direct, cue: "said", text: text,
                    date: TimeValue(value: day, granularity: .day), day: day, confidence: 0.75, start: 3, end: 14,
                    document: document(id % 3 + 1, url: id == 1 ? "https://courier.example/1?a=1&b=2" : nil), previousStance: previous)
    }

    static let data = ExportData(
        claims: [
            claim(1, "Ilka Brannock", "tariffs", .support, day: "2031-03-01", text: "We back them, \"fully\", <now>"),
            claim(2, "Ilka Brannock", "tariffs", .oppose, day: "2031-03-05", previous: .support),
            claim(3, "Tomas Orlov", "tariffs", .support, day: "2031-03-02"),
            claim(4, "Tomas Orlov", "ports", .oppose, day: "2031-03-03"),
            claim(5, "Anna Brel", "ports", .oppose, day: "2031-03-04"),
            claim(6, "Anna Brel", "tariffs", .neutral, day: "2031-03-04"),
        ],
        events: [StoredEvent(id: 9, type: "043", trigger: "met", text: "Brannock met Orlov & Brel.", date: TimeValue(value: "2031-03", granularity: .month),
                             day: "2031-03-01", actors: ["Ilka Brannock", "Tomas Orlov"], start: 0, end: 20, document: document(1))])
}

@Suite("exports of claims and events")
struct ExportTests {
    @Test("the two-mode network: an edge per actor and topic, weighted by claims, with stance counts and balance")
    func affiliation() {
        let network = DiscourseNetwork.build(.affiliation, from: Sample.data)
        #expect(network.nodes.filter { $0.type == "actor" }.map(\.label).sorted() == ["Anna Brel", "Ilka Brannock", "Tomas Orlov"])
        #expect(network.nodes.filter { $0.type == "topic" }.map(\.label) == ["ports", "tariffs"])
        func edge(_ actor: String, _ topic: String) -> DiscourseNetwork.Edge? {
            let a = network.nodes.first { $0.label == actor }!.id, t = network.nodes.first { $0.label == topic }!.id
            return network.edges.first { $0.source == a && $0.target == t }
        }
        let brannock = edge("Ilka Brannock", "tariffs")
        #expect(brannock?.weight == 2 && brannock?.values["support"] == 1 && brannock?.values["oppose"] == 1)
        #expect(brannock?.values["stance"] == 0 && brannock?.values["changes"] == 1)
        #expect(edge("Tomas Orlov", "ports")?.values["stance"] == -1)
        #expect(edge("Anna Brel", "tariffs")?.values["neutral"] == 1)
        #expect(edge("Ilka Brannock", "ports") == nil)
        #expect(network.edges.count == 5)
    }

    @Test("congruence joins actors on topics where they took the same side; conflict where they took opposite ones")
    func oneMode() {
        func weights(_ kind: DiscourseNetwork.Kind) -> [Set<String>: Double] {
            let network = DiscourseNetwork.build(kind, from: Sample.data)
            let names = Dictionary(uniqueKeysWithValues: network.nodes.map { ($0.id, $0.label) })
            return Dictionary(uniqueKeysWithValues: network.edges.map { (Set([names[$0.source]!, names[$0.target]!]), $0.weight) })
        }
        // Brannock supported and opposed tariffs; Orlov supported them; Orlov and Brel opposed ports.
        #expect(weights(.congruence) == [["Ilka Brannock", "Tomas Orlov"]: 1, ["Tomas Orlov", "Anna Brel"]: 1])
        #expect(weights(.conflict) == [["Ilka Brannock", "Tomas Orlov"]: 1], "Brel's neutral claim takes no side")
    }

    @Test("GraphML escapes names and declares every key its edges use")
    func graphML() throws {
        var data = Sample.data
        data.claims.append(Sample.claim(7, "Zoë & \"Co\" <Ltd>\u{1}", "ports", .support, day: "2031-03-06"))
        let text = GraphML.document(DiscourseNetwork.build(.affiliation, from: data))
        #expect(text.contains("Zoë &amp; &quot;Co&quot; &lt;Ltd&gt;</data>"))
        #expect(!text.contains("\u{1}"))
        for key in ["weight", "support", "oppose", "stance"] { #expect(text.contains("<key id=\"\(key)\" for=\"edge\"")) }
    }

    @Test("CSV and JSONL: one row per claim and event, by day, events first on a day, with the document's source")
    func flat() throws {
        let rows = FlatRows.rows(Sample.data)
        #expect(rows.map { "\($0["kind"]!)-\($0["id"]!)" } == ["event-9", "claim-1", "claim-3", "claim-4", "claim-5", "claim-6", "claim-2"])
        #expect(rows[1]["url"] == "https://courier.example/1?a=1&b=2" && rows[1]["source"] == "The Courier")
        #expect(rows[0]["eventLabel"] == "consult" && rows[0]["eventActors"] == "Ilka Brannock; Tomas Orlov")
        let lines = FlatRows.jsonl(Sample.data).split(separator: "\n")
        #expect(lines.count == 7)
        let first = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any]
        #expect(first?["quote"] as? String == "We back them, \"fully\", <now>")
        #expect(first?["confidence"] as? Double == 0.75 && first?["start"] as? Int == 3)
        #expect(FlatRows.csv(Sample.data).contains("\"We back them, \"\"fully\"\", <now>\""))
    }

    @Test("TimelineJS: a slide per claim and event, dates at their stated precision, groups by actor")
    func timelineJS() throws {
        let object = try JSONSerialization.jsonObject(with: Data(try TimelineJS.json(Sample.data, title: "Trade <talks>").utf8)) as? [String: Any]
        let events = object?["events"] as? [[String: Any]] ?? []
        #expect(events.count == 7)
        let event = try #require(events.first { $0["unique_id"] as? String == "event-9" })
        #expect((event["start_date"] as? [String: Any])?["month"] as? Int == 3)
        #expect((event["start_date"] as? [String: Any])?["day"] == nil, "a month-level date has no day")
        let claim = try #require(events.first { $0["unique_id"] as? String == "claim-1" })
        #expect(claim["group"] as? String == "Ilka Brannock")
        #expect(((claim["text"] as? [String: Any])?["text"] as? String)?.contains("&lt;now&gt;") == true, "HTML in quotes is escaped")
        #expect((claim["media"] as? [String: Any])?["url"] as? String == "https://courier.example/1?a=1&b=2")
        #expect(((object?["title"] as? [String: Any])?["text"] as? [String: Any])?["headline"] as? String == "Trade &lt;talks&gt;")
    }

    @Test("the HTML page fetches nothing and escapes every value")
    func page() {
        let html = TimelinePage.html(Sample.data, title: "Trade </title><script>")
        #expect(!html.contains("<script src") && !html.contains("<link") && !html.contains("url("))
        #expect(!html.contains("</title><script>") && html.contains("Trade &lt;/title&gt;&lt;script&gt;"))
        #expect(html.components(separatedBy: "data-kind=\"claim\"").count - 1 == 6)
        #expect(html.components(separatedBy: "class=\"lane\"").count - 1 == 3)
    }
}
