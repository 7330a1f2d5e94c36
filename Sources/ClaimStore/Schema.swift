import GRDB

/// The timeline store's schema, one migration per released change.
///
/// ```
/// document      one row per ingested article (sha256 unique): path, format, title,
///               dct + dct_source, ingested_at
/// document_text the article's decoded text, by document id (v10)
/// actor         canonical actors (name unique, case-insensitive), kind, role, affiliation; their
///               numbers of claims and events and first and last claim day, kept by ingest (v7)
/// actor_alias   other names of an actor ("Zelensky" → Volodymyr Zelensky)
/// claim         a stance claim: actor, topic, stance, mode, cue, text, date (value,
///               granularity, first_day for ordering), evidence offsets, confidence
/// event         a dated event: CAMEO type, trigger, text, date, evidence offsets
/// event_actor   the actors taking part in an event, with the event's first_day (v2);
///               WITHOUT ROWID (v4)
/// claim_by_actor_topic, claim_by_actor, event_by_actor, each with a `_recent` twin
///               the actor-keyed indexes, as tables in two tiers (v9, see TieredIndex):
///               (actor, topic, day, claim) with the stance and document; (actor, day, claim);
///               (actor, day, event)
/// tally         running totals too costly to count per request (v6): `stance_changes`; and
///               the tiers' bookkeeping (v9): `recent_claims`, `merged_through_actor`
/// failure       an input that could not be ingested, with the reason
/// claim_fts     FTS5 (porter) over claim.text
/// ```
///
/// Claims are found by actor and day, by actor, topic and day (stance changes), and by day
/// with the topic (v4, an index): the orders the timeline queries read them in. Each costs
/// every ingested claim a B-tree insert, so there are no more than these. The actor-keyed ones
/// are tiered tables rather than indexes (v9): SQLite maintains an index at a random place per
/// claim, and a store's writer spent most of its time reading those places from disk.
///
/// A claim's previous claim is the actor's latest earlier claim on the topic (by day, then id)
/// in another article; the claim is a stance change when their stances differ. Queries derive
/// it as they read (v6): from the (actor, topic, day) tiers, or from the page itself where it
/// holds every claim in between. So an article that arrives out of date order changes no stored
/// row of the claims that now follow its own; only the number of stance changes is kept, in `tally`.
///
/// The FTS table is kept in sync by update and delete triggers; new rows are added by the
/// store itself, once per transaction (v3), not by an insert trigger per row. Documents had one
/// too until v8, which no query read.
///
/// Since v9 no index leads with `claim.actor_id` or `event_actor.actor_id`: deleting an actor
/// row by hand makes SQLite's foreign-key check read every claim. Nothing in claimd deletes actors.
///
/// Every date column holding a day is ISO `YYYY-MM-DD` text, so it sorts and compares as text.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: documents, actors, claims, events") { db in
            try db.create(table: "document") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("sha256", .text).notNull().unique()
                t.column("path", .text).notNull()
                t.column("format", .text).notNull()
                t.column("title", .text)
                t.column("dct", .text).notNull()
                t.column("dct_source", .text).notNull()
                t.column("text", .text).notNull()
                t.column("ingested_at", .datetime).notNull()
            }
            try db.create(table: "actor") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique().collate(.nocase)
                t.column("kind", .text).notNull()
                t.column("role", .text)
                t.column("affiliation", .text)
            }
            try db.create(table: "actor_alias") { t in
                t.column("actor_id", .integer).notNull().references("actor", onDelete: .cascade)
                t.column("alias", .text).notNull().collate(.nocase)
                t.primaryKey(["alias", "actor_id"])
            }
            try db.create(table: "claim") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("document_id", .integer).notNull().indexed().references("document", onDelete: .cascade)
                t.column("actor_id", .integer).notNull().references("actor")
                t.column("topic", .text).notNull()
                t.column("stance", .text).notNull()
                t.column("mode", .text).notNull()
                t.column("cue", .text).notNull()
                t.column("text", .text).notNull()
                t.column("date_value", .text).notNull()
                t.column("granularity", .text).notNull()
                t.column("first_day", .text).notNull()
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
                t.column("confidence", .double).notNull()
            }
            try db.create(index: "claim_on_actor_day", on: "claim", columns: ["actor_id", "first_day"])
            try db.create(index: "claim_on_topic_day", on: "claim", columns: ["topic", "first_day"])
            try db.create(index: "claim_on_day", on: "claim", columns: ["first_day"])
            try db.create(table: "event") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("document_id", .integer).notNull().indexed().references("document", onDelete: .cascade)
                t.column("type", .text).notNull()
                t.column("trigger", .text)
                t.column("text", .text).notNull()
                t.column("date_value", .text).notNull()
                t.column("granularity", .text).notNull()
                t.column("first_day", .text).notNull()
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
            }
            try db.create(index: "event_on_day", on: "event", columns: ["first_day"])
            try db.create(table: "event_actor") { t in
                t.column("event_id", .integer).notNull().references("event", onDelete: .cascade)
                t.column("actor_id", .integer).notNull().indexed().references("actor")
                t.primaryKey(["event_id", "actor_id"])
            }
            try db.create(table: "stance_change") { t in
                t.column("claim_id", .integer).primaryKey().references("claim", onDelete: .cascade)
                t.column("previous_claim_id", .integer).notNull().references("claim", onDelete: .cascade)
            }
            try db.create(table: "failure") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("path", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("failed_at", .datetime).notNull()
            }
            try db.create(virtualTable: "claim_fts", using: FTS5()) { t in
                t.synchronize(withTable: "claim")
                t.tokenizer = .porter()
                t.column("text")
            }
            try db.create(virtualTable: "document_fts", using: FTS5()) { t in
                t.synchronize(withTable: "document")
                t.tokenizer = .porter()
                t.column("title")
                t.column("text")
            }
        }
        migrator.registerMigration("v2: event days beside their actors") { db in
            // An actor's timeline filtered by date otherwise visits every event of the actor.
            try db.alter(table: "event_actor") { t in t.add(column: "first_day", .text) }
            try db.execute(sql: "UPDATE event_actor SET first_day = (SELECT first_day FROM event WHERE event.id = event_actor.event_id)")
            try db.create(index: "event_actor_on_actor_day", on: "event_actor", columns: ["actor_id", "first_day"])
        }
        migrator.registerMigration("v3: faster ingest") { db in
            // The stance-change lookups (an actor's previous and next claim on a topic) are one
            // index probe here; on claim_on_actor_day they read the actor's claims of every topic.
            try db.create(index: "claim_on_actor_topic_day", on: "claim", columns: ["actor_id", "topic", "first_day"])
            // With the event id in the index, an actor's page of events comes out in order,
            // without reading and sorting all of the actor's events in the range.
            try db.drop(index: "event_actor_on_actor_day")
            try db.create(index: "event_actor_on_actor_day_event", on: "event_actor", columns: ["actor_id", "first_day", "event_id"])
            // Each statement that writes a row while an FTS5 table takes part in the transaction
            // opens a savepoint, and FTS5 writes its pending terms to disk at every savepoint: an
            // insert trigger per claim made a tiny index segment per claim, over a third of an
            // ingest's time. TimelineStore adds the new rows in one statement per table instead.
            try db.execute(sql: "DROP TRIGGER IF EXISTS __claim_fts_ai; DROP TRIGGER IF EXISTS __document_fts_ai")
        }
        migrator.registerMigration("v4: fewer index writes per article") { db in
            // Every index is one more B-tree insert per claim or event, at a random place once
            // the store outgrows memory; an article brings ~25 of each.
            //
            // Claims without an actor are listed by day, or by topic and day: one index on
            // (day, id, topic) serves both in page order, the topic read from the index itself.
            try db.drop(index: "claim_on_topic_day")
            try db.drop(index: "claim_on_day")
            try db.create(index: "claim_on_day_id_topic", on: "claim", columns: ["first_day", "id", "topic"])
            // The stance probes (an actor's previous and next claim on a topic) read the stance and
            // document from the index instead of the table: two random table reads fewer per claim.
            try db.drop(index: "claim_on_actor_topic_day")
            try db.create(index: "claim_on_actor_topic_day_id", on: "claim",
                          columns: ["actor_id", "topic", "first_day", "id", "stance", "document_id"])
            // event_actor is its primary key: without a rowid it is one B-tree instead of a table
            // plus the key's index; the (actor, day, event) index covers lookups by actor.
            try db.create(table: "event_actor_v4", options: .withoutRowID) { t in
                t.column("event_id", .integer).notNull().references("event", onDelete: .cascade)
                t.column("actor_id", .integer).notNull().references("actor")
                t.column("first_day", .text)
                t.primaryKey(["event_id", "actor_id"])
            }
            try db.execute(sql: "INSERT INTO event_actor_v4 (event_id, actor_id, first_day) SELECT event_id, actor_id, first_day FROM event_actor")
            try db.drop(table: "event_actor")
            try db.rename(table: "event_actor_v4", to: "event_actor")
            try db.create(index: "event_actor_on_actor_day_event", on: "event_actor", columns: ["actor_id", "first_day", "event_id"])
        }
        migrator.registerMigration("v5: stance changes relinked") { db in
            // Before v5, a claim back-filled ahead of several claims of another article became the
            // previous claim of the first of them only, and one back-filled ahead of a claim of its
            // own article relinked the claim after that; stores kept those stale links. Every link
            // is derived again from the claims.
            try db.execute(sql: "DELETE FROM stance_change")
            try StanceHistory.relink(db)
        }
        migrator.registerMigration("v6: stance changes derived when read") { db in
            // Articles arrive out of date order, so a claim usually lands before claims already
            // stored, whose stored stance-change rows then had to be rewritten: a random B-tree
            // write per back-filled claim, ~11 of the 85 pages an article wrote at 100k articles.
            try db.create(table: "tally", options: .withoutRowID) { t in
                t.primaryKey("name", .text)
                t.column("value", .integer).notNull()
            }
            try db.execute(sql: "INSERT INTO tally (name, value) SELECT ?, count(*) FROM stance_change",
                           arguments: [Tally.stanceChanges])
            try db.drop(table: "stance_change")
        }
        migrator.registerMigration("v7: actor totals") { db in
            // The actor list counted every actor's claims and events per request: it read the
            // whole store (~90 ms at 1M claims). Ingest now adds to these once per transaction.
            try db.alter(table: "actor") { t in
                t.add(column: "claims", .integer).notNull().defaults(to: 0)
                t.add(column: "events", .integer).notNull().defaults(to: 0)
                t.add(column: "first_day", .text)
                t.add(column: "last_day", .text)
            }
            try db.execute(sql: """
                UPDATE actor SET claims = (SELECT count(*) FROM claim WHERE actor_id = actor.id),
                                 events = (SELECT count(*) FROM event_actor WHERE actor_id = actor.id),
                                 first_day = (SELECT min(first_day) FROM claim WHERE actor_id = actor.id),
                                 last_day = (SELECT max(first_day) FROM claim WHERE actor_id = actor.id)
                """)
        }
        migrator.registerMigration("v8: no full-text index of whole documents") { db in
            // No query or endpoint searched it, yet every article's whole text was tokenised into
            // it on the store's one writer thread, the bottleneck of a burst. Search reads
            // claim_fts; a document search would build its index again from the articles' text.
            try db.execute(sql: "DROP TRIGGER IF EXISTS __document_fts_ad; DROP TRIGGER IF EXISTS __document_fts_au")
            try db.drop(table: "document_fts")
        }
        migrator.registerMigration("v9: actor indexes in two tiers") { db in
            // The three actor-keyed indexes took each claim and event at a random leaf, read from
            // disk once a store outgrows memory: at 100,000 articles they held 260 MB and were most
            // of what the writer waited for. Each is now a pair of tables, a recent tier that stays
            // in the writer's cache and a main one merged into in key order (see TieredIndex).
            for index in TieredIndex.all { try index.create(in: db) }
            // The tiers' keys are NOT NULL, and the delete trigger below finds an event's entry by
            // its event_actor row's day; v2 filled the column, this makes sure of it.
            try db.execute(sql: "UPDATE event_actor SET first_day = (SELECT first_day FROM event WHERE id = event_id) WHERE first_day IS NULL")
            try db.execute(sql: """
                INSERT INTO claim_by_actor_topic (actor_id, topic, first_day, claim_id, stance, document_id)
                    SELECT actor_id, topic, first_day, id, stance, document_id FROM claim ORDER BY actor_id, topic, first_day, id;
                INSERT INTO claim_by_actor (actor_id, first_day, claim_id)
                    SELECT actor_id, first_day, id FROM claim ORDER BY actor_id, first_day, id;
                INSERT INTO event_by_actor (actor_id, first_day, event_id)
                    SELECT actor_id, first_day, event_id FROM event_actor ORDER BY actor_id, first_day, event_id;
                DROP INDEX claim_on_actor_day;
                DROP INDEX claim_on_actor_topic_day_id;
                DROP INDEX event_actor_on_actor_day_event;
                """)
            try db.execute(sql: "INSERT INTO tally (name, value) VALUES (?, 0), (?, 0)",
                           arguments: [Tally.recentClaims, Tally.mergedThroughActor])
            // Rows leave with their document (ON DELETE CASCADE); their index entries with them,
            // and the recent tier's count with its entries. Claims and events are never updated.
            try db.execute(sql: """
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
                """)
        }
        migrator.registerMigration("v10: document text in its own table") { db in
            // Every claim and event a query lists is joined with its document's row, for the path,
            // title and date. With the article's text inline, a row filled most of a page of its
            // own, so every row listed read another page: ~110 of the ~270 a 100-row timeline page
            // read from the file at 1M claims. Without it a row takes ~160 bytes, and 50,000
            // articles' rows 8 MB, which stay in the readers' caches.
            try db.create(table: "document_text") { t in
                t.primaryKey("document_id", .integer).references("document", onDelete: .cascade)
                t.column("text", .text).notNull()
            }
            try db.execute(sql: "INSERT INTO document_text (document_id, text) SELECT id, text FROM document")
            // Rebuilt rather than altered: dropping the column rewrites each row in its place, and
            // leaves the table's pages as sparse as the text had made them. Foreign keys are off
            // in a migration, so dropping the old table deletes no claim or event.
            try db.create(table: "document_v10") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("sha256", .text).notNull().unique()
                t.column("path", .text).notNull()
                t.column("format", .text).notNull()
                t.column("title", .text)
                t.column("dct", .text).notNull()
                t.column("dct_source", .text).notNull()
                t.column("ingested_at", .datetime).notNull()
            }
            try db.execute(sql: """
                INSERT INTO document_v10 (id, sha256, path, format, title, dct, dct_source, ingested_at)
                    SELECT id, sha256, path, format, title, dct, dct_source, ingested_at FROM document;
                DELETE FROM sqlite_sequence WHERE name = 'document_v10';
                INSERT INTO sqlite_sequence (name, seq) SELECT 'document_v10', seq FROM sqlite_sequence WHERE name = 'document';
                """)
            try db.drop(table: "document")
            try db.rename(table: "document_v10", to: "document")
        }
        migrator.registerMigration("v11: who submitted each document") { db in
            // The uid of the socket peer that posted a document (and its pid), or of the inbox
            // file's owner; null for documents stored before v11.
            try db.alter(table: "document") { t in
                t.add(column: "submitter_uid", .integer)
                t.add(column: "submitter_pid", .integer)
            }
        }
        return migrator
    }
}

