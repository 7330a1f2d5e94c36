import Foundation
import Testing

/// Faults planted in the workers' extraction (see `CLAIMD_TEST_FAULTS`): an article naming the
/// first word traps, one naming the second spins for ever.
let plantedFaults = ["CLAIMD_TEST_FAULTS": "crash:QUAKEWORD,hang:GLACIERWORD"]

/// A short article of its own for each number, with a claim in it.
func goodArticle(_ number: Int) -> Data {
    Data("""
        OSTRAVEL, March \(number % 28 + 1) (Wire) - Foreign Minister Tamsin Orlo said on Monday that a ceasefire with \
        Kelmark must hold. Item \(number).

        """.utf8)
}

/// Whether `reason` files in `failed/` explain both planted faults.
func failedReasons(in directory: String) -> [String: String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    var reasons: [String: String] = [:]
    for name in names where name.hasSuffix(".reason") {
        reasons[String(name.dropLast(7))] = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8)
    }
    return reasons
}

@Suite("one bad article, client or fault never takes claimd down or loses an article", .serialized)
struct RobustnessTests {
    @Test("a crashing and a hanging article among 30 good ones: 30 stored, 2 failed with reasons, the same daemon")
    func faultsInTheInbox() throws {
        let daemon = try DaemonProcess(environment: plantedFaults, settings: "[extraction]\ndeadline_seconds = 2\n")
        let pid = daemon.process.processIdentifier
        let started = Date()
        for number in 0..<30 { try daemon.drop("good-\(number).txt", contents: goodArticle(number)) }
        try daemon.drop("crash.txt", contents: Data("Minister Tamsin Orlo said QUAKEWORD on Monday.\n".utf8))
        try daemon.drop("hang.txt", contents: Data("Minister Tamsin Orlo said GLACIERWORD on Monday.\n".utf8))
        #expect(eventually(within: 60) { daemon.count("documents") == 30 && failedReasons(in: daemon.failed).count == 2 },
                "\(daemon.log())")
        #expect(Date().timeIntervalSince(started) < 60)
        let reasons = failedReasons(in: daemon.failed)
        #expect(reasons["crash.txt"]?.contains("killed by signal") == true, "\(reasons)")
        #expect(reasons["hang.txt"]?.contains("deadline") == true, "\(reasons)")
        #expect(eventually { daemon.count("failed") == 2 })
        #expect(daemon.process.isRunning && daemon.process.processIdentifier == pid, "the daemon itself never went down")
        #expect(try FileManager.default.contentsOfDirectory(atPath: daemon.inbox).isEmpty)
    }

    @Test("the same through POST /v1/documents: an error status for each bad article, the daemon up")
    func faultsThroughTheAPI() throws {
        let daemon = try DaemonProcess(environment: plantedFaults, settings: "[extraction]\ndeadline_seconds = 2\n")
        let crash = try daemon.request("POST", "/v1/documents?name=crash.txt", body: Array("The envoy said QUAKEWORD.".utf8))
        #expect(crash.status == 422 && crash.text.contains("killed by signal"), "\(crash.status) \(crash.text)")
        let hang = try daemon.request("POST", "/v1/documents?name=hang.txt", body: Array("The envoy said GLACIERWORD.".utf8))
        #expect(hang.status == 422 && hang.text.contains("deadline"), "\(hang.status) \(hang.text)")
        let good = try daemon.request("POST", "/v1/documents?name=good.txt", body: Array(goodArticle(1)))
        #expect(good.status == 201, "\(good.text)")
        #expect(daemon.process.isRunning)
        #expect(daemon.count("documents") == 1)
    }

    @Test("SIGTERM with a worker stuck on an article ends claimd within 5 s; the article stays in the inbox")
    func stopsPromptly() throws {
        let daemon = try DaemonProcess(environment: plantedFaults, settings: "[extraction]\ndeadline_seconds = 300\n")
        try daemon.drop("hang.txt", contents: Data("Minister Tamsin Orlo said GLACIERWORD on Monday.\n".utf8))
        #expect(eventually { (try? String(contentsOfFile: daemon.stateDir + "/in-flight", encoding: .utf8))?.contains("+ ") == true })
        let asked = Date()
        #expect(daemon.stop() == 0)
        #expect(Date().timeIntervalSince(asked) < 5)
        #expect(FileManager.default.fileExists(atPath: daemon.inbox + "/hang.txt"))
    }

    @Test("an article in flight each time claimd itself is killed is, after the second time, not taken again")
    func interruptedTwice() throws {
        let state = try TemporaryDirectory()
        let settings = "[extraction]\ndeadline_seconds = 300\n"
        let inFlight = state.path + "/var/in-flight"
        for _ in 0..<2 {
            let daemon = try DaemonProcess(state: state, environment: plantedFaults, settings: settings)
            if !FileManager.default.fileExists(atPath: daemon.inbox + "/hang.txt") && !FileManager.default.fileExists(atPath: daemon.failed + "/hang.txt") {
                try daemon.drop("hang.txt", contents: Data("Minister Tamsin Orlo said GLACIERWORD on Monday.\n".utf8))
            }
            #expect(eventually(within: 15) { (try? String(contentsOfFile: inFlight, encoding: .utf8))?.contains("+ ") == true })
            daemon.crash()
        }
        let third = try DaemonProcess(state: state, environment: plantedFaults, settings: settings)
        #expect(eventually(within: 15) { FileManager.default.fileExists(atPath: third.failed + "/hang.txt.reason") })
        #expect(failedReasons(in: third.failed)["hang.txt"]?.contains("stopped while extracting this article 2 times") == true)
        #expect(eventually { third.count("failed") == 1 })
    }

    @Test("a duplicate is recognised by its hash before any extraction")
    func duplicateBeforeExtraction() throws {
        let state = try TemporaryDirectory()
        let article = Data("Minister Tamsin Orlo said GLACIERWORD would not stop a ceasefire.\n".utf8)
        do {
            let daemon = try DaemonProcess(state: state)
            try daemon.drop("first.txt", contents: article)
            #expect(eventually { daemon.count("documents") == 1 })
        }
        // Now the same content would hang a worker: it must never reach one.
        let daemon = try DaemonProcess(state: state, environment: plantedFaults, settings: "[extraction]\ndeadline_seconds = 300\n")
        try daemon.drop("again.txt", contents: article)
        #expect(eventually(within: 5) { FileManager.default.fileExists(atPath: daemon.processed + "/again.txt") })
        #expect(daemon.count("documents") == 1)
    }

    @Test("1,500 idle connections: status still answers within a second, and a dropped file is stored")
    func idleFlood() throws {
        raiseOwnDescriptorLimit()
        let daemon = try DaemonProcess()
        var idle: [Int32] = []
        defer { idle.forEach { close($0) } }
        for _ in 0..<1500 {
            guard let fd = connectUnix(daemon.socket) else { break }
            idle.append(fd)
        }
        #expect(idle.count == 1500)
        let asked = Date()
        let status = try daemon.request("GET", "/v1/status")
        #expect(status.status == 200)
        #expect(Date().timeIntervalSince(asked) < 1)
        try daemon.drop("during-flood.txt", contents: goodArticle(7))
        #expect(eventually { FileManager.default.fileExists(atPath: daemon.processed + "/during-flood.txt") })
        #expect(daemon.count("failed") == 0)
    }

    @Test("over the connection cap, idle connections make room; with every one busy a newcomer gets 503 as JSON")
    func connectionCap() throws {
        let daemon = try DaemonProcess(settings: "[socket]\nmax_connections = 20\n")
        var idle: [Int32] = []
        defer { idle.forEach { close($0) } }
        for _ in 0..<40 {
            if let fd = connectUnix(daemon.socket) { idle.append(fd) }
            usleep(30_000)
        }
        // Once idle for a moment, the longest-idle connection gives way to a new one.
        usleep(600_000)
        #expect(try daemon.request("GET", "/v1/status").status == 200)
        // A started request head makes a connection busy.
        var busy: [Int32] = []
        defer { busy.forEach { close($0) } }
        for _ in 0..<25 {
            guard let fd = connectUnix(daemon.socket) else { continue }
            _ = write(fd, "GET /v1/sta", 11)
            busy.append(fd)
            usleep(2_000)
        }
        let refused = try daemon.request("GET", "/v1/status")
        #expect(refused.status == 503 && refused.text.contains("\"error\":\"unavailable\""), "\(refused.status) \(refused.text)")
    }

    @Test("a stalled request head and an idle connection are closed after their timeouts")
    func timeouts() throws {
        let daemon = try DaemonProcess(settings: "[socket]\nheader_timeout_seconds = 1\nidle_timeout_seconds = 2\n")
        let stalled = try #require(connectUnix(daemon.socket))
        let start = Array("GET /v1/status HTTP/1.1\r\nHost: x\r\n".utf8)
        _ = write(stalled, start, start.count)
        let stalledAt = Date()
        #expect(exchange(stalled, []).isEmpty, "closed without an answer")
        #expect((0.5..<5).contains(Date().timeIntervalSince(stalledAt)))
        close(stalled)
        let quiet = try #require(connectUnix(daemon.socket))
        let quietAt = Date()
        #expect(exchange(quiet, []).isEmpty)
        #expect((1.5..<8).contains(Date().timeIntervalSince(quietAt)))
        close(quiet)
        #expect(daemon.status() != nil)
    }

    @Test("malformed HTTP gets a JSON 400; a wrong method gets 405 with Allow")
    func protocolErrors() throws {
        let daemon = try DaemonProcess()
        let fd = try #require(connectUnix(daemon.socket))
        let answer = String(decoding: exchange(fd, Array("\u{01}\u{02} NOT HTTP\r\n\r\n".utf8)), as: UTF8.self)
        close(fd)
        #expect(answer.hasPrefix("HTTP/1.1 400"))
        #expect(answer.contains("application/json") && answer.contains("\"error\":\"bad-request\""), "\(answer)")
        let wrongMethod = try daemon.request("DELETE", "/v1/timeline")
        #expect(wrongMethod.status == 405 && wrongMethod.text.contains("\"error\":\"method-not-allowed\""))
        let getDocuments = try daemon.request("GET", "/v1/documents")
        #expect(getDocuments.status == 405 && getDocuments.text.contains("POST"))
    }

    @Test("a store deleted under the daemon stops it with a critical entry; the article stays in the inbox")
    func deletedStore() throws {
        let daemon = try DaemonProcess()
        try daemon.drop("first.txt", contents: goodArticle(1))
        #expect(eventually { daemon.count("documents") == 1 })
        for suffix in ["", "-wal", "-shm"] { unlink(daemon.stateDir + "/claims.sqlite" + suffix) }
        try daemon.drop("second.txt", contents: goodArticle(2))
        #expect(eventually(within: 10) { !daemon.process.isRunning }, "claimd stopped")
        #expect(daemon.process.terminationStatus != 0)
        #expect(daemon.log().contains("was deleted while claimd was running"), "\(daemon.log())")
        #expect(FileManager.default.fileExists(atPath: daemon.inbox + "/second.txt"), "not moved: it was never stored")
    }

    @Test("a lexicon that names no topic is refused at start (78) and on reload, where the previous one stays")
    func emptyLexicon() throws {
        let dir = try TemporaryDirectory()
        try "".write(toFile: dir.path + "/empty-topics.toml", atomically: true, encoding: .utf8)
        try "[extraction]\ntopics = \"empty-topics.toml\"\n".write(toFile: dir.path + "/empty.toml", atomically: true, encoding: .utf8)
        let refused = try run(Binaries.claimd, ["run", "--config", dir.path + "/empty.toml", "--state-dir", dir.path + "/var"])
        #expect(refused.status == 78)
        #expect(refused.stderr.contains("defines no [[topic]]"), "\(refused.stderr)")

        let topics = dir.path + "/topics.toml"
        try "[[topic]]\nid = \"ceasefire\"\ncues = [\"ceasefire\", \"truce\"]\n".write(toFile: topics, atomically: true, encoding: .utf8)
        let daemon = try DaemonProcess(state: dir, settings: "[extraction]\ntopics = \"\(topics)\"\n")
        try "".write(toFile: topics, atomically: true, encoding: .utf8)
        let reload = try daemon.request("POST", "/v1/reload")
        #expect(reload.status == 422 && reload.text.contains("defines no [[topic]]"), "\(reload.text)")
        kill(daemon.process.processIdentifier, SIGHUP)
        try daemon.drop("truce.txt", contents: goodArticle(3))
        #expect(eventually { daemon.count("claims") > 0 }, "claims still found with the previous lexicon")
    }

    @Test("a file whose name is not UTF-8, there before start-up, goes to failed/ with a reason")
    func undecodableNameAtStartup() throws {
        let state = try TemporaryDirectory()
        let inbox = state.path + "/var/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        // "r\u{E9}sum\u{E9}.txt" in Latin-1: not valid UTF-8.
        let rawName = Array((inbox + "/r").utf8) + [0xE9] + Array("sum".utf8) + [0xE9] + Array(".txt".utf8) + [0]
        let fd = rawName.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
        #expect(fd >= 0)
        _ = write(fd, "text", 4)
        close(fd)
        let daemon = try DaemonProcess(state: state)
        #expect(eventually { daemon.count("failed") == 1 })
        #expect(failedReasons(in: daemon.failed).values.contains { $0.contains("not valid UTF-8") })
        #expect(try FileManager.default.contentsOfDirectory(atPath: daemon.inbox).isEmpty)
    }

    @Test("a second daemon with another state directory on the same inbox refuses to start")
    func sharedInbox() throws {
        let first = try DaemonProcess()
        let other = try TemporaryDirectory()
        let second = try run(Binaries.claimd, ["run", "--state-dir", other.path + "/var", "--inbox", first.inbox])
        #expect(second.status != 0)
        #expect(second.stderr.contains("(the inbox)"), "\(second.stderr)")
        #expect(first.status() != nil)
    }

    @Test("a file with a second hard link is refused with a reason")
    func hardLinks() throws {
        let daemon = try DaemonProcess()
        let outside = daemon.state.path + "/outside.txt"
        try goodArticle(4).write(to: URL(fileURLWithPath: outside))
        #expect(link(outside, daemon.inbox + "/linked.txt") == 0)
        #expect(eventually { FileManager.default.fileExists(atPath: daemon.failed + "/linked.txt.reason") })
        #expect(failedReasons(in: daemon.failed)["linked.txt"]?.contains("hard links") == true)
    }

    @Test("state files: the store, its log and the lock are the daemon's alone; the inbox alone is group-writable")
    func permissions() throws {
        let daemon = try DaemonProcess()
        try daemon.drop("one.txt", contents: goodArticle(5))
        #expect(eventually { daemon.count("documents") == 1 })
        func mode(_ path: String) -> mode_t {
            var info = stat()
            return stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
        }
        for file in ["claims.sqlite", "claims.sqlite-wal", "claims.sqlite-shm", "claimd.lock", "in-flight"] {
            #expect(mode(daemon.stateDir + "/" + file) == 0o600, "\(file): \(String(mode(daemon.stateDir + "/" + file), radix: 8))")
        }
        #expect(mode(daemon.stateDir) == 0o710)
        #expect(mode(daemon.inbox) == 0o2770)
        #expect(mode(daemon.processed) == 0o750)
    }
}

