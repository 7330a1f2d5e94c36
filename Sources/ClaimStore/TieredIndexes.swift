import GRDB

/// One of the store's three actor-keyed indexes, kept as two `WITHOUT ROWID` tables with the
/// same key (schema v9): a small *recent* tier that takes every insert, and the *main* tier the
/// recent one is merged into, a slice of actors at a time.
///
/// An ordinary index takes each new claim at a random place once the store outgrows memory: an
/// article's ~25 claims read and write ~25 leaves of each index from disk. The recent tier stays
/// small enough for the writer's page cache, and a merge rewrites each of the main tier's leaves
/// once for all the entries that arrived since the last one. Readers see the union of both:
/// every query of these keys is a compound `UNION ALL … ORDER BY` over the two tables, which
/// SQLite merges in key order without sorting, stopping at the query's limit.
struct TieredIndex: Sendable {
    /// The main tier's table; the recent tier's is the same name with `_recent`.
    let main: String
    var recent: String { main + "_recent" }
    /// The key, in order; the last part of it is the claim's or event's id.
    let key: [String]
    /// Columns stored beside the key, so that a query reads no table row for them.
    let carried: [String]

    /// A claim's actor, topic, day and id, with its stance and article: the stance-change probes
    /// (an actor's previous and next claims on a topic) and an actor's claims on a topic.
    static let claimsByActorTopic = TieredIndex(main: "claim_by_actor_topic", key: ["actor_id", "topic", "first_day", "claim_id"],
                                                carried: ["stance", "document_id"])
    /// A claim's actor, day and id: an actor's claims, newest first.
    static let claimsByActor = TieredIndex(main: "claim_by_actor", key: ["actor_id", "first_day", "claim_id"], carried: [])
    /// An event's actor, day and id: an actor's events, newest first.
    static let eventsByActor = TieredIndex(main: "event_by_actor", key: ["actor_id", "first_day", "event_id"], carried: [])

    static let all = [claimsByActorTopic, claimsByActor, eventsByActor]

    /// The select `select(table)` makes for a table, over both tiers as one compound select
    /// ordered by `orderBy` (result columns). Numbered parameters (`?1`) bind once for both
    /// halves; plain `?` ones must be given twice.
    func union(orderBy: String, _ select: (_ table: String) -> String) -> String {
        select(main) + "\nUNION ALL\n" + select(recent) + "\nORDER BY \(orderBy)"
    }

    /// Creates both tables.
    func create(in db: Database) throws {
        for table in [main, recent] {
            try db.create(table: table, options: .withoutRowID) { t in
                for column in key + carried {
                    t.column(column, column.hasSuffix("_id") ? .integer : .text).notNull()
                }
                t.primaryKey(key)
            }
        }
    }

    /// Moves the recent entries of actors `after` < id ≤ `through` (nil: all that follow) into
    /// the main tier, in key order so that each of its leaves is written once. Returns how many.
    @discardableResult
    func merge(actorsAfter after: Int64, through: Int64?, in db: Database) throws -> Int {
        let range = through == nil ? "actor_id > ?" : "actor_id > ? AND actor_id <= ?"
        let arguments: StatementArguments = through.map { [after, $0] } ?? [after]
        let columns = (key + carried).joined(separator: ", ")
        try db.execute(sql: "INSERT INTO \(main) (\(columns)) SELECT \(columns) FROM \(recent) WHERE \(range) ORDER BY \(key.joined(separator: ", "))",
                       arguments: arguments)
        try db.execute(sql: "DELETE FROM \(recent) WHERE \(range)", arguments: arguments)
        return db.changesCount
    }
}

extension TieredIndex {
    /// The stance (first column) of a claim's previous claim (see ``Schema``): the actor's latest
    /// claim on the topic before the claim's day and id, by day then id, from another article.
    /// Binds ?1 the actor's id, ?2 the topic, ?3 the claim's document id, ?4 its day, ?5 its id.
    /// The writer asks it for claims it is about to insert, the readers for claims they list.
    static let previousStanceSQL = claimsByActorTopic.union(orderBy: "first_day DESC, claim_id DESC") { table in """
        SELECT stance, first_day, claim_id FROM \(table)
        WHERE actor_id = ?1 AND topic = ?2 AND document_id <> ?3 AND (first_day, claim_id) < (?4, ?5)
        """ } + " LIMIT 1"
}

/// How large the actor-keyed indexes' recent tiers grow before they are merged, and the writer's
/// page cache that holds them (see ``TieredIndex``).
public struct TieredIndexes: Sendable {
    /// Claims the recent tier may hold before merges start: from then on, each write transaction
    /// merges one slice of actors, until the tier is below this again.
    ///
    /// 250,000 claims (~10,000 articles) make recent tiers of ~25 MB for the three indexes.
    public var recentClaims: Int64
    /// About how many recent claims one slice moves (by default a sixteenth of the tier). A
    /// merge rewrites the main tier's leaves of the slice's actors, so this bounds what it adds
    /// to the transaction it ends.
    public var sliceClaims: Int64
    /// The writer connection's SQLite page cache, in KiB: the recent tiers and the inner pages
    /// of the main ones, so that an article's inserts and probes read little from disk.
    public var writerCacheKiB: Int

    public init(recentClaims: Int64 = 250_000, sliceClaims: Int64? = nil, writerCacheKiB: Int = 48 * 1024) {
        self.recentClaims = recentClaims
        self.sliceClaims = max(1, sliceClaims ?? recentClaims / 16)
        self.writerCacheKiB = writerCacheKiB
    }
}

/// Merges a slice of actors' recent entries into the main tiers once the recent tier is full;
/// called at the end of each write transaction, with the claims it added. Where it is, and how
/// full the tier is, are kept in `tally`, so they commit or roll back with the transaction.
/// Only claims are counted: events come with claims in articles, and their recent entries are
/// merged with the same slices of actors.
struct TierMerge {
    let limits: TieredIndexes

    func afterWriting(claims added: Int, in db: Database) throws {
        let before = try Tally.value(Tally.recentClaims, in: db)
        var recent = before + Int64(added)
        if recent >= limits.recentClaims {
            let after = try Tally.value(Tally.mergedThroughActor, in: db)
            // The slice ends at the actor holding its last entry, so one actor's entries are never
            // split; the slice that reaches the last actor takes all that follow, and the next
            // one starts again from the first.
            let through = try Int64.fetchOne(db, sql: """
                SELECT actor_id FROM \(TieredIndex.claimsByActor.recent) WHERE actor_id > ? ORDER BY actor_id LIMIT 1 OFFSET ?
                """, arguments: [after, limits.sliceClaims - 1])
            for index in TieredIndex.all {
                let moved = try index.merge(actorsAfter: after, through: through, in: db)
                if index.main == TieredIndex.claimsByActor.main { recent -= Int64(moved) }
            }
            try Tally.set(Tally.mergedThroughActor, to: through ?? 0, in: db)
        }
        if recent != before { try Tally.set(Tally.recentClaims, to: recent, in: db) }
    }
}
