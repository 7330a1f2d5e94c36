import ClaimModel
import Foundation
import GRDB

/// A row of the `document` table.
struct DocumentRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "document"

    var id: Int64?
    var sha256: String
    var path: String
    var format: String
    var title: String?
    var dct: String
    var dct_source: String
    var text: String
    var ingested_at: Date

    init(document: Document, ingestedAt: Date) {
        self.sha256 = document.sha256
        self.path = document.path
        self.format = document.format.rawValue
        self.title = document.title
        self.dct = document.dct.value
        self.dct_source = document.dct.source.rawValue
        self.text = document.text
        self.ingested_at = ingestedAt
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var ref: DocumentRef {
        DocumentRef(id: id ?? 0, sha256: sha256, path: path, title: title,
                    dct: DocumentDate(value: dct, source: DateSource(rawValue: dct_source) ?? .mtime))
    }

    var document: Document {
        Document(path: path, sha256: sha256, format: DocumentFormat(rawValue: format) ?? .text, dct: ref.dct, title: title, text: text)
    }
}

/// SQL conditions shared by the claim and event queries.
private struct Conditions {
    var clauses: [String] = []

    mutating func add(_ sql: String, _ values: [(any DatabaseValueConvertible)?]) {
        clauses.append(sql)
        self.values += values
    }

    /// The clauses' arguments, in order.
    var values: [(any DatabaseValueConvertible)?] = []
    var arguments: StatementArguments { StatementArguments(values) }

    var whereSQL: String { clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ") }

    /// Actor ids whose name, alias or surname is `name`.
    static let actorMatchSQL = """
        SELECT id FROM actor WHERE name = ?1x COLLATE NOCASE OR name LIKE '% ' || ?1x ESCAPE '\\'
        UNION SELECT actor_id FROM actor_alias WHERE alias = ?1x COLLATE NOCASE
        """

    mutating func addActor(_ name: String, column: String) {
        add("\(column) IN (" + Conditions.actorMatchSQL.replacingOccurrences(of: "?1x", with: "?") + ")", [name, likeEscaped(name), name])
    }

    mutating func addDays(_ filter: TimelineFilter, column: String) {
        if let since = filter.since { add("\(column) >= ?", [since.description]) }
        if let until = filter.until { add("\(column) <= ?", [until.description]) }
    }
}

/// `name` as a LIKE operand that matches itself only: `%` and `_` are not wildcards in a name.
private func likeEscaped(_ name: String) -> String {
    name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
        .replacingOccurrences(of: "_", with: "\\_")
}

/// The document columns of a row, from position `first` on, in the order of `documentColumns`.
private func documentRef(_ row: Row, from first: Int) -> DocumentRef {
    DocumentRef(id: row[first], sha256: row[first + 1], path: row[first + 2], title: row[first + 3],
                dct: DocumentDate(value: row[first + 4], source: DateSource(rawValue: row[first + 5]) ?? .mtime))
}

private let documentColumns = "d.id, d.sha256, d.path, d.title, d.dct, d.dct_source"

/// The ids of the actors whose name, alias or surname is `name`.
private func actorIDs(matching name: String, in db: Database) throws -> [Int64] {
    try Int64.fetchAll(db.cachedStatement(sql: Conditions.actorMatchSQL.replacingOccurrences(of: "?1x", with: "?")),
                       arguments: [name, likeEscaped(name), name])
}

/// The most recent `limit` rows of several per-actor lists (each newest first), oldest first.
/// A row in several lists (an event of two matching actors) is kept once.
private func mostRecent<T>(_ lists: [[T]], limit: Int, id: (T) -> Int64, newerFirst: (T, T) -> Bool) -> [T] {
    guard lists.count > 1 else { return Array((lists.first ?? []).prefix(limit).reversed()) }
    var seen = Set<Int64>()
    let newestFirst = lists.joined().sorted(by: newerFirst).filter { seen.insert(id($0)).inserted }
    return Array(newestFirst.prefix(limit).reversed())
}

/// Claims matching a filter, joined with their actor and document.
///
/// With an actor, each of the actors the name matches is read on its own, newest first from
/// the actor's tiered index (by day, or by topic and day) and cut at the limit: `actor_id IN (…)`
/// would make SQLite read and sort every claim of a busy actor in the range before keeping the
/// last page.
struct ClaimQuery {
    var filter: TimelineFilter

