@testable import ClaimExtraction
import ClaimModel
import Testing

/// A phrase, the document date it is read against, and the TIMEX3 value it must get.
struct TagCase: Sendable, CustomTestStringConvertible {
    var text: String
    var dct: String
    var value: String
    var type: TimexType
    /// The covered text, when the case is about the extent too.
    var span: String?

    init(_ text: String, _ dct: String, _ value: String, _ type: TimexType = .date, span: String? = nil) {
        self.text = text
        self.dct = dct
        self.value = value
        self.type = type
        self.span = span
    }

    var testDescription: String { "\(text) @\(dct) → \(value)" }
}

/// Document dates with something to test: a Thursday, New Year's Eve (ISO week of the next
/// year), a leap day, a Sunday, New Year's Day.
enum DCT {
    static let thursday = "2025-02-27"
    static let newYearsEve = "2024-12-31"
    static let leapDay = "2024-02-29"
    static let sunday = "2025-03-02"
    static let newYear = "2025-01-01"
}

func tag(_ text: String, _ dct: String, dayFirst: Bool = true) -> [Timex] {
    TemporalTagger(options: TemporalOptions(dayFirst: dayFirst)).tag(text, dct: CalendarDay(dct)!)
}

func check(_ c: TagCase, dayFirst: Bool = true) {
    let found = tag(c.text, c.dct, dayFirst: dayFirst)
    let hit = found.contains { $0.value == c.value && $0.type == c.type && (c.span == nil || $0.text == c.span) }
    #expect(hit, "got \(found.map { "\($0.text)=\($0.value) \($0.type.rawValue)" })")
}

@Suite("Temporal tagger: explicit dates")
struct TemporalExplicitDateTests {
    static let cases: [TagCase] = [
        TagCase("The summit on 19 December 2024 ended late.", DCT.thursday, "2024-12-19", span: "19 December 2024"),
        TagCase("It began on December 19, 2024, in Brussels.", DCT.thursday, "2024-12-19", span: "December 19, 2024"),
        TagCase("Talks on Dec. 19, 2024 failed.", DCT.thursday, "2024-12-19", span: "Dec. 19, 2024"),
        TagCase("He met her on Dec 19 2024.", DCT.thursday, "2024-12-19"),
        TagCase("The deal was signed 19/12/2024 in Paris.", DCT.thursday, "2024-12-19", span: "19/12/2024"),
        TagCase("The deal was signed 12/19/2024 in Paris.", DCT.thursday, "2024-12-19"),
        TagCase("Filed on 03/04/2025.", DCT.thursday, "2025-04-03"),
        TagCase("Released 2024-12-19.", DCT.thursday, "2024-12-19", span: "2024-12-19"),
        TagCase("At 2024-12-19T15:30Z the vote closed.", DCT.thursday, "2024-12-19T15:30", .time, span: "2024-12-19T15:30Z"),
        TagCase("Posted 2024-12-19T15:30:00+01:00 by staff.", DCT.thursday, "2024-12-19T15:30", .time),
        TagCase("Issued on 19.12.2024 in Kyiv.", DCT.thursday, "2024-12-19"),
        TagCase("It ended on the 19th of December 2024.", DCT.thursday, "2024-12-19"),
        TagCase("It ended on December 19th, 2024.", DCT.thursday, "2024-12-19"),
        TagCase("WASHINGTON, Feb 27 (Reuters) - The president said", DCT.thursday, "2025-02-27", span: "Feb 27"),
        TagCase("KYIV, March 11 (Reuters) - Ukraine agreed", "2025-03-11", "2025-03-11"),
        TagCase("LONDON, 4 March (AFP) - Britain said", "2025-03-04", "2025-03-04"),
        TagCase("Lavrov said on Dec. 19 that the plan was dead.", DCT.thursday, "2024-12-19"),
        TagCase("Ministers met on Feb. 3 in Warsaw.", DCT.thursday, "2025-02-03"),
        TagCase("Leaders will meet on March 5 in London.", DCT.thursday, "2025-03-05"),
        TagCase("The tariffs take effect from Aug. 1, officials said.", "2025-07-28", "2025-08-01"),
        TagCase("The ceasefire was agreed on Sept. 23.", "2025-10-24", "2025-09-23"),
        TagCase("The attack on October 7, 2023 started the war.", DCT.thursday, "2023-10-07"),
        TagCase("The talks resume on 8 January.", DCT.newYearsEve, "2025-01-08"),
        TagCase("The invasion began in February 2022.", DCT.thursday, "2022-02", span: "February 2022"),
        TagCase("It happened in March 2022, officials said.", DCT.thursday, "2022-03"),
        TagCase("Prices rose in March, 2023.", DCT.thursday, "2023-03"),
        TagCase("He was elected in 2022.", DCT.thursday, "2022", span: "2022"),
        TagCase("Since Putin's 2022 invasion, trade collapsed.", DCT.thursday, "2022", span: "2022"),
        TagCase("Ukraine has sought membership since 1991.", DCT.thursday, "1991"),
        TagCase("The budget for fiscal 2024 was cut.", DCT.thursday, "2024"),
        TagCase("Defence spending will reach 2.5% of output by 2027.", DCT.thursday, "2027", span: "2027"),
        TagCase("Thursday, March 13, 2025 is the deadline.", DCT.thursday, "2025-03-13"),
        TagCase("He spoke on Friday, Feb. 21, in Munich.", DCT.thursday, "2025-02-21"),
        TagCase("The war began with the raid on the northern border on October 7, 2023.", "2025-01-16", "2023-10-07"),
        TagCase("Results are due on 30 June 2025.", DCT.thursday, "2025-06-30"),
        TagCase("Sept 30 (Reuters) - Hamas said", "2025-09-30", "2025-09-30"),
        TagCase("The vote on 1 Jan 2025 was close.", DCT.thursday, "2025-01-01"),
        TagCase("The court ruled on 29 February 2024.", DCT.leapDay, "2024-02-29"),
        TagCase("The deadline is Feb 29.", DCT.leapDay, "2024-02-29"),
        TagCase("On 31 December 2024 the treaty lapsed.", DCT.newYear, "2024-12-31"),
    ]