/// Names of the running totals and bookkeeping in the `tally` table.
enum Tally {
    /// Claims whose stance differs from their previous claim's.
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

/// Stance changes derived from the claims alone, in one pass: migration v5, whose rows v6 counts
/// into `tally` before it drops their table.
enum StanceHistory {
    /// Inserts a `stance_change` row for every claim whose stance differs from its previous
    /// claim's: the actor's latest earlier claim on the topic, by day then id, in another article.
    static func relink(_ db: Database) throws {
        let claims = try Row.fetchCursor(db, sql: """
            SELECT actor_id, topic, id, stance, document_id FROM claim ORDER BY actor_id, topic, first_day, id
            """)
        let insert = try db.makeStatement(sql: "INSERT INTO stance_change (claim_id, previous_claim_id) VALUES (?, ?)")
        typealias Link = (id: Int64, stance: String)
        var pair: (actor: Int64, topic: String)?
        var last: (link: Link, document: Int64)?
        // The latest claim before the run of `last`'s article's claims that ends the list so far.
        var beforeRun: Link?
        while let row = try claims.next() {
            let actor: Int64 = row[0], topic: String = row[1]
            let claim: Link = (row[2], row[3])
            let document: Int64 = row[4]
            if pair?.actor != actor || pair?.topic != topic {
                pair = (actor, topic)
                last = nil
                beforeRun = nil
            }
            let previous: Link?
            if let last, last.document != document {
                previous = last.link
                beforeRun = last.link
            } else {
                previous = beforeRun
            }
            if let previous, previous.stance != claim.stance {
                try insert.execute(arguments: [claim.id, previous.id])
            }
            last = (claim, document)
        }
    }
}
