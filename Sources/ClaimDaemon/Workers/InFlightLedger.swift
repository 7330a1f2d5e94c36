import Foundation
import Synchronization

/// `STATE/in-flight`: which articles were being extracted, so that one that brings the daemon
/// itself down (a crash, `kill -9`, the watchdog) is set aside instead of being taken again at
/// every start.
///
/// A line `+ SHA256` is appended when an article goes to a worker and `- SHA256` when it comes
/// back, whatever the outcome. At start-up every `+` without its `-` is an attempt the daemon
/// did not survive; such counts are carried over as `! SHA256 COUNT` lines. An article with
/// ``maximumInterruptions`` of them is not extracted again. Appends are not synced: a crash of
/// the process keeps them (the kernel has them), only a crash of the machine may not.
final class InFlightLedger: Sendable {
    /// Daemon deaths an article may be present at before it is refused: the second time rules
    /// out a coincidence.
    static let maximumInterruptions = 2

    private let path: String
    private let state: Mutex<State>

    private struct State {
        var fd: Int32
        var interrupted: [String: Int]
        var inFlight: [String: Int] = [:]
        var appended = 0
    }

    /// Reads what the previous run left and starts a fresh ledger with its interrupted attempts.
    init(path: String) throws {
        self.path = path
        var interrupted: [String: Int] = [:]
        if let data = FileManager.default.contents(atPath: path) {
            var open: [String: Int] = [:]
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                let fields = line.split(separator: " ")
                guard fields.count >= 2 else { continue }
                let sha = String(fields[1])
                switch fields[0] {
                case "+": open[sha, default: 0] += 1
                case "-": open[sha, default: 0] -= 1
                case "!": interrupted[sha, default: 0] += fields.count > 2 ? Int(fields[2]) ?? 1 : 1
                default: continue
                }
            }
            for (sha, count) in open where count > 0 { interrupted[sha, default: 0] += count }
        }
        let fd = try Self.rewrite(path, with: interrupted)
        state = Mutex(State(fd: fd, interrupted: interrupted))
    }

    /// Daemon deaths this article was in flight for.
    func interruptions(of sha256: String) -> Int {
        state.withLock { $0.interrupted[sha256] ?? 0 }
    }

    /// The article goes to a worker.
    func begin(_ sha256: String) {
        state.withLock { state in
            state.inFlight[sha256, default: 0] += 1
            append("+ \(sha256)\n", to: &state)
        }
    }

    /// The article is back from its worker. Once `settled` (stored, a duplicate or failed), its
    /// interruptions are forgotten; an article postponed keeps them.
    func end(_ sha256: String, settled: Bool) {
        state.withLock { state in
            if let count = state.inFlight[sha256], count > 1 { state.inFlight[sha256] = count - 1 } else { state.inFlight[sha256] = nil }
            if settled { state.interrupted[sha256] = nil }
            append("- \(sha256)\n", to: &state)
            // Nothing in flight: the lines so far say nothing the counts do not.
            if state.inFlight.isEmpty, state.appended > 10_000, let fd = try? Self.rewrite(path, with: state.interrupted) {
                Glibc.close(state.fd)
                state.fd = fd
                state.appended = 0
            }
        }
    }

    /// At a clean stop: nothing is in flight any more, whatever was.
    func close() {
        state.withLock { state in
            if let fd = try? Self.rewrite(path, with: state.interrupted) { Glibc.close(fd) }
            Glibc.close(state.fd)
            state.fd = -1
        }
    }

    private func append(_ line: String, to state: inout State) {
        guard state.fd >= 0 else { return }
        var line = line
        line.withUTF8 { bytes in _ = write(state.fd, bytes.baseAddress, bytes.count) }
        state.appended += 1
    }

    /// Replaces the file (by rename, so a crash leaves the old one or the new one) and opens it
    /// for appending.
    private static func rewrite(_ path: String, with interrupted: [String: Int]) throws -> Int32 {
        let temporary = path + ".new"
        let lines = interrupted.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { "! \($0.key) \($0.value)\n" }.joined()
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DaemonError.setup("cannot write \(temporary): \(String(cString: strerror(errno)))") }
        var text = lines
        text.withUTF8 { bytes in _ = write(fd, bytes.baseAddress, bytes.count) }
        Glibc.close(fd)
        guard rename(temporary, path) == 0 else { throw DaemonError.setup("cannot replace \(path): \(String(cString: strerror(errno)))") }
        let appending = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard appending >= 0 else { throw DaemonError.setup("cannot open \(path): \(String(cString: strerror(errno)))") }
        return appending
    }
}