    @Test(arguments: cases) func value(_ c: TagCase) { check(c) }

    @Test func monthFirstOption() {
        check(TagCase("Filed on 03/04/2025.", DCT.thursday, "2025-03-04"), dayFirst: false)
        check(TagCase("Filed on 19/04/2025.", DCT.thursday, "2025-04-19"), dayFirst: false)
    }

    @Test func impossibleNumericDateIsNotTagged() {
        #expect(tag("The code 29/02/2023 was rejected.", DCT.thursday).filter { $0.type == .date }.isEmpty)
    }
}

@Suite("Temporal tagger: months, quarters, seasons, decades")
struct TemporalPeriodTests {
    static let cases: [TagCase] = [
        TagCase("He visited Kyiv in March.", DCT.thursday, "2024-03"),
        TagCase("He will visit Kyiv in March.", DCT.thursday, "2025-03"),
        TagCase("Talks collapsed in December.", DCT.thursday, "2024-12"),
        TagCase("The vote is due in December.", DCT.thursday, "2025-12"),
        TagCase("The grant is to be disbursed in March.", DCT.thursday, "2025-03"),
        TagCase("Dray returned to the presidency in January.", "2025-10-23", "2025-01"),
        TagCase("The council raised the levy in July.", "2025-10-23", "2025-07"),
        TagCase("He was elected in November.", DCT.newYear, "2024-11"),
        TagCase("Sanctions were eased in February.", "2025-05-20", "2025-02"),
        TagCase("last March", DCT.thursday, "2024-03"),
        TagCase("next March", DCT.thursday, "2025-03"),
        TagCase("this March", DCT.thursday, "2025-03"),
        TagCase("last February", DCT.thursday, "2024-02"),
        TagCase("Talks will resume in mid-April.", DCT.thursday, "2025-04", span: "mid-April"),
        TagCase("A decision is expected in early 2025.", DCT.thursday, "2025", span: "early 2025"),
        TagCase("Protests erupted in late November.", DCT.thursday, "2024-11"),
        TagCase("Imports will end by the end of the year.", DCT.thursday, "2025"),
        TagCase("Coal imports stop by the end of 2027.", DCT.thursday, "2027"),
        TagCase("A deal is likely at the beginning of next year.", DCT.thursday, "2026"),
        TagCase("The end of the month is the deadline.", DCT.thursday, "2025-02"),
        TagCase("Output grew in the third quarter.", DCT.thursday, "2024-Q3"),
        TagCase("Output will grow in the third quarter.", DCT.thursday, "2025-Q3"),
        TagCase("Growth in the third quarter of 2025 slowed.", DCT.thursday, "2025-Q3"),
        TagCase("Profits rose in Q3 2025.", DCT.thursday, "2025-Q3"),
        TagCase("The target for H1 2025 was met.", DCT.thursday, "2025-H1"),
        TagCase("Sales fell in the first half of 2024.", DCT.thursday, "2024-H1"),
        TagCase("Third-quarter profit rose sharply.", DCT.thursday, "2024-Q3"),
        TagCase("Sales will grow in Q4.", DCT.thursday, "2025-Q4"),
        TagCase("Exports fell in the fourth quarter of last year.", DCT.thursday, "2024-Q4"),
        TagCase("Sales fell in the fourth quarter.", DCT.newYearsEve, "2024-Q4"),
        TagCase("this quarter", DCT.thursday, "2025-Q1"),
        TagCase("last quarter", DCT.thursday, "2024-Q4"),
        TagCase("next quarter", DCT.thursday, "2025-Q2"),
        TagCase("The company said profit in the quarter fell.", "1989-10-27", "1989-Q3"),
        TagCase("the latest quarter", "1989-10-27", "1989-Q3"),
        TagCase("Third-quarter profit rose from a year earlier.", "1989-10-27", "1988-Q3"),
        TagCase("It was a hit in the 1990s.", DCT.thursday, "199", span: "the 1990s"),
        TagCase("Songs from the '90s returned.", DCT.thursday, "199"),
        TagCase("Prices in the 2020s rose.", DCT.thursday, "202"),
        TagCase("Reforms of the early 1980s failed.", DCT.thursday, "198"),
        TagCase("A relic of the 20th century.", DCT.thursday, "19"),
        TagCase("The biggest war of the 21st century.", DCT.thursday, "20"),
        TagCase("A deal this summer looks likely.", DCT.thursday, "2025-SU"),
        TagCase("Fighting last summer was fierce.", DCT.thursday, "2024-SU"),
        TagCase("Elections are expected next spring.", DCT.thursday, "2025-SP"),
        TagCase("Energy prices spiked last winter.", DCT.thursday, "2023-WI"),
        TagCase("This winter has been mild.", DCT.thursday, "2024-WI"),
        TagCase("Trade recovered in summer 2024.", DCT.thursday, "2024-SU"),
        TagCase("It rained through the summer of 2023.", DCT.thursday, "2023-SU"),
        TagCase("The offensive will resume in the spring.", DCT.thursday, "2025-SP"),
        TagCase("Prices fell last autumn.", DCT.thursday, "2024-FA"),
        TagCase("Turnout rose last fall.", "1989-10-26", "1988-FA"),
    ]

