import Foundation
import Testing

/// The rows of a listing's page as `claimctl … --json` prints it (`{"items": […], "nextCursor": …}`),
/// or a plain JSON array (`claimd timex`).
func jsonArray(_ text: String) throws -> [[String: Any]] {
    let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return (value as? [String: Any])?["items"] as? [[String: Any]] ?? value as? [[String: Any]] ?? []
}

func day(_ iso: String) -> Date {
    let parts = iso.split(separator: "-").compactMap { Int($0) }
    return Calendar.current.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12))!
}

/// The article the project started from, beside the repository in development and CI only.
let seedArticlePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../shared/seeds/000_2d782f70c129929a.txt").standardized.path

@Suite("claimd end to end: inbox, store, socket, claimctl", .serialized)
struct DaemonTests {
    @Test("an article dropped in the inbox becomes dated claims and events that claimctl shows")
    func inboxToTimeline() throws {
        let daemon = try DaemonProcess()
        try daemon.drop("summit.txt", contents: try fixture("summit.txt"), modified: day("2024-12-19"))
        #expect(eventually { FileManager.default.fileExists(atPath: daemon.processed + "/summit.txt") }, "file moved to processed/")
        #expect(!FileManager.default.fileExists(atPath: daemon.inbox + "/summit.txt"))

        let result = try daemon.claimctl(["timeline", "--actor", "Zelensky", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let entries = try jsonArray(result.stdout)
        let claims = entries.compactMap { $0["claim"] as? [String: Any] }
        let topics = Set(claims.compactMap { $0["topic"] as? String })
        #expect(topics.isSuperset(of: ["security-guarantees", "peacekeeping", "ceasefire"]), "topics: \(topics)")
        #expect(claims.allSatisfy { ($0["date"] as? [String: Any])?["value"] as? String == "2024-12-19" })
        let events = entries.compactMap { $0["event"] as? [String: Any] }
        // The summit: a meeting (04) that is also a public statement (01), as the CAMEO coders allow.
        #expect(events.contains { $0["day"] as? String == "2024-12-19" && ["04", "01"].contains($0["type"] as? String ?? "") },
                "the summit event: \(events)")

        let ceasefire = try jsonArray(try daemon.claimctl(["claims", "--topic", "ceasefire", "--json"]).stdout)
        #expect(!ceasefire.isEmpty && ceasefire.allSatisfy { $0["topic"] as? String == "ceasefire" })
        #expect(ceasefire.allSatisfy { (($0["document"] as? [String: Any])?["dct"] as? [String: Any])?["source"] as? String == "mtime" })
        let storedEvents = try jsonArray(try daemon.claimctl(["events", "--actor", "Zelensky", "--since", "2024-12", "--json"]).stdout)
        #expect(storedEvents.contains { ($0["actors"] as? [String])?.contains("Volodymyr Zelensky") == true })
        #expect(try jsonArray(try daemon.claimctl(["events", "--until", "2024-11", "--json"]).stdout).isEmpty)
        let found = try jsonArray(try daemon.claimctl(["search", "peacekeepers", "--json"]).stdout)
        #expect(found.contains { $0["topic"] as? String == "peacekeeping" }, "stemmed full-text search")

        let table = try daemon.claimctl(["timeline", "--actor", "Zelensky"])
        #expect(table.status == 0)
        #expect(table.stdout.hasPrefix("DATE"))
        #expect(table.stdout.contains("19 Dec 2024") && table.stdout.contains("ceasefire"), "dates written out: \(table.stdout)")
        #expect(!table.stderr.contains("most recent"), "the whole timeline fits one page")

        // A page that is full says that there may be more, and returns the most recent rows.
        let page = try daemon.claimctl(["timeline", "--actor", "Zelensky", "--limit", "2"])
        #expect(page.stderr.contains("(The 2 most recent; --limit N or --since/--until for others.)"), "on stderr, so pipes get rows only")
        #expect(!page.stdout.contains("most recent"))
        let lastTwo = try jsonArray(try daemon.claimctl(["timeline", "--actor", "Zelensky", "--limit", "2", "--json"]).stdout)
        #expect(lastTwo.count == 2)
        #expect(lastTwo.compactMap { $0["day"] as? String } == entries.suffix(2).compactMap { $0["day"] as? String })
    }

    @Test("the project's seed article yields Zelensky's dated claims and the summit event",
          .enabled(if: FileManager.default.fileExists(atPath: seedArticlePath), "../shared/seeds is absent: seed check skipped"))
    func seedArticle() throws {
        let daemon = try DaemonProcess()
        try daemon.drop("seed.txt", contents: try Data(contentsOf: URL(fileURLWithPath: seedArticlePath)), modified: day("2024-12-19"))
        #expect(eventually { daemon.count("documents") == 1 })
        let entries = try jsonArray(try daemon.claimctl(["timeline", "--actor", "Zelensky", "--json"]).stdout)
        let claims = entries.compactMap { $0["claim"] as? [String: Any] }
        let topics = Set(claims.filter { ($0["date"] as? [String: Any])?["value"] as? String == "2024-12-19" }.compactMap { $0["topic"] as? String })
        #expect(topics.isSuperset(of: ["security-guarantees", "peacekeeping", "ceasefire"]), "topics: \(topics)")
        #expect(entries.contains { ($0["event"] as? [String: Any])?["day"] as? String == "2024-12-19" })
    }

    @Test("the same content dropped twice is stored once and reported as a duplicate")
    func duplicates() throws {
        let daemon = try DaemonProcess()
        let text = try fixture("summit.txt")
        try daemon.drop("first.txt", contents: text)
        #expect(eventually { daemon.count("documents") == 1 })
        let claims = daemon.count("claims")
        try daemon.drop("second.txt", contents: text)
        #expect(eventually { FileManager.default.fileExists(atPath: daemon.processed + "/second.txt") })
        #expect(daemon.count("documents") == 1)
        #expect(daemon.count("claims") == claims)
    }

    @Test("a burst of files is stored once each, copies within it as duplicates, and the inbox ends empty")
    func burst() throws {
        let daemon = try DaemonProcess()
        let base = try fixture("summit.txt")
        // Dropped together, they are prepared in parallel and committed in groups.
        for index in 0..<80 {
            try daemon.drop("burst-\(index).txt", contents: base + Data("\nItem \(index % 60).\n".utf8))
        }
        #expect(eventually(within: 60) { (try? FileManager.default.contentsOfDirectory(atPath: daemon.processed).count) == 80 })
        #expect(try FileManager.default.contentsOfDirectory(atPath: daemon.inbox).isEmpty)
        #expect(daemon.count("documents") == 60)
        #expect(daemon.count("failed") == 0)
        let single = try DaemonProcess()
        try single.drop("one.txt", contents: base + Data("\nItem 0.\n".utf8))
        #expect(eventually { single.count("documents") == 1 })
        #expect(daemon.count("claims") == 60 * single.count("claims"), "every stored copy has all its claims")

        // The workers that extracted ran below the daemon's own priority, so that the store's
        // writer, the pipeline's one serial stage, got a core whenever it had work.
        let pid = daemon.process.processIdentifier
        let workers = children(of: pid)
        let own = try #require(niceness(of: pid))
        #expect(!workers.isEmpty && workers.allSatisfy { niceness(of: $0) == min(19, own + 5) }, "\(workers.map { niceness(of: $0) })")
    }

    /// The processes whose parent is `pid`.
    private func children(of pid: Int32) -> [Int32] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.flatMap { task in
            ((try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? "").split(separator: " ").compactMap { Int32($0) }
        }
    }

    /// A process's nice value (`/proc/PID/stat`, field 19).
    private func niceness(of pid: Int32) -> Int? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 16 ? Int(fields[16]) : nil
    }

