import ClaimModel

/// Turns attributions into claims (a topic, the stance taken on it, the date of the speech act,
/// and how likely the claim is right) and into the who-said-what records of ``Quote``.
struct ClaimMaker: DocComponent {
    let lexicon: Lexicon
    private let assigner = TopicAssigner()
    private let stances: StanceClassifier
    private let confidence: ConfidenceModel
    /// Claims less likely right than this are left out.
    private let minConfidence: Double

    init(lexicon: Lexicon, confidence: ConfidenceModel, minConfidence: Double?) {
        self.lexicon = lexicon
        stances = StanceClassifier(lexicon.topics)
        self.confidence = confidence
        self.minConfidence = minConfidence ?? confidence.threshold
    }

    func process(_ doc: inout Doc) {
        doc.claims = makeClaims(doc, discourse: doc.topics)
        doc.quotes = makeQuotes(doc, doc.attributions, actors: doc.actors)
    }

    private func makeClaims(_ doc: Doc, discourse: TopicAssigner.Discourse) -> [Claim] {
        let tokens = doc.tokens
        var claims: [Claim] = []
        // Per claim: the actor and topic, and whether the topic came from around the statement.
        var readings: [(actor: Int, topic: Int, outside: Bool)] = []
        var seen = Set<ClaimKey>()
        for (index, a) in doc.attributions.enumerated() {
            let speakers = pairMembers(a.speaker, in: doc) ?? a.speaker.actor.map { [$0] } ?? []
            guard !speakers.isEmpty, !a.isFrame, !a.isTitle, !AttributionVocabulary.isAccusation(tokens[a.cue.lowerBound]),
                  !isFactualReport(a, tokens: tokens), !isQuestion(a, in: doc) else { continue }
            let chosen = assigner.topics(of: a.content, cue: a.cue.lowerBound, in: doc, discourse: discourse)
            for actorIndex in speakers {
                for choice in chosen where choice.source.isOutside || !isFighting(choice.hit, among: discourse.hits, in: a.content, doc: doc) {
                    let stance = choice.source.isOutside ? stances.stance(of: a, topic: choice.hit, tokens: tokens, syntax: doc.syntax)
                        : statementStance(a, topic: choice.hit, hits: discourse.hits, tokens: tokens, syntax: doc.syntax)
                    let date = doc.attributionDates[index]
                    guard seen.insert(ClaimKey(actor: actorIndex, topic: choice.hit.topic, stance: stance, date: date.value)).inserted else { continue }
                    let signals = ClaimSignals(attribution: a, topic: choice, stance: stance, actor: doc.actors[actorIndex],
                                               topicsOfStatement: chosen.count, doc: doc).values
                    let probability = confidence.probability(signals)
                    guard probability >= minConfidence else { continue }
                    let start = tokens[a.content.lowerBound].start
                    let end = tokens[a.content.upperBound - 1].end
                    claims.append(Claim(actor: doc.actors[actorIndex], topic: lexicon.topics[choice.hit.topic].id, stance: stance,
                                        mode: a.mode, cue: doc.text(tokens: a.cue), text: doc.text(start, end), date: date,
                                        start: start, end: end, confidence: (probability * 1000).rounded() / 1000, signals: signals))
                    readings.append((actorIndex, choice.hit.topic, choice.source.isOutside))
                }
            }
        }
        // A topic read from around a statement stands in for one its words do not name; where the
        // actor states a position on that topic in so many words elsewhere in the article, the
        // inferred reading adds nothing but a second, weaker guess at the same position.
        let stated = Set(readings.filter { !$0.outside }.map { TopicOfActor(actor: $0.actor, topic: $0.topic) })
        let kept = zip(claims, readings).filter { !$1.outside || !stated.contains(TopicOfActor(actor: $1.actor, topic: $1.topic)) }
        // Two stances of one actor on one topic the same day: the weaker reading stands only if
        // it is nearly as likely as the stronger, as when a speaker rejects one measure and backs another.
        var strongest: [DatedTopicOfActor: Double] = [:]
        for (claim, reading) in kept {
            let key = DatedTopicOfActor(actor: reading.actor, topic: reading.topic, date: claim.date.value)
            strongest[key] = max(strongest[key] ?? 0, claim.confidence)
        }
        return kept.filter { claim, reading in
            let key = DatedTopicOfActor(actor: reading.actor, topic: reading.topic, date: claim.date.value)
            return claim.confidence + ClaimMaker.rivalMargin >= strongest[key] ?? 0
        }.map(\.0)
    }

