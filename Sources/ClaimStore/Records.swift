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
        (SELECT id FROM actor WHERE name = ?1x COLLATE NOCASE OR name LIKE '% ' || ?1x ESCAPE '\\'
         UNION SELECT actor_id FROM actor_alias WHERE alias = ?1x COLLATE NOCASE)
        """

    mutating func addActor(_ name: String, column: String) {
        add("\(column) IN " + Conditions.actorMatchSQL.replacingOccurrences(of: "?1x", with: "?"), [name, likeEscaped(name), name])
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

private func documentRef(_ row: Row) -> DocumentRef {
    DocumentRef(id: row["doc_id"], sha256: row["doc_sha256"], path: row["doc_path"], title: row["doc_title"],
                dct: DocumentDate(value: row["doc_dct"], source: DateSource(rawValue: row["doc_dct_source"]) ?? .mtime))
}

private let documentColumns = "d.id AS doc_id, d.sha256 AS doc_sha256, d.path AS doc_path, d.title AS doc_title, d.dct AS doc_dct, d.dct_source AS doc_dct_source"

/// Claims matching a filter, joined with their actor and document.
struct ClaimQuery {
    var filter: TimelineFilter

    func fetch(_ db: Database) throws -> [StoredClaim] {
        var conditions = Conditions()
        if let actor = filter.actor { conditions.addActor(actor, column: "c.actor_id") }
        if let topic = filter.topic { conditions.add("c.topic = ?", [topic]) }
        if let stance = filter.stance { conditions.add("c.stance = ?", [stance.rawValue]) }
        if let minimum = filter.minConfidence { conditions.add("c.confidence >= ?", [minimum]) }
        if let text = filter.text {
            guard let pattern = FTS5Pattern(matchingAllTokensIn: text) else { return [] }
            conditions.add("c.id IN (SELECT rowid FROM claim_fts WHERE claim_fts MATCH ?)", [pattern])
        }
        conditions.addDays(filter, column: "c.first_day")
        let sql = """
            SELECT c.*, a.name AS actor_name, a.kind AS actor_kind, a.role AS actor_role, a.affiliation AS actor_affiliation,
                   p.stance AS previous_stance, \(documentColumns)
            FROM claim c
            JOIN actor a ON a.id = c.actor_id
            JOIN document d ON d.id = c.document_id
            LEFT JOIN stance_change s ON s.claim_id = c.id
            LEFT JOIN claim p ON p.id = s.previous_claim_id
            \(conditions.whereSQL)
            ORDER BY c.first_day DESC, c.id DESC LIMIT ?
            """
        var arguments = conditions.arguments
        arguments += [filter.limit]
        return try Row.fetchAll(db, sql: sql, arguments: arguments).reversed().map { row in
            StoredClaim(
                id: row["id"],
                actor: ActorRef(name: row["actor_name"], kind: ActorKind(rawValue: row["actor_kind"]) ?? .group,
                                role: row["actor_role"], affiliation: row["actor_affiliation"]),
                topic: row["topic"], stance: Stance(rawValue: row["stance"]) ?? .neutral,
                mode: AttributionMode(rawValue: row["mode"]) ?? .reported, cue: row["cue"], text: row["text"],
                date: TimeValue(value: row["date_value"], granularity: Granularity(rawValue: row["granularity"]) ?? .day),
                day: row["first_day"], confidence: row["confidence"], start: row["start"], end: row["end"],
                document: documentRef(row), previousStance: (row["previous_stance"] as String?).flatMap(Stance.init(rawValue:)))
        }
    }
}

/// Events matching a filter, with the names of their actors.
struct EventQuery {
    var filter: TimelineFilter

    func fetch(_ db: Database) throws -> [StoredEvent] {
        var conditions = Conditions()
        if let actor = filter.actor {
            // The day range goes into the subquery too, so it is one range of event_actor_on_actor_day.
            var days = Conditions()
            days.addDays(filter, column: "first_day")
            let dayClause = days.clauses.map { " AND " + $0 }.joined()
            conditions.add("e.id IN (SELECT event_id FROM event_actor WHERE actor_id IN "
                + Conditions.actorMatchSQL.replacingOccurrences(of: "?1x", with: "?") + dayClause + ")",
                [actor, likeEscaped(actor), actor] + days.values)
        }
        conditions.addDays(filter, column: "e.first_day")
        let sql = """
            SELECT e.*, (SELECT group_concat(a.name, char(31)) FROM event_actor ea JOIN actor a ON a.id = ea.actor_id
                         WHERE ea.event_id = e.id) AS actor_names, \(documentColumns)
            FROM event e JOIN document d ON d.id = e.document_id
            \(conditions.whereSQL)
            ORDER BY e.first_day DESC, e.id DESC LIMIT ?
            """
        var arguments = conditions.arguments
        arguments += [filter.limit]
        return try Row.fetchAll(db, sql: sql, arguments: arguments).reversed().map { row in
            let names: String = row["actor_names"] ?? ""
            return StoredEvent(
                id: row["id"], type: row["type"], trigger: row["trigger"], text: row["text"],
                date: TimeValue(value: row["date_value"], granularity: Granularity(rawValue: row["granularity"]) ?? .day),
                day: row["first_day"], actors: names.isEmpty ? [] : names.split(separator: "\u{1F}").map(String.init),
                start: row["start"], end: row["end"], document: documentRef(row))
        }
    }
}

/// Actors with their claim and event counts.
struct ActorQuery {
    var name: String?
    var limit: Int

    func fetch(_ db: Database) throws -> [ActorSummary] {
        var conditions = Conditions()
        if let name { conditions.addActor(name, column: "a.id") }
        let sql = """
            SELECT a.*,
                   (SELECT count(*) FROM claim WHERE actor_id = a.id) AS claims,
                   (SELECT count(*) FROM event_actor WHERE actor_id = a.id) AS events,
                   (SELECT min(first_day) FROM claim WHERE actor_id = a.id) AS first_day,
                   (SELECT max(first_day) FROM claim WHERE actor_id = a.id) AS last_day,
                   (SELECT group_concat(alias, char(31)) FROM actor_alias WHERE actor_id = a.id) AS aliases
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
