/// Groups a document's ``Piece``s into tokens: the words the parser, the actor and attribution
/// rules and the topic matcher read. Every piece belongs to exactly one token, so a timex found
/// on pieces covers whole tokens without a second alignment.
///
/// Tokens follow the treebank the parser learnt from where it matters to the parse: possessive
/// `'s` and the clitics `n't`, `'re`, `'ll`, `'ve`, `'m`, `'d` are tokens of their own. Words
/// joined by a hyphen ("pro-government", "al-Sadr") stay one token, as names and cue phrases are
/// written that way. Abbreviations ("Feb.", "Mr.", initials) keep their period so that sentence
/// splitting can tell them from a full stop; acronyms with inner periods ("U.S.") are one
/// token; numbers keep their separators ("2,500", "3.5", "16/11/2004", "12:30").
enum Tokenizer {
    /// Words that take a period without ending a sentence.
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "maj",
        "sen", "rep", "gov", "pres", "prof", "rev", "jr", "sr", "inc", "corp", "ltd", "co", "no",
        "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mt", "ft", "approx", "dept", "univ", "est",
    ]

    /// Clitics after an apostrophe that are tokens of their own ("they're" → "they" "'re").
    static let clitics: Set<String> = ["re", "ll", "ve", "m", "d"]

    /// The tokens of a text given as pieces over `scalars`.
    static func tokenize(_ pieces: [Piece], scalars: [Unicode.Scalar], classifier: WordClassifier = .standard) -> [Token] {
        var builder = TokenBuilder(pieces: pieces, scalars: scalars, classifier: classifier)
        builder.run()
        return builder.tokens
    }

    /// A phrase of the lexicon tokenised like a document.
    static func tokenize(_ phrase: String, classifier: WordClassifier = .standard) -> [Token] {
        tokenize(PieceScanner.pieces(of: phrase), scalars: Array(phrase.unicodeScalars), classifier: classifier)
    }
}

/// One pass over the pieces, deciding at each whether it continues the current token.
private struct TokenBuilder {
    let pieces: [Piece]
    let scalars: [Unicode.Scalar]
    let classifier: WordClassifier
    var tokens: [Token] = []
    private var spellings: SpellingTable
    private var bytes: [UInt8] = []

    init(pieces: [Piece], scalars: [Unicode.Scalar], classifier: WordClassifier) {
        self.pieces = pieces
        self.scalars = scalars
        self.classifier = classifier
        spellings = SpellingTable(expectedCount: pieces.count / 2)
        tokens.reserveCapacity(pieces.count / 2)
    }

    mutating func run() {
        var p = 0
        while p < pieces.count {
            let end: Int
            let kind: TokenKind
            if isWordPiece(p) {
                end = wordEnd(from: p)
                kind = .word
            } else if pieces[p].kind == .number {
                end = numberEnd(from: p)
                kind = .number
            } else if isSymbol(p, "'", "`"), attached(p + 1), isSymbol(p + 1, "'", "`") {
                // Doubled apostrophes or backquotes are quotation marks in older newswire.
                end = p + 2
                kind = isSymbol(p, "`") ? .openQuote : .straightQuote
            } else if isApostrophe(p), let clitic = cliticEnd(at: p) {
                end = clitic.end
                kind = clitic.kind
            } else {
                end = p + 1
                kind = Self.punctuationKind(Unicode.Scalar(UInt32(pieces[p].key)) ?? " ")
            }
            emit(p..<end, kind)
            p = end
        }
    }

    // MARK: - What joins

    /// A letter: an ASCII run, or a non-ASCII letter or combining mark.
    private func isWordPiece(_ p: Int) -> Bool {
        guard p < pieces.count else { return false }
        if pieces[p].kind == .word { return true }
        guard pieces[p].kind == .symbol, pieces[p].key >= 0x80, let c = Unicode.Scalar(UInt32(pieces[p].key)) else { return false }
        return c.properties.isAlphabetic || c.properties.generalCategory == .nonspacingMark
    }

    private func isLetterOrDigit(_ p: Int) -> Bool { isWordPiece(p) || (p < pieces.count && pieces[p].kind == .number) }

    /// Piece `p` exists and touches the one before it.
    private func attached(_ p: Int) -> Bool { p < pieces.count && !pieces[p].spaceBefore }

    private func isSymbol(_ p: Int, _ scalars: Unicode.Scalar...) -> Bool {
        p < pieces.count && pieces[p].kind == .symbol && scalars.contains { UInt64($0.value) == pieces[p].key }
    }

    private func isApostrophe(_ p: Int) -> Bool { isSymbol(p, "'", "\u{2019}") }

    private func isLetters(_ p: Int, _ word: StaticString) -> Bool {
        p < pieces.count && pieces[p].kind == .word && pieces[p].length == word.utf8CodeUnitCount && pieces[p].key == WordKey.pack(word)
    }

    /// The `n` of `n't`, which the piece scanner cut from the word before it ("do|n't").
    private func isNegationN(_ p: Int) -> Bool {
        isLetters(p, "n") && attached(p + 1) && isApostrophe(p + 1) && attached(p + 2) && isLetters(p + 2, "t")
    }

