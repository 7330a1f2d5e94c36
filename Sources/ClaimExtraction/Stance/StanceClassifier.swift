import ClaimModel

/// Decides the stance of a statement towards one topic it names.
///
/// Starts from the cue's own polarity ("rejected" opposes, "urged" supports, "said" is neutral
/// and so supports what follows), then reads the clause: a negation of the cue ("did not rule
/// out") or before the topic ("would not provide … guarantees"), a verb that reverses the
/// topic ("lift" sanctions), or a negative judgement ("unacceptable") flips it; a condition
/// ("if", "provided that", "as long as") or a hedge ("open to examining") makes support
/// conditional; waiting words make it neutral.
struct StanceClassifier: Sendable {
    /// Per topic, the lemmas of its reversing verbs.
    let reversing: [Set<String>]

    init(_ topics: [TopicDefinition]) {
        reversing = topics.map { Set($0.reversingVerbs.map { Lemmatizer.lemma(ofLowercased: $0.lowercased()) }) }
    }

    func stance(of attribution: Attribution, topic hit: TopicHit, tokens: [Token], syntax: SyntaxLayer = SyntaxLayer()) -> Stance {
        var polarity = attribution.cueStance == .oppose ? -1 : 1
        var hedged = false
        if isNegated(before: attribution.cue.lowerBound, tokens: tokens) {
            if polarity < 0 { hedged = true } // an unexcluded option is an opening, not full support
            polarity = -polarity
        }
        let content = attribution.content
        let windowStart = max(content.lowerBound, clauseStart(before: hit.tokens.lowerBound, floor: content.lowerBound, tokens: tokens))
        for i in windowStart..<hit.tokens.lowerBound {
            let t = tokens[i]
            if t.is(.negation) {
                if !(t.lower == "without" && isNecessity(without: i, topic: hit, content: content, tokens: tokens)),
                   !isAdditive(negation: i, tokens: tokens) { polarity = -polarity }
            } else if reversing[hit.topic].contains(t.lemma) || t.is(.opposingVerb) {
                polarity = -polarity
            }
        }
        if negatesOwnVerb(hit, content: content, tokens: tokens) { polarity = -polarity }
        if undoneInPassive(hit, content: content, tokens: tokens, syntax: syntax) { polarity = -polarity }
        if departs(hit, content: content, tokens: tokens, syntax: syntax) { polarity = -polarity }
        var conditional = hedged || isRequirement(hit, content: content, tokens: tokens, syntax: syntax)
        var neutral = attribution.cueStance == .neutral
        var judged = 0
        // A judgement inside the topic's own phrase ("a truce that rewards aggression") describes
        // the topic: it makes the stance opposed, it does not turn round a negation.
        var describesTopic = false
        let topicPhrase = syntax.isEmpty ? 0..<0 : syntax.subtree(of: hit.tokens.upperBound - 1)
        for i in content where tokens[i].kind == .word {
            let t = tokens[i]
            if t.is(.condition) || t.is(.hedge) || t.isLink("as") && isAsLongAs(i, content: content, tokens: tokens) {
                if sameClause(i, hit.tokens.lowerBound, tokens: tokens), !isUnconditionalIdiom(at: i, tokens: tokens),
                   !isInsideCondition(hit, condition: i, syntax: syntax, tokens: tokens) {
                    conditional = true
                }
            }
            if t.is(.waiting) { neutral = true }
            // "not surrender", "not an error": a negated judgement is no judgement.
            if t.is(.negativeJudgement), !(i > content.lowerBound && (tokens[i - 1].is(.negation) || i - 1 > content.lowerBound
                && tokens[i - 2].is(.negation) && ["a", "an", "any"].contains(tokens[i - 1].lower))) {
                judged -= 1
                if topicPhrase.contains(i), !hit.tokens.contains(i) { describesTopic = true }
            }
        }
        if judged < 0, attribution.cueStance == nil { polarity = describesTopic ? -1 : -polarity }
        if polarity < 0 { return .oppose }
        if neutral { return .neutral }
        return conditional ? .conditional : .support
    }

