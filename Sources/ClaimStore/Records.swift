import ClaimModel
import Foundation
import GRDB

/// A row of the `document` table; the text is in `document_text` (v10).
struct DocumentRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "document"

    var id: Int64?
    var sha256: String
    var path: String
    var format: String
    var title: String?
    var dct: String
    var dct_source: String
    var ingested_at: Date
    var submitter_uid: Int64?
    var submitter_pid: Int64?
    var url: String?
    var source: String?

    init(document: Document, ingestedAt: Date) {
        self.sha256 = document.sha256
        self.path = document.path
        self.format = document.format.rawValue
        self.title = document.title
        self.dct = document.dct.value
        self.dct_source = document.dct.source.rawValue
        self.ingested_at = ingestedAt
        self.submitter_uid = document.submitter.map { Int64($0.uid) }
        self.submitter_pid = document.submitter?.pid.map(Int64.init)
        self.url = document.url
        self.source = document.source
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var ref: DocumentRef {
        DocumentRef(id: id ?? 0, sha256: sha256, path: path, title: title,
                    dct: DocumentDate(value: dct, source: DateSource(rawValue: dct_source) ?? .mtime), url: url, source: source)
    }

    func document(text: String) -> Document {
        Document(path: path, sha256: sha256, format: DocumentFormat(rawValue: format) ?? .text, dct: ref.dct, title: title, text: text,
                 submitter: submitter_uid.map { Submitter(uid: UInt32(truncatingIfNeeded: $0), pid: submitter_pid.map { Int32(truncatingIfNeeded: $0) }) },
                 url: url, source: source)
    }
}

/// SQL conditions shared by the claim, event and stance-change queries.
struct Conditions {
    var clauses: [String] = []

    mutating func add(_ sql: String, _ values: [(any DatabaseValueConvertible)?]) {
        clauses.append(sql)
        self.values += values
    }

    /// The clauses' arguments, in order.
    var values: [(any DatabaseValueConvertible)?] = []
    var arguments: StatementArguments { StatementArguments(values) }

    var whereSQL: String { clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ") }

    /// Actor ids whose name, alias or surname is a name; binds ``actorMatchArguments(_:)``.
    static let actorMatchSQL = """
        SELECT id FROM actor WHERE name = ? COLLATE NOCASE OR name LIKE '% ' || ? ESCAPE '\\'
        UNION SELECT actor_id FROM actor_alias WHERE alias = ? COLLATE NOCASE
        """

    /// The name, as the full name, the surname (`%` and `_` not wildcards) and the alias.
    static func actorMatchArguments(_ name: String) -> [(any DatabaseValueConvertible)?] {
        [name, likeEscaped(name), name]
    }

    mutating func addActor(_ name: String, column: String) {
        add("\(column) IN (\(Conditions.actorMatchSQL))", Conditions.actorMatchArguments(name))
    }

    mutating func addDays(_ filter: TimelineFilter, column: String) {
        if let since = filter.since { add("\(column) >= ?", [since.description]) }
        if let until = filter.until { add("\(column) <= ?", [until.description]) }
    }

    /// Rows of `kind` before `filter.before` in timeline order (day, events before claims, id):
    /// a row-value comparison on the (day, id) the page's index is ordered by, so that a later
    /// page is a range of the same index, not a scan past the rows already sent.
    mutating func addBefore(_ filter: TimelineFilter, kind: TimelineEntry.Kind, day: String, id: String) {
        guard let before = filter.before else { return }
        switch (kind, before.kind) {
        case (.claim, .claim), (.event, .event): add("(\(day), \(id)) < (?, ?)", [before.day, before.id])
        case (.claim, .event): add("\(day) < ?", [before.day])
        case (.event, .claim): add("\(day) <= ?", [before.day])
        }
    }
}

/// `name` as a LIKE operand that matches itself only: `%` and `_` are not wildcards in a name.
private func likeEscaped(_ name: String) -> String {
    name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
        .replacingOccurrences(of: "_", with: "\\_")
}

/// Where each column of a statement's result is, looked up by name once per statement: rows are
/// read by name (a select can change without its readers reading the wrong column), at the cost
/// of an index per row, not of a name lookup per column of every row of a page.
struct ResultColumns {
    private let positions: [String: Int]

