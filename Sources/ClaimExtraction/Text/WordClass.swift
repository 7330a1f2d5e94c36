/// The closed word lists a token belongs to, worked out once per distinct word of a document.
///
/// The rules ask "is this a role noun? an auxiliary? a verb of saying?" many times per token;
/// a bit test instead of hashing the word again for every list keeps extraction under a
/// millisecond per article. The lists themselves stay where their meaning is documented
/// (``ActorVocabulary``, ``AttributionVocabulary``, ``StanceVocabulary``).
struct WordClass: OptionSet, Sendable, Hashable {
    let rawValue: UInt32

    static let roleHead = WordClass(rawValue: 1 << 0)
    static let roleModifier = WordClass(rawValue: 1 << 1)
    static let groupHead = WordClass(rawValue: 1 << 2)
    static let institutionHead = WordClass(rawValue: 1 << 3)
    static let organisationHead = WordClass(rawValue: 1 << 4)
    static let nameParticle = WordClass(rawValue: 1 << 5)
    static let notName = WordClass(rawValue: 1 << 6)
    static let preposition = WordClass(rawValue: 1 << 7)
    static let locativePreposition = WordClass(rawValue: 1 << 8)
    static let auxiliary = WordClass(rawValue: 1 << 9)
    static let adverb = WordClass(rawValue: 1 << 10)
    static let timeWord = WordClass(rawValue: 1 << 11)
    static let negation = WordClass(rawValue: 1 << 12)
    /// A verb of saying, by lemma.
    static let speechVerb = WordClass(rawValue: 1 << 13)
    /// A verb reporting a position, by lemma.
    static let stanceVerb = WordClass(rawValue: 1 << 14)
    static let governmentRole = WordClass(rawValue: 1 << 15)
    static let condition = WordClass(rawValue: 1 << 16)
    static let hedge = WordClass(rawValue: 1 << 17)
    /// Waiting words ("study", "review"), by lemma.
    static let waiting = WordClass(rawValue: 1 << 18)
    /// Negative judgements ("unacceptable"), by lemma.
    static let negativeJudgement = WordClass(rawValue: 1 << 19)
    /// Verbs that oppose whatever they govern, by lemma.
    static let opposingVerb = WordClass(rawValue: 1 << 20)
    /// A trigger word of an event code, by lemma.
    static let eventTrigger = WordClass(rawValue: 1 << 21)
    /// Words other than verbs that introduce an attribution: "according (to)", "desperate (for)".
    static let attributionCue = WordClass(rawValue: 1 << 22)
    /// Words that can open an anaphor: "he", "they", "the", "its" …
    static let anaphorStart = WordClass(rawValue: 1 << 23)
    /// First word of a gazetteer name, by lowercased form.
    static let nameStart = WordClass(rawValue: 1 << 24)
    /// First word of a demonym, by lowercased form.
    static let demonymStart = WordClass(rawValue: 1 << 25)
    /// First word of a topic cue, by lemma.
    static let topicStart = WordClass(rawValue: 1 << 26)
    /// Words that link or open clauses ("and", "but", "that", "as", "or", "while" …): tested
    /// before comparing a token with one of them.
    static let clauseLink = WordClass(rawValue: 1 << 27)
    static let modal = WordClass(rawValue: 1 << 28)

    /// Every listed word with its classes, so that classifying a word is one lookup per key.
    fileprivate static let byLowercased: WordTable<WordClass> = {
        var table = WordTable<WordClass>()
        func add(_ words: Set<String>, _ flag: WordClass) { for w in words { table[w, default: []].insert(flag) } }
        add(ActorVocabulary.roleHeads, .roleHead)
        add(ActorVocabulary.roleModifiers, .roleModifier)
        add(ActorVocabulary.groupHeads, .groupHead)
        add(ActorVocabulary.institutionHeads, .institutionHead)
        add(ActorVocabulary.organisationHeads, .organisationHead)
        add(ActorVocabulary.nameParticles, .nameParticle)
        add(ActorVocabulary.notNames, .notName)
        add(ActorVocabulary.prepositions, .preposition)
        add(ActorVocabulary.locativePrepositions, .locativePreposition)
        add(ActorVocabulary.governmentRoles, .governmentRole)
        add(AttributionFinder.auxiliaries, .auxiliary)
        add(AttributionFinder.adverbs, .adverb)
        add(AttributionFinder.timeWords, .timeWord)
        add(StanceVocabulary.negations, .negation)
        add(StanceVocabulary.conditions, .condition)
        add(StanceVocabulary.hedges, .hedge)
        add(AttributionVocabulary.desireAdjectives.union(["according"]), .attributionCue)
        add(["he", "she", "they", "it", "the", "their", "its", "i", "we", "our", "my", "you", "whose", "a", "an"], .anaphorStart)
        add(["and", "but", "that", "as", "or", "while", "whereas", "although", "though", "long"], .clauseLink)
        add(["could", "would", "will", "can", "may", "might", "must", "should", "shall"], .modal)
        return table
    }()

    fileprivate static let byLemma: WordTable<WordClass> = {
        var table = WordTable<WordClass>()
        for w in ActorVocabulary.governmentRoles { table[w, default: []].insert(.governmentRole) }
        for w in AttributionVocabulary.speechVerbs { table[w, default: []].insert(.speechVerb) }
        for w in AttributionVocabulary.stanceVerbs.keys { table[w, default: []].insert(.stanceVerb) }
        for w in StanceVocabulary.waiting { table[w, default: []].insert(.waiting) }
        for w in StanceVocabulary.negativeJudgements { table[w, default: []].insert(.negativeJudgement) }
        for w in StanceVocabulary.opposingVerbs { table[w, default: []].insert(.opposingVerb) }
        for w in EventVocabulary.triggers.keys { table[w, default: []].insert(.eventTrigger) }
        return table
    }()
}

/// Gives each word its classes: the closed lists of the language, and the first words of the
/// lexicon's phrases (actor names, demonyms, topic cues), so that phrase lookups only start
/// where a phrase can.
///
/// A class: the tokenizer consults it for every new word, and copying a struct of tables
/// there cost a retain and a release per table.
final class WordClassifier: Sendable {
    private let byLowercased: WordTable<WordClass>
    private let byLemma: WordTable<WordClass>

    /// The language's lists only: for tokenising the lexicon's own phrases.
    static let standard = WordClassifier(nameStarts: [], demonymStarts: [], topicStarts: [])

    init(nameStarts: [String], demonymStarts: [String], topicStarts: [String]) {
        var lower = WordClass.byLowercased
        var lemma = WordClass.byLemma
        for w in nameStarts { lower[w, default: []].insert(.nameStart) }
        for w in demonymStarts { lower[w, default: []].insert(.demonymStart) }
        for w in topicStarts { lemma[w, default: []].insert(.topicStart) }
        byLowercased = lower
        byLemma = lemma
    }

    func classes(lower: String, lemma: String) -> WordClass {
        let written = byLowercased[lower] ?? []
        return lemma == lower ? written.union(byLemma[lower] ?? []) : written.union(byLemma[lemma] ?? [])
    }
}
