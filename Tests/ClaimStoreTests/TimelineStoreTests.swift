import ClaimModel
import Foundation
import GRDB
import GRDBSQLite
import Testing

@testable import ClaimStore

/// A store in a fresh temporary directory, removed when the test ends.
final class TemporaryStore {
    let directory: URL
    var path: String { directory.appendingPathComponent("claims.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("claimd-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// The store, with recent tiers so small that nearly every write merges a slice of them:
    /// each query then reads index entries from both tiers (see ``TieredIndex``).
    func open(tiers: TieredIndexes = .split) throws -> TimelineStore { try TimelineStore(path: path, tiers: tiers) }

    deinit { try? FileManager.default.removeItem(at: directory) }
}

func document(_ name: String, text: String, day: String) -> Document {
    Document(path: "/inbox/\(name)", sha256: String(repeating: "0", count: 56) + String(name.utf8.reduce(UInt32(5381)) { ($0 &* 33) &+ UInt32($1) }, radix: 16).padding(toLength: 8, withPad: "0", startingAt: 0),
             format: .text, dct: DocumentDate(value: day, source: .argument), text: text)
}

func claim(_ actor: String, _ topic: String, _ stance: Stance, day: String, text: String = "a statement") -> Claim {
    Claim(actor: ActorRef(name: actor, kind: .person, role: "President"), topic: topic, stance: stance, mode: .direct,
          cue: "said", text: text, date: TimeValue(value: day, granularity: .day), start: 0, end: text.count, confidence: 0.9)
}

@Suite("TimelineStore on a real SQLite file")
struct TimelineStoreTests {
    @Test("a document is stored once with its claims and events; the same content again is a duplicate")
    func storesOnceAndReportsDuplicates() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        let doc = document("a.txt", text: "Zelensky said peace needs guarantees.", day: "2024-12-19")
        let extraction = Extraction(
            events: [Event(date: TimeValue(value: "2024-12-19", granularity: .day), type: "04",
                           actors: ["Volodymyr Zelensky", "European Union"], text: "attended the summit", start: 0, end: 10)],
            claims: [claim("Volodymyr Zelensky", "security-guarantees", .support, day: "2024-12-19")])
        guard case let .stored(ref, claims, events, _) = try store.ingest(doc, extraction: extraction, at: Date()) else {
            Issue.record("first ingest was not stored")
            return
        }
        #expect(claims.count == 1 && events.count == 1)
        #expect(ref.dct.value == "2024-12-19")
        guard case let .duplicate(existing) = try store.ingest(doc, extraction: extraction, at: Date()) else {
            Issue.record("second ingest of the same sha256 was stored again")
            return
        }
        #expect(existing.id == ref.id)
        let counts = try store.counts()
        #expect(counts.documents == 1 && counts.claims == 1 && counts.events == 1 && counts.actors == 2)
    }

    @Test("data survives closing and reopening the file")
    func persists() throws {
        let temp = try TemporaryStore()
        do {
            let store = try temp.open()
            _ = try store.ingest(document("a.txt", text: "x", day: "2024-01-02"),
                                 extraction: Extraction(claims: [claim("Olaf Scholz", "sanctions", .oppose, day: "2024-01-02")]), at: Date())
        }
        let reopened = try temp.open()
        #expect(try reopened.claims(TimelineFilter(actor: "Scholz")).map(\.topic) == ["sanctions"])
    }

    @Test("actors are found by full name, surname or alias, case-insensitively")
    func actorLookup() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        _ = try store.ingest(document("a.txt", text: "x", day: "2024-12-19"),
                             extraction: Extraction(claims: [claim("Volodymyr Zelensky", "ceasefire", .conditional, day: "2024-12-19"),
                                                             claim("Emmanuel Macron", "peacekeeping", .support, day: "2024-12-19")]),
                             aliases: ["Volodymyr Zelensky": ["Zelenskyy", "Zelenskiy"]], at: Date())
        for name in ["Volodymyr Zelensky", "zelensky", "ZELENSKYY", "Zelenskiy"] {
            #expect(try store.claims(TimelineFilter(actor: name)).map(\.actor.name) == ["Volodymyr Zelensky"], "lookup by \(name)")
        }
        #expect(try store.claims(TimelineFilter(actor: "Lensky")).isEmpty, "a substring of a surname is not a match")
        #expect(try store.actors(matching: "Macron").map(\.name) == ["Emmanuel Macron"])
        #expect(try store.actors(matching: "Zelensky").first?.aliases.sorted() == ["Zelenskiy", "Zelenskyy"])
    }

