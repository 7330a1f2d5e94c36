import Foundation
import Testing

/// A daemon whose topics come from a file of its own (a copy of the defaults), so that a test
/// can change its lexicon.
final class DaemonWithLexicon {
    let daemon: DaemonProcess
    let topics: String

    init() throws {
        let state = try TemporaryDirectory()
        topics = state.path + "/topics.toml"
        let defaults = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Config/topics.toml").standardized
        try FileManager.default.copyItem(atPath: defaults.path, toPath: topics)
        daemon = try DaemonProcess(state: state, settings: "[extraction]\ntopics = \"\(topics)\"\n")
    }

    /// Teaches the lexicon the topic `harbour-fees` and reloads it.
    func learnHarbourFees() throws {
        try (try String(contentsOfFile: topics, encoding: .utf8) + """

            [[topic]]
            id = "harbour-fees"
            proposition = "harbour fees should be raised"
            cues = ["harbour fee", "harbour fees"]

            """).write(toFile: topics, atomically: true, encoding: .utf8)
        #expect(try daemon.request("POST", "/v1/reload").status == 200)
    }
}

@Suite("re-dating, forgetting and re-extracting stored documents through claimctl", .serialized)
struct DocumentCorrectionTests {
    @Test("documents redate gives a document another date; its claims and events are dated against it")
    func redate() throws {
        let daemon = try DaemonProcess()
        try daemon.drop("truce.txt", contents: datelineArticle(on: day("2030-06-12")), modified: day("2030-06-13"))
        #expect(eventually { daemon.count("documents") == 1 })
        let before = try jsonArray(try daemon.claimctl(["claims", "--actor", "Ilka Brannock", "--json"]).stdout)
        #expect(before.allSatisfy { ($0["day"] as? String ?? "9") <= "2030-06-12" })

        let result = try daemon.claimctl(["documents", "redate", "truce.txt", "2031-02-27"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("dated 27 Feb 2031"), "\(result.stdout)")
        let claims = try jsonArray(try daemon.claimctl(["claims", "--actor", "Ilka Brannock", "--json"]).stdout)
        #expect(claims.count == before.count)
        for claim in claims {
            let dct = try #require((claim["document"] as? [String: Any])?["dct"] as? [String: Any])
            #expect(dct["value"] as? String == "2031-02-27")
            let day = try #require(claim["day"] as? String)
            #expect(day <= "2031-02-27" && day >= "2031-02-20", "dated against the new date: \(day)")
        }
        // "on Thursday" is now a Thursday of the week up to 27 February 2031 (itself a Thursday).
        let events = try jsonArray(try daemon.claimctl(["events", "--actor", "Ilka Brannock", "--json"]).stdout)
        #expect(events.contains { ["2031-02-20", "2031-02-27"].contains($0["day"] as? String ?? "") }, "\(events.map { $0["day"] ?? "" })")
        #expect(!events.contains { ($0["day"] as? String ?? "").hasPrefix("2030-06") }, "no event is left of the old date")

        #expect(try daemon.claimctl(["documents", "redate", "nothing-like-it.txt", "2031-02-27"]).status == 1)
        #expect(try daemon.claimctl(["documents", "redate", "truce.txt", "27/02/2031"]).status == 2)
    }

    @Test("documents forget leaves no trace of the document: claims, events, search, changes, its own actors")
    func forget() throws {
        let daemon = try DaemonProcess()
        try ingest(daemon, "jan.txt", supportsSanctions, dct: "2031-01-10")
        let dropped = try ingest(daemon, "feb.txt", opposesSanctions + "Harbour Master Oskar Vell said he opposed the new sanctions.\n",
                                 dct: "2031-02-10")
        let sha = try #require((dropped["document"] as? [String: Any])?["sha256"] as? String)
        #expect(daemon.count("stanceChanges") == 1)
        #expect(!(try jsonArray(try daemon.claimctl(["search", "opposed", "--json"]).stdout)).isEmpty)

        let result = try daemon.claimctl(["documents", "forget", String(sha.prefix(12))])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(daemon.count("documents") == 1 && daemon.count("stanceChanges") == 0)
        #expect(try jsonArray(try daemon.claimctl(["search", "opposed", "--json"]).stdout).isEmpty, "gone from the search index")
        let claims = try jsonArray(try daemon.claimctl(["claims", "--limit", "1000", "--json"]).stdout)
        #expect(claims.allSatisfy { (($0["document"] as? [String: Any])?["sha256"] as? String) != sha })
        #expect(try jsonArray(try daemon.claimctl(["changes", "--json"]).stdout).isEmpty)
        let actors = try jsonArray(try daemon.claimctl(["actors", "--json"]).stdout).compactMap { $0["name"] as? String }
        #expect(!actors.contains { $0.contains("Vell") }, "an actor only the document named goes with it: \(actors)")
        let brannock = try jsonArray(try daemon.claimctl(["actors", "--json"]).stdout).first { ($0["name"] as? String)?.contains("Brannock") == true }
        #expect(brannock?["claims"] as? Int == 1, "the totals are counted again")
        // The same content can be handed in again: nothing remembers it.
        #expect(try ingest(daemon, "feb.txt", opposesSanctions + "Harbour Master Oskar Vell said he opposed the new sanctions.\n",
                           dct: "2031-02-10")["status"] as? String == "stored")
    }

    @Test("reprocess --all after a lexicon reload extracts stored articles again with it, in the background, with progress")
    func reprocessAfterReload() throws {
        let lexicon = try DaemonWithLexicon()
        let daemon = lexicon.daemon
        let text = "Foreign Minister Ilka Brannock said that her country opposed the new harbour fees and supported new sanctions against the regime.\n"
        try ingest(daemon, "fees.txt", text, dct: "2031-03-01")
        try ingest(daemon, "other.txt", supportsSanctions, dct: "2031-02-01")
        #expect(try jsonArray(try daemon.claimctl(["claims", "--topic", "sanctions", "--json"]).stdout).count == 2)
        #expect(try jsonArray(try daemon.claimctl(["claims", "--limit", "1000", "--json"]).stdout).count == 2,
                "the fees are no topic yet")
        #expect(try daemon.claimctl(["reprocess"]).status == 2, "one of --all, --since or DOC is needed")

        // The lexicon learns a topic; the stored article is read again with it.
        try lexicon.learnHarbourFees()
        let run = try daemon.claimctl(["reprocess", "--all", "--wait"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("Extracting 2 documents again") && run.stdout.contains("Done: 2 extracted again, 0 failed"), "\(run.stdout)")

        let fees = try jsonArray(try daemon.claimctl(["claims", "--topic", "harbour-fees", "--json"]).stdout)
        #expect(fees.map { $0["stance"] as? String } == ["oppose"], "\(fees)")
        let sanctions = try jsonArray(try daemon.claimctl(["claims", "--topic", "sanctions", "--json"]).stdout)
        #expect(sanctions.map { $0["stance"] as? String } == ["support", "support"], "\(sanctions)")
        #expect(daemon.count("documents") == 2)
        let status = try daemon.claimctl(["status"])
        #expect(status.stdout.contains("Reprocess: 2 of 2 documents, done"), "\(status.stdout)")
        let since = try daemon.claimctl(["reprocess", "--since", "2031-03", "--wait"])
        #expect(since.stdout.contains("Extracting 1 documents again"), "\(since.stdout)")
    }
}
