/// Finds multi-word phrases in a token sequence by longest match, keyed on a per-token string
/// (lemmas for topic cues, lowercased forms for actor names).
///
/// A dictionary from first key to candidate phrases keeps each lookup to a handful of
/// comparisons, so matching a whole article costs one hash per token.
struct PhraseIndex<Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        var keys: [String]
        var value: Value
    }

    private var byFirstKey = WordTable<[Entry]>()

    var isEmpty: Bool { byFirstKey.isEmpty }

    /// The words phrases start with.
    var firstKeys: [String] { byFirstKey.keys }

    mutating func insert(_ keys: [String], _ value: Value) {
        guard let first = keys.first else { return }
        var entries = byFirstKey[first] ?? []
        entries.append(Entry(keys: keys, value: value))
        entries.sort { $0.keys.count > $1.keys.count }
        byFirstKey[first] = entries
    }

    /// The longest phrase starting at `position`: its length in tokens and its value.
    /// `key` gives the comparison string of token `i`, or nil past the end of the searchable range.
    func longestMatch(at position: Int, key: (Int) -> String?) -> (length: Int, value: Value)? {
        guard let first = key(position), let entries = byFirstKey[first] else { return nil }
        for entry in entries {
            var matched = true
            for offset in 1..<entry.keys.count where key(position + offset) != entry.keys[offset] {
                matched = false
                break
            }
            if matched { return (entry.keys.count, entry.value) }
        }
        return nil
    }
}

extension PhraseIndex {
    /// The comparison keys of a lexicon phrase: the phrase tokenised like the document.
    static func keys(of phrase: String, lemmatized: Bool) -> [String] {
        Tokenizer.tokenize(phrase).map { lemmatized ? $0.lemma : $0.lower }
    }
}