    @Test("hostile inputs end in failed/ with a reason and the daemon keeps running")
    func badInputs() throws {
        let daemon = try DaemonProcess()
        try daemon.drop("empty.txt", contents: Data())
        try daemon.drop("binary.bin", contents: Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x02]))
        try daemon.drop("latin1.txt", contents: Data("caf\u{E9} au lait".utf8.dropLast(9)) + Data([0xE9, 0x20, 0x61]))
        try FileManager.default.createDirectory(atPath: daemon.inbox + "/folder", withIntermediateDirectories: false)
        // A Latin-1 file name ("caf\u{E9}.txt"), not valid UTF-8.
        let rawName = Array((daemon.inbox + "/caf").utf8) + [0xE9] + Array(".txt".utf8) + [0]
        let fd = rawName.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
        #expect(fd >= 0)
        _ = write(fd, "text", 4)
        close(fd)
        try FileManager.default.createSymbolicLink(atPath: daemon.inbox + "/link.txt", withDestinationPath: "/etc/hostname")
        let expected = ["empty.txt": "empty", "binary.bin": "NUL", "latin1.txt": "invalid UTF-8", "folder": "directory",
                        "link.txt": "symbolic link", "caf_.txt": "file name is not valid UTF-8"]
        for (name, reason) in expected {
            #expect(eventually { FileManager.default.fileExists(atPath: daemon.failed + "/\(name).reason") }, "\(name) in failed/")
            let written = (try? String(contentsOfFile: daemon.failed + "/\(name).reason", encoding: .utf8)) ?? ""
            #expect(written.contains(reason), "\(name): \(written)")
        }
        // The reason file is written as the file moves; the store records the failure just after.
        #expect(eventually { daemon.count("failed") == 6 })
        #expect(daemon.count("documents") == 0)
        let listed = try jsonArray(try daemon.claimctl(["failed", "--json"]).stdout)
        #expect(listed.count == 6)
        #expect(listed.contains { ($0["path"] as? String)?.hasSuffix("/link.txt") == true && ($0["reason"] as? String)?.contains("symbolic link") == true })
        #expect(try daemon.claimctl(["failed"]).stdout.hasPrefix("WHEN"))
        // Still alive and ingesting.
        try daemon.drop("good.txt", contents: try fixture("summit.txt"))
        #expect(eventually { daemon.count("documents") == 1 })
    }

    @Test("temporary and hidden files are left alone until renamed")
    func ignoresWorkInProgress() throws {
        let daemon = try DaemonProcess()
        try Data("half written".utf8).write(to: URL(fileURLWithPath: daemon.inbox + "/article.txt.tmp"))
        try Data("hidden".utf8).write(to: URL(fileURLWithPath: daemon.inbox + "/.article.txt"))
        usleep(300_000)
        #expect(FileManager.default.fileExists(atPath: daemon.inbox + "/article.txt.tmp"))
        #expect(FileManager.default.fileExists(atPath: daemon.inbox + "/.article.txt"))
        try Data(try fixture("summit.txt")).write(to: URL(fileURLWithPath: daemon.inbox + "/article.txt.tmp"))
        #expect(rename(daemon.inbox + "/article.txt.tmp", daemon.inbox + "/article.txt") == 0)
        #expect(eventually { daemon.count("documents") == 1 })
    }

    @Test("files left in the inbox while stopped are ingested at start-up")
    func startupScan() throws {
        let state = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: state.path + "/var/inbox", withIntermediateDirectories: true)
        try fixture("summit.txt").write(to: URL(fileURLWithPath: state.path + "/var/inbox/waiting.txt"))
        let daemon = try DaemonProcess(state: state)
        // The file moves right after the commit: wait for the move, not just the count.
        #expect(eventually { FileManager.default.fileExists(atPath: daemon.processed + "/waiting.txt") })
        #expect(daemon.count("documents") == 1)
    }

    @Test("after kill -9 nothing stored is lost or duplicated")
    func crashSafety() throws {
        let state = try TemporaryDirectory()
        var daemon: DaemonProcess? = try DaemonProcess(state: state)
        let base = try fixture("summit.txt")
        for index in 0..<20 {
            try daemon!.drop("a\(index).txt", contents: base + Data("\nItem \(index).\n".utf8))
        }
        #expect(eventually { daemon!.count("documents") == 20 })
        let claims = daemon!.count("claims")
        daemon!.crash()
        daemon = nil
        let restarted = try DaemonProcess(state: state)
        #expect(restarted.count("documents") == 20)
        #expect(restarted.count("claims") == claims)
        try restarted.drop("again.txt", contents: base + Data("\nItem 3.\n".utf8))
        #expect(eventually { FileManager.default.fileExists(atPath: restarted.processed + "/again.txt") })
        #expect(restarted.count("documents") == 20)
    }

    @Test("a second daemon on the same state directory refuses to start instead of stealing the socket")
    func singleInstance() throws {
        let first = try DaemonProcess()
        let second = try run(Binaries.claimd, ["run", "--state-dir", first.stateDir])
        #expect(second.status != 0)
        #expect(second.stderr.contains("claimd.lock"))
        #expect(first.status() != nil, "the first daemon still answers")
    }

    @Test("SIGTERM stops the daemon cleanly and removes its socket")
    func gracefulStop() throws {
        let daemon = try DaemonProcess()
        #expect(daemon.stop() == 0)
        #expect(!FileManager.default.fileExists(atPath: daemon.socket))
    }
}

