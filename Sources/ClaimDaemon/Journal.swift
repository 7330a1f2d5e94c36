import CSystemd
import Foundation
import Glibc
import Logging
import Synchronization

/// A swift-log handler that writes structured entries to the systemd journal.
///
/// Metadata keys become journal fields (upper-cased, non-alphanumerics as `_`), so
/// `logger.info("…", metadata: ["CLAIMD_ACTOR": "…"])` is found by `journalctl CLAIMD_ACTOR=…`.
/// When no journal is reachable (`sd_journal_sendv` fails), or stderr is a terminal, the
/// entry is also written to stderr as one readable line.
public struct JournalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let identifier: String
    private let echoToStderr: Bool

    public init(identifier: String = "claimd", echoToStderr: Bool = isatty(STDERR_FILENO) == 1) {
        self.identifier = identifier
        self.echoToStderr = echoToStderr
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        // An ingested article makes ~30 entries, so this runs thousands of times a second in a
        // burst: fields go into one byte buffer, sent with one iovec array.
        let merged = metadata.isEmpty ? event.metadata ?? [:] : metadata.merging(event.metadata ?? [:]) { _, new in new }
        let sorted = merged.sorted { $0.key < $1.key }
        var sent = false
        if Self.isJournalReachable {
            var entry = JournalEntry()
            entry.add("MESSAGE", "\(event.message)")
            entry.add("PRIORITY", String(Self.syslogPriority(event.level)))
            entry.add("SYSLOG_IDENTIFIER", identifier)
            entry.add("CODE_FILE", event.file)
            entry.add("CODE_LINE", String(event.line))
            entry.add("CODE_FUNC", event.function)
            for (key, value) in sorted { entry.add(Self.fieldName(key), "\(value)") }
            sent = entry.send()
        }
        if !sent || echoToStderr {
            var line = "claimd[\(event.level)]: \(event.message)"
            var separator = "  "
            for (key, value) in sorted where key != JournalField.messageID {
                line += separator
                line += key
                line += "="
                line += value.description
                separator = " "
            }
            line += "\n"
            if let batch = StandardErrorBatch.current {
                batch.lines += line
            } else {
                Self.write(line, to: STDERR_FILENO)
            }
        }
    }

    /// Writes `lines` with `write(2)` straight from their UTF-8: a burst writes thousands of lines
    /// a second, and FileHandle's copy into `Data` and its locking cost more than a line.
    fileprivate static func write(_ lines: String, to descriptor: Int32) {
        var lines = lines
        lines.withUTF8 { bytes in
            guard var next = bytes.baseAddress else { return }
            var left = bytes.count
            while left > 0 {
                let written = Glibc.write(descriptor, next, left)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return } // stderr closed: the lines are dropped
                next += written
                left -= written
            }
        }
    }

    static let journalSocket = "/run/systemd/journal/socket"

    /// Whether journald's socket is there to take entries.
    ///
    /// libsystemd drops entries silently when journald is not running, so the socket's
    /// presence is what "reachable" means here. Looked up at most every 100 ms: a burst
    /// journals thousands of entries a second.
    public static var isJournalReachable: Bool {
        let now = DispatchTime.now().uptimeNanoseconds
        let known = reachability.withLock { state -> Bool? in
            guard let checkedAt = state.checkedAt, now &- checkedAt < 100_000_000 else { return nil }
            return state.reachable
        }
        if let known { return known }
        var info = stat()
        let reachable = stat(journalSocket, &info) == 0 && info.st_mode & S_IFMT == S_IFSOCK
        reachability.withLock { $0 = (reachable, now) }
        return reachable
    }

    private static let reachability = Mutex<(reachable: Bool, checkedAt: UInt64?)>((false, nil))

    static func fieldName(_ key: String) -> String {
        // claimd's own keys are field names already: checking their bytes spares the per-Character
        // Unicode lookups below, which cost ~9% of the daemon's ingest time (~400 calls a document).
        if key.utf8.allSatisfy(isFieldNameByte) { return key }
        return String(key.uppercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }

    /// A-Z, 0-9 or `_`: what a journal field name is made of.
    private static func isFieldNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "_")
    }

    static func syslogPriority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}

/// Holds back the stderr lines of the entries logged inside ``collect(writingTo:_:)`` on this
/// thread, and writes them with one `write(2)` when it returns: an ingested article's ~50
/// entries, written one by one, cost as many system calls, ~6% of the daemon's time in a burst
/// without journald. Entries sent to the journal are not held back.
public final class StandardErrorBatch: @unchecked Sendable { // used by the thread that made it only
    @TaskLocal fileprivate static var current: StandardErrorBatch?
    fileprivate var lines = ""

    private init() {}

    /// Runs `body`, then writes the lines its entries would have written to stderr to `descriptor`.
    public static func collect<Result>(writingTo descriptor: Int32 = STDERR_FILENO, _ body: () throws -> Result) rethrows -> Result {
        let batch = StandardErrorBatch()
        defer { if !batch.lines.isEmpty { JournalLogHandler.write(batch.lines, to: descriptor) } }
        return try $current.withValue(batch, operation: body)
    }
}

/// One journal entry's `NAME=value` fields in one buffer, for `sd_journal_sendv`.
struct JournalEntry {
    private var bytes: [UInt8] = []
    /// Where each field ends in `bytes`.
    private var ends: [Int] = []

    init() {
        bytes.reserveCapacity(512)
        ends.reserveCapacity(16)
    }

    mutating func add(_ name: String, _ value: String) {
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: "="))
        bytes.append(contentsOf: value.utf8)
        ends.append(bytes.count)
    }

    /// Sends the entry; false when the journal refused it.
    func send() -> Bool {
        bytes.withUnsafeBytes { buffer in
            var start = 0
            var vectors = ends.map { end -> iovec in
                defer { start = end }
                return iovec(iov_base: UnsafeMutableRawPointer(mutating: buffer.baseAddress! + start), iov_len: end - start)
            }
            return vectors.withUnsafeMutableBufferPointer { sd_journal_sendv($0.baseAddress, Int32($0.count)) >= 0 }
        }
    }
}

/// Tells the service manager about the daemon's state (`sd_notify`); a no-op outside systemd.
public enum ServiceNotifier {
    public static func ready(status: String) { notify("READY=1\nSTATUS=\(status)") }
    public static func status(_ status: String) { notify("STATUS=\(status)") }
    /// Before a reload; `ready(status:)` ends it. `MONOTONIC_USEC` is required by Type=notify-reload.
    public static func reloading() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        notify("RELOADING=1\nMONOTONIC_USEC=\(Int(now.tv_sec) * 1_000_000 + Int(now.tv_nsec) / 1000)")
    }

    public static func stopping() { notify("STOPPING=1\nSTATUS=Shutting down") }

    /// The watchdog's keep-alive (`WatchdogSec=`).
    public static func watchdog() { notify("WATCHDOG=1") }

    /// Asks for `seconds` more before start-up counts as failed (`TimeoutStartSec=`), for work
    /// that grows with the store, such as upgrading its schema.
    public static func extendStartup(by seconds: Int, status: String) {
        notify("EXTEND_TIMEOUT_USEC=\(seconds * 1_000_000)\nSTATUS=\(status)")
    }

    private static func notify(_ state: String) {
        _ = sd_notify(0, state)
    }
}
