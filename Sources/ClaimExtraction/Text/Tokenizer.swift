/// Splits a document into tokens whose offsets count Unicode scalars, the unit of every span
/// the extractor reports.
///
/// Works on a scalar array in one pass with no regular expressions. Abbreviations ("Feb.",
/// "Mr.", initials) keep their period so that sentence splitting can tell them from a full stop;
/// acronyms with inner periods ("U.S.") are one token; possessive `'s` is a token of its own so
/// that "Ukraine's foreign minister" can be read as possessor + role.
enum Tokenizer {
    /// Words that take a period without ending a sentence.
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "maj",
        "sen", "rep", "gov", "pres", "prof", "rev", "jr", "sr", "inc", "corp", "ltd", "co", "no",
        "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mt", "ft", "approx", "dept", "univ", "est",
    ]

    static func tokenize(_ scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 5)
        var i = 0
        var lineBreak = true
        let n = scalars.count
        func emit(_ start: Int, _ end: Int, _ kind: TokenKind) {
            let text = String(String.UnicodeScalarView(scalars[start..<end].map { $0 == "\u{2019}" ? "'" : $0 }))
            let lower = text.lowercased()
            let lemma = kind == .word ? Lemmatizer.lemma(ofLowercased: lower) : lower
            tokens.append(Token(start: start, end: end, text: text, lower: lower, lemma: lemma, kind: kind,
                                isCapitalized: scalars[start].properties.isUppercase, startsParagraph: lineBreak))
            lineBreak = false
        }
        while i < n {
            let c = scalars[i]
            if c.properties.isWhitespace {
                if c == "\n" || c == "\r" || c == "\u{2029}" { lineBreak = true }
                i += 1
                continue
            }
            let start = i
            if c.properties.isAlphabetic {
                i = wordEnd(scalars, from: i)
                emit(start, i, .word)
            } else if isDigit(c) {
                i = numberEnd(scalars, from: i)
                emit(start, i, .number)
            } else if isApostrophe(c), let end = possessiveEnd(scalars, at: i, after: tokens.last) {
                i = end
                emit(start, i, .possessive)
            } else {
                i += 1
                emit(start, i, punctuationKind(c))
            }
        }
        return tokens
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
    private static func isApostrophe(_ c: Unicode.Scalar) -> Bool { c == "'" || c == "\u{2019}" }
    private static func isLetter(_ s: [Unicode.Scalar], _ i: Int) -> Bool { i < s.count && s[i].properties.isAlphabetic }

    private static func wordEnd(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count {
            let c = s[i]
            if c.properties.isAlphabetic || isDigit(c) || c.properties.generalCategory == .nonspacingMark {
                i += 1
            } else if (c == "-" || c == "\u{2010}" || c == "\u{2011}"), isLetter(s, i + 1) || (i + 1 < s.count && isDigit(s[i + 1])) {
                i += 1
            } else if isApostrophe(c), isLetter(s, i + 1), !(s[i + 1] == "s" && !isLetter(s, i + 2)) {
                i += 1 // won't, O'Brien; not the possessive 's
            } else if c == ".", isLetter(s, i + 1), i + 2 < s.count, s[i + 2] == ".", i - start == 1 {
                i += 1 // U.S., U.N.: single letters joined by periods
            } else {
                break
            }
        }
        if i < s.count, s[i] == "." {
            let word = String(String.UnicodeScalarView(s[start..<i])).lowercased()
            let isInitial = i - start == 1 && s[start].properties.isUppercase
            let isAcronym = word.unicodeScalars.contains(".")
            if isInitial || isAcronym || abbreviations.contains(word) { i += 1 }
        }
        return i
    }

    private static func numberEnd(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count {
            let c = s[i]
            if isDigit(c) || c.properties.isAlphabetic {
                i += 1
            } else if (c == "." || c == "," || c == "-"), i + 1 < s.count, isDigit(s[i + 1]) || (c == "-" && isLetter(s, i + 1)) {
                i += 1
            } else if c == "%" {
                i += 1
                break
            } else {
                break
            }
        }
        return i
    }

    /// `'s` after a word, or a bare `'` after a word ending in s ("allies'").
    private static func possessiveEnd(_ s: [Unicode.Scalar], at i: Int, after previous: Token?) -> Int? {
        guard let previous, previous.end == i, previous.kind == .word else { return nil }
        if i + 1 < s.count, s[i + 1] == "s", !isLetter(s, i + 2) { return i + 2 }
        if previous.lower.hasSuffix("s"), !isLetter(s, i + 1) { return i + 1 }
        return nil
    }

    private static func punctuationKind(_ c: Unicode.Scalar) -> TokenKind {
        switch c {
        case "\u{201C}", "\u{00AB}", "\u{201E}": .openQuote
        case "\u{201D}", "\u{00BB}": .closeQuote
        case "\"": .straightQuote
        case ".", "!", "?", "\u{2026}": .terminal
        case ",": .comma
        case ":", ";": .colon
        case "-", "\u{2013}", "\u{2014}", "\u{2212}": .dash
        case "(", "[": .openParen
        case ")", "]": .closeParen
        default: .symbol
        }
    }
}
