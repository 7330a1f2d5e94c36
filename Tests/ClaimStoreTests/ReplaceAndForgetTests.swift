import ClaimModel
import Foundation
import GRDB
import Testing

@testable import ClaimStore

@Suite("replacing a document's extraction, and forgetting a document")
struct ReplaceAndForgetTests {
    private func stored(_ store: TimelineStore, _ name: String, _ day: String, _ stance: Stance, actor: String = "Mara Lind",
                        text: String) throws -> DocumentRef {
        let event = Event(date: TimeValue(value: day, granularity: .day), type: "04", actors: [actor], text: text, start: 0, end: 4)
        guard case let .stored(ref, _, _, _) = try store.ingest(
            document(name, text: text, day: day),
            extraction: Extraction(events: [event], claims: [claim(actor, "trade", stance, day: day, text: text)]), at: Date()) else {
            throw StoreTestFailure.notStored
        }
        return ref
    }

    private enum StoreTestFailure: Error { case notStored }

    @Test("a new extraction replaces the old rows, search and stance changes follow it, and a new date re-dates the claims")
    func replace() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        _ = try stored(store, "jan.txt", "2030-01-10", .support, text: "tariffs help farmers")
        let march = try stored(store, "mar.txt", "2030-03-10", .support, text: "tariffs still help")
        #expect(try store.stanceChanges(TimelineFilter()).isEmpty)

        // The March article read again (a better lexicon): now an opposing claim, re-dated to April.
        let april = try #require(CalendarDay("2030-04-02"))
        let outcome = try store.replace(documentID: march.id, dct: DocumentDate(day: april, source: .argument),
                                        extraction: Extraction(claims: [claim("Mara Lind", "trade", .oppose, day: "2030-04-02", text: "quotas hurt")]),
                                        at: Date())
        guard case let .stored(ref, claims, events, changes)? = outcome else { Issue.record("not replaced"); return }
        #expect(ref.dct.value == "2030-04-02")
        #expect(claims.count == 1 && events.isEmpty)
        #expect(changes.map { "\($0.from.day) → \($0.to.day)" } == ["2030-01-10 → 2030-04-02"])
        #expect(try store.claims(TimelineFilter(text: "still")).isEmpty, "the old claim's text left the search index")
        #expect(try store.claims(TimelineFilter(text: "quotas")).count == 1)
        #expect(try store.claims(TimelineFilter(actor: "Lind")).map(\.day) == ["2030-01-10", "2030-04-02"])
        let actor = try #require(try store.actors(matching: "Mara Lind", limit: 10, after: nil).first)
        #expect(actor.claims == 2 && actor.events == 1 && actor.lastDay == "2030-04-02")
        #expect(try store.replace(documentID: 9999, extraction: Extraction(), at: Date()) == nil)
    }

    @Test("a forgotten document leaves no trace in any table or the search index, and its stance changes go")
    func forget() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        _ = try stored(store, "jan.txt", "2030-01-10", .support, text: "tariffs help farmers")
        let gone = try stored(store, "mar.txt", "2030-03-10", .oppose, actor: "Mara Lind", text: "zanzibarian quotas hurt")
        _ = try stored(store, "apr.txt", "2030-04-10", .oppose, actor: "Oskar Vell", text: "quotas hurt shipping")
        _ = try stored(store, "may.txt", "2030-05-10", .oppose, text: "tariffs hurt farmers")
        #expect(try store.stanceChanges(TimelineFilter()).map(\.to.day) == ["2030-03-10"])

        let found = try #require(try store.forget(documentID: gone.id, at: Date()))
        #expect(found.map { "\($0.from.day) → \($0.to.day)" } == ["2030-01-10 → 2030-05-10"], "May now changes January's stance")
        let traces = try DatabaseQueue(path: temp.path).read { db in
            [
                try Int.fetchOne(db, sql: "SELECT count(*) FROM document WHERE id = ?", arguments: [gone.id]),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM document_text WHERE document_id = ?", arguments: [gone.id]),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM claim WHERE document_id = ?", arguments: [gone.id]),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM event WHERE document_id = ?", arguments: [gone.id]),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM claim_fts WHERE claim_fts MATCH 'zanzibarian'"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM stance_change WHERE to_day = '2030-03-10' OR from_day = '2030-03-10'"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM claim_by_actor_topic WHERE first_day = '2030-03-10'")
                    .map { $0 + (try Int.fetchOne(db, sql: "SELECT count(*) FROM claim_by_actor_topic_recent WHERE first_day = '2030-03-10'") ?? 0) },
            ]
        }
        #expect(traces == [0, 0, 0, 0, 0, 0, 0], "\(traces)")
        // FTS5 raises an error if its index holds a row its content table does not.
        try DatabaseQueue(path: temp.path).write { db in try db.execute(sql: "INSERT INTO claim_fts(claim_fts) VALUES ('integrity-check')") }
        let lind = try #require(try store.actors(matching: "Mara Lind", limit: 10, after: nil).first)
        #expect(lind.claims == 2 && lind.events == 2)
        #expect(try store.counts().documents == 3)
        #expect(try store.forget(documentID: gone.id, at: Date()) == nil)
    }

    @Test("an actor whose only document is forgotten is forgotten with it")
    func forgetActor() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        let only = try stored(store, "apr.txt", "2030-04-10", .oppose, actor: "Oskar Vell", text: "quotas hurt shipping")
        _ = try stored(store, "jan.txt", "2030-01-10", .support, text: "tariffs help farmers")
        _ = try store.forget(documentID: only.id, at: Date())
        #expect(try store.actors(matching: "Vell", limit: 10, after: nil).isEmpty)
        #expect(try store.actors(matching: "Lind", limit: 10, after: nil).count == 1)
    }
}
