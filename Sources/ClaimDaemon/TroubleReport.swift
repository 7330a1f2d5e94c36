import Logging
import Synchronization

/// Says once that the machine cannot take documents now (out of descriptors, memory or disk, the
/// store locked), and once that it can again: a full disk under a burst would otherwise log an
/// error for every file at every retry.
final class TroubleReport: Sendable {
    private let logger: Logger
    /// The trouble being reported, and how many documents it has postponed.
    private let state = Mutex<(reason: String, postponed: Int)?>(nil)

    init(logger: Logger) {
        self.logger = logger
    }

    /// A document was postponed for `reason`; logged when the trouble starts or changes.
    func report(_ reason: String) {
        let isNew = state.withLock { state -> Bool in
            let isNew = state?.reason != reason
            state = (reason, (isNew ? 0 : state?.postponed ?? 0) + 1)
            return isNew
        }
        if isNew {
            logger.error("Documents wait in the inbox and are retried with back-off: \(reason)", metadata: [JournalField.reason: "\(reason)",
                                                                                                             JournalField.messageID: "\(JournalMessageID.ingestStalled)"])
        }
    }

    /// A document went through: the trouble, if any, is over.
    func recovered() {
        guard let ended = state.withLock({ state -> (reason: String, postponed: Int)? in
            defer { state = nil }
            return state
        }) else { return }
        logger.notice("Documents are ingested again after \(ended.postponed) postponements (\(ended.reason))",
                      metadata: [JournalField.messageID: "\(JournalMessageID.ingestResumed)"])
    }
}
