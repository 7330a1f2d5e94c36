import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Three invented articles: two actors change or keep their stance on two topics, with events.
func dropExportArticles(into daemon: DaemonProcess) throws {
    // Each dated the day after its last claim: a claim is never dated after its article.
    let articles = [
        ("harbour.txt", "Source: The Harbour Gazette\nURL: https://gazette.example/ports\n\n"
            + "Foreign Minister Ilka Brannock said on 2031-03-04 that her country supported new sanctions against the regime.\n"
            + "Chancellor Torvald Ekberg said on 2031-03-05 that a ceasefire must come first.\n", "2031-03-06"),
        ("capital.txt", "Foreign Minister Ilka Brannock said on 2031-05-20 that her country opposed any new sanctions against the regime.\n"
            + "Chancellor Torvald Ekberg met President Anselm Duret in Port Alder on 2031-05-21.\n", "2031-05-22"),
        ("summit.txt", "Chancellor Torvald Ekberg said on 2031-06-02 that he supported new sanctions against the regime.\n", "2031-06-03"),
    ]
    for (name, text, dct) in articles {
        let reply = try daemon.request("POST", "/v1/documents?name=\(name)&dct=\(dct)", body: Array(text.utf8))
        #expect(reply.status == 201, "\(reply.text)")
    }
}

extension XMLElement {
    /// Children named `name` (in GraphML's namespace, which is the document's default).
    func graphML(_ name: String) -> [XMLElement] { elements(forName: name) }

    /// An attribute's value. (swift-corelibs-foundation's `attribute(forName:)` finds none on an
    /// element in a namespace.)
    func value(_ name: String) -> String? { attributes?.first { $0.name == name }?.stringValue }
}

@Suite("claimctl export, every format, through the live daemon", .serialized)
struct ExportCommandTests {
    /// Runs `claimctl export` into a file and returns its text.
    func export(_ daemon: DaemonProcess, _ arguments: [String]) throws -> String {
        let file = daemon.state.path + "/export-\(UUID().uuidString.prefix(6))"
        let result = try daemon.claimctl(["export"] + arguments + ["-o", file])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
    }

    @Test("csv and jsonl hold every claim and event with their source; the csv parses back")
    func flatFormats() throws {
        let daemon = try DaemonProcess()
        try dropExportArticles(into: daemon)
        let claims = try jsonArray(try daemon.claimctl(["claims", "--json", "--limit", "1000"]).stdout)
        let events = try jsonArray(try daemon.claimctl(["events", "--json", "--limit", "1000"]).stdout)
        #expect(claims.count >= 4 && events.count >= 1)

        let records = parseCSV(try export(daemon, ["--format", "csv"]))
        let header = try #require(records.first)
        let rows = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        #expect(rows.count == claims.count + events.count)
        #expect(Set(rows.filter { $0["kind"] == "claim" }.compactMap { $0["quote"] }) == Set(claims.compactMap { $0["text"] as? String }))
        #expect(rows.contains { $0["source"] == "The Harbour Gazette" && $0["url"] == "https://gazette.example/ports" })
        #expect(rows.contains { $0["actor"] == "Ilka Brannock" && $0["stance"] == "oppose" && $0["previousStance"] == "support" })
        #expect(rows.allSatisfy { Int($0["start"] ?? "") != nil && Int($0["end"] ?? "") != nil && !($0["documentSha256"] ?? "").isEmpty })

        let sanctions = try export(daemon, ["--format", "jsonl", "--topic", "sanctions"]).split(separator: "\n")
        let objects = try sanctions.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.count == claims.count { $0["topic"] as? String == "sanctions" }, "a topic selects claims alone")
        #expect(objects.allSatisfy { $0["topic"] as? String == "sanctions" && $0["confidence"] is Double })

