import ClaimModel

/// The actor gazetteer of a ``Lexicon``, compiled for lookup by token sequences.
struct Gazetteer: Sendable {
    /// What a gazetteer phrase stands for.
    struct Hit: Sendable, Hashable {
        var entry: Int
        /// A capital or seat of government standing for the actor.
        var isMetonym: Bool
        /// The phrase is written capitalised in the lexicon, so a lowercase match is a common word.
        var needsCapital: Bool
    }

    let entries: [GazetteerEntry]
    private(set) var names = PhraseIndex<Hit>()
    private(set) var demonyms = PhraseIndex<Int>()
    /// Surnames of the persons in the gazetteer, so "Ostmark" finds "Halvard Ostmark".
    private(set) var surnames = WordTable<Int>()

    init(_ entries: [GazetteerEntry]) {
        self.entries = entries
        for (index, entry) in entries.enumerated() {
            for name in [entry.name] + entry.aliases {
                insertName(name, Hit(entry: index, isMetonym: false, needsCapital: Gazetteer.isCapitalised(name)))
            }
            for name in entry.metonyms {
                insertName(name, Hit(entry: index, isMetonym: true, needsCapital: Gazetteer.isCapitalised(name)))
            }
            for demonym in entry.demonyms {
                demonyms.insert(PhraseIndex<Int>.keys(of: demonym, lemmatized: false), index)
            }
            if entry.kind == .person, let last = PhraseIndex<Hit>.keys(of: entry.name, lemmatized: false).last,
               last.count > 2 {
                for key in ActorVocabulary.surnameKeys(last) where surnames[key] == nil { surnames[key] = index }
            }
        }
    }

    private mutating func insertName(_ name: String, _ hit: Hit) {
        let keys = PhraseIndex<Hit>.keys(of: name, lemmatized: false)
        names.insert(keys, hit)
        // "the Kremlin" is also written "Kremlin"; "the bloc" only ever with its article.
        if keys.count > 1, keys[0] == "the", hit.needsCapital || Gazetteer.isCapitalised(String(name.dropFirst(4))) {
            names.insert(Array(keys.dropFirst()), hit)
        }
    }

    private static func isCapitalised(_ name: String) -> Bool {
        name.unicodeScalars.contains { $0.properties.isUppercase }
    }

    func ref(_ entry: Int) -> ActorRef {
        let e = entries[entry]
        return ActorRef(name: e.name, kind: e.kind, role: e.role, affiliation: e.affiliation)
    }
}
