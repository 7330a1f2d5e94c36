import ClaimModel
import Foundation
import GRDB

/// One claim in an actor's chain of claims on a topic, as the (actor, topic, day) tier holds it.
struct ChainLink: Equatable {
    let day: String
    let claimID: Int64
    let stance: String
    let documentID: Int64

    /// Where the claim sits in its chain: by day, then id.
    var position: ChainPosition { ChainPosition(day: day, claimID: claimID) }
}

/// A place in a chain, between or at claims.
struct ChainPosition: Comparable, Hashable {
    let day: String
    let claimID: Int64

    static func < (lhs: Self, rhs: Self) -> Bool { (lhs.day, lhs.claimID) < (rhs.day, rhs.claimID) }
}

/// Walks a chain oldest first and gives each claim its previous claim: the latest before it
/// from another article (see ``Schema``). It needs only the latest claim so far, and the
/// latest one from an article other than that claim's.
struct StanceChain {
    private var latest: ChainLink?
    private var latestFromAnotherArticle: ChainLink?

    /// A chain that starts after `before`, the claims preceding it newest first: the first of
    /// them and the first from another article are all it needs of them.
    init(before: [ChainLink] = []) {
        latest = before.first
        latestFromAnotherArticle = before.first { $0.documentID != before.first?.documentID }
    }

    /// The previous claim of `link`, the next claim of the chain.
    mutating func previous(of link: ChainLink) -> ChainLink? {
        let previous = latest?.documentID != link.documentID ? latest : latestFromAnotherArticle
        if let latest, latest.documentID != link.documentID { latestFromAnotherArticle = latest }
        latest = link
        return previous
    }
}

/// An actor and a topic: the claims of one chain.
struct ChainKey: Hashable {
    let actorID: Int64
    let topic: String
}

/// The span of a chain where one document's claims were inserted or deleted.
struct TouchedSpan {
    var first: ChainPosition
    var last: ChainPosition

    mutating func widen(to position: ChainPosition) {
        first = min(first, position)
        last = max(last, position)
    }
}

/// The chain keys one document's write touched, with where.
struct TouchedChains {
    private(set) var spans: [ChainKey: TouchedSpan] = [:]

    mutating func add(_ key: ChainKey, at position: ChainPosition) {
        if spans[key] == nil { spans[key] = TouchedSpan(first: position, last: position) } else { spans[key]!.widen(to: position) }
    }

    var isEmpty: Bool { spans.isEmpty }
}

/// A stance change row written by ``StanceChangeWriter``.
struct WrittenChange {
    let id: Int64
    let key: ChainKey
    let fromClaimID: Int64
    let toClaimID: Int64
}

/// Keeps the `stance_change` rows (v3) true to the definition after a document's claims were
/// inserted or deleted, and says which changes are new.
///
/// Only a window of each touched chain can change: the claims from the first touched place
/// on, up to and including the run of one other article's claims that follows the last
/// touched place (a claim's previous claim skips its own article's claims, so it reaches back
/// over them to a touched place; the next article's claims do not). Their previous claims are
/// worked out from the two articles' latest claims before the window, and the rows that differ
/// are replaced: a change whose earlier claim is now another is a new change.
struct StanceChangeWriter {
    private let db: Database
    private let before: RawStatement
    private let window: RawStatement
    private let stored: RawStatement
    private let delete: RawStatement
    private let insert: RawStatement

