import ClaimModel

/// Words around the attribution cues of ``CueLexicon``, keyed by ``Lemmatizer`` lemma.
///
/// General English, not a property of any topic.
enum AttributionVocabulary {
    /// Verbs of saying: their complement is what the actor said (mode `indirect`). From `Resources/cues.toml`.
    static var speechVerbs: Set<String> { CueLexicon.embedded.speechKeys }

    /// Verbs that report a position without a speech act (mode `reported`), with the stance
    /// they give to the topic in their complement. From `Resources/cues.toml`.
    static var stanceVerbs: [String: Stance] { CueLexicon.embedded.positionKeys }

    /// "X accused Y of using grain as leverage" reports Y's conduct, not a position of X on
    /// the topics it names: such statements are quotations but make no claim.
    static func isAccusation(_ cue: Token) -> Bool { accusationVerbs.contains(cue.lemma) }

    private static let accusationVerbs: Set<String> = lemmas(of: ["accuse", "blame"], irregular: [])

    /// Adjectives of wanting that report a position after "be": "Brenmoor is eager for credits".
    static let desireAdjectives: Set<String> = ["desperate", "eager", "keen", "determined"]

    /// Words that, after a verb, make it a call for something ("called for a truce").
    static let appealParticles: Set<String> = ["for", "on"]

    /// Recipients and settings that sit between a verb of saying and its complement.
    static let speechSettings: Set<String> = lemmas(of: [
        "reporter", "journalist", "a", "the", "news", "conference", "briefing", "press", "parliament",
        "lawmaker", "interview", "statement", "television", "tv", "radio", "broadcaster", "newspaper",
        "state", "media", "also", "later", "on", "in", "at", "late", "during", "after", "before", "his",
        "her", "their", "its", "an", "joint", "address", "evening", "nightly", "video", "post", "told",
    ], irregular: [])

    /// Every inflection of the base verbs, as lemma keys, so that "urged", "urging" and "urges" all match.
    static func lemmas(of bases: [String], irregular: [String]) -> Set<String> {
        var keys: Set<String> = []
        for base in bases {
            let stem = base.hasSuffix("e") ? String(base.dropLast()) : base
            for form in [base, base + "s", stem + "ed", stem + "ing", base + "es", base + "d"] {
                keys.insert(Lemmatizer.lemma(ofLowercased: form))
            }
        }
        for form in irregular { keys.insert(Lemmatizer.lemma(ofLowercased: form)) }
        return keys
    }
}
