/// How precise a ``TimeValue`` is.
public enum Granularity: String, Codable, Sendable, Hashable, CaseIterable {
    case time, day, week, month, quarter, half, season, year, decade, century
    /// `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`: a direction, not a point.
    case reference
}

/// A normalised TIMEX3 value such as `2024-12-19`, `2024-W51`, `2024-Q3` or `PAST_REF`,
/// with the granularity it was stated at.
public struct TimeValue: Codable, Sendable, Hashable, CustomStringConvertible {
    public var value: String
    public var granularity: Granularity

    public init(value: String, granularity: Granularity) {
        self.value = value
        self.granularity = granularity
    }

    /// A day value, `YYYY-MM-DD`.
    public init(day: CalendarDay) {
        self.init(value: day.description, granularity: .day)
    }

    public var description: String { value }

    /// The calendar day this value starts on, when it names one (used to order a timeline).
    public var firstDay: CalendarDay? { CalendarDay.firstDay(ofTimexValue: value) }
}
