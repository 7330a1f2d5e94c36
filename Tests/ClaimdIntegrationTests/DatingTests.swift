import Foundation
import Testing

/// A wire article with a dateline that states a day and month but no year, on `day`.
func datelineArticle(on day: Date) -> Data {
    let parts = Calendar.current.dateComponents([.month, .day], from: day)
    let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][parts.month! - 1]
    return Data("""
        Brannock vows to keep the truce

        PORT ALDER, \(month) \(parts.day!) (Wire) - Foreign Minister Ilka Brannock said on Thursday that her country supported the ceasefire and would back it through 2041.

        Brannock said in 2040 the country will oppose new sanctions against Ostrel.

        """.utf8)
}

/// `day` as `YYYY-MM-DD`, in the machine's time zone (as claimd reads file times).
func isoDay(_ date: Date) -> String {
    let parts = Calendar.current.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
}

@Suite("document dates: datelines over file times, claims never after their article", .serialized)
struct DatingTests {
    @Test("a file copied today whose dateline names another day is dated by its dateline, and no claim after it")
    func datelineOverFileTime() throws {
        let daemon = try DaemonProcess()
        let datelineDay = Date().addingTimeInterval(-50 * 86_400)
        // `cp` gives the copy today's modification time.
        try daemon.drop("truce.txt", contents: datelineArticle(on: datelineDay), modified: Date())
        #expect(eventually { daemon.count("documents") == 1 }, "\(daemon.log())")

        let claims = try jsonArray(try daemon.claimctl(["claims", "--actor", "Ilka Brannock", "--json"]).stdout)
        #expect(claims.count >= 2, "\(claims)")
        let expected = isoDay(datelineDay)
        for claim in claims {
            let dct = try #require((claim["document"] as? [String: Any])?["dct"] as? [String: Any])
            #expect(dct["value"] as? String == expected)
            #expect(dct["source"] as? String == "dateline")
            // "will oppose … in 2040" is a horizon, stated on the article's day.
            let day = try #require(claim["day"] as? String)
            #expect(day <= expected, "claim \(claim["text"] ?? "") dated \(day), after its article (\(expected))")
        }
        // "on Thursday" is the Thursday before the dateline, not one a year ahead of it.
        let events = try jsonArray(try daemon.claimctl(["events", "--actor", "Ilka Brannock", "--json"]).stdout)
        let thursday = try #require(events.first { ($0["text"] as? String)?.contains("Thursday") == true && $0["date"].map { ($0 as? [String: Any])?["granularity"] as? String == "day" } == true })
        let thursdayDay = try #require(thursday["day"] as? String)
        #expect(thursdayDay <= expected && thursdayDay >= isoDay(datelineDay.addingTimeInterval(-7 * 86_400)), "\(thursdayDay)")
    }

    @Test("tables write dates out for people; JSON keeps the TIMEX3 value beside the day")
    func writtenDates() throws {
        let daemon = try DaemonProcess()
        // A fixed day, so the written form is known: Wednesday 24 December 2031.
        let text = """
            Date: 2031-12-24

            PORT ALDER (Wire) - Foreign Minister Ilka Brannock said this week that her country supported the ceasefire.

            Brannock said in March 2031 her country opposed new sanctions against Ostrel.

            """
        try daemon.drop("week.txt", contents: Data(text.utf8))
        #expect(eventually { daemon.count("documents") == 1 })

        let json = try jsonArray(try daemon.claimctl(["claims", "--actor", "Ilka Brannock", "--json"]).stdout)
        let values = Set(json.compactMap { ($0["date"] as? [String: Any])?["value"] as? String })
        #expect(values.contains("2031-W52") && values.contains("2031-03"), "\(values)")
        let week = try #require(json.first { ($0["date"] as? [String: Any])?["value"] as? String == "2031-W52" })
        #expect(week["day"] as? String == "2031-12-22", "the week's first day beside its TIMEX3 value")

        let table = try daemon.claimctl(["claims", "--actor", "Brannock"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("week of 22 Dec 2031"), "\(table.stdout)")
        #expect(table.stdout.contains("Mar 2031"))
        #expect(!table.stdout.contains("2031-W52") && !table.stdout.contains("2031-03"), "no raw values in a table: \(table.stdout)")
    }

    @Test("with require_date, an article that states no date goes to failed/; one with a dateline is stored")
    func requireDate() throws {
        let daemon = try DaemonProcess(settings: "[extraction]\nrequire_date = true\n")
        let undated = "Foreign Minister Ilka Brannock said her country supported the ceasefire.\n"
        try daemon.drop("undated.txt", contents: Data(undated.utf8), modified: day("2031-05-02"))
        #expect(eventually { FileManager.default.fileExists(atPath: daemon.failed + "/undated.txt") }, "\(daemon.log())")
        try daemon.drop("dated.txt", contents: datelineArticle(on: day("2031-04-30")), modified: day("2031-05-02"))
        #expect(eventually { daemon.count("documents") == 1 })
        let failures = try daemon.claimctl(["failed"])
        #expect(failures.stdout.contains("undated.txt") && failures.stdout.contains("states no date"), "\(failures.stdout)")
        let claims = try jsonArray(try daemon.claimctl(["claims", "--actor", "Ilka Brannock", "--json"]).stdout)
        #expect(claims.allSatisfy { (($0["document"] as? [String: Any])?["dct"] as? [String: Any])?["value"] as? String == "2031-04-30" })
    }
}
