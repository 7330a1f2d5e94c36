import ClaimModel
import ClaimSyntax

/// A stage of extraction: reads the layers of a ``Doc`` that earlier stages made and adds its
/// own. Each is a small value, testable on a `Doc` alone.
protocol DocComponent: Sendable {
    func process(_ doc: inout Doc)
}

/// Tags every sentence's tokens (UD and Penn Treebank tags, lemmas) and parses it into UD
/// basic dependencies.
struct SyntaxAnnotator: DocComponent {
    let models: SyntaxModels

    func process(_ doc: inout Doc) {
        var layer = SyntaxLayer()
        let count = doc.tokens.count
        layer.tags.reserveCapacity(count)
        layer.heads.reserveCapacity(count)
        layer.relations.reserveCapacity(count)
        let analyzer = SyntaxAnalyzer(models: models)
        var analysis = AnalyzedSentence()
        var words: [String] = []
        for sentence in doc.sentences {
            words.removeAll(keepingCapacity: true)
            // The treebank spells nearly every quotation mark `"`; curly, doubled-apostrophe and
            // guillemet quotes are the same token to the tagger and parser.
            for k in sentence.tokens { words.append(doc.tokens[k].isQuote ? "\"" : doc.spelling(of: k)) }
            analyzer.analyze(words, into: &analysis)
            for (tag, arc) in zip(analysis.tags, analysis.arcs) {
                layer.tags.append(tag)
                layer.heads.append(arc.head == 0 ? -1 : Int32(sentence.tokens.lowerBound + arc.head - 1))
                layer.relations.append(arc.relation)
            }
        }
        layer.indexChildren()
        doc.syntax = layer
    }
}

/// Finds DATE, TIME, DURATION and SET expressions on the document's pieces, and the tokens
/// each covers.
struct TemporalAnnotator: DocComponent {
    let tagger: TemporalTagger

    func process(_ doc: inout Doc) {
        let tenses = ClauseTense(doc: doc)
        let found = tagger.expressions(in: doc.pieces, dct: doc.dct, clauseTense: tenses.direction(atPiece:))
        doc.timexes = found.map { expression in
            let first = doc.pieces[expression.first], last = doc.pieces[expression.end - 1]
            let timex = tagger.timex(expression, pieces: doc.pieces, text: doc.text(first.start, last.end))
            return TokenTimex(timex: timex, tokens: doc.tokens(coveringPieces: expression.first..<expression.end))
        }
    }
}

/// Pairs quotation marks into direct quotations.
struct QuotationAnnotator: DocComponent {
    func process(_ doc: inout Doc) {
        doc.quotations = QuoteFinder.quotes(in: doc.tokens)
        doc.insideQuote = QuoteFinder.insideMask(doc.quotations, count: doc.tokens.count)
    }
}

/// Finds the actors the document names (gazetteer entries and discovered ones) and where.
struct ActorAnnotator: DocComponent {
    let recognizer: ActorRecognizer

    func process(_ doc: inout Doc) {
        (doc.mentions, doc.actors) = recognizer.recognize(doc)
        Self.resolveEarlySurnames(&doc)
    }

    /// "Holm says …" in a headline, "Defence minister Petra Holm" below: a surname named before
    /// the full name is that person, when exactly one person of the article bears it. (A
    /// one-word name no list knew is taken for a body until its bearer's full name appears.)
    static func resolveEarlySurnames(_ doc: inout Doc) {
        var bearers: [String: Set<Int>] = [:]
        for actor in Set(doc.mentions.compactMap(\.actor)) where doc.actors[actor].kind == .person {
            let words = doc.actors[actor].name.lowercased().split(separator: " ")
            guard words.count > 1, let last = words.last else { continue }
            for key in ActorVocabulary.surnameKeys(String(last)) { bearers[key, default: []].insert(actor) }
        }
        guard !bearers.isEmpty else { return }
        for (k, m) in doc.mentions.enumerated() {
            guard let actor = m.actor, [.person, .organisation].contains(doc.actors[actor].kind),
                  !doc.actors[actor].name.contains(" "), let found = bearers[doc.actors[actor].name.lowercased()],
                  found.count == 1, let full = found.first else { continue }
            doc.mentions[k].actor = full
        }
    }
}

