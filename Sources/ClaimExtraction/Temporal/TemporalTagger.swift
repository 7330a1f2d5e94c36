import ClaimModel

/// Options of the temporal tagger.
public struct TemporalOptions: Sendable, Hashable {
    /// Read `03/04/2025` as 3 April (true) or March 4 (false). A reading that only one order makes
    /// a real date (`12/19/2024`) wins either way.
    public var dayFirst: Bool

    public init(dayFirst: Bool = true) {
        self.dayFirst = dayFirst
    }
}

/// Finds DATE, TIME, DURATION and SET expressions in a text and normalises them to TIMEX3
/// values against the document date.
///
/// Rule-based and single-pass over the document's pieces (``PieceScanner``): ``TemporalParser``
/// tries its patterns only at pieces the lexicon marks as possible starts, and resolves relative
/// expressions by the tense of their clause and the last date the text named.
public struct TemporalTagger: Sendable {
    public var options: TemporalOptions

    public init(options: TemporalOptions = .init()) {
        self.options = options
    }

    /// Every temporal expression of `text`, in text order, resolved against `dct`. Offsets count
    /// Unicode scalars, end exclusive.
    public func tag(_ text: String, dct: CalendarDay) -> [Timex] {
        var text = text
        return text.withUTF8 { bytes in
            let pieces = PieceScanner.pieces(of: bytes)
            return expressions(in: pieces, dct: dct).map { found in
                let first = pieces[found.first], last = pieces[found.end - 1]
                let covered = String(decoding: UnsafeBufferPointer(rebasing: bytes[first.byteStart..<last.byteEnd]), as: UTF8.self)
                return timex(found, pieces: pieces, text: covered)
            }
        }
    }

    /// The expressions found on a document's pieces, as piece ranges with their values.
    /// `clauseTense` gives, for a piece, the tense its clause has in a parse of the text, when
    /// there is one; it outranks the tense cue words near a weekday.
    func expressions(in pieces: [Piece], dct: CalendarDay,
                     clauseTense: @escaping (Int) -> TemporalDirection? = { _ in nil }) -> [FoundTimex] {
        var parser = TemporalParser(pieces: pieces, dct: dct, dayFirst: options.dayFirst)
        parser.clauseTense = clauseTense
        return parser.parse()
    }

    /// The ``Timex`` of an expression found on `pieces`, covering `text`.
    func timex(_ found: FoundTimex, pieces: [Piece], text: String) -> Timex {
        let granularity = found.type == .duration || found.type == .set ? nil : found.granularity
        return Timex(start: pieces[found.first].start, end: pieces[found.end - 1].end, text: text, type: found.type,
                     value: found.value, granularity: granularity)
    }
}