    /// "a truce cannot last": a negation on the topic's own verb, reached through
    /// auxiliaries only, so that "tariffs if the deal is not kept" or "tariffs with no exemption"
    /// keep their polarity. "the pledges are not enough" asks for more, not for none.
    private func negatesOwnVerb(_ hit: TopicHit, content: Range<Int>, tokens: [Token]) -> Bool {
        var k = hit.tokens.upperBound
        while k < min(content.upperBound, hit.tokens.upperBound + 4), tokens[k].kind == .word {
            let t = tokens[k]
            if t.is(.negation) {
                guard StanceVocabulary.verbNegations.contains(t.lower), !isAdditive(negation: k, tokens: tokens) else { return false }
                let next = tokens[min(k + 1, tokens.count)..<min(k + 4, tokens.count)]
                // "sanctions were not a mistake" negates the judgement, not the topic.
                return !next.contains { StanceVocabulary.sufficiency.contains($0.lower) || $0.is(.negativeJudgement) }
            }
            guard t.is(.auxiliary) || t.is(.adverb) else { return false }
            k += 1
        }
        return false
    }

    /// "not only", "not just": a negation that adds to what follows instead of denying it.
    private func isAdditive(negation k: Int, tokens: [Token]) -> Bool {
        k + 1 < tokens.count && StanceVocabulary.additiveAfterNegation.contains(tokens[k + 1].lower)
    }

    /// "the embargo must be lifted", "the tariffs on steel to be scrapped": a verb that undoes
    /// the topic, in the passive after it and the topic's own modifiers.
    private func undoneInPassive(_ hit: TopicHit, content: Range<Int>, tokens: [Token], syntax: SyntaxLayer) -> Bool {
        let phraseEnd = phraseEnd(of: hit, syntax: syntax)
        var k = min(phraseEnd, content.upperBound)
        let limit = min(content.upperBound, k + 5)
        var sawBe = false
        while k < limit, tokens[k].kind == .word {
            let t = tokens[k]
            if ["be", "been", "being", "is", "are", "was", "were"].contains(t.lower) {
                sawBe = true
            } else if sawBe {
                return reversing[hit.topic].contains(t.lemma) || t.is(.opposingVerb)
            } else if !(t.is(.auxiliary) || t.is(.adverb) || t.lower == "to") { // "called for the levy to be scrapped"
                return false
            }
            k += 1
        }
        return false
    }

    /// Where the topic's noun phrase ends: after its modifiers, as the parse gives them.
    private func phraseEnd(of hit: TopicHit, syntax: SyntaxLayer) -> Int {
        syntax.isEmpty ? hit.tokens.upperBound : max(hit.tokens.upperBound, syntax.subtree(of: hit.tokens.upperBound - 1).upperBound)
    }

    /// "the sanctions must go", "asked for the peacekeepers to leave": the topic's own verb,
    /// after its modifiers, auxiliaries and "to", says it should go away.
    private func departs(_ hit: TopicHit, content: Range<Int>, tokens: [Token], syntax: SyntaxLayer) -> Bool {
        let phraseEnd = phraseEnd(of: hit, syntax: syntax)
        var k = min(phraseEnd, content.upperBound)
        while k < min(content.upperBound, phraseEnd + 4), tokens[k].kind == .word {
            let t = tokens[k]
            if StanceVocabulary.departures.contains(t.lemma) {
                return !(k + 1 < tokens.count && StanceVocabulary.continuingParticles.contains(tokens[k + 1].lower))
            }
            guard t.is(.auxiliary) || t.is(.adverb) || t.lower == "to" else { return false }
            k += 1
        }
        return false
    }

    /// "Unless inspectors go in, a truce cannot last": what the negated clause cannot do
    /// without is wanted, not refused.
    private func isNecessity(without w: Int, topic hit: TopicHit, content: Range<Int>, tokens: [Token]) -> Bool {
        var k = hit.tokens.upperBound
        while k < content.upperBound, tokens[k].kind != .comma, k < hit.tokens.upperBound + 4 { k += 1 }
        guard k < content.upperBound, tokens[k].kind == .comma else { return false }
        for j in k + 1..<min(content.upperBound, k + 8) where tokens[j].kind == .word {
            // "…, a truce cannot last", "…, no pact will survive".
            if StanceVocabulary.verbNegations.contains(tokens[j].lower) || ["no", "nothing", "never"].contains(tokens[j].lower) { return true }
        }
        return false
    }

