import ClaimExtraction
import ClaimModel
import Testing

@Suite("a dateline's day and month, without a year")
struct DatelineDayTests {
    @Test("wire datelines give their month and day", arguments: [
        ("PORT ALDER, Feb 27 (Wire) - The minister said.", 2, 27),
        ("Headline first\n\nOSTREL/PORT ALDER, Aug. 20 (Wire) — Talks ended.", 8, 20),
        ("VARNHOLM, 4 March - Leaders met.", 3, 4),
    ])
    func found(_ text: String, _ month: Int, _ day: Int) {
        #expect(DatelineDay.find(in: text) == DatelineDay(month: month, day: day))
    }

    @Test("no day without a dateline, a dateline without a date, or a headline's numbers")
    func notFound() {
        #expect(DatelineDay.find(in: "Varnholm (Wire) - Leaders met.") == nil)
        #expect(DatelineDay.find(in: "The minister spoke on March 4 about the plan.") == nil)
        #expect(DatelineDay.find(in: "Tarvia, Norland agree on 30 points (updated) - more soon") == nil)
        #expect(DatelineDay(month: 4, day: 31) == nil)
    }

    @Test("the year is the latest that puts the day on or before the file's")
    func year() throws {
        let march3 = try #require(DatelineDay(month: 3, day: 3))
        #expect(march3.latest(notAfter: try #require(CalendarDay("2031-12-07"))) == CalendarDay("2031-03-03"))
        #expect(march3.latest(notAfter: try #require(CalendarDay("2031-03-03"))) == CalendarDay("2031-03-03"))
        #expect(march3.latest(notAfter: try #require(CalendarDay("2031-03-02"))) == CalendarDay("2030-03-03"))
        let leapDay = try #require(DatelineDay(month: 2, day: 29))
        #expect(leapDay.latest(notAfter: try #require(CalendarDay("2031-06-01"))) == CalendarDay("2028-02-29"))
    }
}
