import Foundation
import Testing

/// The project's five-article development chain, beside the repository in development and CI only.
let devChainDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../shared/eval/dev").standardized.path

/// A change as `actor|topic|from-day from → to-day to`: the same in two stores, whatever the ids.
func changeKey(_ change: [String: Any]) -> String {
    let from = change["from"] as? [String: Any] ?? [:], to = change["to"] as? [String: Any] ?? [:]
    let actor = (change["actor"] as? [String: Any])?["name"] as? String ?? ""
    return "\(actor)|\(change["topic"] as? String ?? "")|\(from["day"] as? String ?? "") \(from["stance"] as? String ?? "")"
        + " → \(to["day"] as? String ?? "") \(to["stance"] as? String ?? "")"
}

/// Sends `text` through `claimctl ingest --dct` and returns its JSON report.
@discardableResult
func ingest(_ daemon: DaemonProcess, _ name: String, _ text: String, dct: String) throws -> [String: Any] {
    let path = daemon.state.path + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let result = try daemon.claimctl(["ingest", path, "--dct", dct, "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
}

let supportsSanctions = "Foreign Minister Ilka Brannock said that her country supported new sanctions against the regime.\n"
let opposesSanctions = "Foreign Minister Ilka Brannock said that her country opposed any new sanctions against the regime and wanted them lifted.\n"

@Suite("stance changes: every one reported, whatever the arrival order; claimctl changes", .serialized)
struct ChangesTests {
    @Test("an older article arriving between two others reports both changes it makes, with both claims")
    func lateArticleSplitsAChange() throws {
        let daemon = try DaemonProcess()
        #expect(try ingest(daemon, "jan.txt", supportsSanctions, dct: "2031-01-10")["stanceChanges"] as? Int == 0)
        #expect(try ingest(daemon, "mar.txt", supportsSanctions + "Ref March.\n", dct: "2031-03-10")["stanceChanges"] as? Int == 0)
        // February's archive article arrives last: support → oppose in February, oppose → support in March.
        let late = try ingest(daemon, "feb.txt", opposesSanctions, dct: "2031-02-10")
        #expect(late["stanceChanges"] as? Int == 2, "\(late)")

        let listed = try daemon.claimctl(["changes", "--actor", "Ilka Brannock", "--json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let changes = try jsonArray(listed.stdout)
        #expect(changes.map(changeKey) == ["Ilka Brannock|sanctions|2031-01-10 support → 2031-02-10 oppose",
                                           "Ilka Brannock|sanctions|2031-02-10 oppose → 2031-03-10 support"])
        for change in changes {
            let from = try #require(change["from"] as? [String: Any]), to = try #require(change["to"] as? [String: Any])
            #expect(from["id"] is Int && to["id"] is Int && from["id"] as? Int != to["id"] as? Int, "both claims, with their ids")
            #expect(to["previousStance"] as? String == from["stance"] as? String)
        }
        #expect(daemon.count("stanceChanges") == 2)

        let since = try jsonArray(try daemon.claimctl(["changes", "--topic", "sanctions", "--since", "2031-03", "--json"]).stdout)
        #expect(since.map(changeKey) == ["Ilka Brannock|sanctions|2031-02-10 oppose → 2031-03-10 support"])
        #expect(try jsonArray(try daemon.claimctl(["changes", "--topic", "ceasefire", "--json"]).stdout).isEmpty)
        #expect(try daemon.claimctl(["changes", "--topic", "sanctons"]).status == 2, "a misspelt topic is a usage error")

        let table = try daemon.claimctl(["changes"])
        #expect(table.status == 0 && table.stdout.hasPrefix("DATE"), "\(table.stdout)")
        #expect(table.stdout.contains("10 Feb 2031") && table.stdout.contains("10 Mar 2031") && table.stdout.contains("oppose"))
    }

    // That each is journaled is JournalTests' (one journald for the suites that read it).
    @Test("the five-article dev chain gives the same stance changes in reverse date order as in date order",
          .enabled(if: FileManager.default.fileExists(atPath: devChainDirectory + "/dev-01.txt"),
                   "../shared/eval/dev is absent: DEV-CHAIN ORDER CHECK SKIPPED"))
    func devChainInEitherOrder() throws {
        var articles: [(text: String, dct: String)] = []
        for index in 1...5 {
            let gold = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: devChainDirectory + "/dev-0\(index).json")))
            let dct = try #require((gold as? [String: Any])?["dct"] as? String)
            articles.append((try String(contentsOfFile: devChainDirectory + "/dev-0\(index).txt", encoding: .utf8), dct))
        }
        var found: [Set<String>] = []
        for order in [articles, articles.reversed()] {
            let daemon = try DaemonProcess()
            var reported = 0
            for (index, article) in order.enumerated() {
                reported += try ingest(daemon, "dev-\(index).txt", article.text, dct: article.dct)["stanceChanges"] as? Int ?? 0
            }
            let changes = try jsonArray(try daemon.claimctl(["changes", "--limit", "1000", "--json"]).stdout)
            #expect(reported >= changes.count, "every stored change was reported when it was found")
            found.append(Set(changes.map(changeKey)))
        }
        #expect(!found[0].isEmpty, "the chain holds stance changes")
        #expect(found[0] == found[1], "in date order only: \(found[0].subtracting(found[1])); in reverse only: \(found[1].subtracting(found[0]))")
    }
}

@Suite("actor identity: an --actor that matches several actors", .serialized)
struct ActorMatchTests {
    @Test("--actor matching two people lists them and exits 2, unless --all-matches; a full name picks one")
    func sharedSurname() throws {
        let daemon = try DaemonProcess()
        try ingest(daemon, "ilka.txt", supportsSanctions, dct: "2031-01-10")
        try ingest(daemon, "aron.txt", "Defence Minister Aron Brannock said that he opposed any new sanctions against the regime.\n", dct: "2031-01-12")
        for command in [["claims"], ["timeline"], ["events"], ["changes"]] {
            let mixed = try daemon.claimctl(command + ["--actor", "Brannock"])
            #expect(mixed.status == 2, "\(command): \(mixed.stdout)")
            #expect(mixed.stderr.contains("Ilka Brannock") && mixed.stderr.contains("Aron Brannock") && mixed.stderr.contains("--all-matches"),
                    "\(mixed.stderr)")
        }
        let all = try jsonArray(try daemon.claimctl(["claims", "--actor", "Brannock", "--all-matches", "--json"]).stdout)
        #expect(Set(all.compactMap { ($0["actor"] as? [String: Any])?["name"] as? String }) == ["Ilka Brannock", "Aron Brannock"])
        let one = try daemon.claimctl(["claims", "--actor", "Aron Brannock", "--json"])
        let aron = try jsonArray(one.stdout)
        #expect(one.status == 0 && !aron.isEmpty && aron.allSatisfy { ($0["actor"] as? [String: Any])?["name"] as? String == "Aron Brannock" })
    }
}
