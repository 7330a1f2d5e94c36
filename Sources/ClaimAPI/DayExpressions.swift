import ClaimModel

/// The days a person means by `2024-12`, `yesterday`, `-7d` or `2 weeks ago`: what `claimctl
/// --since/--until/--on` accept. Resolved on the client against its own calendar day, and sent
/// to the daemon as plain `YYYY-MM-DD`, so the API stays exact.
public enum DayExpression {
    /// The first and last day `text` covers, or nil when it is none of the forms:
    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD`; `today`, `yesterday`; `-N[dwmy]` (days, weeks, months,
    /// years ago); `N day(s)|week(s)|month(s)|year(s) ago`; `last week|month|year` (that span).
    public static func days(_ text: String, today: CalendarDay) -> ClosedRange<CalendarDay>? {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        if words.count == 1, let absolute = absolute(words[0]) { return absolute }
        switch words {
        case ["today"]: return today...today
        case ["yesterday"]: return day(today.adding(days: -1))
        case ["last", "week"]: return today.adding(days: -7 - weekday(today))...today.adding(days: -1 - weekday(today))
        case ["last", "month"]:
            let first = CalendarDay(year: today.year, month: today.month, day: 1)!.adding(months: -1)
            return first...first.adding(months: 1).adding(days: -1)
        case ["last", "year"]: return CalendarDay(year: today.year - 1, month: 1, day: 1)!...CalendarDay(year: today.year - 1, month: 12, day: 31)!
        default: break
        }
        if words.count == 1, words[0].hasPrefix("-"), let unit = words[0].last, let count = Int(words[0].dropFirst().dropLast()), count >= 0 {
            return ago(count, unit: String(unit), today: today)
        }
        if words.count == 3, words[2] == "ago", let count = Int(words[0]), count >= 0 {
            var unit = words[1]
            if unit.hasSuffix("s") { unit.removeLast() }
            let units = ["day": "d", "week": "w", "month": "m", "year": "y"]
            guard let short = units[unit] else { return nil }
            return ago(count, unit: short, today: today)
        }
        return nil
    }

    private static func day(_ day: CalendarDay) -> ClosedRange<CalendarDay> { day...day }

    private static func ago(_ count: Int, unit: String, today: CalendarDay) -> ClosedRange<CalendarDay>? {
        switch unit {
        case "d": return day(today.adding(days: -count))
        case "w": return day(today.adding(days: -7 * count))
        case "m": return day(today.adding(months: -count))
        case "y": return day(today.adding(months: -12 * count))
        default: return nil
        }
    }

    /// Days since Monday (0 on a Monday).
    private static func weekday(_ day: CalendarDay) -> Int {
        // 2001-01-01 was a Monday.
        let monday = CalendarDay(year: 2001, month: 1, day: 1)!
        return ((day.dayNumber - monday.dayNumber) % 7 + 7) % 7
    }

    private static func absolute(_ text: String) -> ClosedRange<CalendarDay>? {
        guard let first = try? ListingQuery.day(text, name: "", atEnd: false),
              let last = try? ListingQuery.day(text, name: "", atEnd: true) else { return nil }
        return first...last
    }
}