    /// How much less likely than a rival stance of the same day a claim may be and still stand.
    static let rivalMargin = 0.15

    /// "Both countries", "the two sides": the last two countries or bodies named before them,
    /// each holding the position.
    private func pairMembers(_ speaker: Mention, in doc: Doc) -> [Int]? {
        guard ActorVocabulary.isPair(speaker.tokens.map { doc.tokens[$0].lower }) else { return nil }
        var members: [Int] = []
        for m in doc.mentions.reversed() where m.tokens.upperBound <= speaker.tokens.lowerBound {
            guard let actor = m.actor, doc.actors[actor].kind != .person, doc.actors[actor].kind != .group,
                  !members.contains(actor) else { continue }
            members.append(actor)
            if members.count == 2 { return members.reversed() }
        }
        return nil
    }

    /// "Would you accept a truce?": a question asks for a position, it takes none.
    private func isQuestion(_ a: Attribution, in doc: Doc) -> Bool {
        guard !doc.insideQuote[a.cue.lowerBound] else { return false }
        let sentence = doc.sentences[doc.sentenceOf[a.cue.lowerBound]].tokens
        return sentence.reversed().first { doc.tokens[$0].kind != .closeQuote && doc.tokens[$0].kind != .straightQuote }
            .map { doc.tokens[$0].lower == "?" } ?? false
    }

    /// "the utility said it had lost power at two plants": a report of what happened, in the
    /// past perfect with no modal, states no position on the topics it names.
    private func isFactualReport(_ a: Attribution, tokens: [Token]) -> Bool {
        guard a.mode == .indirect else { return false }
        var k = a.content.lowerBound
        let limit = min(a.content.upperBound, k + 8)
        while k < limit, tokens[k].lower != "had" {
            guard tokens[k].kind == .word || tokens[k].kind == .possessive, !tokens[k].is(.modal) else { return false }
            k += 1
        }
        var v = k + 1
        while v < a.content.upperBound, tokens[v].is(.adverb) { v += 1 }
        guard k < limit, v < a.content.upperBound else { return false }
        let verb = tokens[v]
        let isParticiple = verb.lower.hasSuffix("ed") || verb.lower.hasSuffix("en") || Lemmatizer.isIrregularForm(verb.lower)
        // "it had decided to impose …" reports an intention, not an event.
        let takesInfinitive = v + 1 < a.content.upperBound && tokens[v + 1].lower == "to"
        guard verb.kind == .word, isParticiple, verb.lower != "been", !verb.isActorVerb, !verb.is(.negation), !takesInfinitive else { return false }
        return !a.content.contains { tokens[$0].is(.modal) }
    }

    /// "the rockets kept hitting border towns", "strikes on nuclear sites": a
    /// topic word next to an act of fighting describes the fighting, not a position on the topic.
    /// An act inside the topic's own phrase does not count: "a truce that rewards the invasion"
    /// is about the truce.
    private func isFighting(_ hit: TopicHit, among hits: [TopicHit], in content: Range<Int>, doc: Doc) -> Bool {
        let tokens = doc.tokens
        let near = max(content.lowerBound, hit.tokens.lowerBound - 3)..<min(content.upperBound, hit.tokens.upperBound + 4)
        return near.contains { k in
            !hit.tokens.contains(k) && tokens[k].is(.eventTrigger) && EventVocabulary.code(of: tokens[k].lemma) == "19"
                && !hits[hits.indices(startingIn: max(0, k - 8)..<k + 1, start: \.tokens.lowerBound)].contains { $0.tokens.contains(k) }
                && (doc.syntax.isEmpty || !doc.syntax.subtree(of: hit.tokens.upperBound - 1).contains(k) && !namesAWarAbout(hit, k, doc.syntax))
        }
    }

