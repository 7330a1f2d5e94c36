import ClaimAPI
import ClaimModel
import Testing

@Suite("the days a person means by a date")
struct DayExpressionTests {
    /// A Wednesday.
    let today = CalendarDay("2031-03-12")!

    @Test("relative forms count back from today", arguments: [
        ("today", "2031-03-12", "2031-03-12"), ("yesterday", "2031-03-11", "2031-03-11"), ("-7d", "2031-03-05", "2031-03-05"),
        ("-2w", "2031-02-26", "2031-02-26"), ("-1m", "2031-02-12", "2031-02-12"), ("-1y", "2030-03-12", "2030-03-12"),
        ("2 weeks ago", "2031-02-26", "2031-02-26"), ("1 day ago", "2031-03-11", "2031-03-11"), ("3 Months Ago", "2030-12-12", "2030-12-12"),
        ("last week", "2031-03-03", "2031-03-09"), ("last month", "2031-02-01", "2031-02-28"), ("last year", "2030-01-01", "2030-12-31"),
        ("2032-02", "2032-02-01", "2032-02-29"), ("2031", "2031-01-01", "2031-12-31"), ("2031-03-01", "2031-03-01", "2031-03-01"),
    ])
    func forms(_ text: String, _ first: String, _ last: String) {
        let days = DayExpression.days(text, today: today)
        #expect(days?.lowerBound.description == first && days?.upperBound.description == last, "\(text): \(String(describing: days))")
    }

    @Test("anything else is not a date", arguments: ["2 days", "soon", "-7x", "2031-13", "2031-02-30", "ago", "-d", "", "weeks ago 2"])
    func refusals(_ text: String) {
        #expect(DayExpression.days(text, today: today) == nil)
    }
}
