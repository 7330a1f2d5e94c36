import ClaimModel

/// Options for a whole extraction run.
public struct ExtractionOptions: Sendable, Hashable {
    public var temporal: TemporalOptions
    /// Claims below this confidence are dropped.
    public var minConfidence: Double

    public init(temporal: TemporalOptions = .init(), minConfidence: Double = 0) {
        self.temporal = temporal
        self.minConfidence = minConfidence
    }
}

/// The extraction pipeline: text and document date in; timexes, actors, quotes, claims and events out.
///
/// Pure: no I/O, no clock, no global state. One value can be shared across tasks.
public struct Extractor: Sendable {
    public let lexicon: Lexicon
    public let options: ExtractionOptions

    public init(lexicon: Lexicon, options: ExtractionOptions = .init()) {
        self.lexicon = lexicon
        self.options = options
    }

    public func extract(_ text: String, dct: DocumentDate) -> Extraction {
        let anchor = dct.day ?? CalendarDay(year: 1970, month: 1, day: 1)!
        let timexes = TemporalTagger(options: options.temporal).tag(text, dct: anchor)
        return Extraction(timexes: timexes)
    }
}
