/// "Minister: Talks Will Resume in May": a title that gives a statement under its speaker's
/// name, the colon standing for "says".
enum TitleAttribution {
    /// Most words in a speaker label before the colon.
    static let maximumLabelWords = 3

    /// The title's attribution, if the document's first paragraph is one and nothing found covers it.
    static func find(in doc: Doc, besides found: [Attribution]) -> Attribution? {
        guard let first = doc.paragraphs.first, !first.isEmpty else { return nil }
        let tokens = doc.tokens
        var start = first.lowerBound
        if tokens[start].isQuote { start += 1 }
        guard let colon = first.prefix(maximumLabelWords + 2).first(where: { tokens[$0].kind == .colon && tokens[$0].lower == ":" }),
              colon > start, (start..<colon).allSatisfy({ tokens[$0].kind == .word && tokens[$0].isCapitalized }) else { return nil }
        var end = first.upperBound
        while end > colon + 1, [.terminal, .closeQuote, .straightQuote].contains(tokens[end - 1].kind) { end -= 1 }
        guard end - colon > 4, !found.contains(where: { $0.content.overlaps(colon + 1..<end) }) else { return nil }
        let label = start..<colon
        let speaker = doc.mentions.first { $0.tokens == label || label.contains($0.tokens.lowerBound) && $0.tokens.upperBound == colon }
            ?? Mention(tokens: label, actor: nil, anaphor: nil)
        var a = Attribution(speaker: speaker, cue: colon..<colon + 1, content: colon + 1..<end, mode: .indirect, cueStance: nil)
        a.isTitle = true
        return a
    }
}
