import ClaimModel
import GRDB
import GRDBSQLite

/// Writes claim rows and their (actor, topic, day) tier entries, which the stance-change
/// windows of the same transaction read (see ``StanceChangeWriter``).
///
/// Through GRDB's `execute(arguments:)` (arrays of existential values, argument validation,
/// per-statement bookkeeping) a statement costs about as much again as SQLite's own work, on
/// the store's hottest path. The statements are GRDB's cached ones, run on its connection
/// inside its transaction; elsewhere the store uses GRDB as usual.
struct ClaimRowWriter {
    private let db: Database
    private let insert: RawStatement
    private let insertByTopic: RawStatement

    init(_ db: Database) throws {
        self.db = db
        insert = try RawStatement(db, Self.insertSQL)
        insertByTopic = try RawStatement(db, Self.insertByTopicSQL)
    }

    private static let insertSQL = """
        INSERT INTO claim (document_id, actor_id, topic, stance, mode, cue, text, date_value, granularity,
                           first_day, start, "end", confidence)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    private static let insertByTopicSQL = """
        INSERT INTO \(TieredIndex.claimsByActorTopic.recent) (actor_id, topic, first_day, claim_id, stance, document_id)
        VALUES (?, ?, ?, ?, ?, ?)
        """

    /// Inserts `claim`, the newest row; returns its id.
    func write(_ claim: Claim, actorID: Int64, day: String, documentID: Int64) throws -> Int64 {
        let stance = claim.stance.rawValue
        try insert.run { s in
            s.bind(1, documentID)
            s.bind(2, actorID)
            s.bind(3, claim.topic)
            s.bind(4, stance)
            s.bind(5, claim.mode.rawValue)
            s.bind(6, claim.cue)
            s.bind(7, claim.text)
            s.bind(8, claim.date.value)
            s.bind(9, claim.date.granularity.rawValue)
            s.bind(10, day)
            s.bind(11, Int64(claim.start))
            s.bind(12, Int64(claim.end))
            s.bind(13, claim.confidence)
        }
        let id = db.lastInsertedRowID
        try insertByTopic.run { s in
            s.bind(1, actorID)
            s.bind(2, claim.topic)
            s.bind(3, day)
            s.bind(4, id)
            s.bind(5, stance)
            s.bind(6, documentID)
        }
        return id
    }
}

/// Writes event rows and their actors through SQLite's C API, like ``ClaimRowWriter``.
struct EventRowWriter {
    private let db: Database
    private let insert: RawStatement
    private let insertActor: RawStatement

    init(_ db: Database) throws {
        self.db = db
        insert = try RawStatement(db, """
            INSERT INTO event (document_id, type, trigger, text, date_value, granularity, first_day, start, "end")
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertActor = try RawStatement(db, "INSERT OR IGNORE INTO event_actor (event_id, actor_id, first_day) VALUES (?, ?, ?)")
    }

    /// Inserts `event` with its actors; returns its id.
    func write(_ event: Event, day: String, documentID: Int64, actorIDs: [Int64]) throws -> Int64 {
        try insert.run { s in
            s.bind(1, documentID)
            s.bind(2, event.type)
            s.bind(3, event.trigger)
            s.bind(4, event.text)
            s.bind(5, event.date.value)
            s.bind(6, event.date.granularity.rawValue)
            s.bind(7, day)
            s.bind(8, Int64(event.start))
            s.bind(9, Int64(event.end))
        }
        let id = db.lastInsertedRowID
        for actorID in actorIDs {
            try insertActor.run { s in
                s.bind(1, id)
                s.bind(2, actorID)
                s.bind(3, day)
            }
        }
        return id
    }
}

/// One of GRDB's cached statements, bound and stepped directly.
///
/// It holds the statement's handle, not the statement: valid only inside the write that made
/// it, since GRDB may finalize its cached statements between writes (`releaseMemory`).
struct RawStatement {
    private let db: Database
    private let handle: SQLiteStatement

    init(_ db: Database, _ sql: String) throws {
        self.db = db
        handle = try db.cachedStatement(sql: sql).sqliteStatement
    }

    /// Binds with `bind`, steps until done, and resets.
    func run(_ bind: (Self) -> Void) throws {
        _ = try firstRow(bind) { _ in () }
    }

    /// Binds with `bind`, and returns the first row read by `read`, if any.
    func firstRow<T>(_ bind: (Self) -> Void, read: (Self) -> T) throws -> T? {
        var result: T?
        try forEachRow(bind) { row in
            result = read(row)
            return false
        }
        return result
    }

    /// Binds with `bind`, and hands rows to `read` until it returns false or the rows run out.
    func forEachRow(_ bind: (Self) -> Void, while read: (Self) -> Bool) throws {
        defer { sqlite3_reset(handle) }
        bind(self)
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_ROW: if !read(self) { return }
            case SQLITE_DONE: return
            case let code: throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage)
            }
        }
    }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }
    func bind(_ index: Int32, _ value: Double) { sqlite3_bind_double(handle, index, value) }
    func bind(_ index: Int32, _ value: String) {
        // Straight from the string's UTF-8 (SQLite copies it): passing a String as a C string
        // allocated a NUL-terminated copy per bind, a tenth of a claim's write.
        var value = value
        value.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { sqlite3_bind_text(handle, index, "", 0, transient); return }
            sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), transient)
        }
    }
    func bind(_ index: Int32, _ value: String?) {
        if let value { bind(index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func text(_ column: Int32) -> String { sqlite3_column_text(handle, column).map { String(cString: $0) } ?? "" }
}

/// SQLITE_TRANSIENT: SQLite copies the bound text, which lives only for the call.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
