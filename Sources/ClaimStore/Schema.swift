import Foundation
import GRDB

/// The timeline store's schema: the 0.2.0 baseline, and the migrations since.
///
/// ```
/// document        one row per ingested article (sha256 unique): where it was stored (path),
///                 format, title, document date (dct, dct_source), when it was ingested, who
///                 handed it in (submitter_uid, submitter_pid; the socket peer, or the inbox
///                 file's owner), and since migration 2 where it was published (url) and by
///                 whom (source, the outlet)
/// document_text   the article's decoded text, by document id: kept apart so that the rows
///                 every listing joins stay small
/// actor           canonical actors (name unique, case-insensitive), kind, role, affiliation,
///                 and their numbers of claims and events and first and last claim day, kept
///                 by ingest so the actor list reads no claim
/// actor_alias     other names of an actor ("Zelensky" → Volodymyr Zelensky)
/// claim           a stance claim: document, actor, topic, stance, mode, cue, text, date
///                 (date_value, granularity, first_day for ordering), evidence offsets
///                 (start, end), confidence
/// event           a dated event: document, CAMEO type, trigger, text, date, evidence offsets
/// event_actor     the actors taking part in an event, with the event's first_day
/// claim_by_actor_topic, claim_by_actor, event_by_actor, each with a `_recent` twin
///                 the actor-keyed indexes, as tables in two tiers (see TieredIndex):
///                 (actor, topic, day, claim) with the stance and document; (actor, day, claim);
///                 (actor, day, event)
/// tally           running totals too costly to count per request (`stance_changes`) and the
///                 tiers' bookkeeping (`recent_claims`, `merged_through_actor`)
/// failure         an input that could not be ingested, with the reason
/// claim_fts       FTS5 (porter) over claim.text, external content
/// ```
///
/// Claims are found by actor and day, by actor, topic and day (stance changes), and by day
/// with the topic (an index): the orders the timeline queries read them in, and the orders
/// their cursors continue in. Each costs every ingested claim a B-tree insert, so there are no
/// more than these. The actor-keyed ones are tiered tables rather than indexes: SQLite
/// maintains an index at a random place per claim, and a store's writer spent most of its time
/// reading those places from disk.
///
/// A claim's previous claim is the actor's latest earlier claim on the topic (by day, then id)
/// in another article; the claim is a stance change when their stances differ. Queries derive
/// it as they read: from the (actor, topic, day) tiers, or from the page itself where it holds
/// every claim in between. So an article that arrives out of date order changes no stored row
/// of the claims that now follow its own; only the number of stance changes is kept, in `tally`.
///
/// The FTS table is kept in sync by update and delete triggers; new rows are added by the
/// store itself, once per transaction, not by an insert trigger per row: FTS5 writes its
/// pending terms at every statement's savepoint, and a trigger made a tiny segment per claim.
///
/// No index leads with `claim.actor_id` or `event_actor.actor_id`: deleting an actor row by
/// hand makes SQLite's foreign-key check read every claim. Nothing in claimd deletes actors.
///
/// Every date column holding a day is ISO `YYYY-MM-DD` text, so it sorts and compares as text.
///
/// Stores made before 0.2.0 were built by eleven migrations (v1…v11) that ended in this same
/// baseline; one that ran all eleven is taken as the baseline, an older one is refused.
enum Schema {
    /// The migration that creates the 0.2.0 baseline.
    static let baseline = "1: baseline (0.2.0)"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(baseline) { db in
            try db.execute(sql: baselineSQL)
            for index in TieredIndex.all { try index.create(in: db) }
            try db.execute(sql: tierTriggersSQL)
            try db.execute(sql: "INSERT INTO tally (name, value) VALUES (?, 0), (?, 0), (?, 0)",
                           arguments: [Tally.stanceChanges, Tally.recentClaims, Tally.mergedThroughActor])
        }
        migrator.registerMigration("2: where each document was published") { db in
            // The article's URL and outlet, from its headers, HTML meta or JSON fields, or given
            // with POST /v1/documents; null where none was known, and for documents stored before.
            try db.alter(table: "document") { t in
                t.add(column: "url", .text)
                t.add(column: "source", .text)
            }
        }
        migrator.registerMigration(stanceChanges) { db in
            // A change is reported when it is found, whatever order articles arrive in, and listed
            // on its own (`claimctl changes`): rows of their own rather than derived as read. They
            // are kept by every write (see StanceChangeWriter); those of stored claims are written
            // now, and the running count they replace goes.
            try db.execute(sql: stanceChangeSQL)
            try StanceChangeWriter.writeAll(in: db, foundAt: Date())
            try db.execute(sql: "DELETE FROM tally WHERE name = 'stance_changes'")
        }
        migrator.registerMigration(CorrectionTable.migration) { db in
            // Corrections survive re-extraction only if they are kept apart from what they correct.
            try db.execute(sql: CorrectionTable.createSQL)
        }
        return migrator
    }

    /// The migration that made stance changes rows (see ``stanceChangeSQL``).
    static let stanceChanges = "3: stance changes as rows"

    /// `stance_change` (v3): one row per claim whose stance differs from its previous claim's
    /// (`to_claim_id`, unique), with that previous claim (`from_claim_id`), both stances and
    /// days, the actor and topic, and when the change was found. A claim's deletion takes the
    /// rows it is part of; indexed by each claim (deletions), by day (the listing) and by actor
    /// and topic (the listing's filters, and a write's window of one chain).
    private static let stanceChangeSQL = """
        CREATE TABLE stance_change (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            actor_id INTEGER NOT NULL REFERENCES actor(id),
            topic TEXT NOT NULL,
            from_claim_id INTEGER NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
            to_claim_id INTEGER NOT NULL UNIQUE REFERENCES claim(id) ON DELETE CASCADE,
            from_stance TEXT NOT NULL,
            to_stance TEXT NOT NULL,
            from_day TEXT NOT NULL,
            to_day TEXT NOT NULL,
            found_at DATETIME NOT NULL);
        CREATE INDEX stance_change_on_from_claim ON stance_change(from_claim_id);
        CREATE INDEX stance_change_on_day ON stance_change(to_day, id);
        CREATE INDEX stance_change_on_actor_topic ON stance_change(actor_id, topic, to_day);
        """

    /// The tables of the baseline, but the tiers (``TieredIndex/create(in:)``) and their triggers.
    private static let baselineSQL = """
        CREATE TABLE document (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            sha256 TEXT NOT NULL UNIQUE,
            path TEXT NOT NULL,
            format TEXT NOT NULL,
            title TEXT,
            dct TEXT NOT NULL,
            dct_source TEXT NOT NULL,
            ingested_at DATETIME NOT NULL,
            submitter_uid INTEGER,
            submitter_pid INTEGER);
        CREATE TABLE document_text (
            document_id INTEGER PRIMARY KEY REFERENCES document(id) ON DELETE CASCADE,
            text TEXT NOT NULL);
        CREATE TABLE actor (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            kind TEXT NOT NULL,
            role TEXT,
            affiliation TEXT,
            claims INTEGER NOT NULL DEFAULT 0,
            events INTEGER NOT NULL DEFAULT 0,
            first_day TEXT,
            last_day TEXT);
        CREATE TABLE actor_alias (
            actor_id INTEGER NOT NULL REFERENCES actor(id) ON DELETE CASCADE,
            alias TEXT NOT NULL COLLATE NOCASE,
            PRIMARY KEY (alias, actor_id));
        CREATE TABLE claim (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            actor_id INTEGER NOT NULL REFERENCES actor(id),
            topic TEXT NOT NULL,
            stance TEXT NOT NULL,
            mode TEXT NOT NULL,
            cue TEXT NOT NULL,
            text TEXT NOT NULL,
            date_value TEXT NOT NULL,
            granularity TEXT NOT NULL,
            first_day TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            confidence DOUBLE NOT NULL);
        CREATE INDEX claim_on_document_id ON claim(document_id);
        CREATE INDEX claim_on_day_id_topic ON claim(first_day, id, topic);
        CREATE TABLE event (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            trigger TEXT,
            text TEXT NOT NULL,
            date_value TEXT NOT NULL,
            granularity TEXT NOT NULL,
            first_day TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL);
        CREATE INDEX event_on_document_id ON event(document_id);
        CREATE INDEX event_on_day ON event(first_day);
        CREATE TABLE event_actor (
            event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
            actor_id INTEGER NOT NULL REFERENCES actor(id),
            first_day TEXT NOT NULL,
            PRIMARY KEY (event_id, actor_id)) WITHOUT ROWID;
        CREATE TABLE tally (
            name TEXT NOT NULL PRIMARY KEY,
            value INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE failure (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            path TEXT NOT NULL,
            reason TEXT NOT NULL,
            failed_at DATETIME NOT NULL);
        CREATE VIRTUAL TABLE claim_fts USING fts5(text, tokenize='porter', content='claim', content_rowid='id');
        CREATE TRIGGER claim_fts_ad AFTER DELETE ON claim BEGIN
            INSERT INTO claim_fts (claim_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        CREATE TRIGGER claim_fts_au AFTER UPDATE ON claim BEGIN
            INSERT INTO claim_fts (claim_fts, rowid, text) VALUES ('delete', old.id, old.text);
            INSERT INTO claim_fts (rowid, text) VALUES (new.id, new.text);
        END;
        """

    /// Rows leave with their document (ON DELETE CASCADE); their tiers' entries with them, and
    /// the recent tier's count with its entries. Claims and events are never updated.
    private static let tierTriggersSQL = """
        CREATE TRIGGER claim_tiers_ad AFTER DELETE ON claim BEGIN
            UPDATE tally SET value = value - 1 WHERE name = '\(Tally.recentClaims)' AND EXISTS (
                SELECT 1 FROM claim_by_actor_recent WHERE (actor_id, first_day, claim_id) = (old.actor_id, old.first_day, old.id));
            DELETE FROM claim_by_actor_topic WHERE (actor_id, topic, first_day, claim_id) = (old.actor_id, old.topic, old.first_day, old.id);
            DELETE FROM claim_by_actor_topic_recent WHERE (actor_id, topic, first_day, claim_id) = (old.actor_id, old.topic, old.first_day, old.id);
            DELETE FROM claim_by_actor WHERE (actor_id, first_day, claim_id) = (old.actor_id, old.first_day, old.id);
            DELETE FROM claim_by_actor_recent WHERE (actor_id, first_day, claim_id) = (old.actor_id, old.first_day, old.id);
        END;
        CREATE TRIGGER event_actor_tiers_ad AFTER DELETE ON event_actor BEGIN
            DELETE FROM event_by_actor WHERE (actor_id, first_day, event_id) = (old.actor_id, old.first_day, old.event_id);
            DELETE FROM event_by_actor_recent WHERE (actor_id, first_day, event_id) = (old.actor_id, old.first_day, old.event_id);
        END;
        """

    /// The last of the pre-release migrations, whose schema is the baseline's.
    static let lastPreRelease = "v11: who submitted each document"

    /// Before migrating: a store made by a pre-release claimd that ran every pre-release
    /// migration has the baseline's schema, and is recorded as having it; one that stopped
    /// short cannot be upgraded any more.
    static func adoptPreReleaseStore(_ db: Database) throws {
        guard try db.tableExists("grdb_migrations") else { return }
        let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        let preRelease = applied.filter { $0.hasPrefix("v") }
        guard !preRelease.isEmpty else { return }
        guard preRelease.contains(lastPreRelease) else { throw SchemaError.preReleaseStore(lastMigration: preRelease.sorted().last ?? "") }
        try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v%'")
        try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [baseline])
    }
}

/// A store the schema cannot be brought up to date from.
public enum SchemaError: Error, CustomStringConvertible, Equatable {
    case preReleaseStore(lastMigration: String)

    public var description: String {
        switch self {
        case let .preReleaseStore(last):
            "the store was made by a pre-release claimd (schema '\(last)') that 0.2.0 cannot upgrade: "
                + "move it aside and ingest the articles in processed/ again"
        }
    }
}

/// Names of the running totals and bookkeeping in the `tally` table.
enum Tally {
    /// Claims whose stance differs from their previous claim's: the baseline's running count,
    /// dropped when stance changes became rows (v3).
    static let stanceChanges = "stance_changes"
    /// Claims in the recent tier of the actor-keyed indexes (v9, see ``TierMerge``).
    static let recentClaims = "recent_claims"
    /// The last actor id whose recent entries the latest merge moved; 0 before the first.
    static let mergedThroughActor = "merged_through_actor"

    static func value(_ name: String, in db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT value FROM tally WHERE name = ?"), arguments: [name]) ?? 0
    }

    static func set(_ name: String, to value: Int64, in db: Database) throws {
        try db.cachedStatement(sql: "UPDATE tally SET value = ? WHERE name = ?").execute(arguments: [value, name])
    }
}