@Suite("socket activation")
struct SocketActivationTests {
    @Test("claimd serves a listening socket passed by the service manager, and leaves its file alone",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-socket-activate"),
                   "systemd-socket-activate is missing: socket activation test SKIPPED"))
    func servesInheritedSocket() throws {
        let dir = try TemporaryDirectory()
        let socket = dir.path + "/api.sock"
        // posix_spawn, not Foundation's Process: after systemd-socket-activate execs claimd, Process's
        // monitor thread blocks in wait4 on it and stops reaping every other child of the test.
        let activator = try spawn(["/usr/bin/systemd-socket-activate", "-l", socket,
                                   Binaries.claimd, "run", "--state-dir", dir.path + "/var", "--socket", socket])
        defer { activator.stop() }
        #expect(eventually { FileManager.default.fileExists(atPath: socket) })
        // The first connection starts claimd; it must answer that very connection.
        let reply = try httpRequest(socket: socket, method: "GET", path: "/v1/status", body: nil)
        #expect(reply.status == 200)
        #expect(reply.text.contains("\"documents\":0"))
        let status = try run(Binaries.claimctl, ["--socket", socket, "status", "--json"])
        #expect(status.status == 0)
        #expect(activator.stop() == 0, "claimd exits cleanly on SIGTERM")
        #expect(FileManager.default.fileExists(atPath: socket), "the socket file belongs to the service manager")
    }
}

