import ClaimModel
import Foundation
import GRDB

/// The rows inserted in one transaction that the full-text table and two of the actor-keyed
/// tiers do not have yet: added once per transaction, by one statement each that SQLite runs
/// over the id range, instead of one statement per row (see ``Schema``, v3 and v9). Only the
/// (actor, topic, day) tier is written per claim, since the stance-change windows of the
/// transaction's later articles must find its earlier claims. A transaction must never delete
/// a claim it inserted: the full-text index would be told to forget a row it never had.
struct TransactionBacklog {
    /// One writer and AUTOINCREMENT keys make each a contiguous range.
    private var claims: ClosedRange<Int64>?
    private var events: ClosedRange<Int64>?

    mutating func addClaim(_ id: Int64) { Self.widen(&claims, to: id) }
    mutating func addEvent(_ id: Int64) { Self.widen(&events, to: id) }

    /// Claims inserted in the transaction.
    var claimCount: Int { claims.map { Int($0.upperBound - $0.lowerBound + 1) } ?? 0 }

    private static func widen(_ range: inout ClosedRange<Int64>?, to id: Int64) {
        range = range.map { min($0.lowerBound, id)...max($0.upperBound, id) } ?? id...id
    }

    /// Adds the new claims' text in one statement, so FTS5 writes one index segment for the
    /// whole transaction; and the new claims' and events' entries of the (actor, day) tiers.
    func write(in db: Database) throws {
        // Cached: compiling the three statements cost as much as an article's claim inserts.
        if let claims {
            let range: StatementArguments = [claims.lowerBound, claims.upperBound]
            try db.cachedStatement(sql: "INSERT INTO claim_fts (rowid, text) SELECT id, text FROM claim WHERE id BETWEEN ? AND ?")
                .execute(arguments: range)
            try db.cachedStatement(sql: """
                INSERT INTO \(TieredIndex.claimsByActor.recent) (actor_id, first_day, claim_id)
                SELECT actor_id, first_day, id FROM claim WHERE id BETWEEN ? AND ?
                """).execute(arguments: range)
        }
        if let events {
            try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO \(TieredIndex.eventsByActor.recent) (actor_id, first_day, event_id)
                SELECT actor_id, first_day, event_id FROM event_actor WHERE event_id BETWEEN ? AND ?
                """).execute(arguments: [events.lowerBound, events.upperBound])
        }
    }
}

/// Counts one write transaction adds to the running totals: each actor's claims, events and
/// claim days, which the actor list shows (v7).
struct TransactionTotals {
    struct ActorTotals {
        var claims = 0
        var events = 0
        var firstDay: String?
        var lastDay: String?

        mutating func addClaim(on day: String) {
            claims += 1
            firstDay = min(firstDay ?? day, day)
            lastDay = max(lastDay ?? day, day)
        }
    }

    private var actors: [Int64: ActorTotals] = [:]

    mutating func addClaim(actorID: Int64, day: String) {
        actors[actorID, default: ActorTotals()].addClaim(on: day)
    }

    mutating func addEvent(actorID: Int64) {
        actors[actorID, default: ActorTotals()].events += 1
    }

    /// One update per actor the transaction wrote about, rather than one per claim or event.
    func add(in db: Database) throws {
        let update = try db.cachedStatement(sql: """
            UPDATE actor SET claims = claims + ?2, events = events + ?3,
                             first_day = coalesce(min(first_day, ?4), first_day, ?4),
                             last_day = coalesce(max(last_day, ?5), last_day, ?5)
            WHERE id = ?1
            """)
        for (id, totals) in actors {
            try update.execute(arguments: [id, totals.claims, totals.events, totals.firstDay, totals.lastDay])
        }
    }
}

/// What an actor row holds, as far as ``ActorIndex`` needs to know to skip writing it again.
struct WrittenActor: Sendable {
    var id: Int64
    var hasRole: Bool
    var hasAffiliation: Bool
    /// The aliases stored with it (the lexicon's, when it was written).
    var aliases: [String]
}

/// Actor rows as one write transaction sees them: those written before it, and those it changed.
struct TransactionActors {
    let written: [String: WrittenActor]
    var changed: [String: WrittenActor] = [:]

    subscript(key: String) -> WrittenActor? { changed[key] ?? written[key] }
}

/// Finds or creates actor rows during one ingest, remembering ids it has seen.
struct ActorIndex {
    private var ids: [String: Int64] = [:]
    private let known: [String: ActorRef]
    private let aliases: [String: [String]]
    private(set) var transaction: TransactionActors

    init(known: [ActorRef], aliases: [String: [String]], transaction: TransactionActors) {
        self.known = Dictionary(known.map { ($0.name.asciiLowercased, $0) }, uniquingKeysWith: { first, _ in first })
        self.aliases = aliases
        self.transaction = transaction
    }

    /// The fullest description the extraction gave of the actor called `name`.
    func reference(named name: String) -> ActorRef {
        known[name.asciiLowercased] ?? ActorRef(name: name, kind: .group)
    }

    func resolved(_ actor: ActorRef) -> ActorRef {
        var merged = actor
        if let known = known[actor.name.asciiLowercased] {
            merged.role = merged.role ?? known.role
            merged.affiliation = merged.affiliation ?? known.affiliation
        }
        return merged
    }

    mutating func id(for actor: ActorRef, in db: Database) throws -> Int64 {
        let key = actor.name.asciiLowercased
        if let id = ids[key] { return id }
        let full = resolved(actor)
        let fullAliases = aliases[full.name] ?? []
        // Written already, and this article adds nothing to the row: no write needed.
        if let written = transaction[key], written.hasRole || full.role == nil, written.hasAffiliation || full.affiliation == nil,
           written.aliases == fullAliases {
            ids[key] = written.id
            return written.id
        }
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            INSERT INTO actor (name, kind, role, affiliation) VALUES (?, ?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET role = coalesce(actor.role, excluded.role),
                                            affiliation = coalesce(actor.affiliation, excluded.affiliation)
            RETURNING id, role IS NOT NULL AS has_role, affiliation IS NOT NULL AS has_affiliation
            """), arguments: [full.name, full.kind.rawValue, full.role, full.affiliation])!
        let id: Int64 = row["id"]
        for alias in fullAliases {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO actor_alias (actor_id, alias) VALUES (?, ?)")
                .execute(arguments: [id, alias])
        }
        transaction.changed[key] = WrittenActor(id: id, hasRole: row["has_role"], hasAffiliation: row["has_affiliation"],
                                                aliases: fullAliases)
        ids[key] = id
        return id
    }
}

extension String {
    /// Lower-cased in ASCII only, as SQLite's NOCASE compares actor names: "Özil" and "ÖZIL"
    /// are two actors to the store, so they must be two keys here too.
    var asciiLowercased: String {
        // Into the new string's own storage: an actor is looked up by it once per claim.
        let count = utf8.count
        return String(unsafeUninitializedCapacity: count) { buffer in
            _ = buffer.initialize(fromContentsOf: utf8.lazy.map { (65...90).contains($0) ? $0 + 32 : $0 })
            return count
        }
    }
}
