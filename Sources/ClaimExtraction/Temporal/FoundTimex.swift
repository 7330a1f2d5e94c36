import ClaimModel

/// A time expression as the parser found it: a token range and its resolved value, plus what later
/// expressions may anchor on.
struct FoundTimex: Sendable {
    /// Piece range, end exclusive.
    var first: Int
    var end: Int
    var type: TimexType
    var value: String
    var granularity: Granularity?
    /// The day a day-level date names: the anchor of `the following day`, `that day`.
    var day: CalendarDay?
    /// The month and year a date names, for `later that month` and `that year`.
    var month: Int?
    var year: Int?
    /// A time of day resolved against the DCT keeps its clock part (`15:30`, `NI`) here, so that a
    /// neighbouring date (`Monday at 3 pm`) can take it over.
    var clock: String?
    /// False for a value computed from the anchor that must not become the anchor itself, such as
    /// the year-ago quarter of "rose from a year earlier".
    var isAnchor = true

    static func day(_ first: Int, _ end: Int, _ day: CalendarDay) -> FoundTimex {
        FoundTimex(first: first, end: end, type: .date, value: day.description, granularity: .day,
                   day: day, month: day.month, year: day.year)
    }

    static func time(_ first: Int, _ end: Int, _ day: CalendarDay, clock: String) -> FoundTimex {
        FoundTimex(first: first, end: end, type: .time, value: "\(day)T\(clock)", granularity: .time,
                   day: day, month: day.month, year: day.year, clock: clock)
    }

    static func week(_ first: Int, _ end: Int, containing day: CalendarDay) -> FoundTimex {
        FoundTimex(first: first, end: end, type: .date, value: day.isoWeekValue, granularity: .week)
    }

    static func weekend(_ first: Int, _ end: Int, containing day: CalendarDay) -> FoundTimex {
        FoundTimex(first: first, end: end, type: .date, value: TemporalCalendar.weekendValue(day), granularity: .week)
    }

    static func month(_ first: Int, _ end: Int, _ year: Int, _ month: Int) -> FoundTimex {
        FoundTimex(first: first, end: end, type: .date, value: TemporalCalendar.monthValue(year, month),
                   granularity: .month, month: month, year: year)
    }

    static func year(_ first: Int, _ end: Int, _ year: Int) -> FoundTimex {
        FoundTimex(first: first, end: end, type: .date, value: TemporalCalendar.yearValue(year), granularity: .year, year: year)
    }

    static func period(_ first: Int, _ end: Int, _ value: String, _ granularity: Granularity) -> FoundTimex {
        FoundTimex(first: first, end: end, type: .date, value: value, granularity: granularity)
    }

    static func reference(_ first: Int, _ end: Int, _ value: String) -> FoundTimex {
        FoundTimex(first: first, end: end, type: .date, value: value, granularity: .reference)
    }

    static func duration(_ first: Int, _ end: Int, _ value: String) -> FoundTimex {
        FoundTimex(first: first, end: end, type: .duration, value: value)
    }

    static func set(_ first: Int, _ end: Int, _ value: String) -> FoundTimex {
        FoundTimex(first: first, end: end, type: .set, value: value)
    }

    func starting(at first: Int) -> FoundTimex {
        var copy = self
        copy.first = first
        return copy
    }
}