@Suite("who may use the control socket", .serialized,
       .enabled(if: isRoot() && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "needs root and setpriv: access tests SKIPPED"))
struct AccessTests {
    /// Runs a raw request as uid/gid 65534 (nobody) with the given supplementary groups.
    func request(as groups: [UInt32], _ method: String, _ path: String, body: String? = nil, socket: String) throws -> CommandResult {
        let groupOption = groups.isEmpty ? ["--clear-groups"] : ["--groups=" + groups.map(String.init).joined(separator: ",")]
        var curl = ["curl", "-s", "-o", "-", "-w", "\n%{http_code}", "--unix-socket", socket, "-X", method]
        if let body { curl += ["--data-binary", body] }
        return try run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534"] + groupOption + curl + ["http://localhost" + path])
    }

    @Test("anyone may read; ingest takes the ingest group, with the uid recorded; reload takes the admin group")
    func rights() throws {
        let dir = try TemporaryDirectory()
        chmod(dir.path, 0o755)
        let socket = dir.path + "/api.sock"
        // Debian's groups "users" (100) and "staff" (50) stand for claimd and claimd-admin.
        let daemon = try DaemonProcess(state: dir, settings: """
            [socket]
            mode = "0666"
            [access]
            ingest_group = "users"
            admin_group = "staff"
            """, socket: socket)
        let read = try request(as: [], "GET", "/v1/status", socket: socket)
        #expect(read.stdout.hasSuffix("200"), "\(read.stdout) \(read.stderr)")
        let refused = try request(as: [], "POST", "/v1/documents?name=a.txt", body: String(decoding: goodArticle(1), as: UTF8.self), socket: socket)
        #expect(refused.stdout.hasSuffix("403") && refused.stdout.contains("\"error\":\"forbidden\""), "\(refused.stdout)")
        let ingested = try request(as: [100], "POST", "/v1/documents?name=a.txt", body: String(decoding: goodArticle(1), as: UTF8.self), socket: socket)
        #expect(ingested.stdout.hasSuffix("201") && ingested.stdout.contains("\"uid\":65534"), "\(ingested.stdout)")
        #expect(daemon.count("documents") == 1)
        let notAdmin = try request(as: [100], "POST", "/v1/reload", socket: socket)
        #expect(notAdmin.stdout.hasSuffix("403"), "\(notAdmin.stdout)")
        let admin = try request(as: [50], "POST", "/v1/reload", socket: socket)
        #expect(admin.stdout.hasSuffix("200") && admin.stdout.contains("\"topics\""), "\(admin.stdout)")
    }
}

/// The test process holds many connections at once: lift its own descriptor limit.
func raiseOwnDescriptorLimit() {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
    limit.rlim_cur = limit.rlim_max
    setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
}
