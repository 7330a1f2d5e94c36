import ClaimAPI
import Foundation
import Testing

/// Where the built `claimd` and `claimctl` are: beside the test bundle, or `$CLAIMD_BIN_DIR`.
enum Binaries {
    static let directory: URL = {
        if let dir = ProcessInfo.processInfo.environment["CLAIMD_BIN_DIR"] { return URL(fileURLWithPath: dir) }
        // `swift test` runs .build/<config>/claimdPackageTests.xctest, which sits beside the products.
        var url = Bundle.main.bundleURL
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("claimd").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    static var claimd: String { directory.appendingPathComponent("claimd").path }
    static var claimctl: String { directory.appendingPathComponent("claimctl").path }
}

/// The result of running a command to completion.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `executable` with `arguments` and waits for it; output is read fully before waiting.
@discardableResult
func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil, stdin: Data? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes concurrently so neither fills up and blocks the child.
    nonisolated(unsafe) var errData = Data()
    let errReader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
    errReader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while errReader.isExecuting || !errReader.isFinished { usleep(1000) }
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

/// Polls `condition` every 20 ms until it holds or `seconds` pass.
func eventually(within seconds: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        usleep(20_000)
    }
    return try condition()
}

/// A temporary directory removed at deinit.
final class TemporaryDirectory: @unchecked Sendable {
    let url: URL
    var path: String { url.path }