    /// Letters, digits, inner hyphens and apostrophes, acronym periods; a final abbreviation period.
    private func wordEnd(from start: Int) -> Int {
        var p = start + 1
        while p < pieces.count, attached(p) {
            if isLetterOrDigit(p), !isNegationN(p) {
                p += 1
            } else if isSymbol(p, "-", "\u{2010}", "\u{2011}"), attached(p + 1), isLetterOrDigit(p + 1) {
                p += 2
            } else if isApostrophe(p), attached(p + 1), isWordPiece(p + 1), !isCliticLetters(p + 1) {
                p += 2 // O'Brien, Côte d'Ivoire; not the possessive or a clitic
            } else if isSymbol(p, "."), attached(p + 1), isWordPiece(p + 1), pieces[p + 1].length == 1, attached(p + 2), isSymbol(p + 2, "."),
                      p - start == 1, pieces[start].length == 1 {
                p += 2 // U.S., U.N.: single letters joined by periods
            } else {
                break
            }
        }
        if p < pieces.count, attached(p), isSymbol(p, ".") {
            let word = lowercasedText(start..<p)
            let isInitial = p - start == 1 && pieces[start].length == 1 && pieces[start].isCapitalized
            let isAcronym = word.unicodeScalars.contains(".")
            if isInitial || isAcronym || Tokenizer.abbreviations.contains(word) { p += 1 }
        }
        return p
    }

    /// The letters of a clitic or possessive after an apostrophe: `s`, `re`, `ll`, `ve`, `m`, `d`,
    /// then no letter.
    private func isCliticLetters(_ p: Int) -> Bool {
        guard p < pieces.count, pieces[p].kind == .word, !isWordPiece(p + 1) || !attached(p + 1) else { return false }
        return isLetters(p, "s") || Tokenizer.clitics.contains(lowercasedText(p..<p + 1))
    }

    /// Digits with letters ("1990s", "3rd"), separators between digits ("2,500", "16/11/2004",
    /// "12:30", "713-555-0100"), a hyphen before letters ("10-year"), a final percent sign.
    private func numberEnd(from start: Int) -> Int {
        var p = start + 1
        while p < pieces.count, attached(p) {
            if isLetterOrDigit(p) {
                p += 1
            } else if isSymbol(p, ".", ",", "-", "/", ":"), attached(p + 1), p + 1 < pieces.count, pieces[p + 1].kind == .number
                        || isSymbol(p, "-") && isWordPiece(p + 1) {
                p += 2
            } else if isSymbol(p, "%") {
                return p + 1
            } else {
                break
            }
        }
        return p
    }

    /// `'s`, `n't` and `'re`-like clitics after a word, or a bare `'` after a word ending in s
    /// ("allies'").
    private func cliticEnd(at p: Int) -> (end: Int, kind: TokenKind)? {
        guard let previous = tokens.last, previous.kind == .word, p > 0, !pieces[p].spaceBefore else { return nil }
        if attached(p + 1), isCliticLetters(p + 1) {
            return (p + 2, isLetters(p + 1, "s") ? .possessive : .word)
        }
        if previous.lower.hasSuffix("s"), !(attached(p + 1) && isWordPiece(p + 1)) { return (p + 1, .possessive) }
        return nil
    }

    // MARK: - Making tokens

    private mutating func emit(_ range: Range<Int>, _ kind: TokenKind) {
        let start = pieces[range.lowerBound].start, end = pieces[range.upperBound - 1].end
        let entry = spellings.index(scalars, start, end) { [classifier] in
            let lower = Self.lowercased(scalars, start, end, buffer: &bytes)
            let lemma = kind == .word ? Lemmatizer.lemma(ofLowercased: lower) : lower
            return SpellingTable.Entry(lower: lower, lemma: lemma,
                                       classes: kind == .word ? classifier.classes(lower: lower, lemma: lemma) : [])
        }
        let first = pieces[range.lowerBound]
        tokens.append(Token(start: start, end: end, lower: spellings.entries[entry].lower, lemma: spellings.entries[entry].lemma,
                            kind: kind, classes: spellings.entries[entry].classes, isCapitalized: Self.isUpper(scalars[start]),
                            startsParagraph: first.newlineBefore, pieces: range))
    }

    private func lowercasedText(_ range: Range<Int>) -> String {
        var buffer: [UInt8] = []
        return Self.lowercased(scalars, pieces[range.lowerBound].start, pieces[range.upperBound - 1].end, buffer: &buffer)
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

    private static func isUpper(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x80 ? c.value >= 0x41 && c.value <= 0x5A : c.properties.isUppercase
    }

    static func punctuationKind(_ c: Unicode.Scalar) -> TokenKind {
        switch c {
        case "\u{201C}", "\u{00AB}", "\u{201E}": .openQuote
        case "\u{201D}", "\u{00BB}": .closeQuote
        case "\"": .straightQuote
        case ".", "!", "?", "\u{2026}": .terminal
        case ",": .comma
        case ":", ";": .colon
        case "-", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}": .dash
        case "(", "[": .openParen
        case ")", "]": .closeParen
        default: .symbol
        }
    }
}
