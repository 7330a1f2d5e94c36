import CGlibcExtras
import Foundation
import Glibc

/// How to start a worker: `claimd worker`, normally this very binary.
public struct WorkerLaunch: Sendable {
    public var executable: String
    public var arguments: [String]

    public init(executable: String, arguments: [String]) {
        self.executable = executable
        self.arguments = arguments
    }

    /// The running binary (`/proc/self/exe` still names it after an upgrade replaced the file).
    public static let currentExecutable = WorkerLaunch(executable: "/proc/self/exe", arguments: ["claimd", "worker"])
}

/// One `claimd worker` child with a pipe each way, driven by one thread of the ``WorkerPool``.
final class WorkerProcess {
    let pid: pid_t
    private let requests: Int32
    private let replies: Int32
    private var reader = FrameReader()
    private var reaped = false

    /// Why a request got no reply.
    enum Failure: Error {
        /// The worker died: killed by a signal or exited.
        case died(String)
        /// It used more CPU (or wall-clock time) than the request was allowed, and was killed.
        case overran(String)
        /// It answered with something that is not a reply.
        case garbled(String)
    }

    /// Starts a worker and sends it `configuration`.
    init(launch: WorkerLaunch, configuration: [UInt8]) throws(WorkerSpawnError) {
        var toWorker: [Int32] = [-1, -1], fromWorker: [Int32] = [-1, -1]
        guard claimd_pipe_cloexec(&toWorker) == 0 else { throw WorkerSpawnError(errno: errno, step: "pipe") }
        guard claimd_pipe_cloexec(&fromWorker) == 0 else {
            let code = errno
            close(toWorker[0]); close(toWorker[1])
            throw WorkerSpawnError(errno: code, step: "pipe")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toWorker[0], STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, fromWorker[1], STDOUT_FILENO)
        // Nothing else the daemon holds (the store, sockets, whatever its own parent passed it) goes to a worker.
        posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1)
        // The spawning thread may block signals, and the daemon ignores SIGPIPE: a worker starts clean.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = launch.arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // Swift's crash backtracer would keep a crashed worker alive for seconds, printing.
        let environment = ProcessInfo.processInfo.environment.filter { $0.key != "SWIFT_BACKTRACE" && $0.key != ExtractionWorker.parentVariable }
            .map { "\($0.key)=\($0.value)" } + ["SWIFT_BACKTRACE=enable=no", "\(ExtractionWorker.parentVariable)=\(getpid())"]
        let envp = environment.map { strdup($0) } + [nil]
        defer { envp.forEach { free($0) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, launch.executable, &actions, &attributes, argv, envp)
        close(toWorker[0])
        close(fromWorker[1])
        guard result == 0 else {
            close(toWorker[1]); close(fromWorker[0])
            throw WorkerSpawnError(errno: result, step: "spawn \(launch.executable)")
        }
        pid = child
        requests = toWorker[1]
        replies = fromWorker[0]
        guard Frames.write(configuration, to: requests) else {
            stop()
            throw WorkerSpawnError(errno: EPIPE, step: "configure the worker")
        }
    }

    /// Sends `request` and waits for the reply while the worker stays within `limit` of CPU time
    /// (and a wall-clock bound, for a worker that is stopped rather than running).
    func exchange(_ request: [UInt8], limit: Duration, isStopping: () -> Bool) -> Result<[UInt8], Failure> {
        let startCPU = cpuTime()
        let startWall = ContinuousClock.now
        let wallLimit = limit * 3 + .seconds(5)
        guard Frames.write(request, to: requests) else { return .failure(.died(terminationReason())) }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            if let frame = reader.nextFrame() { return .success(frame) }
            if reader.isMalformed { return .failure(.garbled("a reply frame with an impossible length")) }
            var descriptor = pollfd(fd: replies, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 50)
            if ready > 0 {
                let count = chunk.withUnsafeMutableBytes { read(replies, $0.baseAddress, $0.count) }
                if count > 0 {
                    reader.append(chunk[0..<count])
                    continue
                }
                if count < 0, errno == EINTR || errno == EAGAIN { continue }
                return .failure(.died(terminationReason()))
            }
            if isStopping() {
                stop()
                return .failure(.died("claimd is stopping"))
            }
            let used = cpuTime().map { start in startCPU.map { start - $0 } ?? start }
            if let used, used > limit {
                stop()
                return .failure(.overran("used \(Self.seconds(used)) of CPU time, over its \(Self.seconds(limit)) deadline"))
            }
            if ContinuousClock.now - startWall > wallLimit {
                stop()
                return .failure(.overran("took \(Self.seconds(wallLimit)) without finishing"))
            }
        }
    }

    /// The CPU time the worker has used so far (user and system), nil once it is gone.
    private func cpuTime() -> Duration? {
        var clock = clockid_t()
        guard clock_getcpuclockid(pid, &clock) == 0 else { return nil }
        var now = timespec()
        guard clock_gettime(clock, &now) == 0 else { return nil }
        return .seconds(now.tv_sec) + .nanoseconds(now.tv_nsec)
    }

    /// Kills the worker (it holds nothing worth saving) and reaps it.
    func stop() {
        guard !reaped else { return }
        kill(pid, SIGKILL)
        _ = terminationReason()
    }

    /// Waits for the worker to end and says how it ended.
    private func terminationReason() -> String {
        guard !reaped else { return "ended" }
        reaped = true
        close(requests)
        close(replies)
        var status: Int32 = 0
        // A worker that closed its pipes is exiting; one that has not within 100 ms is made to.
        var waited = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid || (result < 0 && errno != EINTR) { break }
            if result == 0 {
                waited += 1
                if waited == 10 { kill(pid, SIGKILL) }
                usleep(10_000)
            }
        }
        let signal = status & 0x7F
        if signal == 0 { return "exited with status \((status >> 8) & 0xFF)" }
        return "killed by signal \(Self.signalName(signal))"
    }

    deinit { stop() }

    static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [SIGSEGV: "SIGSEGV", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP", SIGABRT: "SIGABRT", SIGBUS: "SIGBUS",
                                      SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGTERM: "SIGTERM", SIGXCPU: "SIGXCPU"]
        let description = strsignal(signal).map { String(cString: $0) } ?? "signal \(signal)"
        return "\(names[signal] ?? "\(signal)") (\(description.lowercased()))"
    }

    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) + Double(attoseconds) / 1e18
        return value.formatted(.number.precision(.fractionLength(1))) + " s"
    }
}

/// A worker could not be started (no descriptors, no memory, no executable).
struct WorkerSpawnError: Error, CustomStringConvertible {
    var errno: Int32
    var step: String
    var description: String { "cannot start an extraction worker (\(step)): \(String(cString: strerror(errno)))" }
}