@Suite("settings")
struct SettingsTests {
    @Test("a claimd.toml sets limits and paths; a file over max_file_bytes fails unread")
    func configFile() throws {
        let dir = try TemporaryDirectory()
        try """
            [paths]
            inbox = "drop"
            [inbox]
            max_file_bytes = 2000
            """.write(toFile: dir.path + "/claimd.toml", atomically: true, encoding: .utf8)
        let daemon = try DaemonProcess(state: dir, arguments: ["--config", dir.path + "/claimd.toml"])
        #expect(daemon.status()?["inbox"] as? String == dir.path + "/drop")
        let big = Data(repeating: UInt8(ascii: "a"), count: 5000)
        try big.write(to: URL(fileURLWithPath: dir.path + "/drop/.big.part"))
        #expect(rename(dir.path + "/drop/.big.part", dir.path + "/drop/big.txt") == 0)
        #expect(eventually { FileManager.default.fileExists(atPath: daemon.failed + "/big.txt.reason") })
        let reason = (try? String(contentsOfFile: daemon.failed + "/big.txt.reason", encoding: .utf8)) ?? ""
        #expect(reason.contains("2000-byte limit"), "\(reason)")
    }

    @Test("an invalid settings file stops claimd at start with exit status 78 and the reason")
    func invalidConfig() throws {
        let dir = try TemporaryDirectory()
        try "[socket]\nmode = \"rwx\"\n".write(toFile: dir.path + "/bad.toml", atomically: true, encoding: .utf8)
        let result = try run(Binaries.claimd, ["run", "--config", dir.path + "/bad.toml", "--state-dir", dir.path + "/var"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("socket.mode"))
        try "[paths\n".write(toFile: dir.path + "/broken.toml", atomically: true, encoding: .utf8)
        let broken = try run(Binaries.claimd, ["run", "--config", dir.path + "/broken.toml", "--state-dir", dir.path + "/var"])
        #expect(broken.status == 78 && broken.stderr.contains("line"))
        try "[inbox]\nmax_bytes = 10\n".write(toFile: dir.path + "/typo.toml", atomically: true, encoding: .utf8)
        let typo = try run(Binaries.claimd, ["run", "--config", dir.path + "/typo.toml", "--state-dir", dir.path + "/var"])
        #expect(typo.status == 78 && typo.stderr.contains("inbox.max_bytes"), "a misspelt key is reported, not ignored")
        try "[extraction]\nday_first = \"yes\"\n".write(toFile: dir.path + "/type.toml", atomically: true, encoding: .utf8)
        let wrongType = try run(Binaries.claimd, ["run", "--config", dir.path + "/type.toml", "--state-dir", dir.path + "/var"])
        #expect(wrongType.status == 78 && wrongType.stderr.contains("extraction.day_first must be true or false"))
    }
}

/// The tagger and parser models are read once at start-up: a missing or damaged model stops
/// claimd with exit status 78 and says which, instead of failing on the first article.
struct ModelStartupTests {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/ClaimSyntax/Models").standardized.path

