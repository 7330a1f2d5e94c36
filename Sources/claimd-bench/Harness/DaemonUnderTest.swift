import Foundation

/// A real `claimd run` process on a state directory, started the way systemd starts it:
/// with `NOTIFY_SOCKET` set, so start-up is timed to the `READY=1` it sends once its socket is up.
final class DaemonUnderTest {
    let stateDirectory: String
    let process = Process()
    /// From spawning the process to receiving `READY=1`.
    let readyMilliseconds: Double
    private let logPath: String

    var inbox: String { stateDirectory + "/inbox" }
    var processed: String { stateDirectory + "/processed" }
    var socket: String { stateDirectory + "/claimd.sock" }
    var pid: Int32 { process.processIdentifier }

    init(binary: String, stateDirectory: String) throws {
        self.stateDirectory = stateDirectory
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        logPath = stateDirectory + ".log"
        let notify = try NotifySocket(path: stateDirectory + ".notify")
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = FileHandle(forWritingAtPath: logPath)!
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["run", "--state-dir", stateDirectory]
        process.environment = ProcessInfo.processInfo.environment.merging(["NOTIFY_SOCKET": notify.path]) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        let spawned = Monotonic.now()
        try process.run()
        guard let ready = notify.waitForReady(timeout: 120) else {
            process.terminate()
            throw BenchError.daemon("claimd sent no READY=1 within 120 s; its log:\n\(Self.tail(of: logPath))")
        }
        readyMilliseconds = Monotonic.milliseconds(from: spawned, to: ready)
    }

    /// Resident memory now and at its peak (VmRSS and VmHWM of /proc/PID/status), in MiB.
    func memory() -> (resident: Double, peak: Double) {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        func field(_ name: String) -> Double {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }),
                  let kilobytes = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return .nan }
            return kilobytes / 1024
        }
        return (field("VmRSS"), field("VmHWM"))
    }

    /// CPU time (user + system) the daemon has used so far: in all (threads that have ended
    /// included), and by each of its running threads.
    func cpuTime() -> CPUTime {
        var threads: [Int: Double] = [:]
        for task in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? [] {
            guard let id = Int(task) else { continue }
            threads[id] = Self.cpuSeconds(fromStatFile: "/proc/\(pid)/task/\(task)/stat")
        }
        return CPUTime(process: Self.cpuSeconds(fromStatFile: "/proc/\(pid)/stat") ?? .nan, threads: threads)
    }

    /// utime + stime of a `/proc/…/stat` file, in seconds.
    private static func cpuSeconds(fromStatFile statPath: String) -> Double? {
        guard let stat = try? String(contentsOfFile: statPath, encoding: .utf8), let nameEnd = stat.lastIndex(of: ")") else { return nil }
        // Fields after the name (in parentheses, and it may hold spaces): the state is field 3,
        // utime and stime fields 14 and 15, in clock ticks.
        let fields = stat[stat.index(after: nameEnd)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// SIGTERM and a wait for the exit (SIGKILL after 20 s).
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Monotonic.now() + 20_000_000_000
        while process.isRunning && Monotonic.now() < deadline { usleep(10_000) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }

    private static func tail(of path: String) -> String {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(20).joined(separator: "\n")
    }
}

/// A process's CPU time (user + system) at one moment, in seconds.
struct CPUTime {
    var process: Double
    /// By thread id, for the threads running at that moment.
    var threads: [Int: Double]

    /// What was spent since `earlier`: in all, and by the thread that spent most.
    func spent(since earlier: CPUTime) -> (total: Double, busiestThread: Double) {
        let byThread = threads.map { id, seconds in seconds - (earlier.threads[id] ?? 0) }
        return (process - earlier.process, byThread.max() ?? .nan)
    }
}