    init(_ statement: Statement) {
        positions = Dictionary(statement.columnNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    subscript(_ name: String) -> Int {
        guard let position = positions[name] else { preconditionFailure("the select has no column '\(name)'") }
        return position
    }
}

/// The document of a listed claim or event: the columns of ``DocumentColumns/sql``.
struct DocumentColumns {
    static let sql = """
        d.id AS document_id, d.sha256 AS document_sha256, d.path AS document_path, d.title AS document_title,
        d.dct AS document_dct, d.dct_source AS document_dct_source, d.url AS document_url, d.source AS document_source
        """

    let id, sha256, path, title, dct, dctSource, url, source: Int

    init(_ columns: ResultColumns) {
        (id, sha256, path, title) = (columns["document_id"], columns["document_sha256"], columns["document_path"], columns["document_title"])
        (dct, dctSource, url, source) = (columns["document_dct"], columns["document_dct_source"], columns["document_url"], columns["document_source"])
    }

    func ref(_ row: Row) -> DocumentRef {
        DocumentRef(id: row[id], sha256: row[sha256], path: row[path], title: row[title],
                    dct: DocumentDate(value: row[dct], source: DateSource(rawValue: row[dctSource]) ?? .mtime), url: row[url], source: row[source])
    }
}

/// The actors a filter names, looked up once for all the queries of a request.
struct ActorMatch {
    /// The ids of the actors whose name, alias or surname is the filter's `actor`; nil when
    /// it names none, so that every actor's rows are wanted.
    let ids: [Int64]?

    init(_ filter: TimelineFilter, in db: Database) throws {
        ids = try filter.actor.map { name in
            try Int64.fetchAll(db.cachedStatement(sql: Conditions.actorMatchSQL), arguments: StatementArguments(Conditions.actorMatchArguments(name)))
        }
    }
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
        try fetch(db, actors: ActorMatch(filter, in: db))
    }

    func fetch(_ db: Database, actors: ActorMatch) throws -> [StoredClaim] {
        guard let ids = actors.ids else { return try fetchNewestFirst(db, actorID: nil).reversed() }
        let lists = try ids.map { try fetchNewestFirst(db, actorID: $0) }
        return mostRecent(lists, limit: filter.limit, id: \.id) { ($0.day, $0.id) > ($1.day, $1.id) }
    }

    /// The columns a row of a page is read from, by name (``Layout``). Every select starts with
    /// the two it is ordered by, named so that a compound select can order by them. The actor's
    /// columns are read once per actor (``ActorRefs``), not joined to every row.
    private static let columns = """
        c.id AS id, c.topic AS topic, c.stance AS stance, c.mode AS mode, c.cue AS cue, c.text AS text,
        c.date_value AS date_value, c.granularity AS granularity, c.first_day AS first_day, c.confidence AS confidence,
        c.start AS start, c."end" AS "end", c.actor_id AS actor_id, \(DocumentColumns.sql)
        """

    /// Where ``columns`` are in a statement's result.
    private struct Layout {
        let id, topic, stance, mode, cue, text, dateValue, granularity, day, confidence, start, end, actorID: Int
        let document: DocumentColumns

        init(_ statement: Statement) {
            let c = ResultColumns(statement)
            (id, topic, stance, mode, cue, text) = (c["id"], c["topic"], c["stance"], c["mode"], c["cue"], c["text"])
            (dateValue, granularity, day, confidence) = (c["date_value"], c["granularity"], c["first_day"], c["confidence"])
            (start, end, actorID) = (c["start"], c["end"], c["actor_id"])
            document = DocumentColumns(c)
        }
    }

    private static let joins = "JOIN document d ON d.id = c.document_id"

    private func fetchNewestFirst(_ db: Database, actorID: Int64?) throws -> [StoredClaim] {
        var conditions = Conditions()
        if let stance = filter.stance { conditions.add("c.stance = ?", [stance.rawValue]) }
        if let minimum = filter.minConfidence { conditions.add("c.confidence >= ?", [minimum]) }
        if let text = filter.text {
            guard let pattern = FTS5Pattern(matchingAllTokensIn: text) else { return [] }
            conditions.add("c.id IN (SELECT rowid FROM claim_fts WHERE claim_fts MATCH ?)", [pattern])
        }
        let (sql, arguments) = actorID.map { pageOfActor($0, conditions) } ?? pageOfAll(conditions)
        var claims: [StoredClaim] = [], keys: [PreviousStances.RowFields] = [], actors = ActorRefs()
        let statement = try db.cachedStatement(sql: sql)
        let c = Layout(statement)
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() {
            guard let actor = try actors.actor(id: row[c.actorID], in: db) else { continue }
            claims.append(Self.claim(row, c, actor: actor))
            keys.append(PreviousStances.RowFields(actorID: row[c.actorID], stance: row[c.stance]))
        }
        // Without a filter on the claims' own columns, the page holds every claim of each of its
        // actors and topics from the oldest to the newest it shows.
        var previous = PreviousStances(pageHoldsEveryClaim: filter.stance == nil && filter.minConfidence == nil && filter.text == nil)
        for index in claims.indices.reversed() {
            let stance = try previous.next(claims[index], keys[index], in: db).flatMap(Stance.init(rawValue:))
            claims[index].previousStance = stance == claims[index].stance ? nil : stance
        }
        return claims
    }

    private static func claim(_ row: Row, _ c: Layout, actor: ActorRef) -> StoredClaim {
        StoredClaim(
            id: row[c.id], actor: actor, topic: row[c.topic], stance: Stance(rawValue: row[c.stance]) ?? .neutral,
            mode: AttributionMode(rawValue: row[c.mode]) ?? .reported, cue: row[c.cue], text: row[c.text],
            date: TimeValue(value: row[c.dateValue], granularity: Granularity(rawValue: row[c.granularity]) ?? .day), day: row[c.day],
            confidence: row[c.confidence], start: row[c.start], end: row[c.end], document: c.document.ref(row))
    }

    /// The claims with these ids, by id, without their previous stances.
    static func claims(ids: some Collection<Int64>, in db: Database) throws -> [Int64: StoredClaim] {
        guard !ids.isEmpty else { return [:] }
        let statement = try db.makeStatement(sql: """
            SELECT \(columns) FROM claim c \(joins) WHERE c.id IN (\(ids.map { _ in "?" }.joined(separator: ",")))
            """)
        let c = Layout(statement)
        var claims: [Int64: StoredClaim] = [:], actors = ActorRefs()
        let rows = try Row.fetchCursor(statement, arguments: StatementArguments(Array(ids)))
        while let row = try rows.next() {
            guard let actor = try actors.actor(id: row[c.actorID], in: db) else { continue }
            let claim = Self.claim(row, c, actor: actor)
            claims[claim.id] = claim
        }
        return claims
    }

    /// One actor's page: both tiers of its index, each joined with the claims, merged by day and id.
    private func pageOfActor(_ actorID: Int64, _ conditions: Conditions) -> (String, StatementArguments) {
        var conditions = conditions
        conditions.add("t.actor_id = ?", [actorID])
        if let topic = filter.topic { conditions.add("t.topic = ?", [topic]) }
        conditions.addDays(filter, column: "t.first_day")
        conditions.addBefore(filter, kind: .claim, day: "t.first_day", id: "t.claim_id")
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
        conditions.addBefore(filter, kind: .claim, day: "c.first_day", id: "c.id")
        // A search can match thousands of claims in no useful order: the page's ids are chosen
        // first, and only they are joined. Other filters read an index in page order already.
        let sql = filter.text == nil
            ? """
              SELECT c.first_day AS page_day, c.id AS page_id, \(Self.columns) FROM claim c \(Self.joins) \(conditions.whereSQL)
              ORDER BY c.first_day DESC, c.id DESC LIMIT ?
              """
            : """
              SELECT c.first_day AS page_day, c.id AS page_id, \(Self.columns)
              FROM (SELECT c.id FROM claim c \(conditions.whereSQL) ORDER BY c.first_day DESC, c.id DESC LIMIT ?) page
              JOIN claim c ON c.id = page.id \(Self.joins) ORDER BY c.first_day DESC, c.id DESC
              """
        return (sql, StatementArguments(conditions.values + [filter.limit]))
    }
}

/// Actors by id, each read once for all the rows of a query that are its.
private struct ActorRefs {
    private var read: [Int64: ActorRef?] = [:]