/// Resolves anaphors ("he", "the ministry") to the actors they stand for.
struct CoreferenceResolver: DocComponent {
    func process(_ doc: inout Doc) {
        doc.mentions = Coreference(actors: doc.actors, voices: doc.voices).resolve(doc.mentions, in: doc, insideQuote: doc.insideQuote)
    }
}

/// Finds where the text names the taxonomy's topics, and how much it is about each.
struct TopicAnnotator: DocComponent {
    let matcher: TopicMatcher

    func process(_ doc: inout Doc) {
        let countries = doc.mentions.filter { $0.actor.map { doc.actors[$0].kind == .country } ?? false }.map(\.tokens)
        let verbs = doc.syntax.isEmpty ? [] : doc.syntax.tags.map { $0.upos == .verb || $0.upos == .aux }
        doc.topics = TopicAssigner.Discourse(hits: matcher.hits(in: doc.tokens, countries: countries, isVerb: verbs), headline: doc.headline)
    }
}

/// Finds who said or holds what: direct quotations, reported speech, reported positions.
struct AttributionAnnotator: DocComponent {
    func process(_ doc: inout Doc) {
        var inTimex = [Bool](repeating: false, count: doc.tokens.count)
        for timex in doc.timexes { for k in timex.tokens { inTimex[k] = true } }
        let clauses = ClauseAttributions(doc: doc, lexicon: .embedded)
        let found = AttributionFinder(text: doc, mentions: doc.mentions, quotes: doc.quotations, insideQuote: doc.insideQuote,
                                      inTimex: inTimex).find()
        let fromParse = clauses.find(usedCues: Set(found.map(\.cue.lowerBound)), taken: found)
        let title = TitleAttribution.find(in: doc, besides: found + fromParse).map { [$0] } ?? []
        let merged = Self.merged(CoordinatedComplements.split(found, in: doc), CoordinatedComplements.split(fromParse + title, in: doc))
        doc.attributions = TranscriptTurns(doc: doc).applied(to: merged)
    }

    /// Both lists in the order of their contents, with `continues` pointing into the merged list.
    static func merged(_ first: [Attribution], _ second: [Attribution]) -> [Attribution] {
        let all = first + second
        let order = all.indices.sorted { (all[$0].content.lowerBound, $0) < (all[$1].content.lowerBound, $1) }
        var position = [Int](repeating: 0, count: all.count)
        for (new, old) in order.enumerated() { position[old] = new }
        return order.map { old in
            var a = all[old]
            a.continues = a.continues.map { position[$0] }
            return a
        }
    }
}

/// Dates each attribution by its speech act.
struct AttributionDater: DocComponent {
    func process(_ doc: inout Doc) {
        let dating = ClaimDating(text: doc, timexes: doc.dateTimexes, attributions: doc.attributions, actors: doc.actors,
                                 documentDate: TimeValue(day: doc.dct), insideQuote: doc.insideQuote)
        doc.attributionDates = doc.attributions.indices.map { dating.date(of: $0) }
    }
}

/// Finds dated events between actors.
struct EventAnnotator: DocComponent {
    func process(_ doc: inout Doc) {
        doc.events = EventDetector().events(text: doc, timexes: doc.dateTimexes, mentions: doc.mentions, actors: doc.actors,
                                            insideQuote: doc.insideQuote)
    }
}

extension Doc {
    /// The DATE and TIME expressions: what dates speech and events.
    var dateTimexes: [TokenTimex] {
        timexes.filter { ($0.timex.type == .date || $0.timex.type == .time) && !$0.tokens.isEmpty }
    }
}
