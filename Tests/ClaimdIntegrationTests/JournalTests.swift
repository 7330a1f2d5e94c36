import Foundation
import Testing

/// A real `systemd-journald`, started standalone for the test when none runs (needs root).
final class StandaloneJournald: @unchecked Sendable {
    static let binary = "/lib/systemd/systemd-journald"
    static let socket = "/run/systemd/journal/socket"
    private var process: Process?

    static var canRun: Bool { isRoot() && FileManager.default.isExecutableFile(atPath: binary) }

    init() throws {
        if Self.isListening { return } // one is running already: use it
        // A socket file left by a journald that was killed takes no entries: start a new one.
        try? FileManager.default.removeItem(atPath: Self.socket)
        try FileManager.default.createDirectory(atPath: "/run/systemd/journal", withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        guard eventually(within: 10, { Self.isListening }) else {
            throw HarnessError.io("systemd-journald did not listen on \(Self.socket)")
        }
    }

    /// Whether a journald receives on the socket: a datagram `connect` is refused when the
    /// file is there but nobody listens.
    static var isListening: Bool {
        guard let fd = connectUnix(socket, type: Int32(SOCK_DGRAM.rawValue)) else { return false }
        close(fd)
        return true
    }

    /// The matching entries once at least `count` are there (journald writes a moment after the
    /// daemon's commit, which is what the test waits on), or whatever is there after 10 s.
    func entries(_ matches: [String], atLeast count: Int) throws -> [[String: Any]] {
        var found: [[String: Any]] = []
        _ = try eventually(within: 10) {
            found = try entries(matches)
            return found.count >= count
        }
        return found
    }

    /// Entries of `journalctl -o json` that match every `FIELD=value` given.
    func entries(_ matches: [String]) throws -> [[String: Any]] {
        let result = try run("/usr/bin/journalctl", ["--no-pager", "-o", "json", "--all"] + matches)
        return result.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    deinit {
        guard let process, process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: Self.socket)
    }
}

@Suite("journal entries, read back from a real systemd-journald", .serialized,
       .enabled(if: StandaloneJournald.canRun, "needs root and /lib/systemd/systemd-journald: journal tests SKIPPED"))
struct JournalTests {
    @Test("ingested documents, claims and failures are structured journal entries")
    func structuredEntries() throws {
        let journald = try StandaloneJournald()
        let daemon = try DaemonProcess()
        // Unique content, so this run's entries are told apart from any earlier ones.
        let marker = UUID().uuidString
        try daemon.drop("summit.txt", contents: try fixture("summit.txt") + Data("\nRef \(marker).\n".utf8), modified: day("2024-12-19"))
        try daemon.drop("broken.bin", contents: Data([0, 159, 146, 150]))
        #expect(eventually { daemon.count("documents") == 1 && daemon.count("failed") == 1 })

        var found: [String: Any]?
        _ = try eventually(within: 10) {
            found = try journald.entries(["SYSLOG_IDENTIFIER=claimd", "MESSAGE_ID=a9ba06c9a048484098218df8a1468417"])
                .last { ($0["CLAIMD_DOC_PATH"] as? String)?.hasPrefix(daemon.processed) == true }
            return found != nil
        }
        let ingested = try #require(found, "the 'document ingested' entry")
        let sha = try #require(ingested["CLAIMD_DOC_SHA256"] as? String)
        #expect(sha.count == 64)
        #expect(ingested["CLAIMD_DATE"] as? String == "2024-12-19")
        #expect(ingested["PRIORITY"] as? String == "6")

        // journalctl -t claimd CLAIMD_ACTOR="Volodymyr Zelensky" finds his claims.
        let claims = try journald.entries(["-t", "claimd", "CLAIMD_ACTOR=Volodymyr Zelensky", "CLAIMD_DOC_SHA256=\(sha)",
                                           "MESSAGE_ID=f56b4248289d44f7b223acd24ac86af7"], atLeast: 1)
        #expect(!claims.isEmpty)
        for claim in claims {
            #expect(claim["CLAIMD_TOPIC"] is String && claim["CLAIMD_STANCE"] is String)
            #expect(claim["CLAIMD_DATE"] as? String == "2024-12-19")
        }

        try daemon.drop("copy.txt", contents: try fixture("summit.txt") + Data("\nRef \(marker).\n".utf8))
        #expect(eventually { FileManager.default.fileExists(atPath: daemon.processed + "/copy.txt") })
        let duplicates = try journald.entries(["MESSAGE_ID=19e5181c98fb4c698147b4340563a806", "CLAIMD_DOC_SHA256=\(sha)"], atLeast: 1)
        #expect(duplicates.count == 1, "the second drop is reported as a duplicate")

        let failures = try journald.entries(["MESSAGE_ID=404949ea50e143f48f4af5d1ddbe52d6", "CLAIMD_DOC_PATH=\(daemon.inbox)/broken.bin"], atLeast: 1)
        #expect(failures.count == 1)
        #expect(failures.first?["PRIORITY"] as? String == "3", "failures are logged at priority err")
        #expect((failures.first?["CLAIMD_REASON"] as? String)?.contains("NUL") == true)
    }