    /// The actor with this id; nil if there is none (a row deleted by hand), so that its claims
    /// are left out as a join would.
    mutating func actor(id: Int64, in db: Database) throws -> ActorRef? {
        if let actor = read[id] { return actor }
        let actor = try Row.fetchOne(db.cachedStatement(sql: "SELECT name, kind, role, affiliation FROM actor WHERE id = ?"), arguments: [id])
            .map { ActorRef(name: $0["name"], kind: ActorKind(rawValue: $0["kind"]) ?? .group, role: $0["role"], affiliation: $0["affiliation"]) }
        read[id] = actor
        return actor
    }
}

/// The stance of each claim's previous claim (see ``Schema``): the actor's latest earlier claim
/// on the topic, by day then id, from another article. Claims are handed in oldest first.
///
/// When the page holds every claim of its actors and topics between its oldest and newest, the
/// store is asked once per actor and topic, for the page's first claim on it; the page answers
/// for the others. Asking for every claim (a probe of both tiers of the (actor, topic, day)
/// index) was a tenth of a 100-row timeline request's time at 1M claims.
private struct PreviousStances {
    let pageHoldsEveryClaim: Bool

    private struct Topic: Hashable {
        let actorID: Int64
        let topic: String
    }

    /// The page's latest claim so far of one actor on one topic.
    private struct Run {
        var lastDocument: Int64
        var lastStance: String
        /// The stance of the latest claim before it, on the page or before, from another article
        /// than `lastDocument`: the previous claim of every claim of that article that follows.
        var beforeLastArticle: String?
    }

