/// A direct quotation: the tokens between its quote marks.
struct QuoteSpan: Sendable, Hashable {
    /// Index of the opening quote mark.
    var open: Int
    /// Index of the closing quote mark, or the end of the paragraph when the quotation runs on
    /// to the next paragraph (which reopens it by convention).
    var close: Int
    var isClosed: Bool
    var content: Range<Int> { open + 1..<close }
}

/// Pairs quote marks into quotations, straight and curly alike, one paragraph at a time.
enum QuoteFinder {
    static func quotes(in tokens: [Token]) -> [QuoteSpan] {
        var spans: [QuoteSpan] = []
        var open: Int?
        for (i, t) in tokens.enumerated() {
            if t.startsParagraph, let o = open {
                spans.append(QuoteSpan(open: o, close: i, isClosed: false))
                open = nil
            }
            switch t.kind {
            case .openQuote:
                if let o = open { spans.append(QuoteSpan(open: o, close: i, isClosed: false)) }
                open = i
            case .closeQuote:
                if let o = open { spans.append(QuoteSpan(open: o, close: i, isClosed: true)) }
                open = nil
            default: break
            }
        }
        if let o = open { spans.append(QuoteSpan(open: o, close: tokens.count, isClosed: false)) }
        return spans
    }

    /// For each token, whether it lies inside a quotation (its marks included).
    static func insideMask(_ spans: [QuoteSpan], count: Int) -> [Bool] {
        var mask = Array(repeating: false, count: count)
        for s in spans { for i in s.open..<min(s.close + 1, count) { mask[i] = true } }
        return mask
    }
}
