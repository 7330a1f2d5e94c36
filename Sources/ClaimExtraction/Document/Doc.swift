import ClaimModel

/// A sentence as a range of token indices, with the paragraph it belongs to.
struct Sentence: Sendable, Hashable {
    var tokens: Range<Int>
    var paragraph: Int
}

/// One document as every stage of extraction reads and extends it, as spaCy's `Doc` is.
///
/// Made here, once: the text, its pieces (what the temporal tagger reads) and tokens (words,
/// each a run of pieces), sentences and paragraphs. The pipeline's components (see
/// ``Extractor``) then add a layer each, in order: syntax (tags, lemmas, dependencies),
/// timexes, quotations, actor mentions, attributions and their dates, claims and events.
/// Every layer indexes into `tokens`.
struct Doc: Sendable {
    let scalars: [Unicode.Scalar]
    /// UTF-8 of the text and, per scalar offset, where it starts in it: cutting spans out of
    /// bytes is a copy, building them scalar by scalar is not.
    private let utf8: [UInt8]
    private let byteOffset: [Int32]
    /// The finest units of the text, from which the tokens are made.
    let pieces: [Piece]
    private(set) var tokens: [Token]
    private(set) var sentences: [Sentence] = []
    /// For each token, the index of its sentence.
    private(set) var sentenceOf: [Int] = []
    /// For each paragraph, the tokens it spans.
    private(set) var paragraphs: [Range<Int>] = []
    /// The document date: what relative dates resolve against.
    let dct: CalendarDay

    // MARK: Layers, added by the pipeline's components

    /// Part-of-speech tags, lemmas and dependencies (``SyntaxAnnotator``).
    var syntax = SyntaxLayer()
    /// DATE, TIME, DURATION and SET expressions, with the tokens they cover (``TemporalAnnotator``).
    var timexes: [TokenTimex] = []
    /// Direct quotations, and for each token whether it lies inside one (``QuotationAnnotator``).
    var quotations: [QuoteSpan] = []
    var insideQuote: [Bool] = []
    /// The actors the text names and where (``ActorAnnotator``, ``CoreferenceResolver``).
    var mentions: [Mention] = []
    var actors = ActorTable()
    /// Who speaks in the document's own voice: its issuer, its transcript turns (``VoiceAnnotator``).
    var voices = DocumentVoices()
    /// Where the text names a topic of the taxonomy, and what the article is about (``TopicAnnotator``).
    var topics = TopicAssigner.Discourse(hits: [], headline: nil)
    /// Who said or holds what (``AttributionAnnotator``), each with its date (``AttributionDater``).
    var attributions: [Attribution] = []
    var attributionDates: [TimeValue] = []
    /// What the extraction reports (``ClaimMaker``, ``EventAnnotator``).
    var claims: [Claim] = []
    var quotes: [Quote] = []
    var events: [Event] = []

    init(_ text: String, dct: CalendarDay = CalendarDay(year: 1970, month: 1, day: 1)!, classifier: WordClassifier = .standard) {
        self.dct = dct
        scalars = Array(text.unicodeScalars)
        utf8 = Array(text.utf8)
        var offsets: [Int32] = []
        offsets.reserveCapacity(scalars.count + 1)
        var byte: Int32 = 0
        for c in scalars {
            offsets.append(byte)
            byte += Int32(UTF8.width(c))
        }
        offsets.append(byte)
        byteOffset = offsets
        pieces = utf8.withUnsafeBufferPointer { PieceScanner.pieces(of: $0) }
        tokens = Tokenizer.tokenize(pieces, scalars: scalars, classifier: classifier)
        orientStraightQuotes()
        splitSentences()
        for sentence in sentences {
            if sentence.paragraph < paragraphs.count {
                paragraphs[sentence.paragraph] = paragraphs[sentence.paragraph].lowerBound..<sentence.tokens.upperBound
            } else {
                while paragraphs.count < sentence.paragraph { paragraphs.append(sentence.tokens.lowerBound..<sentence.tokens.lowerBound) }
                paragraphs.append(sentence.tokens)
            }
        }
    }

    /// The tokens covering `pieces`: the first one whose pieces reach them, through the last.
    func tokens(coveringPieces pieces: Range<Int>) -> Range<Int> {
        let first = tokens.indices(startingIn: 0..<pieces.lowerBound + 1, start: \.pieces.lowerBound).upperBound - 1
        let last = tokens.indices(startingIn: 0..<pieces.upperBound, start: \.pieces.lowerBound).upperBound
        return max(0, first)..<max(max(0, first) + 1, last)
    }

    /// The first paragraph when it has no full stop and is short: the headline, which restates
    /// the body in telegraphic form ("Ukraine backs truce plan").
    var headline: Range<Int>? {
        guard let first = sentences.first, first.paragraph == 0, paragraphs[0].count <= Doc.maximumHeadlineTokens else { return nil }
        let last = tokens[first.tokens.upperBound - 1].kind
        guard last == .terminal || last == .closeQuote else { return paragraphs[0] }
        return paragraphs.count > 1 && isTitleCase(paragraphs[0]) ? paragraphs[0] : nil
    }

