/// "Minister: Talks Will Resume in May", "Talks Will Resume, Minister Says": a title that
/// gives a statement under its speaker's name.
enum TitleAttribution {
    /// Most words in a speaker label before the colon.
    static let maximumLabelWords = 3

    /// The title's attribution, if the document's first paragraph is one and nothing found covers it.
    static func find(in doc: Doc, besides found: [Attribution]) -> Attribution? {
        guard let first = doc.paragraphs.first, !first.isEmpty else { return nil }
        let tokens = doc.tokens
        var start = first.lowerBound
        if tokens[start].isQuote { start += 1 }
        var end = first.upperBound
        while end > start + 1, [.terminal, .closeQuote, .straightQuote].contains(tokens[end - 1].kind) { end -= 1 }
        guard let (label, cue, content) = labelled(start..<end, tokens: tokens) ?? said(start..<end, tokens: tokens),
              content.count >= 4, !found.contains(where: { $0.content.overlaps(content) }) else { return nil }
        let speaker = doc.mentions.first { label.contains($0.tokens.lowerBound) && $0.tokens.upperBound == label.upperBound }
            ?? Mention(tokens: label, actor: nil, anaphor: nil)
        var a = Attribution(speaker: speaker, cue: cue, content: content, mode: .indirect, cueStance: nil)
        a.isTitle = true
        return a
    }

    /// "Holm: Norland Will Never Accept a Truce"
    private static func labelled(_ line: Range<Int>, tokens: [Token]) -> (Range<Int>, Range<Int>, Range<Int>)? {
        guard let colon = line.prefix(maximumLabelWords + 1).first(where: { tokens[$0].kind == .colon && tokens[$0].lower == ":" }),
              colon > line.lowerBound, (line.lowerBound..<colon).allSatisfy({ tokens[$0].kind == .word && tokens[$0].isCapitalized })
        else { return nil }
        return (line.lowerBound..<colon, colon..<colon + 1, colon + 1..<line.upperBound)
    }

    /// "Norland Will Never Accept a Truce, Holm Says", "Holm Says Norland Will Never Accept …"
    private static func said(_ line: Range<Int>, tokens: [Token]) -> (Range<Int>, Range<Int>, Range<Int>)? {
        let last = line.upperBound - 1
        if tokens[last].is(.speechVerb), let comma = (line.lowerBound..<last).last(where: { tokens[$0].kind == .comma }),
           (1...maximumLabelWords).contains(last - comma - 1), (comma + 1..<last).allSatisfy({ tokens[$0].isCapitalized }) {
            return (comma + 1..<last, last..<last + 1, line.lowerBound..<comma)
        }
        if let verb = line.prefix(maximumLabelWords + 1).first(where: { tokens[$0].is(.speechVerb) && $0 > line.lowerBound }),
           ["says", "said"].contains(tokens[verb].lower),
           (line.lowerBound..<verb).allSatisfy({ tokens[$0].kind == .word && tokens[$0].isCapitalized }) {
            return (line.lowerBound..<verb, verb..<verb + 1, verb + 1..<line.upperBound)
        }
        return nil
    }
}
