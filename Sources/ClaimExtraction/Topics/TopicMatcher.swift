/// A place where the text names a topic.
struct TopicHit: Sendable, Hashable {
    var topic: Int
    var tokens: Range<Int>
    /// Named by an ambiguous word ("deal", "step") given to the article's dominant topic.
    var isContext = false
}

/// Finds the topics of the taxonomy in a document, on lemmas and multi-word phrases.
///
/// Plain cues always count. Context cues ("deal", "agreement") are ambiguous between topics, so
/// each is given to the topic among its owners that the document names most with plain cues,
/// and dropped when the document names none of them.
struct TopicMatcher: Sendable {
    private enum CueKind: Sendable { case plain, context }
    private struct Cue: Sendable { var topics: [Int]; var kind: CueKind; var nounOnly = false }

    private var index = PhraseIndex<Cue>()
    /// Lemmas of verbs that name a topic when a country is their object → the topic.
    private var countryVerbs = WordTable<Int>()

    /// The lemmas topic cues start with.
    var firstKeys: [String] { index.firstKeys }

    init(_ topics: [TopicDefinition]) {
        var plain: [[String]: [Int]] = [:]
        var context: [[String]: [Int]] = [:]
        for (t, topic) in topics.enumerated() {
            for cue in topic.cues { plain[PhraseIndex<Cue>.keys(of: cue, lemmatized: true), default: []].append(t) }
            for cue in topic.contextCues { context[PhraseIndex<Cue>.keys(of: cue, lemmatized: true), default: []].append(t) }
        }
        var nounOnly = Set<[String]>()
        for topic in topics { for cue in topic.nounCues { nounOnly.insert(PhraseIndex<Cue>.keys(of: cue, lemmatized: true)) } }
        for (keys, owners) in plain { index.insert(keys, Cue(topics: owners, kind: .plain, nounOnly: nounOnly.contains(keys))) }
        for (keys, owners) in context where plain[keys] == nil { index.insert(keys, Cue(topics: owners, kind: .context)) }
        for (t, topic) in topics.enumerated() {
            for verb in topic.countryVerbs { countryVerbs[Lemmatizer.lemma(ofLowercased: verb.lowercased())] = t }
        }
    }

    private static let determiners: Set<String> = ["the", "a", "an", "its", "his", "her", "their", "our", "your", "my", "this", "that"]

    /// Every topic mention of the document, in text order. `countries` are the mentions of
    /// country actors, which a country verb before them turns into a mention of its topic.
    /// `isVerb` says, per token, whether the tagger reads it as a verb (empty: no tags): an
    /// ambiguous word there ("supports", "moves") is no context cue.
    func hits(in tokens: [Token], countries: [Range<Int>] = [], isVerb: [Bool] = []) -> [TopicHit] {
        func verb(_ k: Int) -> Bool { k < isVerb.count && isVerb[k] }
        var plain: [TopicHit] = []
        var context: [(Range<Int>, [Int])] = []
        var counts: [Int: Int] = [:]
        var i = 0
        while i < tokens.count {
            guard tokens[i].is(.topicStart),
                  let match = index.longestMatch(at: i, key: { $0 < tokens.count ? tokens[$0].lemma : nil }) else {
                i += 1
                continue
            }
            let span = i..<i + match.length
            switch match.value.kind {
            case .plain:
                if match.value.nounOnly, verb(span.upperBound - 1) { break }
                for t in match.value.topics {
                    plain.append(TopicHit(topic: t, tokens: span))
                    counts[t, default: 0] += 1
                }
            case .context:
                // Ambiguous nouns only: "planned" or "moving" are not "plan" or "move".
                let last = tokens[span.upperBound - 1].lower
                if !last.hasSuffix("ed"), !last.hasSuffix("ing"), !verb(span.upperBound - 1) { context.append((span, match.value.topics)) }
            }
            i += match.length
        }
        if !countryVerbs.isEmpty {
            for country in countries {
                var v = country.lowerBound - 1
                if v >= 0, tokens[v].lower == "for" || tokens[v].lower == "to" { v -= 1 }
                guard v >= 0, tokens[v].kind == .word, let t = countryVerbs[tokens[v].lemma] else { continue }
                // The verb, not the noun: "its backing of Tarvia" is about what follows.
                if v > 0, TopicMatcher.determiners.contains(tokens[v - 1].lower) || tokens[v - 1].kind == .possessive { continue }
                // The country as a possessor: "supports Tarvia's membership" is about the membership.
                if country.upperBound < tokens.count, tokens[country.upperBound].kind == .possessive { continue }
                plain.append(TopicHit(topic: t, tokens: v..<country.upperBound))
                counts[t, default: 0] += 1
            }
        }
        for (span, owners) in context {
            let best = owners.map { ($0, counts[$0] ?? 0) }.filter { $0.1 > 0 }.max { $0.1 < $1.1 }
            if let best { plain.append(TopicHit(topic: best.0, tokens: span, isContext: true)) }
        }
        return plain.sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }
    }
}