    /// "a tariff war", "a gas war": the topic word modifies the act of fighting, which is then a
    /// dispute about the topic, not fighting beside it.
    private func namesAWarAbout(_ hit: TopicHit, _ fighting: Int, _ syntax: SyntaxLayer) -> Bool {
        let word = hit.tokens.upperBound - 1
        return syntax.head(of: word) == fighting && syntax.relation(of: word) == "compound"
    }

    /// The stance of a statement on a topic it names more than once: a marked position on any
    /// mention ("Taldera has broken truces before. Without monitors, a truce will not
    /// hold") outweighs the unmarked support of another.
    private func statementStance(_ a: Attribution, topic hit: TopicHit, hits: [TopicHit], tokens: [Token], syntax: SyntaxLayer) -> Stance {
        var best = stances.stance(of: a, topic: hit, tokens: tokens, syntax: syntax)
        for other in hits[hits.indices(startingIn: a.content, start: \.tokens.lowerBound)] where other.topic == hit.topic && other.tokens != hit.tokens {
            // Only another sentence of the statement: "a fair deal, not any deal" restates one.
            let from = min(hit.tokens.upperBound, other.tokens.upperBound), to = max(hit.tokens.lowerBound, other.tokens.lowerBound)
            guard from < to, (from..<to).contains(where: { tokens[$0].kind == .terminal }) else { continue }
            let stance = stances.stance(of: a, topic: other, tokens: tokens, syntax: syntax)
            if ClaimMaker.markedness(stance) > ClaimMaker.markedness(best) { best = stance }
        }
        return best
    }

    private static func markedness(_ stance: Stance) -> Int {
        switch stance {
        case .support: 0
        case .neutral: 1
        case .conditional: 2
        case .oppose: 3
        }
    }

    private func makeQuotes(_ text: Doc, _ attributions: [Attribution], actors: ActorTable) -> [Quote] {
        var contents = Set<Range<Int>>() // subjects sharing a verb share one quotation
        // A statement reported inside another's is part of that quotation, not one of its own.
        let frames = attributions.filter(\.isFrame).map(\.content)
        return attributions.compactMap { a in
            guard !a.isDeed, !a.isResumption, contents.insert(a.content).inserted, !a.content.isEmpty, !a.speaker.tokens.isEmpty,
                  !frames.contains(where: { $0.contains(a.cue.lowerBound) }) else { return nil }
            // A source that is no actor ("officials", "the report") is named as the text names it.
            let name = a.speaker.actor.map { actors[$0].name } ?? text.text(tokens: a.speaker.tokens)
            let speaker = Speaker(name: name, start: text.tokens[a.speaker.tokens.lowerBound].start,
                                  end: text.tokens[a.speaker.tokens.upperBound - 1].end)
            let cue = TextSpan(text: text.text(tokens: a.cue), start: text.tokens[a.cue.lowerBound].start,
                               end: text.tokens[a.cue.upperBound - 1].end)
            let start = text.tokens[a.content.lowerBound].start
            let end = text.tokens[a.content.upperBound - 1].end
            // A reported position ("X rejected …") is indirect speech for the who-said-what record.
            return Quote(speaker: speaker, cue: cue, content: TextSpan(text: text.text(start, end), start: start, end: end),
                         mode: a.mode == .direct ? .direct : .indirect)
        }
    }
}

private struct TopicOfActor: Hashable {
    var actor: Int
    var topic: Int
}

private struct DatedTopicOfActor: Hashable {
    var actor: Int
    var topic: Int
    var date: String
}

/// What makes two claims the same: one actor's one stance on one topic at one date.
private struct ClaimKey: Hashable {
    var actor: Int
    var topic: Int
    var stance: Stance
    var date: String
}

extension TopicSource {
    /// Found around the statement rather than in its words.
    var isOutside: Bool { self != .content && self != .coordinated }
}