    init(_ label: String = "claimd-it") throws {
        // Short: a Unix socket path inside it must stay under 108 bytes.
        url = URL(fileURLWithPath: "/tmp/\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A real `claimd run` process on its own state directory, driven through its inbox and socket.
final class DaemonProcess: @unchecked Sendable {
    let state: TemporaryDirectory
    let process = Process()
    let logPath: String

    var stateDir: String { state.path + "/var" }
    var inbox: String { stateDir + "/inbox" }
    let socket: String
    var processed: String { stateDir + "/processed" }
    var failed: String { stateDir + "/failed" }

    /// Starts the daemon and waits until its socket answers.
    ///
    /// - Parameter settings: the text of a claimd.toml to run with, if any.
    init(state: TemporaryDirectory? = nil, arguments: [String] = [], environment: [String: String] = [:], settings: String? = nil,
         socket: String? = nil) throws {
        self.state = try state ?? TemporaryDirectory()
        self.socket = socket ?? self.state.path + "/var/claimd.sock"
        var arguments = arguments
        if let settings {
            let path = self.state.path + "/claimd-\(UUID().uuidString.prefix(4)).toml"
            try settings.write(toFile: path, atomically: true, encoding: .utf8)
            arguments += ["--config", path]
        }
        if let socket { arguments += ["--socket", socket] }
        logPath = self.state.path + "/daemon-\(UUID().uuidString.prefix(4)).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: Binaries.claimd)
        process.arguments = ["run", "--state-dir", self.state.path + "/var"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let logFile = FileHandle(forWritingAtPath: logPath)!
        process.standardOutput = logFile
        process.standardError = logFile
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let ready = eventually(within: 20) { !process.isRunning || status() != nil }
        guard ready, process.isRunning else {
            throw HarnessError.daemonDidNotStart(log: log())
        }
    }

    /// `GET /v1/status` decoded, or nil when the socket does not answer.
    func status() -> [String: Any]? {
        guard let response = try? request("GET", Route.status.path), response.status == 200 else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
    }

    /// `GET /v1/status` as the API's contract types it.
    func typedStatus() throws -> DaemonStatus {
        let response = try request("GET", Route.status.path)
        return try JSONDecoder().decode(DaemonStatus.self, from: Data(response.body))
    }

    /// One HTTP/1.1 request over the socket with plain blocking POSIX calls: an independent
    /// client (like curl) that does not share claimctl's code.
    func request(_ method: String, _ path: String, body: [UInt8]? = nil) throws -> HTTPReply {
        try httpRequest(socket: socket, method: method, path: path, body: body)
    }

    func claimctl(_ arguments: [String]) throws -> CommandResult {
        try run(Binaries.claimctl, ["--socket", socket] + arguments)
    }

    /// Writes `contents` under a dot name, sets its mtime, then renames it into the inbox, as a careful writer does.
    func drop(_ name: String, contents: Data, modified: Date? = nil) throws {
        let temporary = inbox + "/." + name + ".part"
        try contents.write(to: URL(fileURLWithPath: temporary))
        if let modified { try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: temporary) }
        guard rename(temporary, inbox + "/" + name) == 0 else { throw HarnessError.io("rename into inbox failed") }
    }

    func count(_ key: String) -> Int { status()?[key] as? Int ?? -1 }

    func log() -> String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// SIGTERM, then wait for a clean exit; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    /// SIGKILL: no chance to clean up, as in a crash or OOM kill.
    func crash() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // The kernel drops the dead daemon's state lock as it tears the process down; a daemon
        // started at once may still find it held. Wait (briefly) until it can be taken.
        let fd = open(stateDir + "/claimd.lock", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        for _ in 0..<100 {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 {
                flock(fd, LOCK_UN)
                return
            }
            usleep(50_000)
        }
    }

    deinit { stop() }
}

enum HarnessError: Error, CustomStringConvertible {
    case daemonDidNotStart(log: String)
    case io(String)

    var description: String {
        switch self {
        case let .daemonDidNotStart(log): "claimd did not start:\n\(log)"
        case let .io(reason): reason
        }
    }
}

/// The seed article of the project, kept in the test resources (shared/ is absent on users' machines).
func fixture(_ name: String) throws -> Data {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    return try Data(contentsOf: url)
}

func isRoot() -> Bool { getuid() == 0 }

/// A raw HTTP response: status and body.
struct HTTPReply {
    var status: Int
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Connects to a Unix socket (a stream socket unless `type` says otherwise), or returns nil.
func connectUnix(_ path: String, type: Int32 = Int32(SOCK_STREAM.rawValue)) -> Int32? {
    // A daemon that closes a connection (a timeout, the cap) must cost a write an EPIPE, not the test run.
    signal(SIGPIPE, SIG_IGN)
    let fd = socket(AF_UNIX, type, 0)
    guard fd >= 0 else { return nil }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
        path.utf8CString.withUnsafeBytes { raw.copyMemory(from: $0) }
    }
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    guard connected == 0 else {
        close(fd)
        return nil
    }
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    return fd
}

/// Sends raw bytes and reads until the peer closes (or the 10 s receive timeout).
func exchange(_ fd: Int32, _ bytes: [UInt8]) -> [UInt8] {
    var offset = 0
    while offset < bytes.count {
        let sent = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard sent > 0 else { break }
        offset += sent
    }
    var answer = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = read(fd, &buffer, buffer.count)
        guard count > 0 else { break }
        answer += buffer[0..<count]
    }
    return answer
}

func httpRequest(socket: String, method: String, path: String, body: [UInt8]?) throws -> HTTPReply {
    guard let fd = connectUnix(socket) else { throw HarnessError.io("cannot connect to \(socket)") }
    defer { close(fd) }
    var head = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
    if let body { head += "Content-Length: \(body.count)\r\nContent-Type: text/plain\r\n" }
    let raw = exchange(fd, Array((head + "\r\n").utf8) + (body ?? []))
    guard let split = raw.firstRange(of: Array("\r\n\r\n".utf8)) else { throw HarnessError.io("no HTTP response") }
    let header = String(decoding: raw[..<split.lowerBound], as: UTF8.self)
    let status = Int(header.split(separator: " ").dropFirst().first ?? "") ?? 0
    var payload = Array(raw[split.upperBound...])
    if header.lowercased().contains("transfer-encoding: chunked") { payload = dechunk(payload) }
    return HTTPReply(status: status, body: payload)
}

/// Decodes a chunked body.
func dechunk(_ bytes: [UInt8]) -> [UInt8] {
    var out = [UInt8]()
    var index = 0
    while let lineEnd = bytes[index...].firstRange(of: [13, 10]) {
        let size = Int(String(decoding: bytes[index..<lineEnd.lowerBound], as: UTF8.self), radix: 16) ?? 0
        if size == 0 { break }
        out += bytes[lineEnd.upperBound..<min(bytes.count, lineEnd.upperBound + size)]
        index = lineEnd.upperBound + size + 2
        if index >= bytes.count { break }
    }
    return out
}

/// A child started with posix_spawn, its output discarded.
final class SpawnedProcess: @unchecked Sendable {
    let pid: pid_t
    private var exitStatus: Int32?

    init(pid: pid_t) { self.pid = pid }

    /// SIGTERM, then the exit status (reaped once; later calls return the same).
    @discardableResult
    func stop() -> Int32 {
        if let exitStatus { return exitStatus }
        kill(pid, SIGTERM)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        exitStatus = code
        return code
    }
}

func spawn(_ argv: [String]) throws -> SpawnedProcess {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var cArguments = argv.map { strdup($0) } + [nil]
    defer { cArguments.forEach { free($0) } }
    // The calling thread may be a Dispatch worker with every signal blocked: a child inheriting
    // that mask (systemd, claimd) would never see SIGCHLD or SIGTERM. Start it with a clean slate.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    var allSignals = sigset_t()
    sigemptyset(&noSignals)
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let result = posix_spawn(&pid, argv[0], &actions, &attributes, &cArguments, environ)
    guard result == 0 else { throw HarnessError.io("posix_spawn \(argv[0]): \(String(cString: strerror(result)))") }
    return SpawnedProcess(pid: pid)
}