    private var runs: [Topic: Run] = [:]

    /// The columns of a claim's row this needs besides the claim: its actor's id, and its stance
    /// as stored.
    struct RowFields {
        let actorID: Int64
        let stance: String
    }

    init(pageHoldsEveryClaim: Bool) {
        self.pageHoldsEveryClaim = pageHoldsEveryClaim
    }

    /// The stored stance of the previous claim of `claim`, the next claim of the page.
    mutating func next(_ claim: StoredClaim, _ row: RowFields, in db: Database) throws -> String? {
        guard pageHoldsEveryClaim else { return try Self.probe(claim, row, in: db) }
        let topic = Topic(actorID: row.actorID, topic: claim.topic)
        guard var run = runs[topic] else {
            let previous = try Self.probe(claim, row, in: db)
            runs[topic] = Run(lastDocument: claim.document.id, lastStance: row.stance, beforeLastArticle: previous)
            return previous
        }
        if run.lastDocument != claim.document.id {
            run.beforeLastArticle = run.lastStance
            run.lastDocument = claim.document.id
        }
        run.lastStance = row.stance
        runs[topic] = run
        return run.beforeLastArticle
    }

    private static func probe(_ claim: StoredClaim, _ row: RowFields, in db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: TieredIndex.previousStanceSQL),
                            arguments: [row.actorID, claim.topic, claim.document.id, claim.day, claim.id])
    }
}

/// Events matching a filter, with the names of their actors.
///
/// With an actor, read per matching actor from both tiers of its (actor, day, event) index, like
/// ``ClaimQuery``.
struct EventQuery {
    var filter: TimelineFilter

    func fetch(_ db: Database) throws -> [StoredEvent] {
        try fetch(db, actors: ActorMatch(filter, in: db))
    }

    func fetch(_ db: Database, actors: ActorMatch) throws -> [StoredEvent] {
        guard let ids = actors.ids else { return try fetchNewestFirst(db, actorID: nil).reversed() }
        let lists = try ids.map { try fetchNewestFirst(db, actorID: $0) }
        return mostRecent(lists, limit: filter.limit, id: \.id) { ($0.day, $0.id) > ($1.day, $1.id) }
    }

