/// The TIMEX3 types.
public enum TimexType: String, Codable, Sendable, Hashable, CaseIterable {
    case date = "DATE"
    case time = "TIME"
    case duration = "DURATION"
    case set = "SET"
}

/// A temporal expression found in a text, with its normalised TIMEX3 value.
public struct Timex: Codable, Sendable, Hashable {
    /// Span in Unicode scalars of the document text (end exclusive).
    public var start: Int
    public var end: Int
    public var text: String
    public var type: TimexType
    /// `2024-12-19`, `2025-W09`, `P3Y`, `PAST_REF`, …
    public var value: String
    public var granularity: Granularity?

    public init(start: Int, end: Int, text: String, type: TimexType, value: String, granularity: Granularity? = nil) {
        self.start = start
        self.end = end
        self.text = text
        self.type = type
        self.value = value
        self.granularity = granularity
    }

    /// The value as a ``TimeValue`` when this timex names a point or period in time.
    public var timeValue: TimeValue? {
        guard type == .date || type == .time, let granularity else { return nil }
        return TimeValue(value: value, granularity: granularity)
    }
}