    /// "Norland Will Not Accept a Truce on These Terms.": most words capitalised, as titles are
    /// (and sentences are not), even when the title ends in a full stop.
    func isTitleCase(_ range: Range<Int>) -> Bool {
        let words = range.filter { tokens[$0].kind == .word && tokens[$0].lower.count > 3 }
        return words.count >= 4 && words.filter { tokens[$0].isCapitalized }.count * 10 >= words.count * 8
    }

    /// The dateline opening the body ("VELM, Aug 20 (Wirepress) -"): the place, date and agency
    /// before the dash, within the first paragraphs. Its place names where the story was filed,
    /// not who acts in it.
    var dateline: Range<Int>? {
        for paragraph in paragraphs.prefix(3) {
            let head = paragraph.prefix(14)
            guard let dash = head.first(where: { tokens[$0].kind == .dash }), dash > paragraph.lowerBound,
                  tokens[dash - 1].kind == .closeParen || tokens[dash - 1].kind == .number || tokens[dash - 1].kind == .comma else { continue }
            return paragraph.lowerBound..<dash
        }
        return nil
    }

    /// Whether `sentence` is the headline's, which restates the body and so attributes nothing of its own.
    func isHeadline(_ sentence: Sentence) -> Bool {
        headline?.contains(sentence.tokens.lowerBound) ?? false
    }

    /// The tokens of paragraph `index`.
    func paragraphTokens(_ index: Int) -> Range<Int> { paragraphs[index] }

    /// Tokens a sentence may hold before it is cut, whatever its punctuation: every rule reading
    /// a sentence is then bounded, however long a run of text without full stops (a table, a
    /// list, a broken file) is.
    static let maximumSentenceTokens = 250
    /// Longer first paragraphs without a full stop are text that lacks them, not a headline.
    static let maximumHeadlineTokens = 60

    /// The document text between two scalar offsets.
    func text(_ start: Int, _ end: Int) -> String {
        let from = Int(byteOffset[max(0, start)]), to = Int(byteOffset[min(end, scalars.count)])
        return from < to ? String(decoding: utf8[from..<to], as: UTF8.self) : ""
    }

    /// A token as written, curly apostrophes folded to `'` as in its lowercased form.
    func spelling(of token: Int) -> String {
        let written = text(tokens[token].start, tokens[token].end)
        guard written.unicodeScalars.contains("\u{2019}") else { return written }
        return String(String.UnicodeScalarView(written.unicodeScalars.map { $0 == "\u{2019}" ? "'" : $0 }))
    }

    /// The text covered by a token range, from the first token's start to the last one's end.
    func text(tokens range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        return text(tokens[range.lowerBound].start, tokens[range.upperBound - 1].end)
    }

    /// Straight quotes alternate open/close within a paragraph; a paragraph break resets them,
    /// because a quote running on to the next paragraph is reopened there by convention.
    private mutating func orientStraightQuotes() {
        var open = false
        for i in tokens.indices {
            if tokens[i].startsParagraph { open = false }
            switch tokens[i].kind {
            case .straightQuote:
                tokens[i].kind = open ? .closeQuote : .openQuote
                open.toggle()
            case .openQuote: open = true
            case .closeQuote: open = false
            default: break
            }
        }
    }

    /// Words after which an acronym's period ("U.S.") also ends the sentence.
    private static let sentenceStarters: Set<String> = [
        "the", "he", "she", "it", "they", "we", "i", "but", "in", "on", "a", "an", "this", "that",
        "there", "his", "her", "their", "its", "after", "as", "at", "on", "for",
    ]

    private mutating func splitSentences() {
        var paragraph = 0
        var start = 0
        var i = 0
        sentenceOf = Array(repeating: 0, count: tokens.count)
        func close(_ end: Int) {
            guard end > start else { return }
            sentences.append(Sentence(tokens: start..<end, paragraph: paragraph))
            for t in start..<end { sentenceOf[t] = sentences.count - 1 }
            start = end
        }
        while i < tokens.count {
            if i - start >= Doc.maximumSentenceTokens { close(i) }
            if i > start, tokens[i].startsParagraph {
                close(i)
                paragraph += 1
            } else if i == start, tokens[i].startsParagraph, i > 0 {
                paragraph += 1
            }
            if endsSentence(at: i) {
                var end = i + 1
                while end < tokens.count, !tokens[end].startsParagraph,
                      tokens[end].kind == .closeQuote || tokens[end].kind == .closeParen || tokens[end].kind == .terminal {
                    end += 1
                }
                if end >= tokens.count || tokens[end].startsParagraph || startsNewSentence(end) {
                    close(end)
                    i = end
                    continue
                }
            }
            i += 1
        }
        close(tokens.count)
    }

    private func endsSentence(at i: Int) -> Bool {
        let t = tokens[i]
        if t.kind == .terminal { return true }
        // "… approved by the U.N. The vote …": an acronym's period doubles as a full stop.
        if t.kind == .word, t.lower.utf8.last == UInt8(ascii: "."), t.lower.utf8.dropLast().contains(UInt8(ascii: ".")), i + 1 < tokens.count {
            return Doc.sentenceStarters.contains(tokens[i + 1].lower) && tokens[i + 1].isCapitalized
        }
        return false
    }

    private func startsNewSentence(_ i: Int) -> Bool {
        let t = tokens[i]
        return t.isCapitalized || t.kind == .openQuote || t.kind == .number || t.kind == .openParen || t.kind == .dash
    }
}
