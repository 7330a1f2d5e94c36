/// What a token is, as far as the rules built on top of tokens care.
enum TokenKind: Sendable, Hashable {
    case word
    case number
    /// `'s` or a bare `'` after a plural: marks the preceding word as a possessor.
    case possessive
    case openQuote
    case closeQuote
    /// A straight `"` whose direction is decided per paragraph by ``QuoteFinder``.
    case straightQuote
    /// `.`, `!`, `?`: may end a sentence.
    case terminal
    case comma
    /// `:` or `;`.
    case colon
    /// `-`, `–`, `—` standing alone.
    case dash
    case openParen
    case closeParen
    case symbol
}

/// One token of the document, with its span in Unicode scalars of the document text.
struct Token: Sendable, Hashable {
    var start: Int
    var end: Int
    /// The word lowercased (curly apostrophes folded to `'`). The written form is
    /// ``Doc/spelling(of:)``: keeping it out of every token saves a string copy per read.
    var lower: String
    /// The matching key of ``Lemmatizer``: topic cues and verb lists are compared on it.
    var lemma: String
    var kind: TokenKind
    /// The closed word lists the word belongs to.
    var classes: WordClass
    /// First scalar is an uppercase letter.
    var isCapitalized: Bool
    /// A line break precedes this token: news text puts one paragraph per line.
    var startsParagraph: Bool
    /// The document's pieces this token is made of.
    var pieces: Range<Int>

    var isWord: Bool { kind == .word }
    func `is`(_ c: WordClass) -> Bool { classes.contains(c) }
    /// Whether the token is the given linking word ("and", "but", "that", "as", "or", "long"):
    /// the class bit rejects most tokens before any string comparison.
    func isLink(_ word: String) -> Bool { classes.contains(.clauseLink) && lower == word }
    /// A verb an actor is the subject of: recognising an unknown one-word name needs one of them.
    var isActorVerb: Bool { !classes.isDisjoint(with: [.speechVerb, .stanceVerb]) }
    var isQuote: Bool { kind == .openQuote || kind == .closeQuote || kind == .straightQuote }
}
