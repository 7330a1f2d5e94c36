/// Where the topic of a statement was found: in its own words, or around them.
enum TopicSource: String, Sendable, CaseIterable {
    /// The content names it: the main proposition's topic.
    case content
    /// The content names it in a second proposition ("a ceasefire and a prisoner exchange").
    case coordinated
    /// The rest of the statement's sentence ("…, she said of the truce").
    case sentence
    /// An earlier sentence of its paragraph.
    case paragraph
    /// The paragraph before.
    case previousParagraph
    /// The headline.
    case headline
    /// The topic the whole article is mostly about.
    case document
}

/// A topic chosen for a statement, with the evidence for it.
struct TopicChoice: Sendable {
    var hit: TopicHit
    var source: TopicSource
    /// The topic's share of the article's topic mentions, in [0, 1].
    var salience: Double
}

/// Decides which topics a statement is about: the topics its content names, else the topic of
/// its discourse (its sentence, its paragraph, the paragraph before, the headline, the article),
/// as a reader would fill in "the idea" or "the application" from what the article is about.
struct TopicAssigner: Sendable {
    /// Share of the article's topic mentions above which a topic is what the article is about.
    static let dominantShare = 0.4
    /// Most topics taken from one statement.
    static let maxTopicsPerStatement = 2

    /// The article's topics: mentions (in text order) and each topic's share of them, headline
    /// mentions counting double.
    struct Discourse: Sendable {
        let hits: [TopicHit]
        let salience: [Int: Double]
        let dominant: Int?

        init(hits: [TopicHit], headline: Range<Int>?) {
            self.hits = hits
            var weight: [Int: Double] = [:]
            for hit in hits {
                let w = (hit.isContext ? 0.5 : 1) * (headline?.contains(hit.tokens.lowerBound) == true ? 2 : 1)
                weight[hit.topic, default: 0] += w
            }
            let total = weight.values.reduce(0, +)
            salience = total > 0 ? weight.mapValues { $0 / total } : [:]
            dominant = salience.max { $0.value < $1.value || $0.value == $1.value && $0.key > $1.key }
                .flatMap { $0.value >= TopicAssigner.dominantShare ? $0.key : nil }
        }

        func hits(startingIn range: Range<Int>) -> ArraySlice<TopicHit> {
            hits[hits.indices(startingIn: range, start: \.tokens.lowerBound)]
        }
    }

    /// The topics of a statement with `content`, cued at `cue`.
    func topics(of content: Range<Int>, cue: Int, in doc: Doc, discourse: Discourse) -> [TopicChoice] {
        func choice(_ hit: TopicHit, _ source: TopicSource) -> TopicChoice {
            TopicChoice(hit: hit, source: source, salience: discourse.salience[hit.topic] ?? 0)
        }
        let own = contentTopics(discourse.hits(startingIn: content), in: content, doc: doc)
        if !own.isEmpty {
            return own.enumerated().map { choice($0.element, $0.offset == 0 ? .content : .coordinated) }
        }
        // A noun phrase that names no topic is about something else ("announced a state visit");
        // a clause that names none may still be about the topic of its discourse.
        guard doc.syntax.isEmpty || content.contains(where: { isPredicate($0, in: doc) }) else { return [] }
        // Nothing named: the topic comes from around the statement, the closer and the more the
        // article is about it the likelier. It sits at the statement's end, so that every word
        // of the content bears on the stance.
        let sentence = doc.sentences[doc.sentenceOf[cue]]
        let paragraph = doc.paragraphTokens(sentence.paragraph)
        // Only the words a reader still has in mind: a paragraph of thousands of words (a text
        // with no breaks) would otherwise make every statement scan all of it.
        let earlier = max(paragraph.lowerBound, sentence.tokens.lowerBound - Self.discourseWindow)..<sentence.tokens.lowerBound
        var levels: [(TopicSource, ArraySlice<TopicHit>)] = [
            (.sentence, discourse.hits(startingIn: sentence.tokens)),
            (.paragraph, discourse.hits(startingIn: earlier)),
        ]
        if sentence.paragraph > 0 {
            let previous = doc.paragraphTokens(sentence.paragraph - 1)
            let end = max(previous.lowerBound, previous.upperBound - Self.discourseWindow)..<previous.upperBound
            levels.append((.previousParagraph, discourse.hits(startingIn: end)))
        }
        if let headline = doc.headline { levels.append((.headline, discourse.hits(startingIn: headline))) }
        var best: (topic: Int, source: TopicSource, score: Double)?
        for (source, hits) in levels {
            for hit in hits where !content.contains(hit.tokens.lowerBound) {
                let score = Self.nearness[source, default: 0] + (discourse.salience[hit.topic] ?? 0)
                if best == nil || score > best!.score || score == best!.score && hit.topic < best!.topic { best = (hit.topic, source, score) }
            }
        }
        if let dominant = discourse.dominant, (discourse.salience[dominant] ?? 0) > (best?.score ?? 0) {
            best = (dominant, .document, discourse.salience[dominant] ?? 0)
        }
        guard let best else { return [] }
        return [choice(TopicHit(topic: best.topic, tokens: content.upperBound..<content.upperBound), best.source)]
    }

