import CGlibcExtras
import ClaimAPI
import ClaimExtraction
import ClaimModel
import ClaimStore
import Foundation
import Logging
import Metrics
import NIOPosix
import Synchronization

/// Turns inputs (inbox files, API bodies) into stored claims and events:
/// read → recognise duplicates → decode, date and extract in a worker → store → move → journal.
///
/// Reading and extraction run on the ``WorkerPool``'s threads, one article per worker process;
/// the writes go through one ``GroupCommit``, so documents that arrive together share a
/// transaction. Safe to call from several tasks.
public final class IngestPipeline: Sendable {
    private let settings: Settings
    let store: TimelineStore
    let workers: WorkerPool
    private let ledger: InFlightLedger
    /// Other names of the lexicon's actors, stored with an actor the first time it is seen;
    /// replaced as a whole on reload.
    let aliases: Mutex<[String: [String]]>
    /// The taxonomy extraction sorts claims into, as `GET /v1/topics` lists it; replaced on reload.
    private let taxonomy: Mutex<TopicList>
    let logger: Logger
    /// Re-extraction of stored documents in the background (`claimctl reprocess`).
    let reprocessing = ReprocessProgress()
    /// The live feed (`GET /v1/watch`).
    let watch = WatchHub()
    /// What `GET /metrics` reports: ingest counters and latencies.
    let metrics: DaemonMetrics
    private let queue = Mutex(0)
    private let heap: HeapTrimmer
    private let writer: DocumentWriter
    private let destinations = Destinations()
    private let commits: GroupCommit<PreparedDocument, CommitResult>
    let trouble: TroubleReport
    /// When the pipeline went from idle to busy, and when it last finished a document: the
    /// watchdog's notion of progress (see ``isMakingProgress(within:)``).
    private let progress = Mutex((busySince: ContinuousClock.now, lastDone: ContinuousClock.now))

    /// - Parameters:
    ///   - onStoreLost: called once when the store's file is found deleted or replaced; the
    ///     daemon stops rather than write into it.
    init(settings: Settings, store: TimelineStore, workers: WorkerPool, ledger: InFlightLedger, lexicon: Lexicon,
                logger: Logger, metrics: DaemonMetrics = DaemonMetrics(), onStoreLost: @escaping @Sendable (String) -> Void = { _ in }) {
        self.settings = settings
        self.store = store
        self.workers = workers
        self.ledger = ledger
        self.aliases = Mutex(IngestPipeline.aliases(of: lexicon))
        self.taxonomy = Mutex(IngestPipeline.taxonomy(of: lexicon))
        self.logger = logger
        self.metrics = metrics
        let trouble = TroubleReport(logger: logger)
        self.trouble = trouble
        let writer = DocumentWriter(store: store, logger: logger, metrics: metrics, onStoreLost: onStoreLost, watch: watch)
        self.writer = writer
        self.commits = GroupCommit { writer.write($0) }
        // The store's writer cache (tens of MB after a burst) first, so the trim returns it too.
        self.heap = HeapTrimmer { [store] in store.releaseMemoryWhenIdle { malloc_trim(0) } }
    }

    /// Extracts with `configuration` and stores `lexicon`'s aliases from now on (a reload).
    func reconfigure(_ configuration: WorkerConfiguration, lexicon: Lexicon) {
        aliases.withLock { $0 = IngestPipeline.aliases(of: lexicon) }
        taxonomy.withLock { $0 = IngestPipeline.taxonomy(of: lexicon) }
        workers.reconfigure(configuration)
    }

    /// The topics claims are sorted into now, and the stances they take.
    var topics: TopicList { taxonomy.withLock { $0 } }

    private static func taxonomy(of lexicon: Lexicon) -> TopicList {
        TopicList(topics: lexicon.topics.map { TopicList.Topic(id: $0.id, proposition: $0.proposition, cues: $0.cues) })
    }

    private static func aliases(of lexicon: Lexicon) -> [String: [String]] {
        Dictionary(lexicon.actors.map { ($0.name, $0.aliases) }, uniquingKeysWith: { first, _ in first })
    }

    /// Inbox files seen but not yet ingested.
    public var queued: Int { queue.withLock { $0 } }

    func enqueued() {
        let becameBusy = queue.withLock { count -> Bool in
            count += 1
            return count == 1
        }
        if becameBusy { progress.withLock { $0.busySince = .now } }
    }