    @Test(arguments: cases) func value(_ c: TagCase) { check(c) }
}

@Suite("Temporal tagger: weekdays and tense")
struct TemporalWeekdayTests {
    static let cases: [TagCase] = [
        TagCase("Kesk said Thursday she wanted both.", DCT.thursday, "2025-02-27", span: "Thursday"),
        TagCase("Kesk said on Wednesday that the accord was a draft.", DCT.thursday, "2025-02-26"),
        TagCase("On Tuesday she also vowed to cut spending.", DCT.thursday, "2025-02-25"),
        TagCase("Ministers met on Sunday in Riyadh.", DCT.thursday, "2025-02-23"),
        TagCase("They spoke by phone on Monday.", DCT.thursday, "2025-02-24"),
        TagCase("The leaders will meet on Monday.", DCT.thursday, "2025-03-03"),
        TagCase("Kesk would fly to Ostrel on Friday to sign.", DCT.thursday, "2025-02-28"),
        TagCase("He is expected to arrive on Saturday.", DCT.thursday, "2025-03-01"),
        TagCase("Observers gathered ahead of Sunday's election.", DCT.thursday, "2025-03-02", span: "Sunday"),
        TagCase("Voters went to the polls in Sunday's election.", DCT.thursday, "2025-02-23"),
        TagCase("The deal was reached last Thursday.", DCT.thursday, "2025-02-20", span: "last Thursday"),
        TagCase("They meet again next Thursday.", DCT.thursday, "2025-03-06"),
        TagCase("He resigned last Friday.", DCT.thursday, "2025-02-21"),
        // "end" before "on" is a verb here, not "the end of": the span is the weekday alone.
        TagCase("The talks will end on Friday.", DCT.thursday, "2025-02-28", span: "Friday"),
        TagCase("Fighting eased late on Tuesday.", DCT.thursday, "2025-02-25", span: "late on Tuesday"),
        TagCase("Talks resume next Monday.", DCT.thursday, "2025-03-03"),
        TagCase("The rally is this Saturday.", DCT.thursday, "2025-03-01"),
        TagCase("Clashes broke out Wednesday night.", DCT.thursday, "2025-02-26", span: "Wednesday night"),
        TagCase("Putin said on Sunday that talks should start.", DCT.sunday, "2025-03-02"),
        TagCase("Norland and Tarvia flew to Ostrel on Saturday.", DCT.sunday, "2025-03-01"),
        TagCase("A truce will start on Monday.", DCT.sunday, "2025-03-03"),
        TagCase("He said Friday that he would go.", DCT.sunday, "2025-02-28"),
        TagCase("The bill passed on Tuesday.", DCT.sunday, "2025-02-25"),
        TagCase("The deal was signed last Sunday.", DCT.sunday, "2025-02-23"),
        TagCase("They meet next Sunday.", DCT.sunday, "2025-03-09"),
        TagCase("Trump said on Monday he spoke to Putin.", DCT.newYearsEve, "2024-12-30"),
        TagCase("Leaders will meet on Thursday.", DCT.newYearsEve, "2025-01-02"),
        TagCase("The court ruled Wednesday.", DCT.newYear, "2025-01-01"),
        TagCase("The court ruled on Friday.", DCT.newYear, "2024-12-27"),
        TagCase("The court will rule on Friday.", DCT.newYear, "2025-01-03"),
        TagCase("He said on Thursday.", DCT.leapDay, "2024-02-29"),
        TagCase("He will return on Friday.", DCT.leapDay, "2024-03-01"),
        TagCase("He arrived on Tuesday.", DCT.leapDay, "2024-02-27"),
        TagCase("Starting Monday, tariffs apply.", "2025-05-11", "2025-05-12"),
        TagCase("A full truce starting Monday was demanded.", "2025-05-11", "2025-05-12"),
        TagCase("Kesk, who was sworn in on Tuesday, said she agreed.", "2025-05-11", "2025-05-06"),
        TagCase("The meeting, held on Wednesday in Paris, ended.", DCT.thursday, "2025-02-26"),
        TagCase("\"I will meet Dray in Ostrel on Thursday. Face to face,\" she wrote.", "2025-05-11", "2025-05-15"),
    ]

