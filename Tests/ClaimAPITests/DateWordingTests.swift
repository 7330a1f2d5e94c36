import ClaimModel
import Testing

@Suite("dates as people read them")
struct DateWordingTests {
    @Test("days, weeks, months and longer spans are written out", arguments: [
        ("2031-02-27", Granularity.day, "27 Feb 2031"),
        ("2031-W09", .week, "week of 24 Feb 2031"),
        ("2025-W30", .week, "week of 21 Jul 2025"),
        ("2031-02", .month, "Feb 2031"),
        ("2031-Q3", .quarter, "Q3 2031"),
        ("2031-H2", .half, "H2 2031"),
        ("2031-SU", .season, "summer 2031"),
        ("2031", .year, "2031"),
        ("203", .decade, "2030s"),
        ("2031-02-27T15:00", .time, "27 Feb 2031 15:00"),
    ])
    func written(_ value: String, _ granularity: Granularity, _ expected: String) {
        #expect(TimeValue(value: value, granularity: granularity).written(documentDay: "2031-03-01") == expected)
    }

    @Test("references are written against the document's date, with what they mean")
    func references() {
        #expect(TimeValue(value: "PRESENT_REF", granularity: .reference).written(documentDay: "2031-03-01") == "as of 1 Mar 2031")
        #expect(TimeValue(value: "PAST_REF", granularity: .reference).written(documentDay: "2031-03-01") == "before 1 Mar 2031")
        #expect(TimeValue(value: "FUTURE_REF", granularity: .reference).written(documentDay: "2031-03-01") == "after 1 Mar 2031")
        #expect(TimeValue(value: "PRESENT_REF", granularity: .reference).written(documentDay: nil) == "PRESENT_REF")
    }

    @Test("a claim dated after its document is dated by the document; one before it keeps its date")
    func clamp() throws {
        let documentDay = try #require(CalendarDay("2029-05-04"))
        let claim = Claim(actor: ActorRef(name: "Torvald Ekberg", kind: .person), topic: "ceasefire", stance: .support, mode: .indirect,
                          cue: "said", text: "the truce will hold through 2031", date: TimeValue(value: "2031", granularity: .year),
                          start: 0, end: 10, confidence: 0.9)
        #expect(claim.stated(notAfter: documentDay).date == TimeValue(day: documentDay))
        var earlier = claim
        earlier.date = TimeValue(value: "2029-W18", granularity: .week)
        #expect(earlier.stated(notAfter: documentDay).date == earlier.date)
    }
}
