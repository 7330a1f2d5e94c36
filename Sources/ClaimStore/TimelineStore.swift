import ClaimModel
import Foundation
import GRDB
import Synchronization

/// The SQLite timeline: documents, actors, claims and events (see ``Schema`` for the tables).
///
/// A `DatabasePool` in WAL mode: one writer, concurrent readers, so queries on the control
/// socket never wait for an ingest. Each document is written in one transaction, so a crash
/// (even `kill -9`) leaves either all of it or none of it.
public final class TimelineStore: Sendable {
    let pool: DatabasePool
    public let path: String
    private let log: WriteAheadLog
    /// Actors this store has written, by lower-cased name: most articles name actors seen
    /// before, and knowing their ids spares an upsert per actor and article. Updated only
    /// after a commit, so a rolled-back transaction leaves no id behind that is not stored.
    private let writtenActors = Mutex<[String: WrittenActor]>([:])
    private let tierMerge: TierMerge
    /// The store file as opened: a file deleted or replaced under a running daemon would take
    /// every later write with it, unseen (see ``verifyFile()``).
    private let fileIdentity: (device: UInt64, inode: UInt64)?

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    ///
    /// - Parameters:
    ///   - log: when the write-ahead log is copied back into the database, and how large its file
    ///     may stay; tests make it small.
    ///   - tiers: how large the actor-keyed indexes' recent tiers grow before they are merged,
    ///     and the writer's page cache; tests make them small, so that queries read both tiers.
    ///   - willMigrate: called before an existing store's schema is upgraded, which may read
    ///     or copy every row a migration changes: the daemon says so and asks systemd for time.
    public init(path: String, log: WriteAheadLog = WriteAheadLog(), tiers: TieredIndexes = TieredIndexes(),
                willMigrate: () -> Void = {}) throws {
        _ = SQLiteLibrary.configured
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            guard !db.configuration.readonly else {
                // A query page joins each row with its document, actor and previous stance: in a
                // large store, SQLite's default 2 MB cache holds too few of those B-trees' inner
                // pages, and every row costs several reads. 16 MB per reader connection, used as
                // queries touch pages: timeline p50 at 1M claims 3.6 -> 2.9 ms.
                try db.execute(sql: "PRAGMA cache_size = -\(Self.readerCacheKiB)")
                return
            }
            try db.execute(sql: "PRAGMA cache_size = -\(tiers.writerCacheKiB)")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(log.checkpointPages)")
            // The log's file keeps its size when it starts over (see WriteAheadLog.sizeLimit).
            try db.execute(sql: "PRAGMA journal_size_limit = -1")
            // Debian's SQLite is built to overwrite deleted content with zeros, freed pages too, each
            // written to the log: every tier merge deletes the entries it moves, and FTS5 deletes the
            // segments it merges. claimd deletes no one's data, so FAST: only the cells, in pages
            // written anyway. 100k-file bursts: writer 1.82 -> 1.66 ms per article, 500 -> 548 docs/s.
            try db.execute(sql: "PRAGMA secure_delete = FAST")
        }
        self.pool = try DatabasePool(path: path, configuration: configuration)
        self.path = path
        var info = stat()
        fileIdentity = stat(path, &info) == 0 ? (UInt64(info.st_dev), UInt64(info.st_ino)) : nil
        self.log = log
        self.tierMerge = TierMerge(limits: tiers)
        let migrator = Schema.migrator
        try pool.write { db in try Schema.adoptPreReleaseStore(db) }
        let upgrades = try pool.read { db in
            try db.tableExists("grdb_migrations") && !migrator.hasCompletedMigrations(db)
        }
        if upgrades { willMigrate() }
        try migrator.migrate(pool)
        // An upgrade that copies rows leaves them in the log (a table rebuilt at 1M claims: ~350 MB),
        // where every read would look them up until a burst's checkpoint: copied back now, log emptied.
        if upgrades { try pool.writeWithoutTransaction { db in try Self.emptyLog(db) } }
    }

    /// SQLite page cache of each reader connection, in KiB.
    static let readerCacheKiB = 16 * 1024

    /// Copies what the write-ahead log holds back into the database, once nothing is being
    /// ingested: the daemon calls it when its queue drains, so the log starts over at the next
    /// write instead of waiting for ``WriteAheadLog/checkpointPages``, which only a burst fills.
    /// Then, if the log's file is larger than ``WriteAheadLog/sizeLimit``, empties it.
    ///
    /// Runs after any write already queued, without blocking the caller; `completion` gets the
    /// log's frames and those copied (equal unless a reader holds an older snapshot), or the error.
    public func checkpointWhenIdle(completion: @escaping @Sendable (Result<(frames: Int, copied: Int), any Error>) -> Void) {
        let logPath = path + "-wal", sizeLimit = log.sizeLimit
        pool.asyncWriteWithoutTransaction { db in
            completion(Result {
                let checkpoint = try db.checkpoint(.passive)
                var info = stat()
                if checkpoint.checkpointedFrameCount == checkpoint.walFrameCount,
                   stat(logPath, &info) == 0, Int(info.st_size) > sizeLimit {
                    try Self.emptyLog(db)
                }
                return (frames: checkpoint.walFrameCount, copied: checkpoint.checkpointedFrameCount)
            })
        }
    }

    /// Truncates the log's file to nothing once every reader has moved past its frames, waiting
    /// up to the busy timeout. If a reader still holds an older snapshot by then, SQLite leaves
    /// the file as it is and answers SQLITE_BUSY: no error here, the next idle checkpoint tries again.
    private static func emptyLog(_ db: Database) throws {
        do {
            try db.checkpoint(.truncate)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {}
    }

    /// Gives back the writer's page cache, which a burst fills up to
    /// ``TieredIndexes/writerCacheKiB``, after any write already queued; then calls `completion`.
    /// The next write reads its pages again, from the file system's cache.
    public func releaseMemoryWhenIdle(completion: @escaping @Sendable () -> Void) {
        pool.asyncWriteWithoutTransaction { db in
            db.releaseMemory()
            completion()
        }
    }

    /// Whether the store's path still names the file this store opened: once it is deleted or
    /// replaced, SQLite goes on writing into a file no one can reach.
    public func verifyFile() throws(StoreFileError) {
        guard let fileIdentity else { return }
        var info = stat()
        guard stat(path, &info) == 0 else { throw .deleted(path: path) }
        guard UInt64(info.st_dev) == fileIdentity.device, UInt64(info.st_ino) == fileIdentity.inode else { throw .replaced(path: path) }
    }

    // MARK: - Writing

    /// Stores a document with everything extracted from it, unless its sha256 is known already.
    ///
    /// - Parameter aliases: other names of actors, by canonical name (from the gazetteer), stored
    ///   with an actor the first time it is seen so that queries find it by any of them.
    public func ingest(_ document: Document, extraction: Extraction, aliases: [String: [String]] = [:], at date: Date) throws -> IngestOutcome {
        try ingest(batch: [(document, extraction)], aliases: aliases, at: date)[0]
    }

    /// Stores many documents in one transaction, where a commit per document would cost more
    /// than the rows themselves: the daemon's group commit when files arrive faster than they
    /// are written, imports, benchmark stores. All or none are stored; a document whose sha256
    /// is known, or that comes twice in the batch, is a duplicate.
    public func ingest(batch: [(document: Document, extraction: Extraction)], aliases: [String: [String]] = [:],
                       at date: Date) throws -> [IngestOutcome] {
        var actors = TransactionActors(written: writtenActors.withLock { $0 })
        let outcomes = try pool.write { db in
            var backlog = TransactionBacklog()
            var totals = TransactionTotals()
            let rows = (claims: try ClaimRowWriter(db), events: try EventRowWriter(db), changes: try StanceChangeWriter(db))
            let corrections = try CorrectionTable.load(db)
            let aliases = corrections.isEmpty ? aliases : aliases.merging(CorrectionTable.aliases(corrections)) { $0 + $1 }
            let outcomes = try batch.map {
                try Self.insert($0.document, extraction: corrections.apply(to: $0.extraction, sha256: $0.document.sha256), aliases: aliases,
                                at: date, in: db, rows: rows, actors: &actors, backlog: &backlog, totals: &totals)
            }
            try backlog.write(in: db)
            try totals.add(in: db)
            try tierMerge.afterWriting(claims: backlog.claimCount, in: db)
            return outcomes
        }
        let changed = actors.changed
        actors = TransactionActors(written: [:]) // so the merge below does not copy the whole cache
        writtenActors.withLock { $0.merge(changed) { $1 } }
        return outcomes
    }

    /// The rows of one document, inside the caller's transaction.
    private static func insert(_ document: Document, extraction: Extraction, aliases: [String: [String]], at date: Date,
                               in db: Database, rows: (claims: ClaimRowWriter, events: EventRowWriter, changes: StanceChangeWriter),
                               actors transactionActors: inout TransactionActors,
                               backlog: inout TransactionBacklog, totals: inout TransactionTotals) throws -> IngestOutcome {
        if let existing = try DocumentRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM document WHERE sha256 = ?"),
                                                   arguments: [document.sha256]) {
            return .duplicate(of: existing.ref)
        }
        var row = DocumentRow(document: document, ingestedAt: date)
        try row.insert(db)
        let ref = row.ref
        try db.cachedStatement(sql: "INSERT INTO document_text (document_id, text) VALUES (?, ?)").execute(arguments: [ref.id, document.text])
        var touched = TouchedChains()
        return try insertDerived(extraction, of: ref, aliases: aliases, at: date, in: db, rows: rows, actors: &transactionActors,
                                 backlog: &backlog, totals: &totals, touched: &touched)
    }

    /// The claims, events and stance changes of a document whose row is written, inside the
    /// caller's transaction; `touched` holds the chain places its earlier claims left, if any.
    private static func insertDerived(_ extraction: Extraction, of ref: DocumentRef, aliases: [String: [String]], at date: Date,
                                      in db: Database, rows: (claims: ClaimRowWriter, events: EventRowWriter, changes: StanceChangeWriter),
                                      actors transactionActors: inout TransactionActors, backlog: inout TransactionBacklog,
                                      totals: inout TransactionTotals, touched: inout TouchedChains) throws -> IngestOutcome {
        let fallbackDay = ref.dct.day?.description ?? "0000-01-01"
        var actors = ActorIndex(known: extraction.actors, aliases: aliases, transaction: transactionActors)
        defer { transactionActors = actors.transaction }

        var claims: [StoredClaim] = []
        for extracted in extraction.claims {
            // The one place every stored claim passes: none is dated after its document.
            let claim = ref.dct.day.map { extracted.stated(notAfter: $0) } ?? extracted
            let actorID = try actors.id(for: claim.actor, in: db)
            let day = claim.date.firstDay?.description ?? fallbackDay
            let id = try rows.claims.write(claim, actorID: actorID, day: day, documentID: ref.id)
            backlog.addClaim(id)
            totals.addClaim(actorID: actorID, day: day)
            touched.add(ChainKey(actorID: actorID, topic: claim.topic), at: ChainPosition(day: day, claimID: id))
            claims.append(StoredClaim(id: id, actor: actors.resolved(claim.actor), topic: claim.topic, stance: claim.stance,
                                      mode: claim.mode, cue: claim.cue, text: claim.text, date: claim.date, day: day,
                                      confidence: claim.confidence, start: claim.start, end: claim.end, document: ref))
        }
        // Every change the document makes, its own claims' and those of later claims whose
        // previous claim it now is (an older article arriving late), with both claims.
        let written = try rows.changes.update(touched, documentID: ref.id, foundAt: date)
        let changes = written.isEmpty ? [] : try StanceChangeQuery.fetch(ids: written.map(\.id), in: db)
        for change in changes {
            if let index = claims.firstIndex(where: { $0.id == change.to.id }) { claims[index].previousStance = change.from.stance }
        }

        var events: [StoredEvent] = []
        for event in extraction.events {
            let day = event.date.firstDay?.description ?? fallbackDay
            var actorIDs: [Int64] = []
            for name in event.actors {
                let actorID = try actors.id(for: actors.reference(named: name), in: db)
                if !actorIDs.contains(actorID) { actorIDs.append(actorID) }
            }
            let id = try rows.events.write(event, day: day, documentID: ref.id, actorIDs: actorIDs)
            backlog.addEvent(id)
            for actorID in actorIDs { totals.addEvent(actorID: actorID) }
            events.append(StoredEvent(id: id, type: event.type, trigger: event.trigger, text: event.text, date: event.date,
                                      day: day, actors: event.actors, start: event.start, end: event.end, document: ref))
        }
        return .stored(document: ref, claims: claims, events: events, changes: changes)
    }

    /// Replaces a stored document's claims and events with `extraction` (made again from its
    /// stored text, with a newer lexicon or model, or against a new date), in one transaction:
    /// readers see the old rows or the new, never a mix. With `dct`, the document is re-dated
    /// first. Stance changes around both the old and the new claims are recomputed; the outcome
    /// holds the new rows and the changes found. Nil when no document has that id.
    public func replace(documentID: Int64, dct: DocumentDate? = nil, extraction: Extraction, aliases: [String: [String]] = [:],
                        at date: Date) throws -> IngestOutcome? {
        var actors = TransactionActors(written: writtenActors.withLock { $0 })
        let outcome = try pool.write { db -> IngestOutcome? in
            guard var row = try DocumentRow.fetchOne(db, key: documentID) else { return nil }
            if let dct {
                (row.dct, row.dct_source) = (dct.value, dct.source.rawValue)
                try row.update(db)
            }
            var (touched, affected) = try Self.deleteDerived(of: documentID, in: db)
            var backlog = TransactionBacklog()
            var totals = TransactionTotals()
            let rows = (claims: try ClaimRowWriter(db), events: try EventRowWriter(db), changes: try StanceChangeWriter(db))
            let corrections = try CorrectionTable.load(db)
            let aliases = corrections.isEmpty ? aliases : aliases.merging(CorrectionTable.aliases(corrections)) { $0 + $1 }
            let outcome = try Self.insertDerived(corrections.apply(to: extraction, sha256: row.sha256), of: row.ref, aliases: aliases,
                                                 at: date, in: db, rows: rows, actors: &actors, backlog: &backlog, totals: &totals,
                                                 touched: &touched)
            try backlog.write(in: db)
            affected.formUnion(try Self.actorIDs(of: documentID, in: db))
            try Self.recount(actors: affected, in: db)
            try tierMerge.afterWriting(claims: backlog.claimCount, in: db)
            return outcome
        }
        let changed = actors.changed
        writtenActors.withLock { $0.merge(changed) { $1 } }
        return outcome
    }

    /// Removes a document and everything derived from it: its text, claims, events, their
    /// index and full-text entries, the stance changes they were part of (those their removal
    /// makes are written), and actors left with no claim or event. Returns the stance changes
    /// found; nil when no document has that id.
    public func forget(documentID: Int64, at date: Date) throws -> [StanceChange]? {
        let changes = try pool.write { db -> [StanceChange]? in
            guard try DocumentRow.fetchOne(db, key: documentID) != nil else { return nil }
            let (touched, affected) = try Self.deleteDerived(of: documentID, in: db)
            try db.execute(sql: "DELETE FROM document WHERE id = ?", arguments: [documentID])
            let written = try StanceChangeWriter(db).update(touched, documentID: documentID, foundAt: date)
            try Self.recount(actors: affected, in: db)
            try db.execute(sql: "DELETE FROM actor WHERE id IN (\(affected.map { _ in "?" }.joined(separator: ","))) AND claims = 0 AND events = 0",
                           arguments: StatementArguments(Array(affected)))
            return try StanceChangeQuery.fetch(ids: written.map(\.id), in: db)
        }
        clearActorCache()
        return changes
    }

    /// Forgets what the writer knows of actor rows: after actors were deleted, they must be
    /// written again if they come back.
    func clearActorCache() {
        writtenActors.withLock { $0.removeAll() }
    }

    /// Deletes a document's claims and events (their index and full-text entries go by
    /// trigger, their stance changes by cascade); returns the chain places the claims held
    /// and the actors whose totals changed.
    private static func deleteDerived(of documentID: Int64, in db: Database) throws -> (TouchedChains, Set<Int64>) {
        var touched = TouchedChains()
        var affected = try actorIDs(of: documentID, in: db)
        let rows = try Row.fetchCursor(db, sql: "SELECT id, actor_id, topic, first_day FROM claim WHERE document_id = ?", arguments: [documentID])
        while let row = try rows.next() {
            touched.add(ChainKey(actorID: row["actor_id"], topic: row["topic"]), at: ChainPosition(day: row["first_day"], claimID: row["id"]))
            affected.insert(row["actor_id"])
        }
        try db.execute(sql: "DELETE FROM claim WHERE document_id = ?", arguments: [documentID])
        try db.execute(sql: "DELETE FROM event WHERE document_id = ?", arguments: [documentID])
        return (touched, affected)
    }

    /// The actors of a document's claims and events.
    private static func actorIDs(of documentID: Int64, in db: Database) throws -> Set<Int64> {
        Set(try Int64.fetchAll(db, sql: """
            SELECT actor_id FROM claim WHERE document_id = ?1
            UNION SELECT a.actor_id FROM event e JOIN event_actor a ON a.event_id = e.id WHERE e.document_id = ?1
            """, arguments: [documentID]))
    }

    /// Counts `actors`' claims, events and claim days again from their tiered indexes: after a
    /// deletion the running totals cannot be adjusted (a first or last day may have gone).
    private static func recount(actors: Set<Int64>, in db: Database) throws {
        let claims = TieredIndex.claimsByActor, events = TieredIndex.eventsByActor
        let update = try db.makeStatement(sql: """
            UPDATE actor SET
                claims = (SELECT count(*) FROM \(claims.main) WHERE actor_id = ?1) + (SELECT count(*) FROM \(claims.recent) WHERE actor_id = ?1),
                events = (SELECT count(*) FROM \(events.main) WHERE actor_id = ?1) + (SELECT count(*) FROM \(events.recent) WHERE actor_id = ?1),
                first_day = (SELECT min(first_day) FROM (SELECT first_day FROM \(claims.main) WHERE actor_id = ?1
                                                        UNION ALL SELECT first_day FROM \(claims.recent) WHERE actor_id = ?1)),
                last_day = (SELECT max(first_day) FROM (SELECT first_day FROM \(claims.main) WHERE actor_id = ?1
                                                       UNION ALL SELECT first_day FROM \(claims.recent) WHERE actor_id = ?1))
            WHERE id = ?1
            """)
        for id in actors { try update.execute(arguments: [id]) }
    }

    /// The documents a person may mean by `reference`: a document id, a sha256 or a prefix of
    /// one (8 or more hex digits), or the stored file's path or name.
    public func documents(matching reference: String) throws -> [DocumentRef] {
        try pool.read { db in
            var rows: [DocumentRow] = []
            if let id = Int64(reference), reference.count < 8 {
                rows = try DocumentRow.fetchAll(db, sql: "SELECT * FROM document WHERE id = ?", arguments: [id])
            }
            if rows.isEmpty, reference.count >= 8, reference.allSatisfy(\.isHexDigit) {
                rows = try DocumentRow.fetchAll(db, sql: "SELECT * FROM document WHERE sha256 >= ?1 AND sha256 < ?1 || 'g'",
                                                arguments: [reference.lowercased()])
            }
            if rows.isEmpty {
                rows = try DocumentRow.fetchAll(db, sql: "SELECT * FROM document WHERE path = ?1 OR path LIKE '%/' || ?1",
                                                arguments: [reference])
            }
            return rows.map(\.ref)
        }
    }

    /// Stored documents, oldest first: all, or those dated on or after `since`.
    public func documentIDs(since: CalendarDay? = nil) throws -> [Int64] {
        try pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM document WHERE dct >= ? ORDER BY id", arguments: [since?.description ?? ""])
        }
    }

    /// A stored document with its text, by id.
    public func document(id: Int64) throws -> (ref: DocumentRef, document: Document)? {
        try pool.read { db in
            guard let row = try DocumentRow.fetchOne(db, key: id) else { return nil }
            let text = try String.fetchOne(db, sql: "SELECT text FROM document_text WHERE document_id = ?", arguments: [id])
            return (row.ref, row.document(text: text ?? ""))
        }
    }

    /// The most recent failures, newest first; with `before`, those recorded before that one.
    public func failures(limit: Int = 100, before: Int64? = nil) throws -> [FailureRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, path, reason, strftime('%Y-%m-%dT%H:%M:%SZ', failed_at) AS at FROM failure
                WHERE id < ? ORDER BY id DESC LIMIT ?
                """, arguments: [before ?? Int64.max, limit]).map {
                FailureRecord(id: $0["id"], path: $0["path"], reason: $0["reason"], failedAt: $0["at"] ?? "")
            }
        }
    }

    /// Records an input that could not be ingested, for `status` and for the record.
    public func recordFailure(path: String, reason: String, at date: Date) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO failure (path, reason, failed_at) VALUES (?, ?, ?)", arguments: [path, reason, date])
        }
    }

    // MARK: - Reading

    /// Writes a consistent copy of the store to `path` (a new file) with SQLite's online backup:
    /// one read transaction over every page, so ingest goes on meanwhile and the copy is the
    /// store as it was when the backup began.
    public func backup(to path: String) throws {
        let copy = try DatabaseQueue(path: path)
        try pool.backup(to: copy)
        // A standalone file, whatever the store's journal mode: its log copied in and removed.
        try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
        try copy.close()
    }

    public func counts() throws -> StoreCounts {
        try pool.read { db in
            func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
            return StoreCounts(documents: try count("document"), claims: try count("claim"), events: try count("event"),
                               actors: try count("actor"), failed: try count("failure"), stanceChanges: try count("stance_change"))
        }
    }

    /// Whether a document with this sha256 is stored: an article seen before need not be extracted.
    public func containsDocument(sha256: String) throws -> Bool {
        try pool.read { db in
            try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM document WHERE sha256 = ?)"), arguments: [sha256]) ?? false
        }
    }

    /// The document stored with this sha256, if any.
    public func document(sha256: String) throws -> Document? {
        try pool.read { db in
            guard let row = try DocumentRow.fetchOne(db, sql: "SELECT * FROM document WHERE sha256 = ?", arguments: [sha256]) else { return nil }
            let text = try String.fetchOne(db, sql: "SELECT text FROM document_text WHERE document_id = ?", arguments: [row.id])
            return row.document(text: text ?? "")
        }
    }

    /// Claims matching `filter`, oldest first (the most recent `filter.limit` of them).
    public func claims(_ filter: TimelineFilter) throws -> [StoredClaim] {
        try pool.read { db in try ClaimQuery(filter: filter).fetch(db) }
    }

    /// Events matching `filter` (topic, stance, confidence and text do not apply to events), oldest first.
    public func events(_ filter: TimelineFilter) throws -> [StoredEvent] {
        try pool.read { db in try EventQuery(filter: filter).fetch(db) }
    }

    /// Stance changes matching `filter` (actor, topic, days of the later claim), oldest first
    /// (the most recent `filter.limit` of them), with both claims.
    public func stanceChanges(_ filter: TimelineFilter) throws -> [StanceChange] {
        try pool.read { db in try StanceChangeQuery(filter: filter).fetch(db) }
    }

    /// Claims and events together, ordered by day: what `claimctl timeline` shows.
    public func timeline(_ filter: TimelineFilter) throws -> [TimelineEntry] {
        try pool.read { db in
            let actors = try ActorMatch(filter, in: db)
            let claims = try ClaimQuery(filter: filter).fetch(db, actors: actors)
            let eventsApply = filter.topic == nil && filter.stance == nil && filter.text == nil && filter.minConfidence == nil
            var eventFilter = filter
            // A full page of claims leaves no room for events before its oldest day (an event
            // on that day sorts before its claims), so only later ones are read.
            if claims.count == filter.limit, let oldest = claims.first.flatMap({ CalendarDay($0.day) }),
               filter.since.map({ oldest > $0 }) ?? true {
                eventFilter.since = oldest
            }
            let events = eventsApply ? try EventQuery(filter: eventFilter).fetch(db, actors: actors) : []
            return Self.latestEntries(claims, events, limit: filter.limit)
        }
    }

    /// The latest `limit` of `claims` and `events` (each oldest first), oldest first; on the same
    /// day, events come before claims. Merged from the newest end, so that only the entries kept
    /// are made (an entry holds a whole claim or event, and a page reads up to twice the limit).
    private static func latestEntries(_ claims: [StoredClaim], _ events: [StoredEvent], limit: Int) -> [TimelineEntry] {
        var entries: [TimelineEntry] = []
        entries.reserveCapacity(min(limit, claims.count + events.count))
        var claim = claims.endIndex, event = events.endIndex
        while entries.count < limit, claim > claims.startIndex || event > events.startIndex {
            if event == events.startIndex || (claim > claims.startIndex && claims[claim - 1].day >= events[event - 1].day) {
                claim -= 1
                entries.append(.claim(claims[claim]))
            } else {
                event -= 1
                entries.append(.event(events[event]))
            }
        }
        entries.reverse()
        return entries
    }

    /// Every actor, with counts of claims and events, most claims first; with `after`, those
    /// listed after that one.
    public func actors(matching name: String? = nil, limit: Int = 1000, after: ActorPosition? = nil) throws -> [ActorSummary] {
        try pool.read { db in try ActorQuery(name: name, limit: limit, after: after).fetch(db) }
    }
}

/// The store's file is no longer where it was opened.
public enum StoreFileError: Error, CustomStringConvertible, Equatable {
    case deleted(path: String)
    case replaced(path: String)

    public var description: String {
        switch self {
        case let .deleted(path): "the store \(path) was deleted while claimd was running; nothing written since could be kept"
        case let .replaced(path): "the store \(path) was replaced by another file while claimd was running"
        }
    }
}

/// How the store's write-ahead log is kept: SQLite appends every changed page to it and copies
/// them back into the database at a checkpoint.
public struct WriteAheadLog: Sendable {
    /// Pages (4 KiB) the log may hold before a commit copies them back: 100,000, ~400 MB.
    ///
    /// A burst's articles touch pages all over the store's indexes, and a checkpoint writes
    /// each page once however many commits changed it since the last one. At the end of a 100k
    /// burst a group of 256 articles writes ~15,000 pages: with a checkpoint every 10,000 pages
    /// every group was copied back on its own, ~430 KiB written per article; every ~7 groups,
    /// ~320 KiB, and 100k-file bursts ran 332 -> 372 and 298 -> 355 docs/s (two same-hour
    /// pairs, measured before the actor-keyed indexes were tiered in v9). Outside bursts the
    /// daemon checkpoints when its queue drains (``TimelineStore/checkpointWhenIdle(completion:)``),
    /// so the log stays small at idle.
    public var checkpointPages: Int
    /// Bytes the log's file may keep once the daemon is idle: 16 MB. A larger file is emptied
    /// by the idle checkpoint, so a burst's 400 MB do not stay on disk.
    ///
    /// Through a burst the file keeps its size each time the log starts over, so SQLite writes
    /// the next commits over pages the file system has allocated and cached already. Cut back at
    /// every start, as `journal_size_limit` would, the file grows again by new pages, which ext4
    /// zeroes around each write that covers a page in part (a frame is 4,120 bytes): that was
    /// 12% of the writer's time late in a 100k burst.
    public var sizeLimit: Int

    public init(checkpointPages: Int = 100_000, sizeLimit: Int = 16 << 20) {
        self.checkpointPages = checkpointPages
        self.sizeLimit = sizeLimit
    }
}