    init(_ db: Database) throws {
        self.db = db
        before = try RawStatement(db, Self.beforeSQL)
        window = try RawStatement(db, Self.windowSQL)
        stored = try RawStatement(db, """
            SELECT id, to_claim_id, from_claim_id FROM stance_change WHERE actor_id = ?1 AND topic = ?2 AND to_day BETWEEN ?3 AND ?4
            """)
        delete = try RawStatement(db, "DELETE FROM stance_change WHERE id = ?")
        insert = try RawStatement(db, """
            INSERT INTO stance_change (actor_id, topic, from_claim_id, to_claim_id, from_stance, to_stance, from_day, to_day, found_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    // Built once: a writer is made for every write transaction.
    private static let beforeSQL = TieredIndex.claimsByActorTopic.union(orderBy: "first_day DESC, claim_id DESC") { table in """
        SELECT first_day, claim_id, stance, document_id FROM \(table)
        WHERE actor_id = ?1 AND topic = ?2 AND (first_day, claim_id) < (?3, ?4)
        """ }
    private static let windowSQL = TieredIndex.claimsByActorTopic.union(orderBy: "first_day, claim_id") { table in """
        SELECT first_day, claim_id, stance, document_id FROM \(table)
        WHERE actor_id = ?1 AND topic = ?2 AND (first_day, claim_id) >= (?3, ?4)
        """ }

    /// Brings the changes of `touched` up to date after `documentID`'s claims were written or
    /// deleted; returns the rows it added.
    func update(_ touched: TouchedChains, documentID: Int64, foundAt: Date) throws -> [WrittenChange] {
        var added: [WrittenChange] = []
        for (key, span) in touched.spans.sorted(by: { ($0.key.actorID, $0.key.topic) < ($1.key.actorID, $1.key.topic) }) {
            added += try update(key, span: span, documentID: documentID, foundAt: foundAt)
        }
        return added
    }

    private func update(_ key: ChainKey, span: TouchedSpan, documentID: Int64, foundAt: Date) throws -> [WrittenChange] {
        var chain = StanceChain(before: try linksBefore(key, span.first))
        let links = try windowLinks(key, span: span, documentID: documentID)
        guard let firstDay = links.first?.day, let lastDay = links.last?.day else { return [] }
        var rows: [Int64: (id: Int64, from: Int64)] = [:]
        try stored.forEachRow { s in
            s.bind(1, key.actorID)
            s.bind(2, key.topic)
            s.bind(3, firstDay)
            s.bind(4, lastDay)
        } while: { row in
            rows[row.int64(1)] = (row.int64(0), row.int64(2))
            return true
        }
        var added: [WrittenChange] = []
        for link in links {
            let previous = chain.previous(of: link).flatMap { $0.stance != link.stance ? $0 : nil }
            let row = rows[link.claimID]
            guard row?.from != previous?.claimID else { continue }
            if let row { try delete.run { $0.bind(1, row.id) } }
            guard let previous else { continue }
            try insert.run { s in
                s.bind(1, key.actorID)
                s.bind(2, key.topic)
                s.bind(3, previous.claimID)
                s.bind(4, link.claimID)
                s.bind(5, previous.stance)
                s.bind(6, link.stance)
                s.bind(7, previous.day)
                s.bind(8, link.day)
                s.bind(9, foundAt.storedTimestamp)
            }
            added.append(WrittenChange(id: db.lastInsertedRowID, key: key, fromClaimID: previous.claimID, toClaimID: link.claimID))
        }
        return added
    }

    /// The claims before `position`, newest first, up to the first one of a second article.
    private func linksBefore(_ key: ChainKey, _ position: ChainPosition) throws -> [ChainLink] {
        var links: [ChainLink] = []
        try before.forEachRow { s in
            s.bind(1, key.actorID)
            s.bind(2, key.topic)
            s.bind(3, position.day)
            s.bind(4, position.claimID)
        } while: { row in
            let link = Self.link(row)
            links.append(link)
            return link.documentID == links[0].documentID
        }
        return links
    }

    /// The claims whose previous claim the write may have changed: from the first touched place
    /// to the last, then the run of the next article's claims (with any of the written
    /// document's own among them).
    private func windowLinks(_ key: ChainKey, span: TouchedSpan, documentID: Int64) throws -> [ChainLink] {
        var links: [ChainLink] = []
        var nextArticle: Int64?
        try window.forEachRow { s in
            s.bind(1, key.actorID)
            s.bind(2, key.topic)
            s.bind(3, span.first.day)
            s.bind(4, span.first.claimID)
        } while: { row in
            let link = Self.link(row)
            if link.position > span.last, link.documentID != documentID {
                if nextArticle == nil { nextArticle = link.documentID }
                guard link.documentID == nextArticle else { return false }
            }
            links.append(link)
            return true
        }
        return links
    }

    private static func link(_ row: RawStatement) -> ChainLink {
        ChainLink(day: row.text(0), claimID: row.int64(1), stance: row.text(2), documentID: row.int64(3))
    }

    /// Every chain's changes, written from nothing: the migration that made the table (v3).
    static func writeAll(in db: Database, foundAt: Date) throws {
        let rows = try Row.fetchCursor(db, sql: TieredIndex.claimsByActorTopic.union(orderBy: "actor_id, topic, first_day, claim_id") { table in
            "SELECT actor_id, topic, first_day, claim_id, stance, document_id FROM \(table)"
        })
        let insert = try db.makeStatement(sql: """
            INSERT INTO stance_change (actor_id, topic, from_claim_id, to_claim_id, from_stance, to_stance, from_day, to_day, found_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var key: ChainKey?
        var chain = StanceChain()
        while let row = try rows.next() {
            let rowKey = ChainKey(actorID: row[0], topic: row[1])
            if rowKey != key { (key, chain) = (rowKey, StanceChain()) }
            let link = ChainLink(day: row[2], claimID: row[3], stance: row[4], documentID: row[5])
            guard let previous = chain.previous(of: link), previous.stance != link.stance else { continue }
            try insert.execute(arguments: [rowKey.actorID, rowKey.topic, previous.claimID, link.claimID, previous.stance, link.stance,
                                           previous.day, link.day, foundAt.storedTimestamp])
        }
    }
}

extension Date {
    /// `YYYY-MM-DD HH:MM:SS.SSS` in UTC, as GRDB stores a `Date`: the store's timestamps sort as text.
    var storedTimestamp: String {
        let seconds = timeIntervalSince1970
        let day = CalendarDay(dayNumber: Int((seconds / 86_400).rounded(.down)))
        var inDay = seconds - Double(day.dayNumber) * 86_400
        let hours = Int(inDay / 3600)
        inDay -= Double(hours) * 3600
        let minutes = Int(inDay / 60)
        inDay -= Double(minutes) * 60
        let milliseconds = min(59_999, Int((inDay * 1000).rounded(.down)))
        return "\(day) \(CalendarDay.pad(hours, 2)):\(CalendarDay.pad(minutes, 2)):\(CalendarDay.pad(milliseconds / 1000, 2)).\(CalendarDay.pad(milliseconds % 1000, 3))"
    }
}

/// Stance changes matching a filter (actor, topic, since/until on the later claim's day), the
/// most recent `limit` of them, oldest first, with both their claims.
struct StanceChangeQuery {
    var filter: TimelineFilter

    func fetch(_ db: Database) throws -> [StanceChange] {
        var conditions = Conditions()
        if let actor = filter.actor { conditions.addActor(actor, column: "s.actor_id") }
        if let topic = filter.topic { conditions.add("s.topic = ?", [topic]) }
        conditions.addDays(filter, column: "s.to_day")
        if let before = filter.before { conditions.add("(s.to_day, s.id) < (?, ?)", [before.day, before.id]) }
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, from_claim_id, to_claim_id, strftime('%Y-%m-%dT%H:%M:%SZ', found_at) AS found FROM stance_change s
            \(conditions.whereSQL) ORDER BY s.to_day DESC, s.id DESC LIMIT ?
            """, arguments: conditions.arguments + [filter.limit])
        return try Self.changes(rows.reversed(), in: db)
    }

    /// The changes with these ids, in their order.
    static func fetch(ids: [Int64], in db: Database) throws -> [StanceChange] {
        guard !ids.isEmpty else { return [] }
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, from_claim_id, to_claim_id, strftime('%Y-%m-%dT%H:%M:%SZ', found_at) AS found FROM stance_change
            WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ","))) ORDER BY to_day, id
            """, arguments: StatementArguments(ids))
        return try changes(rows, in: db)
    }

    private static func changes(_ rows: [Row], in db: Database) throws -> [StanceChange] {
        let claims = try ClaimQuery.claims(ids: Set(rows.flatMap { [$0["from_claim_id"] as Int64, $0["to_claim_id"] as Int64] }), in: db)
        return rows.compactMap { row in
            guard let from = claims[row["from_claim_id"]], var to = claims[row["to_claim_id"]] else { return nil }
            to.previousStance = from.stance
            return StanceChange(id: row["id"], actor: to.actor, topic: to.topic, from: from, to: to, foundAt: row["found"] ?? "")
        }
    }
}