    func fetch(_ db: Database) throws -> [StoredClaim] {
        guard let actor = filter.actor else { return try fetchNewestFirst(db, actorID: nil).reversed() }
        let lists = try actorIDs(matching: actor, in: db).map { try fetchNewestFirst(db, actorID: $0) }
        return mostRecent(lists, limit: filter.limit, id: \.id) { ($0.day, $0.id) > ($1.day, $1.id) }
    }

    /// Columns read by position below, so that decoding a row does no lookup by name. Every
    /// select starts with the two it is ordered by, named so that a compound select can order by them.
    private static let columns = """
        c.id, c.topic, c.stance, c.mode, c.cue, c.text, c.date_value, c.granularity, c.first_day, c.confidence,
        c.start, c."end", a.name, a.kind, a.role, a.affiliation, \(previousStance), \(documentColumns)
        """

    /// The stance of the claim's previous claim: the actor's latest earlier claim on the topic, by
    /// day then id, in another article (see ``Schema``). One probe of each tier of the (actor,
    /// topic, day) index, which holds the stance and article too.
    private static let previousStance = "(SELECT stance FROM (" + TieredIndex.claimsByActorTopic.union(
        orderBy: "first_day DESC, claim_id DESC") { table in """
        SELECT stance, first_day, claim_id FROM \(table) p
        WHERE p.actor_id = c.actor_id AND p.topic = c.topic AND (p.first_day, p.claim_id) < (c.first_day, c.id)
          AND p.document_id <> c.document_id
        """ } + " LIMIT 1))"

    private static let joins = """
        JOIN actor a ON a.id = c.actor_id
        JOIN document d ON d.id = c.document_id
        """

    private func fetchNewestFirst(_ db: Database, actorID: Int64?) throws -> [StoredClaim] {
        var conditions = Conditions()
        if let stance = filter.stance { conditions.add("c.stance = ?", [stance.rawValue]) }
        if let minimum = filter.minConfidence { conditions.add("c.confidence >= ?", [minimum]) }
        if let text = filter.text {
            guard let pattern = FTS5Pattern(matchingAllTokensIn: text) else { return [] }
            conditions.add("c.id IN (SELECT rowid FROM claim_fts WHERE claim_fts MATCH ?)", [pattern])
        }
        let (sql, arguments) = actorID.map { pageOfActor($0, conditions) } ?? pageOfAll(conditions)
        return try Array(Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments).map { row in
            let stance = Stance(rawValue: row[4]) ?? .neutral
            let previous = (row[18] as String?).flatMap(Stance.init(rawValue:))
            return StoredClaim(
                id: row[2], actor: ActorRef(name: row[14], kind: ActorKind(rawValue: row[15]) ?? .group, role: row[16], affiliation: row[17]),
                topic: row[3], stance: stance, mode: AttributionMode(rawValue: row[5]) ?? .reported,
                cue: row[6], text: row[7], date: TimeValue(value: row[8], granularity: Granularity(rawValue: row[9]) ?? .day),
                day: row[10], confidence: row[11], start: row[12], end: row[13], document: documentRef(row, from: 19),
                previousStance: previous == stance ? nil : previous)
        })
    }

    /// One actor's page: both tiers of its index, each joined with the claims, merged by day and id.
    private func pageOfActor(_ actorID: Int64, _ conditions: Conditions) -> (String, StatementArguments) {
        var conditions = conditions
        conditions.add("t.actor_id = ?", [actorID])
        if let topic = filter.topic { conditions.add("t.topic = ?", [topic]) }
        conditions.addDays(filter, column: "t.first_day")
        let index = filter.topic == nil ? TieredIndex.claimsByActor : .claimsByActorTopic
        let sql = index.union(orderBy: "page_day DESC, page_id DESC") { table in """
            SELECT t.first_day AS page_day, t.claim_id AS page_id, \(Self.columns)
            FROM \(table) t JOIN claim c ON c.id = t.claim_id \(Self.joins) \(conditions.whereSQL)
            """ } + " LIMIT ?"
        return (sql, StatementArguments(conditions.values + conditions.values + [filter.limit]))
    }