    func dequeued() {
        let queueIsEmpty = queue.withLock { count -> Bool in
            count = max(0, count - 1)
            return count == 0
        }
        progress.withLock { $0.lastDone = .now }
        if queueIsEmpty {
            // The store lets its log grow through a burst (see WriteAheadLog); once the inbox has
            // drained, what it holds is copied back, so the log starts small for the next one.
            store.checkpointWhenIdle { [logger] result in
                if case let .failure(error) = result { logger.warning("Cannot copy the store's write-ahead log back: \(error)") }
            }
        }
        heap.fileDone(queueIsEmpty: queueIsEmpty)
    }

    /// Whether the pipeline is idle, or has finished a document (or an attempt at one) within
    /// `interval` of now or of becoming busy: what the watchdog pings for.
    func isMakingProgress(within interval: Duration) -> Bool {
        let (isIdle, lastAttempt) = workers.activity
        if queued == 0, isIdle { return true }
        let (busySince, lastDone) = progress.withLock { $0 }
        return ContinuousClock.now - max(busySince, lastDone, lastAttempt) < interval
    }

    /// Ingests the inbox file `name`, then moves it to `processed/` (or `failed/` with a reason).
    ///
    /// The store commits before the file moves: after a crash in between, the file is ingested
    /// again at start-up, found to be a duplicate by its sha256, and only then moved.
    /// Nil when the file was gone before it could be read.
    @discardableResult
    public func ingestInboxFile(named name: String) async -> IngestReport? {
        defer { dequeued() }
        let preparation = await workers.run { slot in self.prepareInboxFile(named: name, slot: slot) }
        switch preparation {
        case nil: return IngestReport(status: .postponed, name: name, claims: 0, events: 0, stanceChanges: 0, reason: "claimd is stopping")
        case .gone?: return nil
        case let .failed(report)?: return report
        case let .ready(document)?: return await store(document)
        }
    }

    /// Ingests a document handed over the API; nothing is written to the inbox. What the client
    /// says of its URL, title and outlet (`given`) wins over what the article says.
    public func ingestBody(_ bytes: [UInt8], name: String, dct: CalendarDay?, received: Date, submitter: Submitter?,
                           given: ArticleSource = ArticleSource()) async -> IngestReport {
        let preparation = await workers.run { slot in
            self.prepare(bytes: bytes, name: name, path: "api:" + name, inbox: nil, dct: dct, modified: received,
                         submitter: submitter, given: given, slot: slot)
        }
        switch preparation {
        case let .ready(document)?: return await store(document)
        case let .failed(report)?: return report
        case .gone?, nil:
            return IngestReport(status: .postponed, name: name, claims: 0, events: 0, stanceChanges: 0, reason: "claimd is stopping")
        }
    }

    /// Moves a file whose name is not valid UTF-8 to `failed/` under a readable name: it could
    /// otherwise never be opened by name and would sit in the inbox for good.
    public func quarantine(undecodableName bytes: [UInt8]) {
        let readable = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\u{FFFD}", with: "_")
        let destination = destinations.reserve(readable, in: settings.failedDirectory)
        defer { destinations.release(destination) }
        let source = Array(settings.inboxPath.utf8) + [UInt8(ascii: "/")] + bytes + [0]
        let moved = source.withUnsafeBufferPointer { pointer in
            pointer.withMemoryRebound(to: CChar.self) { rename($0.baseAddress!, destination) == 0 }
        }
        let reason = "the file name is not valid UTF-8"
        if moved { try? Data((reason + "\n").utf8).write(to: URL(fileURLWithPath: destination + ".reason")) }
        writer.recordFailure(path: settings.inboxPath + "/" + readable, movedTo: moved ? destination : nil, reason: reason, kind: .fileName)
    }

    // MARK: - Preparing (worker pool threads, in parallel)

    /// How far a document got before the store.
    enum Preparation: Sendable {
        case ready(PreparedDocument)
        /// Failed for good, or postponed (``IngestReport/Status/postponed``): nothing more to do now.
        case failed(IngestReport)
        /// The inbox file went away before it was read (moved, or a second event for it).
        case gone
    }

