import ClaimModel
import ClaimSyntax

/// Options for a whole extraction run.
public struct ExtractionOptions: Sendable, Hashable {
    public var temporal: TemporalOptions
    /// Claims below this confidence are dropped.
    public var minConfidence: Double

    public init(temporal: TemporalOptions = .init(), minConfidence: Double = 0) {
        self.temporal = temporal
        self.minConfidence = minConfidence
    }
}

/// The extraction pipeline: text and document date in; timexes, actors, quotes, claims and events out.
///
/// Pure: no I/O, no clock, no global state. One value can be shared across tasks. A ``Doc``
/// is made from the text (pieces, tokens, sentences, paragraphs) and passed through the
/// components of ``pipeline`` in order, each adding its layer, as spaCy's pipeline does.
public struct Extractor: Sendable {
    public let lexicon: Lexicon
    public let options: ExtractionOptions
    private let classifier: WordClassifier
    /// The stages, in the order they run.
    let pipeline: [any DocComponent]

    /// - Parameter syntax: the tagger and parser models (``SyntaxModels/bundled()`` for the shipped ones).
    public init(lexicon: Lexicon, syntax: SyntaxModels, options: ExtractionOptions = .init()) {
        self.lexicon = lexicon
        self.options = options
        let gazetteer = Gazetteer(lexicon.actors)
        let claims = ClaimMaker(lexicon: lexicon, minConfidence: options.minConfidence)
        classifier = WordClassifier(nameStarts: gazetteer.names.firstKeys, demonymStarts: gazetteer.demonyms.firstKeys,
                                    topicStarts: claims.topics.firstKeys)
        pipeline = [
            SyntaxAnnotator(models: syntax),
            TemporalAnnotator(tagger: TemporalTagger(options: options.temporal)),
            QuotationAnnotator(),
            ActorAnnotator(recognizer: ActorRecognizer(gazetteer: gazetteer)),
            CoreferenceResolver(),
            AttributionAnnotator(),
            AttributionDater(),
            claims,
            EventAnnotator(),
        ]
    }

    public func extract(_ text: String, dct: DocumentDate) -> Extraction {
        var doc = annotate(text, dct: dct)
        var seen = Set<Int>()
        let mentioned = doc.mentions.compactMap(\.actor).filter { seen.insert($0).inserted }.map { doc.actors[$0] }
        return Extraction(timexes: doc.timexes.map(\.timex), events: doc.events, claims: doc.claims, quotes: doc.quotes,
                          actors: mentioned)
    }

    /// The document with every layer of the pipeline.
    func annotate(_ text: String, dct: DocumentDate) -> Doc {
        var doc = Doc(text, dct: dct.day ?? CalendarDay(year: 1970, month: 1, day: 1)!, classifier: classifier)
        for component in pipeline { component.process(&doc) }
        return doc
    }
}

/// Turns attributions into claims (a topic the content names, the stance taken on it, the date
/// of the speech act) and into the who-said-what records of ``Quote``.
struct ClaimMaker: DocComponent {
    let lexicon: Lexicon
    let minConfidence: Double
    let topics: TopicMatcher
    private let stances: StanceClassifier

    init(lexicon: Lexicon, minConfidence: Double) {
        self.lexicon = lexicon
        self.minConfidence = minConfidence
        topics = TopicMatcher(lexicon.topics)
        stances = StanceClassifier(lexicon.topics)
    }

    func process(_ doc: inout Doc) {
        let countries = doc.mentions.filter { $0.actor.map { doc.actors[$0].kind == .country } ?? false }.map(\.tokens)
        doc.claims = makeClaims(doc, doc.attributions, actors: doc.actors, dates: doc.attributionDates, countries: countries)
        doc.quotes = makeQuotes(doc, doc.attributions, actors: doc.actors)
    }