    @Test(arguments: cases) func value(_ c: TagCase) { check(c) }

    /// Every weekday against every document date of a fortnight: the past reading is the last
    /// such day on or before the DCT, the future one the first on or after it.
    @Test(arguments: 0..<14) func tenseMatrix(_ offset: Int) {
        let dct = CalendarDay("2025-02-24")!.adding(days: offset)
        let names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        for (index, name) in names.enumerated() {
            let weekday = index + 1
            let back = (dct.isoWeekday - weekday + 7) % 7
            let ahead = (weekday - dct.isoWeekday + 7) % 7
            let past = TemporalTagger().tag("The minister said on \(name) that it was over.", dct: dct)
            let future = TemporalTagger().tag("The minister will travel on \(name).", dct: dct)
            #expect(past.first?.value == dct.adding(days: -back).description, "\(name) @\(dct)")
            #expect(future.first?.value == dct.adding(days: ahead).description, "\(name) @\(dct)")
        }
    }
}

@Suite("Temporal tagger: relative and anchored expressions")
struct TemporalRelativeTests {
    static let cases: [TagCase] = [
        TagCase("He spoke yesterday.", DCT.thursday, "2025-02-26"),
        TagCase("He speaks today.", DCT.thursday, "2025-02-27"),
        TagCase("He speaks tomorrow.", DCT.thursday, "2025-02-28"),
        TagCase("He speaks tonight.", DCT.thursday, "2025-02-27TNI", .time),
        TagCase("He spoke this morning.", DCT.thursday, "2025-02-27TMO", .time),
        TagCase("Drones struck last night.", DCT.thursday, "2025-02-26TNI", .time),
        TagCase("He spoke yesterday afternoon.", DCT.thursday, "2025-02-26TAF", .time),
        TagCase("They met last week.", DCT.thursday, "2025-W08"),
        TagCase("They meet this week.", DCT.thursday, "2025-W09"),
        TagCase("They meet next week.", DCT.thursday, "2025-W10"),
        TagCase("They met last month.", DCT.thursday, "2025-01"),
        TagCase("They meet this month.", DCT.thursday, "2025-02"),
        TagCase("They meet next month.", DCT.thursday, "2025-03"),
        TagCase("They met last year.", DCT.thursday, "2024"),
        TagCase("They meet this year.", DCT.thursday, "2025"),
        TagCase("They meet next year.", DCT.thursday, "2026"),
        TagCase("They met last weekend.", DCT.thursday, "2025-W08-WE"),
        TagCase("They meet this weekend.", DCT.thursday, "2025-W09-WE"),
        TagCase("Clashes over the weekend left ten dead.", DCT.thursday, "2025-W08-WE"),
        TagCase("She noted earlier this month that she agreed.", DCT.thursday, "2025-02", span: "earlier this month"),
        TagCase("A vote is due later this week.", DCT.thursday, "2025-W09"),
        TagCase("Prices rose earlier this year.", DCT.thursday, "2025"),
        TagCase("A vote is due later this year.", DCT.thursday, "2025"),
        TagCase("He arrived two weeks ago.", DCT.thursday, "2025-W07", span: "two weeks ago"),
        TagCase("He arrived three days ago.", DCT.thursday, "2025-02-24"),
        TagCase("He arrived a year ago.", DCT.thursday, "2024"),
        TagCase("He arrived five years ago.", DCT.thursday, "2020"),
        TagCase("He arrived two months ago.", DCT.thursday, "2024-12"),
        TagCase("He arrived 10 days ago.", DCT.thursday, "2025-02-17"),
        TagCase("They will decide in three days.", DCT.thursday, "2025-03-02"),
        TagCase("They will decide in two weeks.", DCT.thursday, "2025-W11"),
        TagCase("They will decide in six months.", DCT.thursday, "2025-08"),
        TagCase("They will decide three years from now.", DCT.thursday, "2028"),
        TagCase("The talks began on 12 June 2025 and ended the following day.", DCT.thursday, "2025-06-13", span: "the following day"),
        TagCase("He flew in on Monday. The same day, he met Macron.", DCT.thursday, "2025-02-24", span: "The same day"),
        TagCase("They met on March 3, 2025 and again the next day.", DCT.thursday, "2025-03-04"),
        TagCase("The law passed on 1 March 2024, the previous day was tense.", DCT.thursday, "2024-02-29"),
        TagCase("It rained on 1 March 2025 but not the day before.", DCT.thursday, "2025-02-28"),
        TagCase("A deal was struck on 12 June 2025. Talks stalled later that month.", DCT.thursday, "2025-06"),
        TagCase("Rebels attacked on October 7, 2023. Villages were seized that day.", DCT.thursday, "2023-10-07", span: "that day"),
        TagCase("He moved in 2015. That year he married.", DCT.thursday, "2015"),
        TagCase("He moved in 2015, a year earlier than planned.", DCT.thursday, "2014"),
        TagCase("The vote was on 10 May 2024; two days later he resigned.", DCT.thursday, "2024-05-12"),
        TagCase("The plan launched on 1 January 2025 and grew the following week.", DCT.thursday, "2025-W02"),
        TagCase("Leaders met on 28 February 2024 and again the following day.", DCT.leapDay, "2024-02-29"),
        TagCase("They meet next week.", DCT.newYearsEve, "2025-W02"),
        TagCase("They meet this week.", DCT.newYearsEve, "2025-W01"),
        TagCase("They met last week.", DCT.newYearsEve, "2024-W52"),
        TagCase("They meet tomorrow.", DCT.newYearsEve, "2025-01-01"),
        TagCase("They meet next month.", DCT.newYearsEve, "2025-01"),
        TagCase("They meet next year.", DCT.newYearsEve, "2025"),
        TagCase("He will take office in January.", DCT.newYearsEve, "2025-01"),
        TagCase("He will be sworn in on Jan. 20.", DCT.newYearsEve, "2025-01-20"),
        TagCase("They met last month.", DCT.newYearsEve, "2024-11"),
        TagCase("They met on Dec. 24 in Rome.", DCT.newYearsEve, "2024-12-24"),
        TagCase("They will decide in two days.", DCT.newYearsEve, "2025-01-02"),
        TagCase("They meet tomorrow.", DCT.leapDay, "2024-03-01"),
        TagCase("They met yesterday.", DCT.leapDay, "2024-02-28"),
        TagCase("They met a year ago.", DCT.leapDay, "2023"),
        TagCase("They meet next month.", DCT.leapDay, "2024-03"),
        TagCase("They met last week.", DCT.leapDay, "2024-W08"),
        TagCase("They will decide in three days.", DCT.leapDay, "2024-03-03"),
        TagCase("They meet this week.", DCT.sunday, "2025-W09"),
        TagCase("They meet next week.", DCT.sunday, "2025-W10"),
        TagCase("Clashes over the weekend left ten dead.", DCT.sunday, "2025-W09-WE"),
        TagCase("They met last weekend.", DCT.sunday, "2025-W08-WE"),
        TagCase("They met yesterday.", DCT.sunday, "2025-03-01"),
        TagCase("They met last month.", DCT.sunday, "2025-02"),
        TagCase("They met last year.", DCT.newYear, "2024"),
        TagCase("They met last month.", DCT.newYear, "2024-12"),
        TagCase("They met last week.", DCT.newYear, "2024-W52"),
        TagCase("They met on Dec. 22 in Rome.", DCT.newYear, "2024-12-22"),
        TagCase("They meet this year.", DCT.newYear, "2025"),
        TagCase("They met yesterday.", DCT.newYear, "2024-12-31"),
        TagCase("Celebrations on New Year's Day were muted.", DCT.newYear, "2025-01-01", span: "New Year's Day"),
        TagCase("He left before Christmas.", DCT.thursday, "2024-12-25"),
        TagCase("He will arrive on Christmas Eve.", "2024-12-20", "2024-12-24"),
        TagCase("Families will travel for Thanksgiving.", "2025-11-20", "2025-11-27"),
    ]