    @Test("a stance change is flagged in the journal with the previous stance")
    func stanceChange() throws {
        let journald = try StandaloneJournald()
        let daemon = try DaemonProcess()
        let first = "Foreign Minister Ilka Brannock said on Monday that her country supported new sanctions against the regime.\n"
        let second = "Foreign Minister Ilka Brannock said on Monday that her country opposed any new sanctions against the regime and wanted them lifted.\n"
        try daemon.drop("one.txt", contents: Data(first.utf8), modified: day("2024-03-05"))
        #expect(eventually { daemon.count("documents") == 1 })
        try daemon.drop("two.txt", contents: Data(second.utf8), modified: day("2024-09-10"))
        #expect(eventually { daemon.count("documents") == 2 })
        var changes: [[String: Any]] = []
        _ = try eventually(within: 10) {
            changes = try journald.entries(["MESSAGE_ID=e7c859545aaa46f487028458fea61932", "CLAIMD_TOPIC=sanctions"])
                .filter { ($0["CLAIMD_DOC_PATH"] as? String)?.hasPrefix(daemon.processed) == true }
            return !changes.isEmpty
        }
        #expect(changes.count == 1)
        #expect(changes.first?["CLAIMD_PREVIOUS_STANCE"] as? String == "support")
        #expect(changes.first?["CLAIMD_STANCE"] as? String == "oppose")
        #expect(daemon.count("stanceChanges") == 1)
    }

    @Test("an older article arriving late journals each change it makes at notice level, with both claims")
    func lateArticleChangesJournaled() throws {
        let journald = try StandaloneJournald()
        let daemon = try DaemonProcess()
        try ingest(daemon, "jan.txt", supportsSanctions, dct: "2031-01-10")
        try ingest(daemon, "mar.txt", supportsSanctions + "Ref March.\n", dct: "2031-03-10")
        try ingest(daemon, "feb.txt", opposesSanctions, dct: "2031-02-10")
        let changes = try jsonArray(try daemon.claimctl(["changes", "--json"]).stdout)
        #expect(changes.count == 2)
        let entries = try journald.entries(["MESSAGE_ID=e7c859545aaa46f487028458fea61932", "_PID=\(daemon.process.processIdentifier)"],
                                           atLeast: 2)
        #expect(entries.count == 2, "\(entries)")
        for change in changes {
            let from = try #require(change["from"] as? [String: Any]), to = try #require(change["to"] as? [String: Any])
            let entry = try #require(entries.first { $0["CLAIMD_TO_CLAIM_ID"] as? String == "\(to["id"] as? Int ?? -1)" }, "\(changeKey(change))")
            #expect(entry["PRIORITY"] as? String == "5")
            #expect(entry["CLAIMD_FROM_CLAIM_ID"] as? String == "\(from["id"] as? Int ?? -1)")
            #expect(entry["CLAIMD_FROM_STANCE"] as? String == from["stance"] as? String)
            #expect(entry["CLAIMD_TO_STANCE"] as? String == to["stance"] as? String)
            #expect(entry["CLAIMD_FROM_DATE"] as? String == from["day"] as? String)
            #expect(entry["CLAIMD_TO_DATE"] as? String == to["day"] as? String)
            #expect((entry["CLAIMD_DOC_PATH"] as? String)?.hasSuffix("feb.txt") == true, "found by the late article")
        }
    }

    @Test("a dateline that disagrees with the file time by more than two days is journaled at warning level")
    func datelineDisagrees() throws {
        let journald = try StandaloneJournald()
        let daemon = try DaemonProcess()
        let datelineDay = day("2031-04-30")
        try daemon.drop("late.txt", contents: datelineArticle(on: datelineDay), modified: day("2031-05-20"))
        try daemon.drop("close.txt", contents: datelineArticle(on: day("2031-06-01")) + Data("More.\n".utf8), modified: day("2031-06-02"))
        #expect(eventually { daemon.count("documents") == 2 })
        let warnings = try journald.entries(["MESSAGE_ID=133cb4d81eb24eca8e6a5b154b920fc9"], atLeast: 1)
            .filter { ($0["CLAIMD_DOC_PATH"] as? String)?.hasPrefix(daemon.processed) == true }
        #expect(warnings.count == 1, "only the article 20 days from its file time: \(warnings)")
        let warning = try #require(warnings.first)
        #expect(warning["PRIORITY"] as? String == "4")
        #expect(warning["CLAIMD_DATE"] as? String == "2031-04-30")
        #expect(warning["CLAIMD_FILE_DATE"] as? String == "2031-05-20")
        #expect((warning["CLAIMD_DOC_PATH"] as? String)?.hasSuffix("late.txt") == true)
    }

    @Test("the daemon's start, reload and stop carry their own MESSAGE_IDs, with its pid")
    func lifecycleEntries() throws {
        let journald = try StandaloneJournald()
        let daemon = try DaemonProcess()
        let pid = "\(daemon.process.processIdentifier)"
        let reload = try daemon.request("POST", "/v1/reload")
        #expect(reload.status == 200)
        daemon.stop()
        for (kind, id) in [("ready", "ef23ec711b444899b62a959a82ef2ac3"), ("reloaded", "405bacfa75a9467a8d90e8dfa0fe9ddb"),
                           ("stopped", "6e343f4ab2ab43e8a8d789ab44f6ad3b")] {
            let found = try journald.entries(["MESSAGE_ID=\(id)", "_PID=\(pid)"], atLeast: 1)
            #expect(found.count == 1, "one '\(kind)' entry from this daemon")
        }
    }
}
