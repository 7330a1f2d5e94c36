@testable import ClaimExtraction
import ClaimModel
import Testing

/// TimeML conventions and tense reach beyond the basic phrase tables: extents without
/// prepositions, counted vague quantities, plural quarters, `current` periods, deadlines ahead and
/// year-less dates in past-tense reports.
@Suite("Temporal tagger: TimeML conventions")
struct TemporalConventionTests {
    static let cases: [TagCase] = [
        // The preposition stays outside the extent.
        TagCase("Exports slumped in recent months.", DCT.thursday, "PAST_REF", span: "recent months"),
        // `a couple of` counts two.
        TagCase("Prices may stay high for a couple of years.", DCT.thursday, "P2Y", .duration, span: "a couple of years"),
        TagCase("The board expects a recovery over the next couple of months.", DCT.thursday, "P2M", .duration),
        // Plural quarters are a unit of three months.
        TagCase("Losses persisted for several quarters.", DCT.thursday, "PXQ", .duration, span: "several quarters"),
        TagCase("The next two quarters will be hard for exporters.", DCT.thursday, "P6M", .duration, span: "The next two quarters"),
        // `current` + unit is `this` + unit.
        TagCase("Inflation in the current quarter is easing.", DCT.thursday, "2025-Q1", span: "the current quarter"),
        TagCase("Spending for the current year was cut.", DCT.thursday, "2025", span: "the current year"),
        TagCase("Revenue this current month looks weak.", DCT.newYearsEve, "2024-12"),
        // "as early as" / "as soon as" point to a deadline ahead.
        TagCase("Troops could withdraw as early as Monday, the envoy said.", DCT.thursday, "2025-03-03", span: "Monday"),
        TagCase("A decision might come as soon as Saturday.", DCT.thursday, "2025-03-01"),
        // A past-tense report reaches back most of a year for a year-less date.
        TagCase("The envoy was shot on Oct. 23 outside his home.", "2025-05-06", "2024-10-23", span: "Oct. 23"),
        TagCase("The accord was signed on 2 November.", "2025-05-06", "2024-11-02"),
        // A counted duration after the article keeps `the` (and `first`, `latest`) in its extent.
        TagCase("Sales rose 4% in the nine months to September.", DCT.thursday, "P9M", .duration, span: "the nine months"),
        TagCase("Profit doubled in the first six months of the year.", DCT.thursday, "P6M", .duration, span: "the first six months"),
        TagCase("Costs fell over the latest three months.", DCT.thursday, "P3M", .duration, span: "the latest three months"),
        TagCase("Over the two weeks of talks nothing moved.", DCT.thursday, "P2W", .duration, span: "the two weeks"),
        // Spoken years in broadcast transcripts.
        TagCase("The wall came down in nineteen eighty-nine.", DCT.thursday, "1989", span: "nineteen eighty-nine"),
        TagCase("Back in nineteen ninety the talks began.", DCT.thursday, "1990", span: "nineteen ninety"),
        // A weekday and date before a colon are one date (the colon is no clock).
        TagCase("The Daily Courier wrote on Wednesday, March 5: Enough is enough.", DCT.thursday, "2025-03-05",
                span: "Wednesday, March 5"),
        TagCase("Meetings run until 3:30 every day.", DCT.thursday, "2025-02-27T03:30", .time),
        // A past plan reaches forward: the expression after "planned to" / "agreed to" is ahead.
        TagCase("The delegation planned to fly to Ankara on Saturday.", DCT.thursday, "2025-03-01"),
        TagCase("Both sides agreed to resume the talks on Monday.", DCT.thursday, "2025-03-03"),
        // …but an expression before the plan dates the promise itself, and a noun `plan` is no verb.
        TagCase("On Tuesday the minister promised to cut fuel duty.", DCT.thursday, "2025-02-25"),
        TagCase("On Monday the ministry unveiled a scheme to close the mines.", DCT.thursday, "2025-02-24"),
        // After the expression, an `-ed` adjective does not outvote a tense before it.
        TagCase("The airline will add routes to Jakarta by August in search of markets untouched by the slump.",
                "2025-02-13", "2025-08"),
        // Counted from a named event, only the duration is known.
        TagCase("Two years after Tarvia built the dam, the river is low.", DCT.thursday, "P2Y", .duration, span: "Two years"),
        // A month followed by its year as a relative expression is one date.
        TagCase("The ferry stopped running in June last year.", DCT.thursday, "2024-06", span: "June last year"),
        TagCase("The vote is planned for March next year.", DCT.thursday, "2026-03", span: "March next year"),
        // Sets: named months, seasons, parts of the day, plural weekdays, every other unit.
        TagCase("The fair returns each October.", DCT.thursday, "XXXX-10", .set, span: "each October"),
        TagCase("Floods hit the valley every spring.", DCT.thursday, "XXXX-SP", .set, span: "every spring"),
        TagCase("He walks the dog every morning.", DCT.thursday, "XXXX-XX-XXTMO", .set),
        TagCase("The council meets on Thursdays.", DCT.thursday, "XXXX-WXX-4", .set, span: "Thursdays"),
        TagCase("Ferries sail on Friday nights from June.", DCT.thursday, "XXXX-WXX-5TNI", .set, span: "Friday nights"),
        TagCase("A quiz runs every Sunday evening.", DCT.thursday, "XXXX-WXX-7TEV", .set),
        TagCase("Inspectors call every other week.", DCT.thursday, "P2W", .set, span: "every other week"),
        // Halves: the next smaller designator.
        TagCase("The hearing lasted 3 1/2 hours.", DCT.thursday, "PT3H30M", .duration, span: "3 1/2 hours"),
        TagCase("He spent two and a half years in exile.", DCT.thursday, "P2Y6M", .duration, span: "two and a half years"),
        TagCase("The siege went on for a year and a half.", DCT.thursday, "P1Y6M", .duration, span: "a year and a half"),
        // `or so` stays in the extent and keeps the value.
        TagCase("The plan was drafted a month or so ago.", DCT.thursday, "2025-01", span: "a month or so ago"),
        TagCase("Rates will stay low for the next three years or so.", DCT.thursday, "P3Y", .duration, span: "the next three years or so"),
        // The next morning counts from the day the text last named.
        TagCase("The ship docked on 3 February. The next morning, crews unloaded it.", DCT.thursday, "2025-02-04TMO", .time,
                span: "The next morning"),
        TagCase("Rebels attacked on 10 February after shelling the previous night.", DCT.thursday, "2025-02-09TNI", .time),
        // The future reading still wins for a near date ahead.
        TagCase("The summit will open on June 9.", "2025-05-06", "2025-06-09"),
    ]

    @Test(arguments: cases) func value(_ c: TagCase) { check(c) }

    @Test(arguments: ["Three quarters of the voters backed him.", "The current government fell.",
                      "Recent polls favour the opposition.", "The two sides met.", "She hired nineteen twenty-year-olds."])
    func noTimex(_ text: String) {
        let found = tag(text, DCT.thursday)
        #expect(found.isEmpty, "got \(found.map { "\($0.text)=\($0.value)" })")
    }
}