    private func start(models: String, in dir: TemporaryDirectory) throws -> (status: Int32, stderr: String) {
        try "[extraction]\nmodels = \"\(models)\"\n".write(toFile: dir.path + "/models.toml", atomically: true, encoding: .utf8)
        let result = try run(Binaries.claimd, ["run", "--config", dir.path + "/models.toml", "--state-dir", dir.path + "/var",
                                               "--inbox", dir.path + "/inbox", "--socket", dir.path + "/s"])
        return (result.status, result.stderr)
    }

    @Test("a models directory without the models stops claimd at start with exit status 78")
    func missingModels() throws {
        let dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.path + "/empty", withIntermediateDirectories: true)
        let result = try start(models: dir.path + "/empty", in: dir)
        #expect(result.status == 78)
        #expect(result.stderr.contains("models") && result.stderr.contains("tagger"), "\(result.stderr)")
    }

    @Test("a damaged model file stops claimd at start with exit status 78, never a crash")
    func corruptModel() throws {
        let dir = try TemporaryDirectory()
        let copy = dir.path + "/models"
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        for name in ["tagger.model", "parser.model"] {
            try FileManager.default.copyItem(atPath: Self.shipped + "/" + name, toPath: copy + "/" + name)
        }
        // One flipped byte in the middle of the parser's weights: the checksum must catch it.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: copy + "/parser.model"))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2)
        let byte = try handle.read(upToCount: 1) ?? Data([0])
        try handle.seek(toOffset: size / 2)
        try handle.write(contentsOf: Data([byte[0] ^ 0xFF]))
        try handle.close()
        let result = try start(models: copy, in: dir)
        #expect(result.status == 78)
        #expect(result.stderr.contains("parser.model") && result.stderr.contains("corrupt"), "\(result.stderr)")
        // A truncated file is refused the same way.
        try Data(repeating: 0, count: 12).write(to: URL(fileURLWithPath: copy + "/tagger.model"))
        let truncated = try start(models: copy, in: dir)
        #expect(truncated.status == 78 && truncated.stderr.contains("tagger"), "\(truncated.stderr)")
    }
}