    private func prepareInboxFile(named name: String, slot: WorkerSlot) -> Preparation {
        let path = settings.inboxPath + "/" + name
        let file: (bytes: [UInt8], modified: Date, status: stat)
        do { file = try ArticleLoader.loadWithStatus(path: path, maxBytes: settings.maxFileBytes) } catch {
            if error == .notFound { return .gone }
            if error.isTransient { return .failed(postpone(name: name, path: path, reason: error.description)) }
            return .failed(quarantine(name: name, path: path, identity: nil, kind: error.failureKind, reason: error.description))
        }
        let identity = FileIdentity(file.status)
        // Another name for the same file lets whoever holds it change it after it was stored.
        if file.status.st_nlink > 1 {
            return .failed(quarantine(name: name, path: path, identity: identity, kind: .hardLinks,
                                      reason: "has \(file.status.st_nlink) hard links (refused: the file can be changed through another name)"))
        }
        return prepare(bytes: file.bytes, name: name, path: path, inbox: (path, identity), dct: nil, modified: file.modified,
                       submitter: Submitter(uid: file.status.st_uid), slot: slot)
    }

    /// Recognises a duplicate by its sha256, else has a worker decode (the format by `path`'s
    /// extension), date and extract it. An API body is known as `path` (`api:NAME`); an inbox
    /// file by its place in `processed/`, chosen here and reserved until it has moved there.
    private func prepare(bytes: [UInt8], name: String, path: String, inbox: (path: String, identity: FileIdentity)?,
                         dct: CalendarDay?, modified: Date, submitter: Submitter?, given: ArticleSource = ArticleSource(),
                         slot: WorkerSlot) -> Preparation {
        ExtractionPriority.lowerCallingThread()
        let sha256 = sha256Hex(bytes)
        let storedPath = inbox != nil ? destinations.reserve(name, in: settings.processedDirectory) : path
        func prepared(_ document: Document, _ extraction: Extraction, _ note: DatingNote? = nil) -> Preparation {
            var document = document
            document.path = storedPath
            document.submitter = submitter
            document.url = given.url ?? document.url
            document.title = given.title ?? document.title
            document.source = given.source ?? document.source
            return .ready(PreparedDocument(name: name, inboxPath: inbox?.path, inboxIdentity: inbox?.identity, document: document,
                                           aliases: aliases.withLock { $0 }, extraction: extraction, datingNote: note))
        }
        func failed(_ reason: String, kind: FailureKind) -> Preparation {
            if inbox != nil { destinations.release(storedPath) }
            guard let inbox else {
                writer.recordFailure(path: path, movedTo: nil, reason: reason, kind: kind)
                return .failed(IngestReport(status: .failed, name: name, claims: 0, events: 0, stanceChanges: 0, reason: reason))
            }
            return .failed(quarantine(name: name, path: inbox.path, identity: inbox.identity, kind: kind, reason: reason))
        }
        // Seen before: the store's commit will say so (and move the file) without an extraction.
        if (try? store.containsDocument(sha256: sha256)) == true {
            let known = Document(path: storedPath, sha256: sha256, format: .text, dct: DocumentDate(value: "", source: .mtime), text: "")
            return prepared(known, Extraction())
        }
        if ledger.interruptions(of: sha256) >= InFlightLedger.maximumInterruptions {
            return failed("claimd itself stopped while extracting this article \(InFlightLedger.maximumInterruptions) times "
                          + "(a crash, kill or watchdog timeout); it is not taken again", kind: .interrupted)
        }
        ledger.begin(sha256)
        let started = ContinuousClock.now
        defer { metrics.extraction.record(duration: ContinuousClock.now - started) }
        let outcome = slot.extract(ExtractionRequest(path: path, sha256: sha256, dct: dct, modified: Int64(modified.timeIntervalSince1970),
                                                     bytes: bytes))
        if case .unavailable = outcome { ledger.end(sha256, settled: false) } else { ledger.end(sha256, settled: true) }
        switch outcome {
        case let .extracted(document, extraction, note):
            return prepared(document, extraction, note)
        case let .undecodable(reason):
            return failed(reason, kind: .undecodable)
        case let .undated(reason):
            return failed(reason, kind: .undated)
        case let .failed(reason):
            return failed(reason, kind: .extraction)
        case let .unavailable(reason):
            if inbox != nil { destinations.release(storedPath) }
            return .failed(postpone(name: name, path: inbox?.path ?? path, reason: reason))
        }
    }

    /// A file the machine cannot take now (out of descriptors, memory or disk): it stays where it
    /// is and is tried again with back-off; the trouble is logged once, not per file.
    private func postpone(name: String, path: String, reason: String) -> IngestReport {
        if !workers.isStopping { trouble.report(reason) }
        metrics.postponed.increment()
        return IngestReport(status: .postponed, name: name, claims: 0, events: 0, stanceChanges: 0, reason: reason)
    }

