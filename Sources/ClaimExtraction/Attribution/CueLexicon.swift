import ClaimModel
import TOMLKit

/// The attribution cues of `Resources/cues.toml`: verbs of saying and thinking, and verbs that
/// take a position, with the stance they take. Data, not code: the file documents each class and
/// carries examples the tests run.
struct CueLexicon: Sendable {
    enum Mode: String, Sendable {
        /// What was said or thought; the complement is the content.
        case speech
        /// A stance taken by word or deed; the object or complement is what it is about.
        case position
    }

    struct CueClass: Sendable {
        var name: String
        var mode: Mode
        var stance: Stance?
        var verbs: [String]
        /// `sentence => source | cue | content`.
        var examples: [String]
    }

    let classes: [CueClass]
    /// Base verb → its classes, for the tagger's lemmas.
    private let byBase: [String: [Int]]
    /// ``Lemmatizer`` keys of every inflection of the verbs of saying and thinking.
    let speechKeys: Set<String>
    /// ``Lemmatizer`` keys of every inflection of the position verbs, with their stance.
    let positionKeys: [String: Stance]

    init(classes: [CueClass]) {
        self.classes = classes
        var byBase: [String: [Int]] = [:]
        var speech: Set<String> = []
        var position: [String: Stance] = [:]
        for (index, cueClass) in classes.enumerated() {
            for verb in cueClass.verbs {
                byBase[verb, default: []].append(index)
                let keys = Self.inflectionKeys(of: verb)
                switch cueClass.mode {
                case .speech: speech.formUnion(keys)
                case .position:
                    if let stance = cueClass.stance { for key in keys where position[key] == nil { position[key] = stance } }
                }
            }
        }
        self.byBase = byBase
        speechKeys = speech
        positionKeys = position
    }

    /// The classes of a verb given by its dictionary lemma ("say" for "said").
    func classes(ofLemma lemma: String) -> [CueClass] {
        (byBase[lemma] ?? []).map { classes[$0] }
    }

    /// The ``Lemmatizer`` keys of every inflection of a base verb: "urge" → urge, urges, urged, urging.
    static func inflectionKeys(of base: String) -> Set<String> {
        let stem = base.hasSuffix("e") ? String(base.dropLast()) : base
        var forms = [base, base + "s", stem + "ed", stem + "ing", base + "es", base + "d"]
        // A final consonant doubles before a suffix: expel → expelled, commit → committing.
        if let last = base.last, !"aeiouwxy".contains(last) { forms += [base + String(last) + "ed", base + String(last) + "ing"] }
        return Set(forms.map { Lemmatizer.lemma(ofLowercased: $0) })
    }

    /// The lexicon compiled into the binary.
    static let embedded: CueLexicon = {
        // The embedded file is part of the build and is parsed by the tests; failure is a build defect.
        try! parse(String(decoding: PackageResources.cues_toml, as: UTF8.self))
    }()

    static func parse(_ toml: String) throws -> CueLexicon {
        let table = try TOMLTable(string: toml)
        let classes = try (table["class"]?.array ?? TOMLArray()).enumerated().map { index, item -> CueClass in
            guard let entry = item.table, let name = entry["name"]?.string, let mode = entry["mode"]?.string.flatMap(Mode.init(rawValue:)) else {
                throw LexiconError.invalid(file: "cues", entry: index + 1, reason: "every [[class]] needs a name and a mode (speech or position)")
            }
            let stance = entry["stance"]?.string.flatMap(Stance.init(rawValue:))
            func strings(_ key: String) -> [String] { (entry[key]?.array ?? TOMLArray()).compactMap { $0.string } }
            return CueClass(name: name, mode: mode, stance: stance, verbs: strings("verbs"), examples: strings("examples"))
        }
        return CueLexicon(classes: classes)
    }
}
