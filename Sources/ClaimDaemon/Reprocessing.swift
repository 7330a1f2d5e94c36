import ClaimAPI
import ClaimModel
import ClaimStore
import Foundation
import Logging
import NIOPosix
import Synchronization

/// What became of a stored document extracted again.
enum Reextraction: Sendable {
    case replaced(IngestOutcome)
    case notFound
    /// The worker could not extract it (or claimd is stopping); the stored rows are as they were.
    case failed(String)
}

/// The background re-extraction's progress, for `GET /v1/status` and `STATUS=`.
final class ReprocessProgress: Sendable {
    private let state = Mutex<ReprocessStatus?>(nil)

    var current: ReprocessStatus? { state.withLock { $0 } }

    /// Starts a run of `total` documents; false when one is running.
    func begin(total: Int) -> Bool {
        state.withLock { state in
            if state?.running == true { return false }
            state = ReprocessStatus(running: true, total: total, done: 0, failed: 0)
            return true
        }
    }

    func finished(one failed: Bool) -> ReprocessStatus {
        state.withLock { state in
            state?.done += 1
            if failed { state?.failed += 1 }
            if let run = state, run.done >= run.total { state?.running = false }
            return state!
        }
    }
}

extension IngestPipeline {
    /// Extracts a stored document again from its stored text, with the lexicon and models of
    /// now, against `dct` when given (a re-dating) or its own date, and replaces its claims and
    /// events in one transaction; the stance changes found are journaled.
    func reextract(documentID: Int64, dct: DocumentDate? = nil) async -> Reextraction {
        guard let stored = await onThreadPool({ try? self.store.document(id: documentID) }) ?? nil else { return .notFound }
        var document = stored.document
        if let dct { document.dct = dct }
        let request = ExtractionRequest(stored: document)
        let outcome = await workers.run { slot in slot.extract(request) }
        guard case let .extracted(_, extraction, _)? = outcome else {
            return .failed(outcome.map { "\($0)" } ?? "claimd is stopping")
        }
        let aliases = self.aliases.withLock { $0 }
        let replaced: Result<IngestOutcome?, any Error> = await onThreadPool {
            Result { try self.store.replace(documentID: documentID, dct: dct, extraction: extraction, aliases: aliases, at: Date()) }
        } ?? .failure(CancellationError())
        switch replaced {
        case let .failure(error): return .failed("\(error)")
        case .success(nil): return .notFound
        case let .success(outcome?):
            if case let .stored(ref, claims, events, changes) = outcome {
                logger.info("Extracted \(ref.path) again: \(claims.count) claims, \(events.count) events, dated \(ref.dct.value)", metadata: [
                    JournalField.messageID: "\(JournalMessageID.documentReprocessed)",
                    JournalField.documentSHA256: "\(ref.sha256)", JournalField.documentPath: "\(ref.path)",
                    JournalField.date: "\(ref.dct.value)", JournalField.claims: "\(claims.count)", JournalField.events: "\(events.count)",
                ])
                journal(changes, foundBy: ref)
                publish(document: nil, claims: [], events: [], changes: changes)
                metrics.stanceChanges.increment(by: changes.count)
            }
            return .replaced(outcome)
        }
    }

    /// Re-extracts `documentIDs` in the background, one at a time so that the other workers
    /// stay free for the inbox; false when a run is going on already.
    func reprocess(_ documentIDs: [Int64]) -> Bool {
        guard reprocessing.begin(total: documentIDs.count) else { return false }
        ServiceNotifier.status("Reprocessing 0 of \(documentIDs.count) documents")
        Task {
            for id in documentIDs {
                let result = await reextract(documentID: id)
                var failed = false
                if case let .failed(reason) = result {
                    failed = true
                    logger.warning("Cannot extract document \(id) again: \(reason)")
                }
                let progress = reprocessing.finished(one: failed)
                ServiceNotifier.status(progress.running ? "Reprocessing \(progress.done) of \(progress.total) documents"
                                                        : "Reprocessed \(progress.total) documents (\(progress.failed) failed); ready")
            }
            if documentIDs.isEmpty { _ = reprocessing.finished(one: false) }
        }
        return true
    }

    /// Forgets a document and all that came from it; the stance changes its going makes are journaled.
    func forget(_ document: DocumentRef) async throws -> [StanceChange]? {
        let result: Result<[StanceChange]?, any Error> = await onThreadPool {
            Result { try self.store.forget(documentID: document.id, at: Date()) }
        } ?? .failure(CancellationError())
        let changes = try result.get()
        if changes != nil {
            logger.notice("Forgot \(document.path) and all that came from it", metadata: [
                JournalField.messageID: "\(JournalMessageID.documentForgotten)",
                JournalField.documentSHA256: "\(document.sha256)", JournalField.documentPath: "\(document.path)",
            ])
            journal(changes ?? [], foundBy: document)
        }
        return changes
    }

    /// Store work off the async executor's threads, which answer queries.
    private func onThreadPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T? {
        try? await NIOThreadPool.singleton.runIfActive(body)
    }
}
