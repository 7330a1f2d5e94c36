import Foundation
import Testing

@Suite("corrections: kept as overrides, applied to every extraction, undoable", .serialized)
struct CorrectionTests {
    /// The claims of `actor` (exact name) as `day stance topic`.
    private func claims(_ daemon: DaemonProcess, _ arguments: [String]) throws -> [[String: Any]] {
        try jsonArray(try daemon.claimctl(["claims", "--limit", "1000", "--json"] + arguments).stdout)
    }

    private func actorNames(_ daemon: DaemonProcess) throws -> [String] {
        try jsonArray(try daemon.claimctl(["actors", "--json"]).stdout).compactMap { $0["name"] as? String }
    }

    @Test("merges, renames, rejections and settings survive reprocess --all after a lexicon change; corrections lists and undoes them")
    func correctionsSurviveReprocess() throws {
        let lexicon = try DaemonWithLexicon()
        let daemon = lexicon.daemon
        try ingest(daemon, "jan.txt", supportsSanctions, dct: "2031-01-10")
        try ingest(daemon, "perhaps.txt", "Perhaps Brannock said that Ostrel supported new sanctions against the regime.\n", dct: "2031-01-20")
        try ingest(daemon, "feb.txt", "Former Brannock said she opposed new sanctions against the regime.\n", dct: "2031-02-10")
        try ingest(daemon, "vell.txt", "Harbour Master Oskar Vell said he opposed the new sanctions.\n", dct: "2031-02-20")
        try ingest(daemon, "fees.txt", "Foreign Minister Ilka Brannock said that her country opposed the new harbour fees and supported new sanctions "
                   + "against the regime.\n", dct: "2031-03-01")
        // Articles that name her by surname alone make an actor "Brannock" of their own.
        #expect(try actorNames(daemon).contains("Brannock"))

        // "Brannock" is Ilka Brannock; the harbour master is Oskar Vell.
        let merge = try daemon.claimctl(["actors", "merge", "Brannock", "Ilka Brannock", "--reason", "the same minister"])
        #expect(merge.status == 0 && merge.stdout.contains("merge Brannock into Ilka Brannock"), "\(merge.stdout)\(merge.stderr)")
        #expect(try daemon.claimctl(["actors", "rename", "Harbour Master Oskar Vell", "Oskar Vell"]).status == 0)
        let junk = try #require(try jsonArray(try daemon.claimctl(["search", "Ostrel", "--json"]).stdout).first?["id"] as? Int)
        #expect(try daemon.claimctl(["claims", "reject", "\(junk)", "--reason", "no such person"]).status == 0)
        let vell = try #require(try claims(daemon, ["--actor", "Oskar Vell"]).first?["id"] as? Int)
        #expect(try daemon.claimctl(["claims", "set", "\(vell)", "--stance", "conditional", "--reason", "only if the port reopens"]).status == 0)
        #expect(try daemon.claimctl(["claims", "set", "\(vell)", "--topic", "sanctons"]).status == 2, "a misspelt topic")
        #expect(try daemon.claimctl(["actors", "merge", "Nobody Atall", "Ilka Brannock"]).status == 1, "no such actor")

        func checkCorrected() throws {
            let names = try actorNames(daemon)
            #expect(!names.contains("Brannock") && !names.contains("Harbour Master Oskar Vell") && names.contains("Oskar Vell"), "\(names)")
            let brannock = try claims(daemon, ["--actor", "Ilka Brannock", "--topic", "sanctions"])
            #expect(brannock.contains { $0["day"] as? String == "2031-02-10" && $0["stance"] as? String == "oppose" }, "the merged claim is hers")
            #expect(try claims(daemon, ["--actor", "Oskar Vell"]).map { $0["stance"] as? String } == ["conditional"])
            #expect(try jsonArray(try daemon.claimctl(["search", "Ostrel", "--json"]).stdout).isEmpty, "the rejected claim stays out")
            // Her changes run through the merged claim: support → oppose in February, back in March.
            let changes = try jsonArray(try daemon.claimctl(["changes", "--actor", "Ilka Brannock", "--topic", "sanctions", "--json"]).stdout)
            #expect(changes.map(changeKey).contains("Ilka Brannock|sanctions|2031-01-10 support → 2031-02-10 oppose"), "\(changes.map(changeKey))")
        }
        try checkCorrected()

        // A better lexicon, and every stored article extracted again: the corrections hold.
        try lexicon.learnHarbourFees()
        #expect(try daemon.claimctl(["reprocess", "--all", "--wait"]).status == 0)
        try checkCorrected()
        #expect(try claims(daemon, ["--topic", "harbour-fees"]).map { $0["stance"] as? String } == ["oppose"], "the new lexicon is used")

        let list = try jsonArray(try daemon.claimctl(["corrections", "--json"]).stdout)
        #expect(list.compactMap { $0["kind"] as? String } == ["merge", "rename", "reject", "set"])
        #expect(list.allSatisfy { ($0["madeBy"] as? [String: Any])?["uid"] as? Int == Int(getuid()) && ($0["madeAt"] as? String)?.hasSuffix("Z") == true })
        #expect(list.first?["reason"] as? String == "the same minister")
        let table = try daemon.claimctl(["corrections"])
        #expect(table.stdout.contains("rename Harbour Master Oskar Vell to Oskar Vell") && table.stdout.contains("only if the port reopens"),
                "\(table.stdout)")

        // Taking the rename back brings the extracted name back.
        let rename = try #require(list.first { $0["kind"] as? String == "rename" }?["id"] as? Int)
        let undo = try daemon.claimctl(["corrections", "undo", "\(rename)"])
        #expect(undo.status == 0 && undo.stdout.contains("Took back correction \(rename)"), "\(undo.stdout)\(undo.stderr)")
        let names = try actorNames(daemon)
        #expect(names.contains("Harbour Master Oskar Vell") && !names.contains("Oskar Vell"), "\(names)")
        #expect(try jsonArray(try daemon.claimctl(["corrections", "--json"]).stdout).count == 3)
        #expect(try daemon.claimctl(["corrections", "undo", "\(rename)"]).status == 1, "taken back already")
    }
}
