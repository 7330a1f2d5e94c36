import ClaimModel

/// Decides the stance of a statement towards one topic it names.
///
/// Starts from the cue's own polarity ("rejected" opposes, "urged" supports, "said" is neutral
/// and so supports what follows), then reads the clause: a negation of the cue ("did not rule
/// out") or before the topic ("would not provide … guarantees"), a verb that reverses the
/// topic ("lift" sanctions), or a negative judgement ("unacceptable") flips it; a condition
/// ("if", "provided that", "as long as") or a hedge ("willing to consider") makes support
/// conditional; waiting words make it neutral.
struct StanceClassifier: Sendable {
    /// Per topic, the lemmas of its reversing verbs.
    let reversing: [Set<String>]

    init(_ topics: [TopicDefinition]) {
        reversing = topics.map { Set($0.reversingVerbs.map { Lemmatizer.lemma(ofLowercased: $0.lowercased()) }) }
    }

    func stance(of attribution: Attribution, topic hit: TopicHit, tokens: [Token]) -> Stance {
        var polarity = attribution.cueStance == .oppose ? -1 : 1
        var hedged = false
        if isNegated(before: attribution.cue.lowerBound, tokens: tokens) {
            if polarity < 0 { hedged = true } // "did not rule out" is an opening, not full support
            polarity = -polarity
        }
        let content = attribution.content
        let windowStart = max(content.lowerBound, clauseStart(before: hit.tokens.lowerBound, floor: content.lowerBound, tokens: tokens))
        for i in windowStart..<hit.tokens.lowerBound {
            let t = tokens[i]
            if t.is(.negation) { polarity = -polarity }
            else if reversing[hit.topic].contains(t.lemma) || t.is(.opposingVerb) { polarity = -polarity }
        }
        // "a ceasefire will not work": negation right after the topic, on its verb.
        var k = hit.tokens.upperBound
        while k < min(content.upperBound, hit.tokens.upperBound + 4), tokens[k].kind == .word {
            if tokens[k].is(.negation) { polarity = -polarity; break }
            k += 1
        }
        var conditional = hedged
        var neutral = false
        var judged = 0
        for i in content where tokens[i].kind == .word {
            let t = tokens[i]
            if t.is(.condition) || t.is(.hedge) { conditional = true }
            if t.lower == "as", i + 2 < content.upperBound, tokens[i + 1].lower == "long", tokens[i + 2].lower == "as" { conditional = true }
            if t.is(.waiting) { neutral = true }
            if t.is(.negativeJudgement) { judged -= 1 }
        }
        if judged < 0, attribution.cueStance == nil { polarity = -polarity }
        if polarity < 0 { return .oppose }
        if neutral { return .neutral }
        return conditional ? .conditional : .support
    }

    private func isNegated(before cue: Int, tokens: [Token]) -> Bool {
        var k = cue - 1
        while k >= 0, k >= cue - 3, tokens[k].kind == .word {
            if tokens[k].is(.negation) { return true }
            k -= 1
        }
        return false
    }

    /// The start of the clause holding the topic: after the last comma, "but" or "that" before it.
    private func clauseStart(before i: Int, floor: Int, tokens: [Token]) -> Int {
        var k = i - 1
        while k > floor, i - k < 8 {
            let t = tokens[k]
            if t.kind == .comma || t.kind == .colon || t.lower == "but" || t.lower == "that" || t.lower == "and" { return k + 1 }
            k -= 1
        }
        return max(floor, k)
    }
}

/// General English words that bear on stance, independent of the topic.
enum StanceVocabulary {
    static let negations: Set<String> = [
        "not", "n't", "never", "no", "nor", "without", "cannot", "won't", "wouldn't", "can't", "don't",
        "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't", "shouldn't", "couldn't", "mustn't",
        "neither", "none", "nothing", "against",
    ]

    /// Verbs that oppose what they govern whatever the topic.
    static let opposingVerbs: Set<String> = AttributionVocabulary.lemmas(of: [
        "reject", "oppose", "refuse", "dismiss", "veto", "block", "scrap", "abandon", "rebuff", "resist",
        "condemn", "denounce", "rule",
    ], irregular: [])

    static let conditions: Set<String> = ["if", "unless", "provided", "providing", "once", "until", "only", "otherwise", "condition", "conditions"]

    /// Compared on the written form: "willing" and "will" share a stem.
    static let hedges: Set<String> = [
        "willing", "consider", "considering", "reconsider", "reconsidering", "possibly", "perhaps", "might", "could",
    ]

    static let waiting: Set<String> = AttributionVocabulary.lemmas(of: [
        "wait", "study", "review", "hurry",
    ], irregular: [])

    static let negativeJudgements: Set<String> = AttributionVocabulary.lemmas(of: [
        "unacceptable", "wrong", "illegal", "unjustified", "mistake", "dangerous", "doomed", "inappropriate",
        "unfounded", "brutal", "blow", "capitulation", "surrender", "nowhere", "unfriendly", "disaster",
        "absurd", "reckless", "provocation", "provocative", "damage", "submission", "inadequate", "unlawful",
    ], irregular: [])
}