    /// Moves an inbox file that cannot be ingested to `failed/`, with its reason beside it;
    /// unless it was replaced since it was read (`identity`), in which case the new file gets
    /// its own turn.
    private func quarantine(name: String, path: String, identity: FileIdentity?, kind: FailureKind,
                            reason: String) -> IngestReport {
        let destination = destinations.reserve(name, in: settings.failedDirectory)
        defer { destinations.release(destination) }
        let moved = writer.move(path, to: destination, ifStill: identity) == .moved
        if moved {
            try? Data((reason + "\n").utf8).write(to: URL(fileURLWithPath: destination + ".reason"))
        }
        writer.recordFailure(path: path, movedTo: moved ? destination : nil, reason: reason, kind: kind)
        return IngestReport(status: .failed, name: name, claims: 0, events: 0, stanceChanges: 0, reason: reason)
    }

    // MARK: - Storing (one commit thread), then journalling (thread pool)

    private func store(_ document: PreparedDocument) async -> IngestReport {
        let result = await commits.submit(document)
        if document.inboxPath != nil { destinations.release(document.document.path) }
        // The journal entries are written off the commit thread, so the next group is not held up.
        return (try? await NIOThreadPool.singleton.runIfActive { self.report(result) }) ?? report(result)
    }

    /// Journals what became of a committed document and says so in a report.
    private func report(_ result: CommitResult) -> IngestReport {
        let name = result.document.name, path = result.document.document.path
        switch result.outcome {
        case let .failure(error):
            trouble.report("the store cannot take documents: \(error)")
            metrics.postponed.increment()
            return IngestReport(status: .postponed, name: name, claims: 0, events: 0, stanceChanges: 0, reason: "\(error)")
        case let .success(.duplicate(existing)):
            trouble.recovered()
            metrics.duplicates.increment()
            logger.info("Duplicate of \(existing.path), not stored again: \(path)", metadata: [
                JournalField.messageID: "\(JournalMessageID.documentDuplicate)",
                JournalField.documentSHA256: "\(result.document.document.sha256)",
                JournalField.documentPath: "\(path)",
            ])
            return IngestReport(status: .duplicate, name: name, document: existing, claims: 0, events: 0, stanceChanges: 0)
        case let .success(.stored(ref, claims, events, changes)):
            trouble.recovered()
            StandardErrorBatch.collect {
                journal(stored: ref, submitter: result.document.document.submitter, datingNote: result.document.datingNote, claims: claims,
                        events: events, changes: changes)
            }
            publish(document: ref, claims: claims, events: events, changes: changes)
            metrics.documentsStored.increment()
            metrics.claimsStored.increment(by: claims.count)
            metrics.eventsStored.increment(by: events.count)
            metrics.stanceChanges.increment(by: changes.count)
            return IngestReport(status: .stored, name: name, document: ref, claims: claims.count, events: events.count,
                                stanceChanges: changes.count,
                                submitter: result.document.document.submitter)
        }
    }

    /// Tells the live feed's watchers what a write stored.
    func publish(document: DocumentRef?, claims: [StoredClaim], events: [StoredEvent], changes: [StanceChange]) {
        guard watch.count > 0 else { return }
        if let document { watch.publish(WatchItem(kind: .document, document: document)) }
        for claim in claims { watch.publish(WatchItem(kind: .claim, claim: claim)) }
        for event in events { watch.publish(WatchItem(kind: .event, event: event)) }
        for change in changes { watch.publish(WatchItem(kind: .change, change: change)) }
    }

