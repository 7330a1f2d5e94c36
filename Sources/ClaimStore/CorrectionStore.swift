import ClaimModel
import Foundation
import GRDB

/// `correction` (v4): the overrides people made (see ``Correction``), with who and when. They
/// are applied to every extraction the store writes (``Corrections/apply(to:sha256:)``), so a
/// document extracted again comes out corrected again.
enum CorrectionTable {
    static let migration = "4: corrections people made"

    static let createSQL = """
        CREATE TABLE correction (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            subject TEXT NOT NULL,
            value TEXT,
            topic TEXT,
            stance TEXT,
            actor TEXT,
            reason TEXT,
            made_by_uid INTEGER,
            made_by_pid INTEGER,
            made_at DATETIME NOT NULL);
        """

    /// Every correction in force, oldest first: read once per write transaction (a short table).
    static func load(_ db: Database) throws -> Corrections {
        Corrections(try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, kind, subject, value, topic, stance, actor, reason, made_by_uid, made_by_pid,
                   strftime('%Y-%m-%dT%H:%M:%SZ', made_at) AS at FROM correction ORDER BY id
            """)).compactMap(correction))
    }

    private static func correction(_ row: Row) -> Correction? {
        guard let kind = Correction.Kind(rawValue: row["kind"]) else { return nil }
        let uid: Int64? = row["made_by_uid"], pid: Int64? = row["made_by_pid"]
        return Correction(id: row["id"], kind: kind, subject: row["subject"], value: row["value"], topic: row["topic"],
                          stance: (row["stance"] as String?).flatMap(Stance.init(rawValue:)), actor: row["actor"], reason: row["reason"],
                          madeBy: uid.map { Submitter(uid: UInt32(truncatingIfNeeded: $0), pid: pid.map { Int32(truncatingIfNeeded: $0) }) },
                          madeAt: row["at"] ?? "")
    }

    /// The names an actor correction makes other names of an actor (merge and rename keep the
    /// old name findable), by the actor's name: stored as aliases with the actor.
    static func aliases(_ corrections: Corrections) -> [String: [String]] {
        var aliases: [String: [String]] = [:]
        for correction in corrections.all {
            guard let value = correction.value else { continue }
            switch correction.kind {
            case .merge, .rename: aliases[corrections.actorName(value), default: []].append(correction.subject)
            case .alias: aliases[corrections.actorName(correction.subject), default: []].append(value)
            case .reject, .set: break
            }
        }
        return aliases
    }
}

extension TimelineStore {
    /// Records `correction`; returns it with its id and time.
    public func add(_ correction: Correction, at date: Date) throws -> Correction {
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO correction (kind, subject, value, topic, stance, actor, reason, made_by_uid, made_by_pid, made_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [correction.kind.rawValue, correction.subject, correction.value, correction.topic, correction.stance?.rawValue,
                                 correction.actor, correction.reason, correction.madeBy.map { Int64($0.uid) },
                                 correction.madeBy?.pid.map { Int64($0) }, date])
            let id = db.lastInsertedRowID
            return try CorrectionTable.load(db).all.first { $0.id == id } ?? correction
        }
    }

    /// The corrections in force, oldest first.
    public func corrections() throws -> [Correction] {
        try pool.read { db in try CorrectionTable.load(db).all }
    }

    /// Takes a correction back; returns it, or nil when there is none with that id. Aliases it
    /// added go with it; the documents it concerns must be extracted again.
    public func removeCorrection(id: Int64) throws -> Correction? {
        try pool.write { db in
            guard let correction = try CorrectionTable.load(db).all.first(where: { $0.id == id }) else { return nil }
            try db.execute(sql: "DELETE FROM correction WHERE id = ?", arguments: [id])
            let added = CorrectionTable.aliases(Corrections([correction]))
            for (name, aliases) in added {
                for alias in aliases {
                    try db.execute(sql: "DELETE FROM actor_alias WHERE alias = ? AND actor_id IN (SELECT id FROM actor WHERE name = ?)",
                                   arguments: [alias, name])
                }
            }
            return correction
        }
    }

    /// Documents with a claim or event of an actor named one of `names` (case-insensitive).
    public func documentIDs(withActorsNamed names: [String]) throws -> [Int64] {
        try pool.read { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM actor WHERE name IN (\(names.map { _ in "? COLLATE NOCASE" }.joined(separator: ",")))",
                                         arguments: StatementArguments(names))
            guard !ids.isEmpty else { return [] }
            let list = ids.map(String.init).joined(separator: ",")
            let claims = TieredIndex.claimsByActor, events = TieredIndex.eventsByActor
            return try Int64.fetchAll(db, sql: """
                SELECT c.document_id FROM \(claims.main) t JOIN claim c ON c.id = t.claim_id WHERE t.actor_id IN (\(list))
                UNION SELECT c.document_id FROM \(claims.recent) t JOIN claim c ON c.id = t.claim_id WHERE t.actor_id IN (\(list))
                UNION SELECT e.document_id FROM \(events.main) t JOIN event e ON e.id = t.event_id WHERE t.actor_id IN (\(list))
                UNION SELECT e.document_id FROM \(events.recent) t JOIN event e ON e.id = t.event_id WHERE t.actor_id IN (\(list))
                ORDER BY 1
                """)
        }
    }

    /// The claim with this id, as a correction names it.
    public func claimKey(id: Int64) throws -> ClaimKey? {
        try pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT d.sha256, c.start, c."end", c.topic FROM claim c JOIN document d ON d.id = c.document_id WHERE c.id = ?
                """, arguments: [id]).map { ClaimKey(sha256: $0[0], start: $0[1], end: $0[2], topic: $0[3]) }
        }
    }

    /// The id of the document with this sha256.
    public func documentID(sha256: String) throws -> Int64? {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM document WHERE sha256 = ?", arguments: [sha256]) }
    }

    /// Deletes the actors named `names` that hold no claim or event any more (merged or
    /// renamed away), with their aliases.
    public func deleteEmptyActors(named names: [String]) throws {
        try pool.write { db in
            for name in names {
                try db.execute(sql: "DELETE FROM actor WHERE name = ? COLLATE NOCASE AND claims = 0 AND events = 0", arguments: [name])
            }
        }
        clearActorCache()
    }
}
