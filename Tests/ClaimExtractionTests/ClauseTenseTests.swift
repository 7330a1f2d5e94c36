import Testing
@testable import ClaimExtraction
import ClaimModel

/// A bare weekday is last week's unless its clause looks ahead, and the parse tells which
/// (``ClauseTense``). The document date of these cases is Thursday 12 March 2026: the Monday
/// before it is the 9th, the next one the 16th.
@Suite struct ClauseTenseTests {
    private func value(of phrase: String, in text: String) -> String? {
        Fixture.extract(text).timexes.first { $0.text == phrase }?.value
    }

    @Test func scheduledPresentLooksAhead() {
        #expect(value(of: "Monday", in: "Premier Ivo Sand flies to Velm on Monday for the harbour summit.") == "2026-03-16")
        #expect(value(of: "Sunday", in: "Norland holds a referendum on Sunday on its new constitution.") == "2026-03-15")
    }

    @Test func pastVerbLooksBack() {
        #expect(value(of: "Monday", in: "Tarvia met the envoy in Velm on Monday.") == "2026-03-09")
        #expect(value(of: "Monday", in: "Officials say the port reopened on Monday.") == "2026-03-09")
    }

    @Test func infinitiveOfAnAimLooksAheadButAPurposeSharesItsHeadsTime() {
        #expect(value(of: "Saturday", in: "Norland wants the ferries to resume on Saturday.") == "2026-03-14")
        #expect(value(of: "Saturday", in: "The council held a parade to honour the veterans on Saturday.") == "2026-03-07")
    }

    @Test func perfectOutranksAModal() {
        #expect(value(of: "Monday", in: "Velm may have shelled the depot on Monday, an official said.") == "2026-03-09")
    }

    @Test func deadlineInAPastReportLiesAheadUnlessPastPerfect() {
        let deadline = "The ministers agreed to impose fines if the levy was not repaid by Wednesday."
        #expect(value(of: "Wednesday", in: deadline) == "2026-03-18")
        #expect(value(of: "Wednesday", in: "Tarvia had withdrawn its troops by Wednesday.") == "2026-03-11")
    }

    @Test func reportingPresentSaysNothingAboutTheDay() {
        // "say" governs a clause: its present is the reporting present, and the past verb decides.
        #expect(value(of: "Monday", in: "Officials say on Monday the port reopened.") == "2026-03-09")
    }

    @Test func liveBlogEntryStampTakesItsSectionsDayAndDatesItsEntry() {
        let text = """
        Talks in Velm: live

        Monday 9 March 2026

        17:05 Ministers meet in Velm
        Foreign ministers of Norland and Tarvia met in Velm to discuss the border.

        Sunday 8 March 2026

        21:30 Tarvia calls for new sanctions on Norland
        Tarvia named Anna Halden as its envoy to the talks.

        18:45 A quiet night in the port
        The port stayed quiet overnight. Norland later blamed the closure on bad weather.
        """
        let extraction = Fixture.extract(text)
        let stamps = extraction.timexes.filter { $0.type == .time }.map { "\($0.text) \($0.value)" }
        #expect(stamps == ["17:05 2026-03-09T17:05", "21:30 2026-03-08T21:30", "18:45 2026-03-08T18:45"], "\(stamps)")
        #expect(!extraction.events.contains { $0.date.value.contains("T") })
        // No clock has 75 minutes.
        #expect(!Fixture.extract("Monday 9 March 2026\n\n17:75 Ministers arrive\nThe ministers met in Velm.").timexes.contains { $0.type == .time })
        // Each entry is an event of its stamp's day, between the actors its text names first.
        let entries = extraction.events.map { "\($0.date.value) \($0.actors.sorted().joined(separator: ","))" }
        #expect(entries.contains { $0.hasPrefix("2026-03-09 ") && $0.contains("Norland") }, "\(entries)")
        #expect(entries.contains { $0.hasPrefix("2026-03-08 ") && $0.contains("Tarvia") }, "\(entries)")
        // An entry whose first sentence names no actor has no event; a later sentence only adds to it.
        #expect(!entries.contains { $0.hasPrefix("2026-03-08 ") && $0.contains("Norland") }, "\(entries)")
        // A statement in an entry is filed under its day, not under the minute of the post.
        #expect(extraction.claims.map(\.date.value) == ["2026-03-08"], "\(extraction.claims.map(\.date.value))")
    }
}