    /// The columns a row of a page is read from, by name (``Layout``), after the two each select
    /// is ordered by (as ``ClaimQuery``).
    private static let columns = """
        e.id AS id, e.type AS type, e.trigger AS trigger, e.text AS text, e.date_value AS date_value,
        e.granularity AS granularity, e.first_day AS first_day, e.start AS start, e."end" AS "end",
        (SELECT group_concat(a.name, char(31)) FROM event_actor ea JOIN actor a ON a.id = ea.actor_id
         WHERE ea.event_id = e.id) AS actor_names, \(DocumentColumns.sql)
        """

    /// Where ``columns`` are in a statement's result.
    private struct Layout {
        let id, type, trigger, text, dateValue, granularity, day, start, end, actorNames: Int
        let document: DocumentColumns

        init(_ statement: Statement) {
            let c = ResultColumns(statement)
            (id, type, trigger, text, dateValue) = (c["id"], c["type"], c["trigger"], c["text"], c["date_value"])
            (granularity, day, start, end, actorNames) = (c["granularity"], c["first_day"], c["start"], c["end"], c["actor_names"])
            document = DocumentColumns(c)
        }
    }

    private static let joins = "JOIN document d ON d.id = e.document_id"

    private func fetchNewestFirst(_ db: Database, actorID: Int64?) throws -> [StoredEvent] {
        var conditions = Conditions()
        let sql: String, arguments: StatementArguments
        if let actorID {
            // Both tiers of the actor's index, each joined with the events in its order, merged by
            // day and id: the page is read in order and cut at the limit, nothing sorted.
            conditions.add("t.actor_id = ?", [actorID])
            conditions.addDays(filter, column: "t.first_day")
            conditions.addBefore(filter, kind: .event, day: "t.first_day", id: "t.event_id")
            sql = TieredIndex.eventsByActor.union(orderBy: "page_day DESC, page_id DESC") { table in """
                SELECT t.first_day AS page_day, t.event_id AS page_id, \(Self.columns)
                FROM \(table) t JOIN event e ON e.id = t.event_id \(Self.joins) \(conditions.whereSQL)
                """ } + " LIMIT ?"
            arguments = StatementArguments(conditions.values + conditions.values + [filter.limit])
        } else {
            conditions.addDays(filter, column: "e.first_day")
            conditions.addBefore(filter, kind: .event, day: "e.first_day", id: "e.id")
            sql = """
                SELECT e.first_day AS page_day, e.id AS page_id, \(Self.columns)
                FROM event e \(Self.joins) \(conditions.whereSQL)
                ORDER BY e.first_day DESC, e.id DESC LIMIT ?
                """
            arguments = StatementArguments(conditions.values + [filter.limit])
        }
        let statement = try db.cachedStatement(sql: sql)
        let c = Layout(statement)
        return try Array(Row.fetchCursor(statement, arguments: arguments).map { row in
            let names: String = row[c.actorNames] ?? ""
            return StoredEvent(
                id: row[c.id], type: row[c.type], trigger: row[c.trigger], text: row[c.text],
                date: TimeValue(value: row[c.dateValue], granularity: Granularity(rawValue: row[c.granularity]) ?? .day), day: row[c.day],
                actors: names.isEmpty ? [] : names.split(separator: "\u{1F}").map(String.init),
                start: row[c.start], end: row[c.end], document: c.document.ref(row))
        })
    }
}

/// Actors with their claim and event counts and first and last claim days, as the actor rows
/// keep them (v7).
struct ActorQuery {
    var name: String?
    var limit: Int
    /// Only actors listed after this one (a page's cursor).
    var after: ActorPosition?

    func fetch(_ db: Database) throws -> [ActorSummary] {
        var conditions = Conditions()
        if let name { conditions.addActor(name, column: "a.id") }
        if let after {
            conditions.add("(a.claims < ? OR (a.claims = ? AND (a.events < ? OR (a.events = ? AND a.name > ?))))",
                           [after.claims, after.claims, after.events, after.events, after.name])
        }
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
