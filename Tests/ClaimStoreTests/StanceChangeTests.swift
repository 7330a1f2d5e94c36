import ClaimModel
import Foundation
import GRDB
import Testing

@testable import ClaimStore

@Suite("stance changes as rows: every change reported, whatever the arrival order")
struct StanceChangeTests {
    /// Stores one article of Mara Lind's on `day` with one claim on trade; returns the changes it made.
    private func ingest(_ store: TimelineStore, _ name: String, _ day: String, _ stance: Stance) throws -> [StanceChange] {
        guard case let .stored(_, _, _, changes) = try store.ingest(
            document(name, text: name, day: day), extraction: Extraction(claims: [claim("Mara Lind", "trade", stance, day: day, text: name)]),
            at: Date()) else { throw StoreTestError.notStored }
        return changes
    }

    private enum StoreTestError: Error { case notStored }

    /// A change as `from-day stance → to-day stance`.
    private func describe(_ change: StanceChange) -> String {
        "\(change.from.day) \(change.from.stance.rawValue) → \(change.to.day) \(change.to.stance.rawValue)"
    }

    @Test("an older article arriving between two others splits their change in two, and both halves are reported")
    func splitInThePast() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        #expect(try ingest(store, "jan.txt", "2030-01-10", .support).isEmpty)
        #expect(try ingest(store, "mar.txt", "2030-03-10", .oppose).map(describe) == ["2030-01-10 support → 2030-03-10 oppose"])
        let split = try ingest(store, "feb.txt", "2030-02-10", .neutral)
        #expect(split.map(describe) == ["2030-01-10 support → 2030-02-10 neutral", "2030-02-10 neutral → 2030-03-10 oppose"])
        #expect(split.allSatisfy { $0.actor.name == "Mara Lind" && $0.topic == "trade" && $0.to.previousStance == $0.from.stance })
        let listed = try store.stanceChanges(TimelineFilter())
        #expect(listed.map(describe) == split.map(describe), "the January → March change is gone: it is two changes now")
        #expect(try store.counts().stanceChanges == 2)
    }

    @Test("an older article that already held the later stance moves the change into the past and reports it")
    func changeMovesEarlier() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        _ = try ingest(store, "jan.txt", "2030-01-10", .support)
        _ = try ingest(store, "mar.txt", "2030-03-10", .oppose)
        #expect(try ingest(store, "feb.txt", "2030-02-10", .oppose).map(describe) == ["2030-01-10 support → 2030-02-10 oppose"])
        #expect(try store.stanceChanges(TimelineFilter()).map(describe) == ["2030-01-10 support → 2030-02-10 oppose"])
    }

    @Test("the same five articles in reverse order give the same changes as in date order")
    func arrivalOrderDoesNotMatter() throws {
        let articles: [(String, String, Stance)] = [("a", "2030-01-01", .support), ("b", "2030-02-01", .oppose), ("c", "2030-03-01", .oppose),
                                                     ("d", "2030-04-01", .conditional), ("e", "2030-05-01", .support)]
        var found: [[String]] = []
        for order in [articles, articles.reversed()] {
            let temp = try TemporaryStore()
            let store = try temp.open()
            var reported: [String] = []
            for (name, day, stance) in order { reported += try ingest(store, name, day, stance).map(describe) }
            let listed = try store.stanceChanges(TimelineFilter()).map(describe)
            // Reported as found, and none later undone: what was reported is what is stored.
            #expect(Set(reported).isSuperset(of: listed))
            found.append(listed)
        }
        #expect(found[0] == found[1])
        #expect(found[0].count == 3)
    }

    @Test("a store from before stance changes were rows gets the changes of its stored claims when it is upgraded")
    func upgradeWritesExistingChanges() throws {
        let temp = try TemporaryStore()
        let expected: [String]
        do {
            let store = try temp.open()
            _ = try ingest(store, "jan.txt", "2030-01-10", .support)
            _ = try ingest(store, "mar.txt", "2030-03-10", .oppose)
            _ = try ingest(store, "feb.txt", "2030-02-10", .neutral)
            expected = try store.stanceChanges(TimelineFilter()).map(describe)
        }
        // The store as the release before kept it: no table, the migration not yet run.
        try DatabaseQueue(path: temp.path).write { db in
            try db.execute(sql: "DROP TABLE stance_change")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [Schema.stanceChanges])
        }
        var upgrades = 0
        let upgraded = try TimelineStore(path: temp.path) { upgrades += 1 }
        #expect(upgrades == 1)
        #expect(try upgraded.stanceChanges(TimelineFilter()).map(describe) == expected)
        #expect(expected.count == 2)
    }

    @Test("changes are listed by actor, topic and day")
    func listing() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        _ = try ingest(store, "jan.txt", "2030-01-10", .support)
        _ = try ingest(store, "mar.txt", "2030-03-10", .oppose)
        _ = try ingest(store, "may.txt", "2030-05-10", .support)
        #expect(try store.stanceChanges(TimelineFilter(actor: "Lind")).count == 2)
        #expect(try store.stanceChanges(TimelineFilter(actor: "Someone Else")).isEmpty)
        #expect(try store.stanceChanges(TimelineFilter(topic: "sanctions")).isEmpty)
        #expect(try store.stanceChanges(TimelineFilter(since: CalendarDay("2030-04-01"))).map(describe) == ["2030-03-10 oppose → 2030-05-10 support"])
        #expect(try store.stanceChanges(TimelineFilter(limit: 1)).map(describe) == ["2030-03-10 oppose → 2030-05-10 support"], "the most recent")
    }
}