    /// A page of every actor's claims, from the (day, id, topic) index.
    private func pageOfAll(_ conditions: Conditions) -> (String, StatementArguments) {
        var conditions = conditions
        if let topic = filter.topic { conditions.add("c.topic = ?", [topic]) }
        conditions.addDays(filter, column: "c.first_day")
        // A search can match thousands of claims in no useful order: the page's ids are chosen
        // first, and only they are joined. Other filters read an index in page order already.
        let sql = filter.text == nil
            ? """
              SELECT c.first_day, c.id, \(Self.columns) FROM claim c \(Self.joins) \(conditions.whereSQL)
              ORDER BY c.first_day DESC, c.id DESC LIMIT ?
              """
            : """
              SELECT c.first_day, c.id, \(Self.columns)
              FROM (SELECT c.id FROM claim c \(conditions.whereSQL) ORDER BY c.first_day DESC, c.id DESC LIMIT ?) page
              JOIN claim c ON c.id = page.id \(Self.joins) ORDER BY c.first_day DESC, c.id DESC
              """
        return (sql, StatementArguments(conditions.values + [filter.limit]))
    }
}

/// Events matching a filter, with the names of their actors.
///
/// With an actor, read per matching actor from both tiers of its (actor, day, event) index, like
/// ``ClaimQuery``.
struct EventQuery {
    var filter: TimelineFilter

    func fetch(_ db: Database) throws -> [StoredEvent] {
        guard let actor = filter.actor else { return try fetchNewestFirst(db, actorID: nil).reversed() }
        let lists = try actorIDs(matching: actor, in: db).map { try fetchNewestFirst(db, actorID: $0) }
        return mostRecent(lists, limit: filter.limit, id: \.id) { ($0.day, $0.id) > ($1.day, $1.id) }
    }

    private static let columns = """
        e.id, e.type, e.trigger, e.text, e.date_value, e.granularity, e.first_day, e.start, e."end",
        (SELECT group_concat(a.name, char(31)) FROM event_actor ea JOIN actor a ON a.id = ea.actor_id
         WHERE ea.event_id = e.id), \(documentColumns)
        """

    private func fetchNewestFirst(_ db: Database, actorID: Int64?) throws -> [StoredEvent] {
        var conditions = Conditions()
        if let actorID {
            // The actor's page of event ids comes from one ordered range of each tier, merged.
            var keys = Conditions()
            keys.add("actor_id = ?", [actorID])
            keys.addDays(filter, column: "first_day")
            let page = TieredIndex.eventsByActor.union(orderBy: "first_day DESC, event_id DESC") { table in
                "SELECT first_day, event_id FROM \(table) \(keys.whereSQL)"
            }
            conditions.add("e.id IN (SELECT event_id FROM (\(page) LIMIT ?))", keys.values + keys.values + [filter.limit])
        }
        conditions.addDays(filter, column: "e.first_day")
        let sql = """
            SELECT \(Self.columns)
            FROM event e JOIN document d ON d.id = e.document_id
            \(conditions.whereSQL)
            ORDER BY e.first_day DESC, e.id DESC LIMIT ?
            """
        var arguments = conditions.arguments
        arguments += [filter.limit]
        return try Array(Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments).map { row in
            let names: String = row[9] ?? ""
            return StoredEvent(
                id: row[0], type: row[1], trigger: row[2], text: row[3],
                date: TimeValue(value: row[4], granularity: Granularity(rawValue: row[5]) ?? .day), day: row[6],
                actors: names.isEmpty ? [] : names.split(separator: "\u{1F}").map(String.init),
                start: row[7], end: row[8], document: documentRef(row, from: 10))
        })
    }
}

/// Actors with their claim and event counts and first and last claim days, as the actor rows
/// keep them (v7).
struct ActorQuery {
    var name: String?
    var limit: Int

    func fetch(_ db: Database) throws -> [ActorSummary] {
        var conditions = Conditions()
        if let name { conditions.addActor(name, column: "a.id") }
        let sql = """
            SELECT a.*, (SELECT group_concat(alias, char(31)) FROM actor_alias WHERE actor_id = a.id) AS aliases
            FROM actor a
            \(conditions.whereSQL)
            ORDER BY claims DESC, events DESC, a.name LIMIT ?
            """
        var arguments = conditions.arguments
        arguments += [limit]
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let aliases: String = row["aliases"] ?? ""
            return ActorSummary(
                name: row["name"], kind: ActorKind(rawValue: row["kind"]) ?? .group, role: row["role"],
                affiliation: row["affiliation"], aliases: aliases.isEmpty ? [] : aliases.split(separator: "\u{1F}").map(String.init),
                claims: row["claims"], events: row["events"], firstDay: row["first_day"], lastDay: row["last_day"])
        }
    }
}