    @Test(arguments: cases) func value(_ c: TagCase) { check(c) }
}

@Suite("Temporal tagger: references and times")
struct TemporalReferenceAndTimeTests {
    static let cases: [TagCase] = [
        TagCase("In the near term, Kyiv needs air defences.", DCT.thursday, "FUTURE_REF", span: "the near term"),
        TagCase("Prices have risen recently.", DCT.thursday, "PAST_REF"),
        TagCase("Such deals failed in the past.", DCT.thursday, "PAST_REF"),
        TagCase("The formerly secret plan leaked.", DCT.thursday, "PAST_REF"),
        TagCase("The army is now ready.", DCT.thursday, "PRESENT_REF"),
        TagCase("Talks are currently stalled.", DCT.thursday, "PRESENT_REF"),
        TagCase("At present there is no deal.", DCT.thursday, "PRESENT_REF"),
        TagCase("Fighting intensified in recent days.", DCT.thursday, "PAST_REF", span: "recent days"),
        TagCase("Prices fell in recent weeks.", DCT.thursday, "PAST_REF"),
        TagCase("A deal may come in the future.", DCT.thursday, "FUTURE_REF"),
        TagCase("Over the long term, growth will slow.", DCT.thursday, "FUTURE_REF"),
        TagCase("At the moment no talks are planned.", DCT.thursday, "PRESENT_REF"),
        TagCase("They meet at 3 pm.", DCT.thursday, "2025-02-27T15:00", .time),
        TagCase("They meet at 3pm.", DCT.thursday, "2025-02-27T15:00", .time),
        TagCase("They met at 3:30 p.m. in the hall.", DCT.thursday, "2025-02-27T15:30", .time, span: "3:30 p.m."),
        TagCase("Trading opens at 15:00 GMT.", DCT.thursday, "2025-02-27T15:00", .time),
        TagCase("The ceasefire began at 0500 GMT.", DCT.newYear, "2025-01-01T05:00", .time, span: "0500 GMT"),
        TagCase("Voting closes at 10:15.", DCT.thursday, "2025-02-27T10:15", .time),
        TagCase("They meet at noon.", DCT.thursday, "2025-02-27T12:00", .time),
        TagCase("Doors open at 9 a.m. sharp.", DCT.thursday, "2025-02-27T09:00", .time),
        TagCase("The vote ends at 12 pm.", DCT.thursday, "2025-02-27T12:00", .time),
        TagCase("The curfew starts at 12 am.", DCT.thursday, "2025-02-27T00:00", .time),
        TagCase("They met Monday at 3 pm.", DCT.thursday, "2025-02-24T15:00", .time, span: "Monday at 3 pm"),
        TagCase("They will meet at 3 pm on Friday.", DCT.thursday, "2025-02-28T15:00", .time),
        TagCase("Shelling stopped yesterday at 15:00.", DCT.thursday, "2025-02-26T15:00", .time),
        TagCase("The market opens at 9:30 a.m. ET.", DCT.thursday, "2025-02-27T09:30", .time),
        TagCase("Polls close at 8 p.m. local time.", DCT.thursday, "2025-02-27T20:00", .time),
    ]