    /// The clauses a condition word opens inside `content`, as the parse delimits them.
    private func conditionClauses(in content: Range<Int>, doc: Doc) -> [Range<Int>] {
        guard !doc.syntax.isEmpty else { return [] }
        // A few are all a statement has; the bound keeps a text of nothing but "if" linear.
        return content.lazy.filter { doc.tokens[$0].is(.condition) && doc.syntax.relation(of: $0) == "mark" }.prefix(4).compactMap { k in
            guard let clause = doc.syntax.head(of: k) else { return nil }
            let span = doc.syntax.subtree(of: clause)
            return span.lowerBound >= content.lowerBound ? span : nil
        }
    }

    /// A verb heading a clause: not one modifying a noun ("a planned visit").
    private func isPredicate(_ token: Int, in doc: Doc) -> Bool {
        [.verb, .aux].contains(doc.syntax.tags[token].upos) && !["amod", "acl", "compound"].contains(doc.syntax.relation(of: token))
    }

    /// How many tokens before a statement its paragraph, and the paragraph before, are read for its topic.
    static let discourseWindow = 400

    /// How much being named close to a statement counts, beside how much the article names a topic.
    private static let nearness: [TopicSource: Double] = [.sentence: 0.3, .paragraph: 0.2, .previousParagraph: 0.1, .headline: 0.1]

    /// The topics a statement's content is about: the first topic it names, where its main
    /// proposition sits, and another topic only when coordinated with it ("a ceasefire and a
    /// prisoner exchange") or stated in a clause of its own ("…, but that sanctions …"). A topic
    /// in a modifier of the first ("monitors … under a settlement") is circumstance.
    private func contentTopics(_ hits: ArraySlice<TopicHit>, in content: Range<Int>, doc: Doc) -> [TopicHit] {
        let tokens = doc.tokens
        var inContent = Array(hits)
        // "would back the deal only if its farmers got guarantees": what a condition asks for is
        // not what the statement is about, when the statement names something else.
        let conditions = conditionClauses(in: content, doc: doc)
        if !conditions.isEmpty, inContent.contains(where: { hit in !conditions.contains { $0.contains(hit.tokens.lowerBound) } }),
           !(content.first.map { tokens[$0].is(.condition) } ?? false) {
            inContent.removeAll { hit in conditions.contains { $0.contains(hit.tokens.lowerBound) } }
        }
        // "If it wants calm, let it show so by signing a truce": the main clause after a
        // leading condition holds the proposition.
        if let first = content.first, tokens[first].is(.condition), let main = mainClauseStart(after: first, in: content, tokens: tokens),
           inContent.contains(where: { $0.tokens.lowerBound >= main }) {
            inContent.removeAll { $0.tokens.lowerBound < main }
        }
        // A word that names the topic outright outranks an ambiguous one ("raise the subsidy").
        guard let main = inContent.first(where: { !$0.isContext }) ?? inContent.first else { return [] }
        var chosen = [main]
        for hit in inContent where hit.tokens.lowerBound > main.tokens.lowerBound && !chosen.contains(where: { $0.topic == hit.topic }) {
            let between = main.tokens.upperBound..<hit.tokens.lowerBound
            if isCoordination(between, tokens: tokens) || startsClause(between, tokens: tokens) {
                chosen.append(hit)
                if chosen.count == Self.maxTopicsPerStatement { break }
            }
        }
        return chosen
    }

    /// Where the main clause starts after a leading condition: after its comma, else at a
    /// pronoun subject with a modal ("if it is given guarantees it could agree …").
    private func mainClauseStart(after condition: Int, in content: Range<Int>, tokens: [Token]) -> Int? {
        for k in condition + 1..<content.upperBound {
            if tokens[k].kind == .comma { return k + 1 }
            if k + 1 < content.upperBound, Self.subjectPronouns.contains(tokens[k].lower), tokens[k + 1].is(.modal) {
                return k
            }
        }
        return nil
    }

    private static let subjectPronouns: Set<String> = ["i", "we", "you", "he", "she", "it", "they"]

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
            // A quotation of several sentences states a proposition in each.
            if t.kind == .colon || t.kind == .terminal || ["but", "while", "whereas"].contains(t.lower) { return true }
            if t.isLink("and"), k + 1 < tokens.count, tokens[k + 1].isLink("that") { return true }
        }
        return false
    }
}
