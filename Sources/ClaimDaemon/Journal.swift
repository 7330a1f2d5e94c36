import CSystemd
import Foundation
import Logging

/// Stable `MESSAGE_ID`s, one per kind of journal entry, so `journalctl MESSAGE_ID=…` finds them all.
public enum JournalMessageID {
    public static let documentIngested = "a9ba06c9a048484098218df8a1468417"
    public static let claimRecorded = "f56b4248289d44f7b223acd24ac86af7"
    public static let documentFailed = "404949ea50e143f48f4af5d1ddbe52d6"
    public static let stanceChanged = "e7c859545aaa46f487028458fea61932"
    public static let documentDuplicate = "19e5181c98fb4c698147b4340563a806"
    public static let eventRecorded = "245c3e0c43054b11aa40129d15ee64f6"
}

/// Journal field names claimd attaches to its entries (as swift-log metadata keys).
public enum JournalField {
    public static let messageID = "MESSAGE_ID"
    public static let documentSHA256 = "CLAIMD_DOC_SHA256"
    public static let documentPath = "CLAIMD_DOC_PATH"
    public static let actor = "CLAIMD_ACTOR"
    public static let topic = "CLAIMD_TOPIC"
    public static let stance = "CLAIMD_STANCE"
    public static let previousStance = "CLAIMD_PREVIOUS_STANCE"
    public static let date = "CLAIMD_DATE"
    public static let reason = "CLAIMD_REASON"
    public static let claims = "CLAIMD_CLAIMS"
    public static let events = "CLAIMD_EVENTS"
}

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
        var fields = [
            "MESSAGE=\(event.message)",
            "PRIORITY=\(Self.syslogPriority(event.level))",
            "SYSLOG_IDENTIFIER=\(identifier)",
            "CODE_FILE=\(event.file)",
            "CODE_LINE=\(event.line)",
            "CODE_FUNC=\(event.function)",
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            fields.append("\(Self.fieldName(key))=\(value)")
        }
        let sent = Self.send(fields)
        if !sent || echoToStderr {
            let extras = merged.filter { $0.key != JournalField.messageID }.sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            let line = "claimd[\(event.level)]: \(event.message)\(extras.isEmpty ? "" : "  " + extras)\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// Sends one entry with `sd_journal_sendv`; false when no journal took it.
    ///
    /// libsystemd drops entries silently when journald is not running, so the socket's
    /// presence is checked first: that is what "reachable" means here.
    static func send(_ fields: [String]) -> Bool {
        guard isJournalReachable else { return false }
        let buffers = fields.map { Array($0.utf8) }
        return buffers.withPointers { vectors in
            var vectors = vectors
            return vectors.withUnsafeMutableBufferPointer { sd_journal_sendv($0.baseAddress, Int32($0.count)) >= 0 }
        }
    }

    static let journalSocket = "/run/systemd/journal/socket"

    /// Whether journald's socket is there to take entries.
    public static var isJournalReachable: Bool {
        var info = stat()
        return stat(journalSocket, &info) == 0 && info.st_mode & S_IFMT == S_IFSOCK
    }

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

private extension Array where Element == [UInt8] {
    /// Calls `body` with an iovec per buffer, valid for the duration of the call.
    func withPointers<R>(_ body: ([iovec]) -> R, index: Int = 0, vectors: [iovec] = []) -> R {
        guard index < count else { return body(vectors) }
        return self[index].withUnsafeBufferPointer { buffer in
            let vector = iovec(iov_base: UnsafeMutableRawPointer(mutating: buffer.baseAddress), iov_len: buffer.count)
            return withPointers(body, index: index + 1, vectors: vectors + [vector])
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

    private static func notify(_ state: String) {
        _ = sd_notify(0, state)
    }
}