    @Test(arguments: cases) func value(_ c: TagCase) { check(c) }
}

@Suite("Temporal tagger: durations and sets")
struct TemporalDurationAndSetTests {
    static let cases: [TagCase] = [
        TagCase("He spent three years in jail.", DCT.thursday, "P3Y", .duration, span: "three years"),
        TagCase("The war has lasted 18 months.", DCT.thursday, "P18M", .duration),
        TagCase("It took a decade to build.", DCT.thursday, "P10Y", .duration),
        TagCase("The siege lasted more than two years.", DCT.thursday, "P2Y", .duration, span: "more than two years"),
        TagCase("A two-week truce began.", DCT.thursday, "P2W", .duration, span: "two-week"),
        TagCase("It could take a few days.", DCT.thursday, "PXD", .duration),
        TagCase("It took several months.", DCT.thursday, "PXM", .duration),
        TagCase("Within 24 hours the city fell.", DCT.thursday, "PT24H", .duration),
        TagCase("The call lasted 90 minutes.", DCT.thursday, "PT90M", .duration),
        TagCase("Prices rose over the past two months.", DCT.thursday, "P2M", .duration, span: "the past two months"),
        TagCase("Spending will rise over the next five years.", DCT.thursday, "P5Y", .duration),
        TagCase("After a 16-hour flight he landed.", DCT.thursday, "PT16H", .duration),
        TagCase("It took twenty-five years.", DCT.thursday, "P25Y", .duration),
        TagCase("It will take about a year.", DCT.thursday, "P1Y", .duration),
        TagCase("Growth slowed over the past decade.", DCT.thursday, "P10Y", .duration),
        TagCase("It lasted at least six weeks.", DCT.thursday, "P6W", .duration),
        TagCase("He spent the last three years abroad.", DCT.thursday, "P3Y", .duration),
        TagCase("After weeks of talks, a deal.", DCT.thursday, "PXW", .duration),
        TagCase("They meet every week.", DCT.thursday, "P1W", .set, span: "every week"),
        TagCase("The board meets weekly.", DCT.thursday, "P1W", .set),
        TagCase("Prices are reviewed each year.", DCT.thursday, "P1Y", .set),
        TagCase("The fee is paid annually.", DCT.thursday, "P1Y", .set),
        TagCase("Trucks enter daily.", DCT.thursday, "P1D", .set),
        TagCase("Elections are held every two years.", DCT.thursday, "P2Y", .set),
        TagCase("Protests happen every Monday.", DCT.thursday, "XXXX-WXX-1", .set),
        TagCase("Reports come out monthly.", DCT.thursday, "P1M", .set),
        TagCase("Imports cost $5 billion a year.", DCT.thursday, "P1Y", .set),
    ]

