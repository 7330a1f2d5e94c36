/// The finest unit of a document: a run of ASCII letters, a run of ASCII digits, or a single
/// other non-space scalar. The temporal tagger reads pieces (`3/4/2025` is five of them);
/// ``Tokenizer`` groups them into the document's tokens, the words of the parse.
///
/// Pieces carry both scalar offsets (what ``Timex`` reports) and UTF-8 offsets (to cut the
/// covered text without walking the string again), so the tagger never indexes a `String`.
struct Piece: Sendable {
    enum Kind: UInt8, Sendable {
        case word, number, symbol
    }

    var kind: Kind
    /// Scalar offsets into the text, end exclusive.
    var start: Int
    var end: Int
    /// UTF-8 offsets into the text, end exclusive.
    var byteStart: Int
    var byteEnd: Int
    /// Words: the lowercased letters packed by ``WordKey``. Numbers: the value (or -1 when it has
    /// more than 9 digits). Symbols: the scalar value.
    var key: UInt64
    /// Letters or digits in the token.
    var length: Int
    var isCapitalized: Bool
    /// Whitespace separates this token from the one before.
    var spaceBefore: Bool
    /// A line break separates this token from the one before.
    var newlineBefore: Bool

    var number: Int { kind == .number ? Int(truncatingIfNeeded: key) : -1 }

    func isSymbol(_ scalar: Unicode.Scalar) -> Bool { kind == .symbol && key == UInt64(scalar.value) }

    func isWord(_ word: UInt64) -> Bool { kind == .word && key == word }

    /// An apostrophe, straight or typographic.
    var isApostrophe: Bool { kind == .symbol && (key == 0x27 || key == 0x2019) }

    /// A hyphen or dash that joins or separates words.
    var isDash: Bool { kind == .symbol && (key == 0x2D || key == 0x2010 || key == 0x2011 || key == 0x2013 || key == 0x2014) }

    /// Ends a sentence or clause for the purpose of finding tense cues.
    var isClauseBoundary: Bool {
        kind == .symbol && (key == 0x2E || key == 0x21 || key == 0x3F || key == 0x3B)
    }
}

/// Packs a lowercase ASCII word of up to 12 letters into an integer, so the lexicon is a
/// dictionary keyed by `UInt64` and scanning allocates no strings.
enum WordKey {
    /// The key of words longer than 12 letters: no lexicon entry has it.
    static let overflow = UInt64.max
    static let maxLetters = 12

    static func pack(_ word: StaticString) -> UInt64 {
        var key: UInt64 = 0
        word.withUTF8Buffer { bytes in
            precondition(bytes.count <= maxLetters)
            for b in bytes { key = append(key, b) }
        }
        return key
    }

    /// Appends one ASCII letter (either case) to a key.
    @inline(__always)
    static func append(_ key: UInt64, _ letter: UInt8) -> UInt64 {
        (key << 5) | UInt64((letter | 0x20) &- 0x60)
    }
}

/// Splits UTF-8 text into ``Piece``s in one pass.
///
/// A letter run ending in `n` before `'t` ("don't", "can't") ends one letter early, so that
/// the negation `n't` can be a token of its own, as in the treebank the parser learnt from.
enum PieceScanner {
    static func pieces(of text: String) -> [Piece] {
        var text = text
        return text.withUTF8 { pieces(of: $0) }
    }

    static func pieces(of bytes: UnsafeBufferPointer<UInt8>) -> [Piece] {
        var tokens: [Piece] = []
        tokens.reserveCapacity(bytes.count / 5)
        var i = 0
        var scalar = 0
        var space = true
        var newline = true
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if isASCIILetter(b) {
                let s = i, sc = scalar
                var key: UInt64 = 0
                while i < n, isASCIILetter(bytes[i]) {
                    if i - s >= 1, isNegationClitic(bytes, at: i) { break }
                    if i - s < WordKey.maxLetters { key = WordKey.append(key, bytes[i]) }
                    i += 1
                }
                if i - s > WordKey.maxLetters { key = WordKey.overflow }
                scalar += i - s
                tokens.append(Piece(kind: .word, start: sc, end: scalar, byteStart: s, byteEnd: i, key: key,
                                            length: i - s, isCapitalized: b < 0x61, spaceBefore: space, newlineBefore: newline))
                space = false
                newline = false
            } else if b >= 0x30 && b <= 0x39 {
                let s = i, sc = scalar
                var value = 0
                while i < n, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                    if i - s < 9 { value = value * 10 + Int(bytes[i] - 0x30) }
                    i += 1
                }
                if i - s > 9 { value = -1 }
                scalar += i - s
                tokens.append(Piece(kind: .number, start: sc, end: scalar, byteStart: s, byteEnd: i,
                                            key: UInt64(bitPattern: Int64(value)), length: i - s, isCapitalized: false,
                                            spaceBefore: space, newlineBefore: newline))
                space = false
                newline = false
            } else if b < 0x80 {
                if b == 0x20 || b == 0x09 || b == 0x0D {
                    space = true
                } else if b == 0x0A || b == 0x0B || b == 0x0C {
                    space = true
                    newline = true
                } else if b >= 0x21 {
                    tokens.append(Piece(kind: .symbol, start: scalar, end: scalar + 1, byteStart: i, byteEnd: i + 1,
                                                key: UInt64(b), length: 1, isCapitalized: false, spaceBefore: space, newlineBefore: newline))
                    space = false
                    newline = false
                } else {
                    space = true
                }
                i += 1
                scalar += 1
            } else {
                let width = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                var value = UInt32(b) & (width == 4 ? 0x07 : width == 3 ? 0x0F : 0x1F)
                var j = i + 1
                while j < i + width, j < n {
                    value = (value << 6) | UInt32(bytes[j] & 0x3F)
                    j += 1
                }
                if isUnicodeSpace(value) {
                    space = true
                    if value == 0x2028 || value == 0x2029 || value == 0x85 { newline = true }
                } else {
                    tokens.append(Piece(kind: .symbol, start: scalar, end: scalar + 1, byteStart: i, byteEnd: j,
                                                key: UInt64(value), length: 1, isCapitalized: false, spaceBefore: space, newlineBefore: newline))
                    space = false
                    newline = false
                }
                i = j
                scalar += 1
            }
        }
        return tokens
    }

    @inline(__always)
    static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// `n't` starts at `i`: an `n`, an apostrophe (straight or U+2019), a `t`, then no letter.
    static func isNegationClitic(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard bytes[i] | 0x20 == UInt8(ascii: "n"), i + 2 < bytes.count else { return false }
        var t = i + 2
        if bytes[i + 1] == UInt8(ascii: "'") {
        } else if bytes[i + 1] == 0xE2, i + 4 < bytes.count, bytes[i + 2] == 0x80, bytes[i + 3] == 0x99 {
            t = i + 4
        } else {
            return false
        }
        guard bytes[t] | 0x20 == UInt8(ascii: "t") else { return false }
        return t + 1 >= bytes.count || !isASCIILetter(bytes[t + 1])
    }

    static func isUnicodeSpace(_ v: UInt32) -> Bool {
        v == 0xA0 || v == 0x85 || (v >= 0x2000 && v <= 0x200B) || v == 0x2028 || v == 0x2029 || v == 0x202F || v == 0x205F || v == 0x3000 || v == 0xFEFF
    }
}
