import ClaimModel

/// The verbs that attribute speech or a position to an actor, keyed by ``Lemmatizer`` lemma.
///
/// General English, not a property of any topic: "said", "insisted", "rejected", "urged".
enum AttributionVocabulary {
    /// Verbs of saying: their complement is what the actor said (mode `indirect`).
    static let speechVerbs: Set<String> = lemmas(of: [
        "say", "tell", "add", "insist", "stress", "warn", "argue", "claim", "announce", "note", "write",
        "state", "declare", "explain", "acknowledge", "admit", "assert", "confirm", "deny", "reiterate",
        "repeat", "suggest", "predict", "tweet", "post", "recall", "emphasise", "emphasize", "comment",
        "remark", "reply", "respond", "answer", "accuse", "signal", "indicate", "maintain", "contend",
        "hint", "concede", "complain", "caution", "describe", "call", "tell", "believe", "think",
        "hope", "expect", "fear", "agree", "underline", "observe", "report", "estimate", "allege",
        "assure", "reassure", "testify", "brief", "inform", "retort", "counter", "boast", "voice",
    ], irregular: ["said", "told", "wrote", "thought"])

    /// Verbs that report a position without a speech act (mode `reported`), with the stance
    /// they give to the topic in their complement.
    static let stanceVerbs: [String: Stance] = {
        var verbs: [String: Stance] = [:]
        for lemma in lemmas(of: [
            "urge", "call", "appeal", "demand", "pledge", "promise", "vow", "back", "endorse", "welcome",
            "hail", "support", "propose", "offer", "accept", "adopt", "approve", "impose", "order",
            "push", "seek", "champion", "praise", "favour", "favor", "float", "sign", "commit", "press",
            "want", "agree", "announce", "broker", "advocate", "embrace", "unveil", "ratify",
            "authorise", "authorize", "pursue", "request", "encourage", "outline", "reimpose", "tighten",
            "allocate", "finance", "fund", "threaten", "place", "slap", "introduce", "launch", "extend", "renew",
            "expand", "defend", "moot",
        ], irregular: []) { verbs[lemma] = .support }
        for lemma in lemmas(of: [
            "reject", "rebuff", "dismiss", "oppose", "condemn", "criticise", "criticize", "denounce",
            "refuse", "block", "veto", "resist", "decry", "slam", "blast", "scrap", "abandon", "cancel",
            "rule", "brush", "spurn", "object", "protest", "lambast", "attack", "derail", "stall",
            "boycott", "freeze", "suspend", "quit", "drop", "lift", "question", "doubt", "undermine",
        ], irregular: ["froze", "frozen"]) { verbs[lemma] = .oppose }
        return verbs
    }()

    /// "X accused Y of using energy as a weapon" reports Y's conduct, not a position of X on
    /// the topics it names: such statements are quotations but make no claim.
    static func isAccusation(_ cue: Token) -> Bool { accusationVerbs.contains(cue.lemma) }

    private static let accusationVerbs: Set<String> = lemmas(of: ["accuse", "blame"], irregular: [])

    /// Adjectives of wanting that report a position after "be": "Kyiv is desperate for weapons".
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