    private func journal(stored document: DocumentRef, submitter: Submitter?, datingNote: DatingNote?, claims: [StoredClaim],
                         events: [StoredEvent], changes: [StanceChange]) {
        // Each entry's metadata is built whole: merging dictionaries per claim cost more than
        // sending the entry.
        let sha256: Logger.MetadataValue = "\(document.sha256)", path: Logger.MetadataValue = "\(document.path)"
        var fields: Logger.Metadata = [
            JournalField.messageID: "\(JournalMessageID.documentIngested)",
            JournalField.documentSHA256: sha256, JournalField.documentPath: path,
            JournalField.date: "\(document.dct.value)",
            JournalField.claims: "\(claims.count)",
            JournalField.events: "\(events.count)",
        ]
        if let submitter {
            fields[JournalField.submitterUID] = "\(submitter.uid)"
            if let pid = submitter.pid { fields[JournalField.submitterPID] = "\(pid)" }
        }
        if let note = datingNote {
            logger.warning("\(document.path): \(note.description)", metadata: [
                JournalField.messageID: "\(JournalMessageID.dateDisagrees)",
                JournalField.documentSHA256: sha256, JournalField.documentPath: path,
                JournalField.date: "\(note.chosen)", JournalField.fileDate: "\(note.fileDay)",
            ])
        }
        logger.info("Ingested \(document.path): \(claims.count) claims, \(events.count) events, dated \(document.dct.value) (\(document.dct.source.rawValue))",
                    metadata: fields)
        for claim in claims {
            let fields: Logger.Metadata = [
                JournalField.messageID: "\(JournalMessageID.claimRecorded)",
                JournalField.documentSHA256: sha256, JournalField.documentPath: path,
                JournalField.actor: "\(claim.actor.name)",
                JournalField.topic: "\(claim.topic)",
                JournalField.stance: "\(claim.stance.rawValue)",
                JournalField.date: "\(claim.date.value)",
            ]
            logger.info("\(claim.actor.name): \(claim.stance.rawValue) of \(claim.topic) on \(claim.date.value): \(claim.text.prefix(160))",
                        metadata: fields)
        }
        journal(changes, foundBy: document)
        for event in events {
            logger.info("Event \(event.type) on \(event.date.value): \(event.actors.joined(separator: ", ")): \(event.text.prefix(160))",
                        metadata: [
                            JournalField.messageID: "\(JournalMessageID.eventRecorded)",
                            JournalField.documentSHA256: sha256, JournalField.documentPath: path,
                            JournalField.actor: "\(event.actors.joined(separator: "; "))",
                            JournalField.date: "\(event.date.value)",
                        ])
        }
    }

    /// Each stance change a write made (also one in the past that an older article arriving
    /// late created or split), at notice level with both claims, so that either can be looked up.
    func journal(_ changes: [StanceChange], foundBy document: DocumentRef) {
        let sha256: Logger.MetadataValue = "\(document.sha256)", path: Logger.MetadataValue = "\(document.path)"
        for change in changes {
            let (from, to) = (change.from, change.to)
            logger.notice("\(change.actor.name) changed stance on \(change.topic): \(from.stance.rawValue) (\(from.day)) → \(to.stance.rawValue) (\(to.day))",
                          metadata: [
                              JournalField.messageID: "\(JournalMessageID.stanceChanged)",
                              JournalField.documentSHA256: sha256, JournalField.documentPath: path,
                              JournalField.actor: "\(change.actor.name)", JournalField.topic: "\(change.topic)",
                              JournalField.stance: "\(to.stance.rawValue)", JournalField.previousStance: "\(from.stance.rawValue)",
                              JournalField.fromStance: "\(from.stance.rawValue)", JournalField.toStance: "\(to.stance.rawValue)",
                              JournalField.fromClaim: "\(from.id)", JournalField.toClaim: "\(to.id)",
                              JournalField.fromDate: "\(from.day)", JournalField.toDate: "\(to.day)",
                              JournalField.date: "\(to.date.value)",
                          ])
        }
    }
}

/// Names in `processed/` and `failed/` given to files not yet moved there: files are prepared
/// in parallel, and two of them must never be given the same name (the second move would
/// replace the first file).
final class Destinations: Sendable {
    private let reserved = Mutex<Set<String>>([])

    /// `DIRECTORY/NAME`, or `NAME.1`, `NAME.2`… when that (or its `.reason`) exists or is reserved.
    func reserve(_ name: String, in directory: String) -> String {
        // Room for ".reason" and a counter within NAME_MAX (255 bytes).
        var name = name
        while name.utf8.count > 230 { name.removeLast() }
        return reserved.withLock { reserved in
            var target = directory + "/" + name
            var attempt = 0
            var info = stat()
            while reserved.contains(target) || lstat(target, &info) == 0 || lstat(target + ".reason", &info) == 0 {
                attempt += 1
                target = directory + "/" + name + ".\(attempt)"
            }
            reserved.insert(target)
            return target
        }
    }

    /// Gives up a reservation once the file has moved there, or will not.
    func release(_ target: String) {
        _ = reserved.withLock { $0.remove(target) }
    }
}
