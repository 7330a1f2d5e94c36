import ClaimModel

/// Options of the temporal tagger.
public struct TemporalOptions: Sendable, Hashable {
    /// Read `03/04/2025` as 3 April (true) or March 4 (false). US datelines override it.
    public var dayFirst: Bool

    public init(dayFirst: Bool = true) {
        self.dayFirst = dayFirst
    }
}

/// Finds DATE, TIME, DURATION and SET expressions in a text and normalises them to TIMEX3
/// values against the document date.
public struct TemporalTagger: Sendable {
    public var options: TemporalOptions

    public init(options: TemporalOptions = .init()) {
        self.options = options
    }

    /// Every temporal expression of `text`, in text order, resolved against `dct`.
    public func tag(_ text: String, dct: CalendarDay) -> [Timex] {
        []
    }
}