    @Test(arguments: cases) func value(_ c: TagCase) { check(c) }
}

@Suite("Temporal tagger: what is not a date")
struct TemporalNegativeTests {
    static let texts: [String] = [
        "You may go if you wish.",
        "May I ask a question?",
        "Protesters march through the city.",
        "They march on, undeterred.",
        "He came second in the race.",
        "It cost $2,500 to fix.",
        "Growth was 2.5% of output.",
        "Some 2000 troops arrived.",
        "The peacekeepers could deploy one day.",
        "Now is the time to act.",
        "He spent three years in jail.",
        "A 6-year-old girl was rescued.",
        "Flight 1234 landed safely.",
        "Article 5 applies to all members.",
        "Resolution 2254 was adopted unanimously.",
        "They fought along current lines.",
        "Ukraine's future is at stake.",
        "The score was 3-1 at half time.",
        "He paid €2024 in fines.",
        "Inflation hit 2.5 percent.",
        "The march was peaceful.",
        "Dec is a short word.",
        "The Sunday Times reported the deal.",
    ]

    @Test(arguments: texts) func noDate(_ text: String) {
        let found = tag(text, DCT.thursday).filter { $0.type == .date || $0.type == .time }
        #expect(found.isEmpty, "got \(found.map { "\($0.text)=\($0.value)" })")
    }
}