    @Test("timeline orders claims and events by day and honours topic, stance, since and until")
    func timelineFilters() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        for (index, day) in ["2024-11-02", "2024-12-19", "2025-01-15"].enumerated() {
            _ = try store.ingest(
                document("d\(index).txt", text: "x", day: day),
                extraction: Extraction(
                    events: [Event(date: TimeValue(value: day, granularity: .day), type: "04", actors: ["Volodymyr Zelensky"],
                                   text: "met \(index)", start: 0, end: 3)],
                    claims: [claim("Volodymyr Zelensky", index == 1 ? "ceasefire" : "military-aid", .support, day: day)]),
                at: Date())
        }
        let all = try store.timeline(TimelineFilter(actor: "Zelensky"))
        #expect(all.map(\.day) == all.map(\.day).sorted())
        #expect(all.count == 6)
        #expect(try store.claims(TimelineFilter(topic: "ceasefire")).map(\.day) == ["2024-12-19"])
        #expect(try store.claims(TimelineFilter(since: CalendarDay("2024-12-01"), until: CalendarDay("2024-12-31"))).map(\.day) == ["2024-12-19"])
        #expect(try store.claims(TimelineFilter(stance: .oppose)).isEmpty)
        #expect(try store.events(TimelineFilter(actor: "Zelensky", since: CalendarDay("2025-01-01"))).map(\.text) == ["met 2"])
        let latest = try store.claims(TimelineFilter(limit: 2))
        #expect(latest.map(\.day) == ["2024-12-19", "2025-01-15"], "limit keeps the most recent, oldest first")
        #expect(try store.claims(TimelineFilter(topic: "military-aid", limit: 1)).map(\.day) == ["2025-01-15"],
                "a topic's page is its most recent claims")
    }

    @Test("a claim that reverses the actor's last stance on a topic is flagged, with the previous stance")
    func stanceChange() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        _ = try store.ingest(document("a.txt", text: "x", day: "2024-06-01"),
                             extraction: Extraction(claims: [claim("Olaf Scholz", "sanctions", .support, day: "2024-06-01")]), at: Date())
        guard case let .stored(_, same, _, _) = try store.ingest(
            document("b.txt", text: "y", day: "2024-07-01"),
            extraction: Extraction(claims: [claim("Olaf Scholz", "sanctions", .support, day: "2024-07-01")]), at: Date()) else {
            Issue.record("not stored")
            return
        }
        #expect(same.first?.previousStance == nil, "the same stance again is no change")
        guard case let .stored(_, changed, _, _) = try store.ingest(
            document("c.txt", text: "z", day: "2024-12-19"),
            extraction: Extraction(claims: [claim("Olaf Scholz", "sanctions", .oppose, day: "2024-12-19")]), at: Date()) else {
            Issue.record("not stored")
            return
        }
        #expect(changed.first?.previousStance == .support)
        #expect(try store.counts().stanceChanges == 1)
        #expect(try store.claims(TimelineFilter(stance: .oppose)).first?.previousStance == .support)
    }

    @Test("an article back-filled between two others relinks the stance changes around it")
    func outOfOrderStanceChange() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        for (name, day, stance) in [("jan.txt", "2024-01-10", Stance.support), ("mar.txt", "2024-03-10", .oppose), ("feb.txt", "2024-02-10", .oppose)] {
            _ = try store.ingest(document(name, text: name, day: day),
                                 extraction: Extraction(claims: [claim("Olaf Scholz", "sanctions", stance, day: day)]), at: Date())
        }
        let claims = try store.claims(TimelineFilter(actor: "Scholz"))
        #expect(claims.map(\.day) == ["2024-01-10", "2024-02-10", "2024-03-10"])
        #expect(claims.map(\.previousStance) == [nil, .support, nil], "one change, in February, not two")
        #expect(try store.counts().stanceChanges == 1)
    }

    @Test("a back-filled article becomes the previous claim of every claim of the next article, not only its first")
    func backFilledBeforeSeveralClaimsOfOneArticle() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        func ingest(_ name: String, _ claims: [(day: String, stance: Stance)]) throws {
            // Dated by its last claim: no claim is dated after its article.
            _ = try store.ingest(document(name, text: name, day: claims[claims.count - 1].day),
                                 extraction: Extraction(claims: claims.map { claim("Olaf Scholz", "sanctions", $0.stance, day: $0.day) }),
                                 at: Date())
        }
        try ingest("january.txt", [("2024-01-10", .support)])
        // One article, two claims: both reverse January's stance (the second skips its sibling).
        try ingest("may.txt", [("2024-05-02", .oppose), ("2024-05-03", .oppose)])
        #expect(try store.claims(TimelineFilter(actor: "Scholz")).map(\.previousStance) == [nil, .support, .support])
        // An archive article from March already opposed: May's claims no longer change anything.
        try ingest("march.txt", [("2024-03-10", .oppose)])
        let claims = try store.claims(TimelineFilter(actor: "Scholz"))
        #expect(claims.map(\.day) == ["2024-01-10", "2024-03-10", "2024-05-02", "2024-05-03"])
        #expect(claims.map(\.previousStance) == [nil, .support, nil, nil])
        #expect(try store.counts().stanceChanges == 1)
    }

    @Test("a back-filled claim followed by a claim of its own article leaves the later articles' links alone")
    func backFilledBeforeItsOwnArticlesClaim() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        _ = try store.ingest(document("june.txt", text: "june", day: "2024-06-01"),
                             extraction: Extraction(claims: [claim("Olaf Scholz", "sanctions", .oppose, day: "2024-06-01")]), at: Date())
        // One article: a claim dated in May (oppose), then one dated in April (support). June's
        // previous claim stays May's, which agrees with it; April's lands before May's, its own.
        _ = try store.ingest(document("review.txt", text: "review", day: "2024-05-20"),
                             extraction: Extraction(claims: [claim("Olaf Scholz", "sanctions", .oppose, day: "2024-05-01"),
                                                             claim("Olaf Scholz", "sanctions", .support, day: "2024-04-01")]),
                             at: Date())
        let claims = try store.claims(TimelineFilter(actor: "Scholz"))
        #expect(claims.map(\.day) == ["2024-04-01", "2024-05-01", "2024-06-01"])
        #expect(claims.map(\.previousStance) == [nil, nil, nil], "April and May are one article's: neither changes the other, and June follows May")
        #expect(try store.counts().stanceChanges == 0)
    }

    @Test("LIKE wildcards in an actor query match nothing but themselves")
    func actorWildcards() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        _ = try store.ingest(document("a.txt", text: "x", day: "2024-12-19"),
                             extraction: Extraction(claims: [claim("Emmanuel Macron", "peacekeeping", .support, day: "2024-12-19")]), at: Date())
        #expect(try store.claims(TimelineFilter(actor: "%")).isEmpty)
        #expect(try store.claims(TimelineFilter(actor: "Macro_")).isEmpty)
        #expect(try store.claims(TimelineFilter(actor: "macron")).count == 1)
    }

    @Test("full-text search matches word stems and ranks only matching claims")
    func search() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        var claims = (0..<50).map { claim("Filler Person", "trade", .support, day: "2024-01-01", text: "tariffs on steel number \($0)") }
        claims.append(claim("Antonio Costa", "peace-talks", .support, day: "2024-12-19", text: "a comprehensive, just and lasting peace"))
        _ = try store.ingest(document("a.txt", text: "x", day: "2024-12-19"), extraction: Extraction(claims: claims), at: Date())
        #expect(try store.claims(TimelineFilter(text: "lasting")).map(\.actor.name) == ["Antonio Costa"])
        #expect(try store.claims(TimelineFilter(text: "last")).map(\.actor.name) == ["Antonio Costa"], "porter stemming")
        #expect(try store.claims(TimelineFilter(text: "\"unbalanced quote AND (")).isEmpty, "user input cannot break the query")
    }

    @Test("a batch is one transaction: every document's claims are searchable, a repeat within it is a duplicate")
    func batch() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        let first = document("a.txt", text: "Steel tariffs were discussed in Norland.", day: "2024-03-01")
        let second = document("b.txt", text: "Grain corridors were discussed in Taldera.", day: "2024-03-02")
        let outcomes = try store.ingest(batch: [
            (first, Extraction(claims: [claim("Mara Lind", "trade", .support, day: "2024-03-01", text: "tariffs on steel")])),
            (second, Extraction(claims: [claim("Mara Lind", "trade", .oppose, day: "2024-03-02", text: "grain corridors")])),
            (first, Extraction(claims: [claim("Mara Lind", "trade", .support, day: "2024-03-01", text: "tariffs on steel")])),
        ], at: Date())
        #expect(outcomes.map { if case .stored = $0 { "stored" } else { "duplicate" } } == ["stored", "stored", "duplicate"])
        #expect(try store.claims(TimelineFilter(text: "steel")).map(\.document.path) == ["/inbox/a.txt"])
        #expect(try store.claims(TimelineFilter(text: "corridor")).map(\.previousStance) == [.support], "stance change within a batch")
        #expect(try store.document(sha256: second.sha256)?.text == second.text)
        #expect(try store.counts().documents == 2 && store.counts().claims == 2)
    }

    @Test("a later article can still fill in an actor's role and aliases once the actor is known")
    func actorDetailsAcrossArticles() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        let bare = Claim(actor: ActorRef(name: "Ilka Brannock", kind: .person), topic: "trade", stance: .support, mode: .direct,
                         cue: "said", text: "x", date: TimeValue(value: "2024-01-01", granularity: .day), start: 0, end: 1, confidence: 0.9)
        _ = try store.ingest(document("a.txt", text: "a", day: "2024-01-01"), extraction: Extraction(claims: [bare]), at: Date())
        _ = try store.ingest(document("b.txt", text: "b", day: "2024-01-02"), extraction: Extraction(claims: [bare]), at: Date())
        var titled = bare
        titled.actor = ActorRef(name: "Ilka Brannock", kind: .person, role: "Finance Minister", affiliation: "Norland")
        _ = try store.ingest(document("c.txt", text: "c", day: "2024-01-03"), extraction: Extraction(claims: [titled]),
                             aliases: ["Ilka Brannock": ["Madame Brannock"]], at: Date())
        let actor = try #require(try store.actors(matching: "Madame Brannock").first)
        #expect(actor.role == "Finance Minister" && actor.affiliation == "Norland" && actor.claims == 3)
    }

    @Test("the actor list's totals are those of the stored rows, across batches, duplicates and back-filled days")
    func actorTotalsFollowTheRows() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        func meeting(_ day: String, _ actors: [String]) -> Event {
            Event(date: TimeValue(value: day, granularity: .day), type: "04", actors: actors, text: "They met.", start: 0, end: 9)
        }
        let march = (document("march.txt", text: "march", day: "2024-03-05"),
                     Extraction(events: [meeting("2024-03-05", ["Olaf Scholz", "Anna Kovar"])],
                                claims: [claim("Olaf Scholz", "trade", .support, day: "2024-03-05"),
                                         claim("Olaf Scholz", "sanctions", .oppose, day: "2024-03-04")]))
        let january = (document("january.txt", text: "january", day: "2024-01-20"),
                       Extraction(events: [meeting("2024-01-20", ["Anna Kovar"]), meeting("2024-01-21", ["Olaf Scholz"])],
                                  claims: [claim("Anna Kovar", "trade", .oppose, day: "2024-01-20")]))
        _ = try store.ingest(batch: [march, january], at: Date())
        _ = try store.ingest(batch: [march], at: Date()) // a duplicate adds nothing
        let may = Extraction(claims: [claim("Olaf Scholz", "trade", .oppose, day: "2024-05-01")])
        _ = try store.ingest(document("may.txt", text: "may", day: "2024-05-01"), extraction: may, at: Date())
        let december = Extraction(claims: [claim("Olaf Scholz", "trade", .support, day: "2023-12-01")])
        _ = try store.ingest(document("december.txt", text: "december", day: "2023-12-01"), extraction: december, at: Date())
        let april = Extraction(claims: [claim("Olaf Scholz", "sanctions", .support, day: "2024-04-01")])
        _ = try store.ingest(document("april.txt", text: "april", day: "2024-04-01"), extraction: april, at: Date())

        let listed = try store.actors().map { ($0.name, $0.claims, $0.events, $0.firstDay, $0.lastDay) }
        let counted = try DatabaseQueue(path: temp.path).read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.name, (SELECT count(*) FROM claim WHERE actor_id = a.id), (SELECT count(*) FROM event_actor WHERE actor_id = a.id),
                       (SELECT min(first_day) FROM claim WHERE actor_id = a.id), (SELECT max(first_day) FROM claim WHERE actor_id = a.id)
                FROM actor a
                """).map { ($0[0] as String, $0[1] as Int, $0[2] as Int, $0[3] as String?, $0[4] as String?) }
        }
        #expect(listed.count == 2)
        #expect(listed.map(\.0) == ["Olaf Scholz", "Anna Kovar"], "most claims first")
        for actor in counted {
            let row = listed.first { $0.0 == actor.0 }
            #expect(row?.1 == actor.1 && row?.2 == actor.2 && row?.3 == actor.3 && row?.4 == actor.4, "\(actor.0)")
        }
        let scholz = try #require(listed.first)
        #expect((scholz.1, scholz.2, scholz.3, scholz.4) == (5, 2, "2023-12-01", "2024-05-01"))
    }

    @Test("an event of two actors a name matches is listed once")
    func eventOfTwoMatchingActors() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        let event = Event(date: TimeValue(value: "2024-05-02", granularity: .day), type: "04",
                          actors: ["Alma Ferro", "Rui Ferro"], text: "The Ferros met.", start: 0, end: 15)
        _ = try store.ingest(document("a.txt", text: "x", day: "2024-05-02"), extraction: Extraction(events: [event]), at: Date())
        #expect(try store.events(TimelineFilter(actor: "Ferro")).map(\.text) == ["The Ferros met."])
        #expect(try store.timeline(TimelineFilter(actor: "Ferro")).count == 1)
    }

    @Test("actor names that differ beyond ASCII case stay two actors, as SQLite's NOCASE has them")
    func nonASCIICase() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        // The second document is written with the first one's actors known to the store.
        _ = try store.ingest(document("a.txt", text: "a", day: "2024-01-01"),
                             extraction: Extraction(claims: [claim("Émile Ros", "trade", .support, day: "2024-01-01")]), at: Date())
        _ = try store.ingest(document("b.txt", text: "b", day: "2024-01-02"),
                             extraction: Extraction(claims: [claim("émile Ros", "trade", .oppose, day: "2024-01-02"),
                                                             claim("ÉMILE ROS", "energy", .oppose, day: "2024-01-02")]), at: Date())
        #expect(try store.counts().actors == 2)
        #expect(try store.claims(TimelineFilter(actor: "Émile Ros")).map(\.topic) == ["trade", "energy"])
        #expect(try store.claims(TimelineFilter(actor: "émile Ros")).map(\.topic) == ["trade"])
    }

    @Test("a timeline page is the most recent claims and events together, whatever the limit")
    func timelinePages() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        // Claims on odd days, events on every third day, for one actor.
        for day in 1...20 {
            let value = "2024-03-\(day < 10 ? "0" : "")\(day)"
            let claims = day % 2 == 1 ? [claim("Mara Lind", "trade", .support, day: value)] : []
            let events = day % 3 == 0
                ? [Event(date: TimeValue(value: value, granularity: .day), type: "04", actors: ["Mara Lind"], text: "met", start: 0, end: 3)] : []
            _ = try store.ingest(document("d\(day).txt", text: "x", day: value), extraction: Extraction(events: events, claims: claims), at: Date())
        }
        let everything = try store.timeline(TimelineFilter(actor: "Lind", limit: 1000))
        #expect(everything.count == 10 + 6)
        for limit in [1, 2, 3, 5, 8, 15] {
            let page = try store.timeline(TimelineFilter(actor: "Lind", limit: limit))
            #expect(page.map(\.day) == everything.suffix(limit).map(\.day), "limit \(limit)")
            #expect(page.map(\.kind) == everything.suffix(limit).map(\.kind), "limit \(limit)")
        }
    }

    @Test("failures are counted")
    func failures() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        try store.recordFailure(path: "/inbox/x.bin", reason: "not a text file", at: Date())
        #expect(try store.counts().failed == 1)
    }

    @Test("a store made by the 0.2.0 baseline is upgraded, keeps its rows, and stores where articles came from")
    func upgradesFromTheBaseline() throws {
        let temp = try TemporaryStore()
        do {
            // The rows a baseline store holds, written as the baseline has them.
            let queue = try DatabaseQueue(path: temp.path)
            try Schema.migrator.migrate(queue, upTo: Schema.baseline)
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO document (id, sha256, path, format, title, dct, dct_source, ingested_at, submitter_uid)
                        VALUES (1, 'aa', '/processed/old.txt', 'text', 'Truce talk', '2024-03-01', 'argument', '2024-03-01 10:00:00', 1000);
                    INSERT INTO document_text (document_id, text) VALUES (1, 'Mara Lind backed the truce.');
                    INSERT INTO actor (id, name, kind, claims, events, first_day, last_day)
                        VALUES (1, 'Mara Lind', 'person', 1, 1, '2024-03-01', '2024-03-01'), (2, 'Norland', 'country', 0, 1, NULL, NULL);
                    INSERT INTO claim (id, document_id, actor_id, topic, stance, mode, cue, text, date_value, granularity,
                                       first_day, start, "end", confidence)
                        VALUES (1, 1, 1, 'ceasefire', 'support', 'direct', 'said', 'backed the truce', '2024-03-01', 'day',
                                '2024-03-01', 0, 16, 0.9);
                    INSERT INTO claim_by_actor_topic_recent (actor_id, topic, first_day, claim_id, stance, document_id)
                        VALUES (1, 'ceasefire', '2024-03-01', 1, 'support', 1);
                    INSERT INTO claim_by_actor_recent (actor_id, first_day, claim_id) VALUES (1, '2024-03-01', 1);
                    INSERT INTO event (id, document_id, type, text, date_value, granularity, first_day, start, "end")
                        VALUES (1, 1, '04', 'met in Port Alder', '2024-03-01', 'day', '2024-03-01', 0, 17);
                    INSERT INTO event_actor (event_id, actor_id, first_day) VALUES (1, 1, '2024-03-01'), (1, 2, '2024-03-01');
                    INSERT INTO event_by_actor_recent (actor_id, first_day, event_id) VALUES (1, '2024-03-01', 1), (2, '2024-03-01', 1);
                    INSERT INTO claim_fts (rowid, text) VALUES (1, 'backed the truce');
                    UPDATE tally SET value = 1 WHERE name = 'recent_claims';
                    """)
            }
        }
        var upgrades = 0
        let store = try TimelineStore(path: temp.path) { upgrades += 1 }
        #expect(upgrades == 1, "the daemon is told before a schema upgrade, to say so and ask systemd for time")
        let log = try FileManager.default.attributesOfItem(atPath: temp.path + "-wal")[.size] as? Int
        #expect(log == 0, "the upgrade's pages are copied into the database, not left in the log")
        let applied = try DatabaseQueue(path: temp.path).read { db in try Schema.migrator.appliedIdentifiers(db) }
        #expect(applied == Set(Schema.migrator.migrations))

        let timeline = try store.timeline(TimelineFilter(actor: "Lind"))
        #expect(timeline.map(\.kind) == [.event, .claim])
        #expect(timeline.last?.claim?.document.title == "Truce talk")
        #expect(timeline.last?.claim?.document.url == nil, "no URL was known for a document stored before")
        #expect(try store.events(TimelineFilter(actor: "Norland")).map(\.actors) == [["Mara Lind", "Norland"]])
        #expect(try store.claims(TimelineFilter(text: "truce")).count == 1)
        #expect(try store.document(sha256: "aa")?.submitter?.uid == 1000)

        // A later article reverses her stance, and says where it was published.
        var later = document("new.txt", text: "She rejected the truce.", day: "2024-04-02")
        (later.url, later.source) = ("https://courier.example/2024/04/truce", "The Courier")
        let extraction = Extraction(events: [], claims: [claim("Mara Lind", "ceasefire", .oppose, day: "2024-04-02")])
        guard case let .stored(new, claims, _, _) = try store.ingest(later, extraction: extraction, at: Date()) else {
            Issue.record("the new article was not stored")
            return
        }
        #expect(new.id == 2, "documents are numbered on from the upgraded ones")
        #expect(claims.first?.previousStance == .support)
        let read = try store.claims(TimelineFilter(actor: "Lind")).last
        #expect(read?.document.url == "https://courier.example/2024/04/truce" && read?.document.source == "The Courier")
        #expect(try store.counts().stanceChanges == 1)
    }

    @Test("a store of a pre-release claimd that ran all eleven migrations is taken as the baseline; an older one is refused")
    func preReleaseStores() throws {
        let complete = try TemporaryStore()
        do {
            let queue = try DatabaseQueue(path: complete.path)
            try Schema.migrator.migrate(queue, upTo: Schema.baseline)
            try queue.write { db in
                try db.execute(sql: "DELETE FROM grdb_migrations")
                for number in 1...11 {
                    try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)",
                                   arguments: [number == 11 ? Schema.lastPreRelease : "v\(number): a pre-release step"])
                }
            }
        }
        let store = try complete.open()
        #expect(try store.counts().documents == 0)
        let applied = try DatabaseQueue(path: complete.path).read { db in try Schema.migrator.appliedIdentifiers(db) }
        #expect(applied == Set(Schema.migrator.migrations))

        let partial = try TemporaryStore()
        do {
            let queue = try DatabaseQueue(path: partial.path)
            try queue.write { db in
                try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v1: documents, actors, claims, events')")
            }
        }
        #expect(throws: SchemaError.preReleaseStore(lastMigration: "v1: documents, actors, claims, events")) { try partial.open() }
    }

    @Test("stance changes, and their count, are those of the definition whatever order articles arrive in", arguments: 0..<12)
    func stanceChangesMatchTheirDefinition(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let temp = try TemporaryStore()
        let store = try temp.open()
        // Articles of one to three claims by two actors on two topics, over a few weeks (days
        // shared often), ingested in random order, some several to a transaction.
        var articles = (0..<14).map { index in
            (document("article-\(seed)-\(index).txt", text: "article \(index)", day: "2024-03-01"),
             Extraction(claims: (0..<Int.random(in: 1...3, using: &random)).map { _ in
                 claim(["Olaf Scholz", "Anna Kovar"].randomElement(using: &random)!, ["sanctions", "trade"].randomElement(using: &random)!,
                       Stance.allCases.randomElement(using: &random)!, day: String(format: "2024-03-%02d", Int.random(in: 1...9, using: &random)))
             }))
        }
        articles.shuffle(using: &random)
        while !articles.isEmpty {
            let batch = articles.prefix(Int.random(in: 1...3, using: &random))
            articles.removeFirst(batch.count)
            _ = try store.ingest(batch: batch.map { ($0.0, $0.1) }, at: Date())
        }

        // The definition, applied to every claim: the previous claim is the actor's latest earlier
        // one on the topic, by day then id, from another article.
        let rows = try DatabaseQueue(path: temp.path).read { db in
            try Row.fetchAll(db, sql: "SELECT id, actor_id, topic, first_day, document_id, stance FROM claim")
        }
        typealias Stored = (id: Int64, actor: Int64, topic: String, day: String, document: Int64, stance: String)
        let stored: [Stored] = rows.map { ($0[0], $0[1], $0[2], $0[3], $0[4], $0[5]) }
        var expected: [Int64: Stance] = [:]
        for claim in stored {
            let previous = stored
                .filter { $0.actor == claim.actor && $0.topic == claim.topic && $0.document != claim.document
                    && ($0.day, $0.id) < (claim.day, claim.id) }
                .max { ($0.day, $0.id) < ($1.day, $1.id) }
            if let previous, previous.stance != claim.stance { expected[claim.id] = Stance(rawValue: previous.stance) }
        }
        let read = try store.claims(TimelineFilter(limit: 1000))
        #expect(read.count == stored.count)
        #expect(Dictionary(uniqueKeysWithValues: read.compactMap { c in c.previousStance.map { (c.id, $0) } }) == expected)
        #expect(try store.counts().stanceChanges == expected.count, "the running count follows every back-fill")
        #expect(!expected.isEmpty, "the articles should disagree somewhere")

        // Every page shows the same previous stances, whether it starts after a claim's previous
        // one, leaves claims out by stance, or goes through the timeline.
        let march = (since: CalendarDay("2024-03-04"), until: CalendarDay("2024-03-07"))
        var changesShown = 0
        for actor in [nil, "Scholz", "Kovar"] as [String?] {
            for limit in [1, 4, 1000] {
                for filter in [TimelineFilter(actor: actor, limit: limit), TimelineFilter(actor: actor, topic: "trade", limit: limit),
                               TimelineFilter(actor: actor, since: march.since, until: march.until, limit: limit),
                               TimelineFilter(actor: actor, stance: .support, limit: limit)] {
                    let claims = try store.claims(filter)
                    #expect(claims.map(\.previousStance) == claims.map { expected[$0.id] }, "\(filter)")
                    let timeline = try store.timeline(filter).compactMap(\.claim)
                    #expect(timeline.map(\.previousStance) == timeline.map { expected[$0.id] }, "\(filter)")
                    changesShown += claims.count { $0.previousStance != nil }
                }
            }
        }
        #expect(changesShown > 20, "the pages should show stance changes")
    }

    @Test("an actor's claims and events are the same page whichever tier holds their index entries", arguments: 0..<4)
    func tiersReadAsOneIndex(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let actors = ["Olaf Scholz", "Anna Kovar", "Mara Lind", "Rui Ferro"]
        let articles = (0..<40).map { index in
            let day = String(format: "2024-%02d-%02d", Int.random(in: 1...4, using: &random), Int.random(in: 1...28, using: &random))
            return (document("tiers-\(seed)-\(index).txt", text: "article \(index)", day: day),
                    Extraction(events: [Event(date: TimeValue(value: day, granularity: .day), type: "04",
                                              actors: [actors.randomElement(using: &random)!, actors.randomElement(using: &random)!],
                                              text: "met \(index)", start: 0, end: 5)],
                               claims: (0..<Int.random(in: 1...4, using: &random)).map { _ in
                                   claim(actors.randomElement(using: &random)!, ["sanctions", "trade"].randomElement(using: &random)!,
                                         Stance.allCases.randomElement(using: &random)!, day: day)
                               }))
        }
        // Recent tiers that never fill, and ones that merge a slice of a few claims per write.
        let unmerged = try TemporaryStore(), merging = try TemporaryStore()
        let stores = [try unmerged.open(tiers: TieredIndexes()), try merging.open(tiers: TieredIndexes(recentClaims: 12, sliceClaims: 5))]
        for store in stores {
            var queue = articles[...]
            while !queue.isEmpty {
                let batch = queue.prefix(Int.random(in: 1...3, using: &random))
                queue.removeFirst(batch.count)
                _ = try store.ingest(batch: Array(batch), at: Date())
            }
        }
        let split = try DatabaseQueue(path: merging.path).read { db in
            try TieredIndex.all.map { index in
                (try Int.fetchOne(db, sql: "SELECT count(*) FROM \(index.main)") ?? 0, try Int.fetchOne(db, sql: "SELECT count(*) FROM \(index.recent)") ?? 0)
            }
        }
        #expect(split.allSatisfy { $0.0 > 0 && $0.1 > 0 }, "both tiers of every index hold entries: \(split)")

        // An actor's page by definition: the rows of its claims, newest by day then id, cut at the limit.
        let rows = try DatabaseQueue(path: merging.path).read { db in
            try Row.fetchAll(db, sql: "SELECT c.id, a.name, c.topic, c.first_day FROM claim c JOIN actor a ON a.id = c.actor_id")
                .map { (id: $0[0] as Int64, actor: $0[1] as String, topic: $0[2] as String, day: $0[3] as String) }
        }
        for actor in actors {
            for topic in [nil, "sanctions"] {
                for (since, until) in [(nil, nil), ("2024-02-01", "2024-03-15")] as [(String?, String?)] {
                    for limit in [1, 3, 1000] {
                        let filter = TimelineFilter(actor: actor, topic: topic, since: since.flatMap(CalendarDay.init),
                                                    until: until.flatMap(CalendarDay.init), limit: limit)
                        let matching = rows.filter { row in
                            row.actor == actor && (topic == nil || row.topic == topic)
                                && row.day >= (since ?? "") && row.day <= (until ?? "9999")
                        }
                        let expected = matching.sorted { ($0.day, $0.id) < ($1.day, $1.id) }.suffix(limit).map(\.id)
                        let read = try stores.map { try $0.claims(filter) }
                        #expect(read[1].map(\.id) == Array(expected), "\(filter)")
                        #expect(read[1].map(\.previousStance) == read[0].map(\.previousStance), "\(filter)")
                        let events = try stores.map { try $0.events(filter).map(\.text) }
                        #expect(events[1] == events[0] && !(limit > 1 && since == nil && events[1].isEmpty), "\(filter)")
                    }
                }
            }
        }
        #expect(try stores[1].counts().stanceChanges == stores[0].counts().stanceChanges)
    }

    @Test("a document deleted by hand takes its claims and events out of its actors' timelines")
    func deletedDocumentLeavesTheIndexes() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        for (name, day) in [("kept.txt", "2024-03-01"), ("deleted.txt", "2024-03-02"), ("later.txt", "2024-03-03")] {
            let event = Event(date: TimeValue(value: day, granularity: .day), type: "04", actors: ["Mara Lind"], text: name, start: 0, end: 4)
            _ = try store.ingest(document(name, text: name, day: day),
                                 extraction: Extraction(events: [event], claims: [claim("Mara Lind", "trade", .support, day: day, text: name)]),
                                 at: Date())
        }
        try DatabaseQueue(path: temp.path).write { db in
            try db.execute(sql: "DELETE FROM document WHERE path = ?", arguments: ["/inbox/deleted.txt"])
        }
        #expect(try store.timeline(TimelineFilter(actor: "Lind")).map(\.day) == ["2024-03-01", "2024-03-01", "2024-03-03", "2024-03-03"])
        let entries = try DatabaseQueue(path: temp.path).read { db in
            try TieredIndex.all.map { index in
                try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM \(index.main)) + (SELECT count(*) FROM \(index.recent))") ?? 0
            }
        }
        #expect(entries == [2, 2, 2], "no index entry is left of the deleted rows")
        #expect(try DatabaseQueue(path: temp.path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM document_text") } == 2,
                "the deleted article's text went with it")
        let recent = try DatabaseQueue(path: temp.path).read { db in
            (try Tally.value(Tally.recentClaims, in: db), try Int64.fetchOne(db, sql: "SELECT count(*) FROM \(TieredIndex.claimsByActor.recent)"))
        }
        #expect(recent.0 == recent.1, "the recent tier's count follows its deleted entries")
    }

    @Test("the schema is in WAL mode with the documented tables")
    func schema() throws {
        let temp = try TemporaryStore()
        var upgrades = 0
        _ = try TimelineStore(path: temp.path) { upgrades += 1 }
        _ = try TimelineStore(path: temp.path) { upgrades += 1 }
        #expect(upgrades == 0, "a new store, and one that is up to date, are not upgrades")
        let queue = try DatabaseQueue(path: temp.path)
        let mode = try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let tables = ["document", "document_text", "actor", "actor_alias", "claim", "event", "event_actor", "tally", "failure", "claim_fts"]
        let missing = try queue.read { db in try tables.filter { try !db.tableExists($0) } }
        #expect(missing.isEmpty)
        #expect(try queue.read { db in try db.tableExists("stance_change") }, "stance changes are rows, reported as they are found (3)")
        #expect(try queue.read { db in try !db.tableExists("document_fts") }, "no query searched whole documents (v8)")
        #expect(try queue.read { db in try !db.columns(in: "document").contains { $0.name == "text" } },
                "a document's row leaves its text to document_text, so listings read small rows (v10)")
        let tiers = try queue.read { db in try TieredIndex.all.allSatisfy { try db.tableExists($0.main) && db.tableExists($0.recent) } }
        #expect(tiers, "the actor-keyed indexes are tables in two tiers (v9)")
        let indexes = try queue.read { db in
            try String.fetchAll(db, sql: """
                SELECT m.name FROM sqlite_master m JOIN pragma_index_info(m.name) i
                WHERE m.type = 'index' AND i.seqno = 0 AND i.name = 'actor_id' AND m.tbl_name IN ('claim', 'event_actor')
                """)
        }
        #expect(indexes.isEmpty, "no ordinary index keyed by actor is left beside them: \(indexes)")
    }

    @Test("the writer zeroes no freed page: the tiers' merges and FTS5's cost no extra writes")
    func writerLeavesFreedPagesAlone() throws {
        let temp = try TemporaryStore()
        let store = try TimelineStore(path: temp.path)
        // 1 is Debian's build default (SQLITE_SECURE_DELETE), which writes every freed page again.
        #expect(try store.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA secure_delete") } == 2, "FAST")
    }

    @Test("a burst's write-ahead log is copied back when idle, and its file emptied when larger than the limit")
    func writeAheadLogIsCutBackWhenIdle() async throws {
        let temp = try TemporaryStore()
        let limit = 64 << 10
        let store = try TimelineStore(path: temp.path, log: WriteAheadLog(checkpointPages: 100_000, sizeLimit: limit))
        func logSize() throws -> Int { try FileManager.default.attributesOfItem(atPath: temp.path + "-wal")[.size] as? Int ?? 0 }
        for batch in 0..<4 {
            let documents = (0..<50).map { index in
                (document: document("burst-\(batch)-\(index).txt", text: String(repeating: "Officials met again. ", count: 100), day: "2024-03-01"),
                 extraction: Extraction(claims: (1...5).map { claim("Actor \($0)", "ceasefire", .support, day: "2024-03-0\($0)") }))
            }
            _ = try store.ingest(batch: documents, at: Date())
        }
        #expect(try logSize() > 4 * limit, "below the checkpoint threshold, a burst's pages stay in the log")

        let checkpoint = await withCheckedContinuation { done in store.checkpointWhenIdle { done.resume(returning: $0) } }
        let (frames, copied) = try checkpoint.get()
        #expect(frames > 0 && copied == frames, "with no reader holding a snapshot, every frame is copied back")
        #expect(try logSize() == 0, "a log file larger than the limit is emptied once copied back")

        _ = try store.ingest(document("after.txt", text: "Officials met.", day: "2024-04-01"), extraction: Extraction(), at: Date())
        let small = try logSize()
        #expect(small > 0 && small <= limit, "the log starts over at the next write")
        _ = await withCheckedContinuation { done in store.checkpointWhenIdle { done.resume(returning: $0) } }
        #expect(try logSize() == small, "a log file within the limit is kept for the next writes")
        let counts = try store.counts()
        #expect(counts.documents == 201 && counts.claims == 1000)
    }

    @Test("the writer's page cache is given back when idle, and the next write fills it again")
    func releasesTheWriterCacheWhenIdle() async throws {
        let temp = try TemporaryStore()
        let store = try temp.open(tiers: TieredIndexes(writerCacheKiB: 32 * 1024))
        // Through the writer connection's own counter: other tests' connections run meanwhile.
        func cacheUsed() throws -> Int32 {
            try store.pool.writeWithoutTransaction { db in
                var used: Int32 = 0, highWater: Int32 = 0
                sqlite3_db_status(db.sqliteConnection, SQLITE_DBSTATUS_CACHE_USED, &used, &highWater, 0)
                return used
            }
        }
        let documents = (0..<200).map { index in
            (document: document("cache-\(index).txt", text: String(repeating: "Officials met again. ", count: 200), day: "2024-03-01"),
             extraction: Extraction(claims: (1...10).map { claim("Actor \($0 + index % 7)", "ceasefire", .support, day: "2024-03-0\($0 % 9 + 1)") }))
        }
        _ = try store.ingest(batch: documents, at: Date())
        let filled = try cacheUsed()
        await withCheckedContinuation { done in store.releaseMemoryWhenIdle { done.resume() } }
        let released = try cacheUsed()
        #expect(filled - released > 1 << 20, "a burst's pages leave the cache: \(filled) -> \(released) bytes")
        _ = try store.ingest(document("after.txt", text: "Officials met.", day: "2024-04-01"),
                             extraction: Extraction(claims: [claim("Actor 1", "ceasefire", .oppose, day: "2024-04-01")]), at: Date())
        #expect(try store.claims(TimelineFilter(actor: "Actor 1")).last?.previousStance == .support)
    }
}

extension TieredIndexes {
    /// Merges begin at the second claim, one actor at a time.
    static let split = TieredIndexes(recentClaims: 2, sliceClaims: 1)
}

/// A small seeded generator, so that a failing case can be run again.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