        let unwritable = try daemon.claimctl(["export", "--format", "csv", "-o", "/nonexistent-dir/x.csv"])
        #expect(unwritable.status == 73 && unwritable.stderr.contains("/nonexistent-dir/x.csv"))
    }

    @Test("TimelineJS has its title, and a dated, grouped slide with a headline per claim and event")
    func timelineJS() throws {
        let daemon = try DaemonProcess()
        try dropExportArticles(into: daemon)
        let text = try export(daemon, ["--format", "timelinejs", "--title", "Spring 2031"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(((object["title"] as? [String: Any])?["text"] as? [String: Any])?["headline"] as? String == "Spring 2031")
        let slides = try #require(object["events"] as? [[String: Any]])
        #expect(slides.count == daemon.count("claims") + daemon.count("events"))
        for slide in slides {
            let date = try #require(slide["start_date"] as? [String: Any])
            #expect(date["year"] as? Int == 2031)
            #expect(((slide["text"] as? [String: Any])?["headline"] as? String)?.isEmpty == false)
            #expect(slide["group"] is String && slide["unique_id"] is String)
        }
    }

    @Test("GraphML is well-formed XML with the actors, topics and stance-weighted edges of the claims")
    func graphML() throws {
        let daemon = try DaemonProcess()
        try dropExportArticles(into: daemon)
        let claims = try jsonArray(try daemon.claimctl(["claims", "--json", "--limit", "1000"]).stdout)
        let actors = Set(claims.compactMap { ($0["actor"] as? [String: Any])?["name"] as? String })
        let topics = Set(claims.compactMap { $0["topic"] as? String })

        let document = try XMLDocument(xmlString: try export(daemon, ["--format", "graphml"]))
        let root = try #require(document.rootElement())
        #expect(root.name == "graphml" && root.uri == "http://graphml.graphdrawing.org/xmlns")
        let graph = try #require(root.graphML("graph").first)
        func data(_ element: XMLElement, _ key: String) -> String? {
            element.graphML("data").first { $0.value("key") == key }?.stringValue
        }
        let nodes = graph.graphML("node")
        #expect(Set(nodes.filter { data($0, "type") == "actor" }.compactMap { data($0, "label") }) == actors)
        #expect(Set(nodes.filter { data($0, "type") == "topic" }.compactMap { data($0, "label") }) == topics)
        let edges = graph.graphML("edge")
        #expect(edges.reduce(0) { $0 + (Double(data($1, "weight") ?? "") ?? 0) } == Double(claims.count), "the weights add up to the claims")
        let ids = Dictionary(uniqueKeysWithValues: nodes.map { ($0.value("id")!, data($0, "label")!) })
        let brannock = try #require(edges.first { ids[$0.value("source")!] == "Ilka Brannock"
                && ids[$0.value("target")!] == "sanctions" })
        #expect(data(brannock, "support") == "1" && data(brannock, "oppose") == "1" && data(brannock, "stance") == "0")

        let conflict = try XMLDocument(xmlString: try export(daemon, ["--format", "graphml", "--network", "conflict"]))
        let conflictGraph = try #require(conflict.rootElement()?.graphML("graph").first)
        let conflictIDs = Dictionary(uniqueKeysWithValues: conflictGraph.graphML("node").map {
            ($0.value("id")!, data($0, "label")!)
        })
        let pairs = conflictGraph.graphML("edge").map {
            Set([conflictIDs[$0.value("source")!]!, conflictIDs[$0.value("target")!]!])
        }
        #expect(pairs.contains(["Ilka Brannock", "Torvald Ekberg"]), "Brannock opposed what Ekberg supported: \(pairs)")
    }

    @Test("the HTML page, rendered by headless Chromium, shows a lane per actor and a mark per claim; the topic filter and the detail work",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), "chromium is not installed: HTML page test SKIPPED"))
    func htmlPage() throws {
        let daemon = try DaemonProcess()
        try dropExportArticles(into: daemon)
        let claims = try jsonArray(try daemon.claimctl(["claims", "--json", "--limit", "1000"]).stdout)
        let file = daemon.state.path + "/timeline.html"
        let exported = try daemon.claimctl(["export", "--format", "html", "--title", "Spring 2031", "-o", file])
        #expect(exported.status == 0, "\(exported.stderr)")
        let html = try String(contentsOfFile: file, encoding: .utf8)
        #expect(!html.contains("src=") && !html.contains("<link"), "nothing is fetched")

        let changed = try #require(claims.first { $0["previousStance"] != nil }, "a stance change")
        let changedID = changed["id"] as? Int ?? -1
        let dom = try renderedDOM(file + "#topics=sanctions&claim=\(changedID)")
        let page = try XMLDocument(xmlString: dom, options: [.documentTidyHTML])
        func nodes(_ xpath: String) throws -> [XMLNode] { try page.nodes(forXPath: xpath) }
        let actors = Set(claims.compactMap { ($0["actor"] as? [String: Any])?["name"] as? String })
        let lanes = try nodes("//div[@class='lane']/@data-actor").compactMap(\.stringValue)
        #expect(actors.isSubset(of: Set(lanes)), "a lane per actor: \(lanes)")
        let marks = try nodes("//button[@data-kind='claim']")
        #expect(marks.count == claims.count)
        // The filter (from the link) hid every claim not on sanctions, and only those.
        for case let mark as XMLElement in marks {
            let hidden = mark.value("class")?.split(separator: " ").contains("hidden") == true
            #expect(hidden == (mark.value("data-topic") != "sanctions"))
        }
        let ring = try nodes("//button[@data-kind='claim' and @data-id='\(changedID)']/@class").first?.stringValue ?? ""
        #expect(ring.contains("changed") && ring.contains(changed["stance"] as? String ?? "?"))
        // The detail panel of the linked claim: its quote and its source.
        let detail = try #require(try nodes("//aside[@id='detail']").first as? XMLElement)
        #expect(detail.value("hidden") == nil, "the panel is open")
        #expect(detail.stringValue?.contains(changed["text"] as? String ?? "?") == true)
        #expect(detail.stringValue?.contains("(was \(changed["previousStance"] as? String ?? "?"))") == true)
        let sourced = try #require(claims.first { ($0["document"] as? [String: Any])?["url"] != nil })
        let sourcedDOM = try XMLDocument(xmlString: try renderedDOM(file + "#claim=\(sourced["id"] as? Int ?? -1)"), options: [.documentTidyHTML])
        let link = try sourcedDOM.nodes(forXPath: "//aside[@id='detail']//a/@href").first?.stringValue
        #expect(link == "https://gazette.example/ports")
    }

    /// The DOM after the page's scripts ran, from `chromium --dump-dom`.
    private func renderedDOM(_ url: String) throws -> String {
        let profile = try TemporaryDirectory("claimd-chromium")
        let result = try run("/usr/bin/chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)",
                                                    "--dump-dom", "file://" + url])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }
}