@Suite("Temporal tagger: offsets")
struct TemporalOffsetTests {
    @Test func offsetsCountUnicodeScalars() {
        let text = "Kyiv’s “leader” 🇺🇦 said Thursday — then left on 19 December 2024."
        for timex in tag(text, DCT.thursday) {
            let scalars = Array(text.unicodeScalars)
            let covered = String(String.UnicodeScalarView(scalars[timex.start..<timex.end]))
            #expect(covered == timex.text)
        }
        let thursday = tag(text, DCT.thursday).first { $0.text == "Thursday" }
        #expect(thursday?.start == 24)
        #expect(thursday?.granularity == .day)
    }

    @Test func durationsAndSetsHaveNoGranularity() {
        for timex in tag("It lasted three years and recurs every week.", DCT.thursday) {
            #expect(timex.granularity == nil)
        }
    }

    @Test func emptyAndSymbolOnlyTextsGiveNothing() {
        #expect(tag("", DCT.thursday).isEmpty)
        #expect(tag("— … ’ 🇺🇦", DCT.thursday).isEmpty)
    }
}

/// The day a claim or event is filed under in the timeline: the first day its value covers.
@Suite("Timex values: first day covered")
struct TimexFirstDayTests {
    static let cases: [(value: String, day: String?)] = [
        ("2024-12-19", "2024-12-19"), ("2024-12-19T15:00", "2024-12-19"), ("2024-12-19TEV", "2024-12-19"),
        ("2024-12", "2024-12-01"), ("2024", "2024-01-01"), ("199", "1990-01-01"), ("19", "1900-01-01"),
        ("2024-W51", "2024-12-16"), ("2021-W01", "2021-01-04"), ("2020-W53", "2020-12-28"),
        ("2024-Q2", "2024-04-01"), ("2024-H2", "2024-07-01"),
        ("2024-SP", "2024-03-01"), ("2024-SU", "2024-06-01"), ("2024-FA", "2024-09-01"), ("2024-WI", "2024-12-01"),
        // Not a period of the calendar, or not a real one.
        ("PRESENT_REF", nil), ("P3D", nil), ("XXXX-12-25", nil), ("T15:00", nil), ("", nil),
        ("2024-13", nil), ("2025-02-29", nil), ("2024-Q5", nil), ("2024-W", nil), ("2024-XX", nil), ("+202", nil),
    ]

    @Test(arguments: cases) func firstDay(_ c: (value: String, day: String?)) {
        #expect(CalendarDay.firstDay(ofTimexValue: c.value)?.description == c.day, "\(c.value)")
    }

    @Test func dayIsWrittenWithFourDigitYear() {
        #expect(CalendarDay(year: 987, month: 3, day: 9)?.description == "0987-03-09")
        #expect(CalendarDay(year: 2024, month: 12, day: 31)?.description == "2024-12-31")
    }
}
