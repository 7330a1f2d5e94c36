/// The 17 Universal Dependencies part-of-speech tags (the UPOS column of CoNLL-U).
///
/// An enum rather than a string so that callers can switch over the tag set exhaustively and the
/// tagger can store a tag in one byte. The raw values are the exact spellings used in CoNLL-U files.
public enum UniversalTag: UInt8, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    case adj, adp, adv, aux, cconj, det, intj, noun, num, part, pron, propn, punct, sconj, sym, verb, x

    /// The CoNLL-U spelling, e.g. `PROPN`.
    public var description: String { Self.names[Int(rawValue)] }

    /// Parses the CoNLL-U spelling (upper case, as in the UPOS column); `nil` for anything else.
    public init?(_ name: some StringProtocol) {
        guard let index = Self.names.firstIndex(where: { $0 == name }) else { return nil }
        self.init(rawValue: UInt8(index))
    }

    /// True for the open classes whose members are mostly content words.
    public var isOpenClass: Bool {
        switch self {
        case .adj, .adv, .intj, .noun, .propn, .verb: return true
        default: return false
        }
    }

    static let names: [String] = [
        "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
        "PUNCT", "SCONJ", "SYM", "VERB", "X",
    ]
}
