import ClaimExtraction
import ClaimAPI
import ClaimModel
import ClaimStore
import Foundation
import Logging
import Metrics

/// A document read, decoded, dated and extracted, waiting for the store.
struct PreparedDocument: Sendable {
    /// The inbox file name, or the name given with an API body.
    var name: String
    /// Where the file sits in the inbox (nil for an API body); once stored it moves to
    /// `document.path`, its place in `processed/`.
    var inboxPath: String?
    /// The inbox file as it was read: if the path names another file by the time of the move
    /// (a writer replaced it meanwhile), that file stays for its own turn.
    var inboxIdentity: FileIdentity?
    var document: Document
    /// Other names of the lexicon's actors, stored with an actor the first time it is seen.
    var aliases: [String: [String]]
    var extraction: Extraction
    /// Why the document's date wants a second look, journaled once it is stored.
    var datingNote: DatingNote? = nil
}

/// What the store made of a prepared document.
struct CommitResult: Sendable {
    var document: PreparedDocument
    /// Stored or a duplicate; a failure means the store could not take it now (disk full,
    /// database busy): nothing was written and the file stays in the inbox.
    var outcome: Result<IngestOutcome, any Error>
}

/// Writes groups of prepared documents, one transaction per group, and moves their files out
/// of the inbox once committed. Runs on the ``GroupCommit`` thread.
struct DocumentWriter: Sendable {
    let store: TimelineStore
    let logger: Logger
    let metrics: DaemonMetrics
    /// Called when the store's file is gone or replaced: nothing written now could be kept.
    var onStoreLost: @Sendable (String) -> Void = { _ in }
    /// The live feed, told of failures.
    var watch: WatchHub? = nil

    func write(_ group: [PreparedDocument]) -> [CommitResult] {
        guard let first = group.first else { return [] }
        do { try store.verifyFile() } catch {
            onStoreLost(error.description)
            return group.map { CommitResult(document: $0, outcome: .failure(error)) }
        }
        let outcomes: [IngestOutcome]
        do {
            // A group is prepared within moments, so the first document's lexicon stands for all.
            let started = ContinuousClock.now
            outcomes = try store.ingest(batch: group.map { ($0.document, $0.extraction) }, aliases: first.aliases, at: Date())
            metrics.commit.record(duration: ContinuousClock.now - started)
        } catch {
            // One document the store refuses must not hold back the others: try each alone.
            guard group.count > 1 else { return [CommitResult(document: first, outcome: .failure(error))] }
            return group.flatMap { write([$0]) }
        }
        for prepared in group {
            guard let inboxPath = prepared.inboxPath,
                  move(inboxPath, to: prepared.document.path, ifStill: prepared.inboxIdentity) == .failed else { continue }
            recordFailure(path: inboxPath, movedTo: nil, reason: "stored, but cannot be moved out of the inbox", kind: .unmovable)
        }
        return zip(group, outcomes).map { CommitResult(document: $0, outcome: .success($1)) }
    }

    enum MoveOutcome { case moved, replaced, failed }

    /// Renames `path` to `target`, saying why in the journal when it cannot.
    ///
    /// With `identity` (the file as it was read), a file that a writer has replaced since is
    /// left where it is: the watcher looks at a name again when it hears of it while it is in
    /// flight, so the new file gets its own turn.
    func move(_ path: String, to target: String, ifStill identity: FileIdentity? = nil) -> MoveOutcome {
        if let identity, FileIdentity.current(at: path) != identity {
            logger.notice("\(path) was replaced while it was ingested; the new file is taken next")
            return .replaced
        }
        guard rename(path, target) == 0 else {
            logger.error("Cannot move \(path) to \(target): \(String(cString: strerror(errno)))")
            return .failed
        }
        return .moved
    }

    /// Records an input that could not be ingested, in the store (for `claimctl failed`) and the journal.
    func recordFailure(path: String, movedTo: String?, reason: String, kind: FailureKind) {
        try? store.recordFailure(path: path, reason: reason, at: Date())
        metrics.failed(kind)
        watch?.publish(WatchItem(kind: .failure, path: path, reason: reason))
        logger.error("Cannot ingest \(path): \(reason)\(movedTo.map { "; moved to \($0)" } ?? "")", metadata: [
            JournalField.messageID: "\(JournalMessageID.documentFailed)",
            JournalField.documentPath: "\(path)",
            JournalField.reason: "\(reason)",
        ])
    }
}