    /// "any pact would need monitors", "any accord must …": a topic held to a requirement
    /// is accepted on conditions.
    private func isRequirement(_ hit: TopicHit, content: Range<Int>, tokens: [Token], syntax: SyntaxLayer) -> Bool {
        var d = hit.tokens.lowerBound - 1
        while d > content.lowerBound, d >= hit.tokens.lowerBound - 2, tokens[d].kind == .word, tokens[d].lower != "any" { d -= 1 }
        guard d >= content.lowerBound, tokens[d].lower == "any" else { return false }
        var k = hit.tokens.upperBound
        // "any accession deal must …": the noun the topic word modifies.
        if k < content.upperBound, !syntax.isEmpty, syntax.tags[k].upos == .noun, syntax.head(of: hit.tokens.upperBound - 1) == k { k += 1 }
        while k < min(content.upperBound, hit.tokens.upperBound + 5), tokens[k].kind == .word {
            let t = tokens[k]
            if StanceVocabulary.requirements.contains(t.lemma) || StanceVocabulary.requirements.contains(t.lower) {
                // "have" requires only as "have to"; "need" takes an infinitive or an object alike.
                if t.lemma != "have" || k + 1 < tokens.count && tokens[k + 1].lower == "to" { return true }
            }
            guard t.is(.auxiliary) || t.is(.adverb) else { return false }
            k += 1
        }
        return false
    }

    /// "for as long as it takes", "if necessary": phrases built of condition words that set no
    /// condition (`unconditional` in `Resources/stance.toml`).
    private func isUnconditionalIdiom(at i: Int, tokens: [Token]) -> Bool {
        StanceVocabulary.unconditional.contains { idiom in
            idiom.indices.contains { offset in
                let start = i - offset
                return start >= 0 && start + idiom.count <= tokens.count
                    && idiom.indices.allSatisfy { tokens[start + $0].lower == idiom[$0] }
            }
        }
    }

    /// "would step down if that brought Tarvia into the alliance": a topic inside the condition
    /// is what the speaker wants, not what is made conditional.
    /// "Only if" is different: it states what the main clause needs ("would sign only if the
    /// monitors' mandate were narrowed"), whatever the condition names.
    private func isInsideCondition(_ hit: TopicHit, condition i: Int, syntax: SyntaxLayer, tokens: [Token]) -> Bool {
        guard !syntax.isEmpty, syntax.relation(of: i) == "mark", let clause = syntax.head(of: i) else { return false }
        if i > 0, tokens[i - 1].lower == "only" { return false }
        return syntax.subtree(of: clause).contains(hit.tokens.lowerBound) && !hit.tokens.contains(clause)
    }

    private func isAsLongAs(_ i: Int, content: Range<Int>, tokens: [Token]) -> Bool {
        i + 2 < content.upperBound && tokens[i + 1].isLink("long") && tokens[i + 2].isLink("as")
    }

    /// Whether a condition at `i` bears on the topic at `j`: no "and"/"but"/"while" starting a
    /// new clause lies between them ("… truce, and said Tarvia could …" is another statement).
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

/// General English words that bear on stance, independent of the topic: the lists of
/// `Resources/stance.toml`, where each is documented.
enum StanceVocabulary {
    /// Every list of the file, by key.
    private static let lists = ResourceFile.stringLists(PackageResources.stance_toml)

    private static func words(_ key: String) -> [String] { lists[key] ?? [] }

    private static func lemmas(_ key: String) -> Set<String> {
        Set(words(key).flatMap { CueLexicon.inflectionKeys(of: $0) })
    }

    static let negations = Set(words("negations"))
    static let verbNegations = Set(words("verb_negations"))
    static let sufficiency = Set(words("sufficiency"))
    static let additiveAfterNegation = Set(words("additive_after_negation"))
    static let opposingVerbs = lemmas("opposing_lemmas")
    static let conditions = Set(words("conditions"))
    static let hedges = Set(words("hedges"))
    static let requirements = lemmas("requirement_lemmas")
    /// Phrases of condition words that set no condition, as word sequences.
    static let unconditional: [[String]] = words("unconditional").map { $0.split(separator: " ").map(String.init) }
    static let waiting = lemmas("waiting_lemmas")
    static let departures = lemmas("departure_lemmas")
    static let continuingParticles = Set(words("continuing_particles"))
    static let negativeJudgements = lemmas("negative_lemmas")
    /// `sentence => topic stance`, for the tests.
    static let examples = words("examples")
}
