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

    static func tokenize(_ scalars: [Unicode.Scalar], classifier: WordClassifier = .standard) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 5)
        var i = 0
        var lineBreak = true
        let n = scalars.count
        var spellings = SpellingTable(expectedCount: scalars.count / 10)
        var bytes: [UInt8] = []
        func emit(_ start: Int, _ end: Int, _ kind: TokenKind) {
            let entry = spellings.index(scalars, start, end) {
                let lower = lowercased(scalars, start, end, buffer: &bytes)
                let lemma = kind == .word ? Lemmatizer.lemma(ofLowercased: lower) : lower
                return SpellingTable.Entry(lower: lower, lemma: lemma,
                                           classes: kind == .word ? classifier.classes(lower: lower, lemma: lemma) : [])
            }
            tokens.append(Token(start: start, end: end, lower: spellings.entries[entry].lower, lemma: spellings.entries[entry].lemma,
                                kind: kind, classes: spellings.entries[entry].classes, isCapitalized: isUpper(scalars[start]), startsParagraph: lineBreak))
            lineBreak = false
        }
        while i < n {
            let c = scalars[i]
            if c == " " || c.value > 0x7F && c.properties.isWhitespace || c == "\n" || c == "\t" || c == "\r" {
                if c == "\n" || c == "\r" || c == "\u{2029}" { lineBreak = true }
                i += 1
                continue
            }
            let start = i
            if isLetter(c) {
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

    /// The token lowercased, with a curly apostrophe folded to `'`; ASCII is lowered as bytes.
    private static func lowercased(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int, buffer: inout [UInt8]) -> String {
        buffer.removeAll(keepingCapacity: true)
        for c in scalars[start..<end] {
            guard c.value < 0x80 else {
                var view = String.UnicodeScalarView()
                for c in scalars[start..<end] { view.append(c == "\u{2019}" ? "'" : c) }
                return String(view).lowercased()
            }
            buffer.append(c.value >= 0x41 && c.value <= 0x5A ? UInt8(c.value | 0x20) : UInt8(c.value))
        }
        return String(decoding: buffer, as: UTF8.self)
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
    private static func isApostrophe(_ c: Unicode.Scalar) -> Bool { c == "'" || c == "\u{2019}" }
    private static func isLetter(_ s: [Unicode.Scalar], _ i: Int) -> Bool { i < s.count && isLetter(s[i]) }

    private static func isUpper(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x80 ? c.value >= 0x41 && c.value <= 0x5A : c.properties.isUppercase
    }

    /// ASCII first: Unicode property lookups cost more than the rest of tokenising.
    private static func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return (c.value | 0x20) >= 0x61 && (c.value | 0x20) <= 0x7A }
        return c.properties.isAlphabetic
    }

    private static func wordEnd(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count {
            let c = s[i]
            if isLetter(c) || isDigit(c) || c.value >= 0x80 && c.properties.generalCategory == .nonspacingMark {
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
            let isInitial = i - start == 1 && isUpper(s[start])
            let isAcronym = word.unicodeScalars.contains(".")
            if isInitial || isAcronym || abbreviations.contains(word) { i += 1 }
        }
        return i
    }

    private static func numberEnd(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count {
            let c = s[i]
            if isDigit(c) || isLetter(c) {
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
