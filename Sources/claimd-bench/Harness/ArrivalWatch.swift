import Foundation

/// Records when files arrive in a directory (inotify `IN_MOVED_TO`), on a thread of its own.
///
/// The daemon renames each inbox file into `processed/` right after its transaction commits,
/// so an arrival there is the moment a document became queryable, seen without polling.
final class ArrivalWatch: @unchecked Sendable {
    private let directory: String
    private let fd: Int32
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var arrivals: [String: UInt64] = [:]
    private var count = 0
    private var lastArrival: UInt64 = 0
    private var stopped = false

    init(directory: String) throws {
        self.directory = directory
        fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard fd >= 0 else { throw BenchError.system("inotify_init1") }
        guard inotify_add_watch(fd, directory, UInt32(IN_MOVED_TO | IN_Q_OVERFLOW)) >= 0 else {
            close(fd)
            throw BenchError.system("inotify_add_watch \(directory)")
        }
        Thread.detachNewThread { [self] in readEvents() }
    }

    /// When `name` arrived, waiting up to `timeout` seconds for it.
    func arrival(of name: String, timeout: Double) -> UInt64? {
        wait(timeout: timeout) { $0.arrivals[name] }
    }

    /// When the `total`-th file arrived, waiting up to `timeout` seconds; `progress` is called
    /// about once a second with the count so far.
    func arrival(ofFile total: Int, timeout: Double, progress: (Int) -> Void = { _ in }) -> UInt64? {
        let deadline = Monotonic.now() + UInt64(timeout * 1e9)
        while Monotonic.now() < deadline {
            if let time = wait(timeout: 1, { $0.count >= total ? $0.lastArrival : nil }) { return time }
            progress(arrived)
        }
        return nil
    }

    var arrived: Int { condition.withLock { count } }

    func stop() {
        condition.withLock { stopped = true }
    }

    private func wait<T>(timeout: Double, _ found: (ArrivalWatch) -> T?) -> T? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let value = found(self) { return value }
            guard condition.wait(until: deadline) else { return found(self) }
        }
    }

    private func readEvents() {
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        let header = MemoryLayout<inotify_event>.size
        while !condition.withLock({ stopped }) {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let length = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            let now = Monotonic.now()
            guard length > 0 else { continue }
            var names: [String] = []
            var overflowed = false
            var offset = 0
            while offset + header <= length {
                let (mask, nameLength) = buffer.withUnsafeBytes { raw in
                    (raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                if mask & UInt32(IN_Q_OVERFLOW) != 0 { overflowed = true }
                if nameLength > 0 {
                    let bytes = buffer[(offset + header)..<(offset + header + nameLength)].prefix { $0 != 0 }
                    names.append(String(decoding: bytes, as: UTF8.self))
                }
                offset += header + nameLength
            }
            // After an overflow the kernel dropped events: count what is there instead.
            let listed = overflowed ? ((try? FileManager.default.contentsOfDirectory(atPath: directory).count) ?? 0) : 0
            condition.withLock {
                for name in names where arrivals.updateValue(now, forKey: name) == nil { count += 1 }
                count = max(count, listed)
                lastArrival = now
                condition.broadcast()
            }
        }
        close(fd)
    }
}
