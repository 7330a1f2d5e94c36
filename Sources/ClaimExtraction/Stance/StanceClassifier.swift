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
            if t.is(.negation) {
                if !(t.lower == "without" && isNecessity(without: i, topic: hit, content: content, tokens: tokens)) { polarity = -polarity }
            } else if reversing[hit.topic].contains(t.lemma) || t.is(.opposingVerb) {
                polarity = -polarity
            }
        }
        if negatesOwnVerb(hit, content: content, tokens: tokens) { polarity = -polarity }
        var conditional = hedged || isRequirement(hit, content: content, tokens: tokens)
        var neutral = false
        var judged = 0
        for i in content where tokens[i].kind == .word {
            let t = tokens[i]
            if t.is(.condition) || t.is(.hedge) || t.isLink("as") && isAsLongAs(i, content: content, tokens: tokens) {
                if sameClause(i, hit.tokens.lowerBound, tokens: tokens) { conditional = true }
            }
            if t.is(.waiting) { neutral = true }
            // "not capitulation", "not a mistake": a negated judgement is no judgement.
            if t.is(.negativeJudgement), !(i > content.lowerBound && (tokens[i - 1].is(.negation) || i - 1 > content.lowerBound
                && tokens[i - 2].is(.negation) && ["a", "an", "any"].contains(tokens[i - 1].lower))) { judged -= 1 }
        }
        if judged < 0, attribution.cueStance == nil { polarity = -polarity }
        if polarity < 0 { return .oppose }
        if neutral { return .neutral }
        return conditional ? .conditional : .support
    }

    /// "a ceasefire will not work": a negation on the topic's own verb, reached through
    /// auxiliaries only, so that "sanctions if it was not respected" or "sanctions with no basis"
    /// keep their polarity. "guarantees won't be sufficient" asks for more, not for none.
    private func negatesOwnVerb(_ hit: TopicHit, content: Range<Int>, tokens: [Token]) -> Bool {
        var k = hit.tokens.upperBound
        while k < min(content.upperBound, hit.tokens.upperBound + 4), tokens[k].kind == .word {
            let t = tokens[k]
            if t.is(.negation) {
                guard StanceVocabulary.verbNegations.contains(t.lower) else { return false }
                let next = k + 3 < tokens.count ? tokens[k + 1...k + 3] : []
                return !next.contains { StanceVocabulary.sufficiency.contains($0.lower) }
            }
            guard t.is(.auxiliary) || t.is(.adverb) else { return false }
            k += 1
        }
        return false
    }

    /// "Without guarantees, a ceasefire will not work": what the negated clause cannot do
    /// without is wanted, not refused.
    private func isNecessity(without w: Int, topic hit: TopicHit, content: Range<Int>, tokens: [Token]) -> Bool {
        var k = hit.tokens.upperBound
        while k < content.upperBound, tokens[k].kind != .comma, k < hit.tokens.upperBound + 4 { k += 1 }
        guard k < content.upperBound, tokens[k].kind == .comma else { return false }
        for j in k + 1..<min(content.upperBound, k + 8) where tokens[j].kind == .word {
            // "…, a ceasefire will not work", "…, no deal will hold".
            if StanceVocabulary.verbNegations.contains(tokens[j].lower) || ["no", "nothing", "never"].contains(tokens[j].lower) { return true }
        }
        return false
    }

    /// "any truce would have to be verifiable", "any deal must …": a topic held to a requirement
    /// is accepted on conditions.
    private func isRequirement(_ hit: TopicHit, content: Range<Int>, tokens: [Token]) -> Bool {
        var d = hit.tokens.lowerBound - 1
        while d > content.lowerBound, d >= hit.tokens.lowerBound - 2, tokens[d].kind == .word, tokens[d].lower != "any" { d -= 1 }
        guard d >= content.lowerBound, tokens[d].lower == "any" else { return false }
        var k = hit.tokens.upperBound
        while k < min(content.upperBound, hit.tokens.upperBound + 4), tokens[k].kind == .word {
            let t = tokens[k]
            if t.lower == "must" || t.lemma == "require" || (t.lower == "have" || t.lower == "has") && k + 1 < tokens.count && tokens[k + 1].lower == "to" {
                return true
            }
            guard t.is(.auxiliary) || t.is(.adverb) else { return false }
            k += 1
        }
        return false
    }

    private func isAsLongAs(_ i: Int, content: Range<Int>, tokens: [Token]) -> Bool {
        i + 2 < content.upperBound && tokens[i + 1].isLink("long") && tokens[i + 2].isLink("as")
    }

    /// Whether a condition at `i` bears on the topic at `j`: no "and"/"but"/"while" starting a
    /// new clause lies between them ("… peace, and said Ukraine could …" is another statement).
    private func sameClause(_ i: Int, _ j: Int, tokens: [Token]) -> Bool {
        let range = i < j ? i + 1..<j : j + 1..<i
        for k in range {
            let t = tokens[k]
            if t.kind == .colon { return false }
            if ["but", "while", "whereas"].contains(t.lower) { return false }
            if t.isLink("and"), k + 1 < tokens.count, tokens[k + 1].isLink("that") || tokens[k - 1].kind == .comma { return false }
            if t.isLink("and"), k + 1 < tokens.count, tokens[k + 1].is(.speechVerb) { return false }
        }
        return true
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
            if t.kind == .comma || t.kind == .colon || t.isLink("but") || t.isLink("that") || t.isLink("and") { return k + 1 }
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

    /// Negations of a verb, as opposed to "no", "without", "against" that negate a noun.
    static let verbNegations: Set<String> = [
        "not", "n't", "never", "cannot", "won't", "wouldn't", "can't", "don't", "doesn't", "didn't", "isn't",
        "wasn't", "aren't", "weren't", "shouldn't", "couldn't", "mustn't",
    ]

    /// After a negation these ask for more of the topic: "guarantees won't be enough".
    static let sufficiency: Set<String> = ["enough", "sufficient", "suffice", "adequate"]

    /// Verbs, and their nouns, that oppose what they govern whatever the topic ("no objection to"
    /// is then a double negation).
    static let opposingVerbs: Set<String> = AttributionVocabulary.lemmas(of: [
        "reject", "oppose", "refuse", "dismiss", "veto", "block", "scrap", "abandon", "rebuff", "resist",
        "condemn", "denounce", "rule", "objection", "opposition", "rejection", "refusal",
    ], irregular: [])

    /// Conditions on the written form. "only" and "once" are left out: "could only be settled"
    /// and "once conditions allow" state a position, not a condition on it.
    static let conditions: Set<String> = ["if", "unless", "provided", "providing", "until", "otherwise", "condition", "conditions"]

    /// Compared on the written form: "willing" and "will" share a stem. Bare modals ("could")
    /// are not hedges: "Ukraine could count on support" is support.
    static let hedges: Set<String> = [
        "willing", "consider", "considering", "reconsider", "reconsidering", "possibly", "perhaps", "potentially",
    ]

    static let waiting: Set<String> = AttributionVocabulary.lemmas(of: [
        "wait", "study", "review", "hurry",
    ], irregular: [])

    static let negativeJudgements: Set<String> = AttributionVocabulary.lemmas(of: [
        "unacceptable", "wrong", "illegal", "unjustified", "mistake", "dangerous", "doomed", "inappropriate",
        "unfounded", "brutal", "blow", "capitulation", "surrender", "nowhere", "unfriendly", "disaster",
        "absurd", "reckless", "provocation", "provocative", "damage", "submission", "inadequate", "unlawful",
        "mistrust", "distrust",
    ], irregular: [])
}