    private func makeClaims(_ text: Doc, _ attributions: [Attribution], actors: ActorTable, dates: [TimeValue],
                            countries: [Range<Int>]) -> [Claim] {
        let hits = topics.hits(in: text.tokens, countries: countries)
        var claims: [Claim] = []
        var seen = Set<ClaimKey>()
        for (index, a) in attributions.enumerated() {
            guard let actorIndex = a.speaker.actor, !a.isFrame, !AttributionVocabulary.isAccusation(text.tokens[a.cue.lowerBound]),
                  !isFactualReport(a, tokens: text.tokens) else { continue }
            for hit in topicHits(hits, in: a.content, tokens: text.tokens) where !isFighting(hit, among: hits, in: a.content, tokens: text.tokens) {
                let stance = statementStance(a, topic: hit, hits: hits, tokens: text.tokens)
                let date = dates[index]
                let actor = actors[actorIndex]
                let topic = lexicon.topics[hit.topic].id
                guard seen.insert(ClaimKey(actor: actorIndex, topic: hit.topic, stance: stance, date: date.value)).inserted else { continue }
                let confidence = Confidence.of(a)
                guard confidence >= minConfidence else { continue }
                let start = text.tokens[a.content.lowerBound].start
                let end = text.tokens[a.content.upperBound - 1].end
                claims.append(Claim(actor: actor, topic: topic, stance: stance, mode: a.mode,
                                    cue: text.text(tokens: a.cue), text: text.text(start, end), date: date,
                                    start: start, end: end, confidence: confidence))
            }
        }
        return claims
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
    private func isFighting(_ hit: TopicHit, among hits: [TopicHit], in content: Range<Int>, tokens: [Token]) -> Bool {
        let near = max(content.lowerBound, hit.tokens.lowerBound - 3)..<min(content.upperBound, hit.tokens.upperBound + 4)
        return near.contains { k in
            !hit.tokens.contains(k) && tokens[k].is(.eventTrigger) && EventVocabulary.code(of: tokens[k].lemma) == "19"
                && !hits[hits.indices(startingIn: max(0, k - 8)..<k + 1, start: \.tokens.lowerBound)].contains { $0.tokens.contains(k) }
        }
    }

    /// The stance of a statement on a topic it names more than once: a marked position on any
    /// mention ("Taldera has broken truces before. Without monitors, a truce will not
    /// hold") outweighs the unmarked support of another.
    private func statementStance(_ a: Attribution, topic hit: TopicHit, hits: [TopicHit], tokens: [Token]) -> Stance {
        var best = stances.stance(of: a, topic: hit, tokens: tokens)
        for other in hits[hits.indices(startingIn: a.content, start: \.tokens.lowerBound)] where other.topic == hit.topic && other.tokens != hit.tokens {
            // Only another sentence of the statement: "a fair deal, not any deal" restates one.
            let from = min(hit.tokens.upperBound, other.tokens.upperBound), to = max(hit.tokens.lowerBound, other.tokens.lowerBound)
            guard from < to, (from..<to).contains(where: { tokens[$0].kind == .terminal }) else { continue }
            let stance = stances.stance(of: a, topic: other, tokens: tokens)
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

    /// The topics a statement is about: the first topic it names, where its main proposition
    /// sits, and another topic only when coordinated with it ("a ceasefire and a hostage
    /// release") or stated in a clause of its own ("…, but that sanctions …"). A topic in a
    /// modifier of the first ("troops … as part of a settlement") is circumstance.
    private func topicHits(_ hits: [TopicHit], in content: Range<Int>, tokens: [Token]) -> [TopicHit] {
        var inContent = Array(hits[hits.indices(startingIn: content, start: \.tokens.lowerBound)])
        // "If he wants peace, he can prove it by agreeing to a ceasefire": the main clause
        // after a leading condition holds the proposition.
        if let first = content.first, tokens[first].is(.condition), let main = mainClauseStart(after: first, in: content, tokens: tokens),
           inContent.contains(where: { $0.tokens.lowerBound >= main }) {
            inContent.removeAll { $0.tokens.lowerBound < main }
        }
        // A word that names the topic outright outranks an ambiguous one ("step up support").
        guard let main = inContent.first(where: { !$0.isContext }) ?? inContent.first else { return [] }
        var chosen = [main]
        for hit in inContent where hit.tokens.lowerBound > main.tokens.lowerBound && !chosen.contains(where: { $0.topic == hit.topic }) {
            let between = main.tokens.upperBound..<hit.tokens.lowerBound
            if isCoordination(between, tokens: tokens) || startsClause(between, tokens: tokens) {
                chosen.append(hit)
                if chosen.count == ClaimMaker.maxTopicsPerStatement { break }
            }
        }
        return chosen
    }

    /// Where the main clause starts after a leading condition: after its comma, else at a
    /// pronoun subject with a modal ("if Ukraine is given guarantees it could agree …").
    private func mainClauseStart(after condition: Int, in content: Range<Int>, tokens: [Token]) -> Int? {
        for k in condition + 1..<content.upperBound {
            if tokens[k].kind == .comma { return k + 1 }
            if k + 1 < content.upperBound, ClaimMaker.subjectPronouns.contains(tokens[k].lower), tokens[k + 1].is(.modal) {
                return k
            }
        }
        return nil
    }

    private static let subjectPronouns: Set<String> = ["i", "we", "you", "he", "she", "it", "they"]

    private static let maxTopicsPerStatement = 2

    /// "X and Y", "X, Y or Z": only a conjunction, commas and a few modifiers between two topics.
    private func isCoordination(_ between: Range<Int>, tokens: [Token]) -> Bool {
        guard between.count <= 4, between.contains(where: { tokens[$0].isLink("and") || tokens[$0].isLink("or") }) else { return false }
        // "tariffs on its steel and grain exports": a topic inside the first one's modifier.
        return between.allSatisfy { k in
            tokens[k].kind == .comma || tokens[k].kind == .word && (!tokens[k].is(.preposition) || tokens[k].isLink("and") || tokens[k].isLink("or"))
        }
    }

    /// A clause boundary between two topics: "but", "while", "and that", a semicolon.
    private func startsClause(_ between: Range<Int>, tokens: [Token]) -> Bool {
        for k in between {
            let t = tokens[k]
            if t.kind == .colon || ["but", "while", "whereas"].contains(t.lower) { return true }
            if t.isLink("and"), k + 1 < tokens.count, tokens[k + 1].isLink("that") { return true }
        }
        return false
    }

    private func makeQuotes(_ text: Doc, _ attributions: [Attribution], actors: ActorTable) -> [Quote] {
        var contents = Set<Range<Int>>() // subjects sharing a verb share one quotation
        // A statement reported inside another's is part of that quotation, not one of its own.
        let frames = attributions.filter(\.isFrame).map(\.content)
        return attributions.compactMap { a in
            guard contents.insert(a.content).inserted, let actor = a.speaker.actor, !a.content.isEmpty,
                  !frames.contains(where: { $0.contains(a.cue.lowerBound) }) else { return nil }
            let speaker = Speaker(name: actors[actor].name, start: text.tokens[a.speaker.tokens.lowerBound].start,
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

/// What makes two claims the same: one actor's one stance on one topic at one date.
private struct ClaimKey: Hashable {
    var actor: Int
    var topic: Int
    var stance: Stance
    var date: String
}

/// How sure a claim is, from how it was found: a named speaker of a direct quotation is the
/// surest; a speaker reached through a pronoun, or a position reported without speech, less so.
enum Confidence {
    static func of(_ a: Attribution) -> Double {
        var value: Double
        switch a.mode {
        case .direct: value = 0.9
        case .indirect: value = 0.8
        case .reported: value = 0.65
        }
        if a.speaker.anaphor != nil { value -= 0.1 }
        if a.continues != nil { value -= 0.05 }
        return value
    }
}
