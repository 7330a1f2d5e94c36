import ClaimModel

/// Finds the actors no list and no name pattern knew, from the parse: a noun phrase that is the
/// subject (or a passive's agent) of a verb is someone who acts or speaks. A proper name
/// ("Quellan", "Drumlin Relief Agency") becomes an actor of its own; so does a body or a
/// group named by a common noun with what places it ("the Belcaran army", "EU trade ministers"),
/// which the who-said-what record needs even when no name is given.
struct ActorDiscovery: DocComponent {
    func process(_ doc: inout Doc) {
        guard !doc.syntax.isEmpty else { return }
        var covered = [Bool](repeating: false, count: doc.tokens.count)
        for m in doc.mentions { for k in m.tokens { covered[k] = true } }
        for k in doc.dateline ?? 0..<0 { covered[k] = true }
        var found: [Mention] = []
        for sentence in doc.sentences where !(doc.headline?.contains(sentence.tokens.lowerBound) ?? false) {
            for k in sentence.tokens where !covered[k] && !doc.insideQuote[k] && isAgent(k, in: doc) {
                guard let (span, ref) = actor(headedBy: k, in: doc), !span.contains(where: { covered[$0] }) else { continue }
                let index = doc.actors.intern(ref)
                found.append(Mention(tokens: span, actor: index))
                for t in span { covered[t] = true }
            }
        }
        guard !found.isEmpty else { return }
        found += Self.otherOccurrences(of: found, in: doc, covered: &covered)
        doc.mentions = (doc.mentions + found).sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }
    }

    /// "The candidate in Drelmark's mayoral race promised …" before "Drelmark raised the port tax": a
    /// name found as a subject names the same actor wherever else the article spells it.
    static func otherOccurrences(of found: [Mention], in doc: Doc, covered: inout [Bool]) -> [Mention] {
        // Names as their words joined, so that each token costs a few look-ups, however many names
        // the text has.
        var names: [String: Int] = [:]
        var longest = 0
        for m in found where doc.tokens[m.tokens.lowerBound].isCapitalized && m.tokens.count <= Self.longestPropagatedName {
            let key = m.tokens.map { doc.spelling(of: $0) }.joined(separator: " ")
            if names[key] == nil {
                names[key] = m.actor!
                longest = max(longest, m.tokens.count)
            }
        }
        var more: [Mention] = []
        var k = 0
        while k < doc.tokens.count, longest > 0 {
            defer { k += 1 }
            guard !covered[k], doc.tokens[k].isCapitalized else { continue }
            var key = ""
            var match: (length: Int, actor: Int)?
            for length in 1...longest {
                let t = k + length - 1
                guard t < doc.tokens.count, !covered[t] else { break }
                key += (length > 1 ? " " : "") + doc.spelling(of: t)
                if let actor = names[key] { match = (length, actor) }
            }
            guard let match else { continue }
            let span = k..<k + match.length
            // A longer capitalised name that merely begins with this one is another name.
            if span.upperBound < doc.tokens.count, doc.tokens[span.upperBound].isCapitalized, doc.tokens[span.upperBound].kind == .word { continue }
            more.append(Mention(tokens: span, actor: match.actor))
            for t in span { covered[t] = true }
            k = span.upperBound - 1
        }
        return more
    }

    /// Names longer than this many words are not looked for elsewhere.
    static let longestPropagatedName = 6

    /// The subject of a verb, a passive's agent, or a conjunct of either ("Quellan and Vetharia signed").
    private func isAgent(_ k: Int, in doc: Doc) -> Bool {
        let syntax = doc.syntax
        var token = k
        if syntax.relation(of: token) == "conj", let head = syntax.head(of: token) { token = head }
        let label = syntax.relations[token].label
        guard label == "nsubj" || label == "obl:agent", let head = syntax.head(of: token) else { return false }
        return [.verb, .aux, .adj].contains(syntax.tags[head].upos)
    }

    /// The actor a noun phrase names: its proper-noun run, or a common noun placed by a demonym,
    /// a proper noun or a possessive; with what kind of actor it is.
    private func actor(headedBy k: Int, in doc: Doc) -> (Range<Int>, ActorRef)? {
        let syntax = doc.syntax
        let tokens = doc.tokens
        guard tokens[k].kind == .word else { return nil }
        // The head and the words that build its name (compounds, flat names, adjectives, "of X").
        var low = k, high = k
        for child in syntax.children[k].map(Int.init) where ["compound", "flat", "amod", "nmod"].contains(syntax.relation(of: child)) {
            let span = syntax.subtree(of: child)
            guard span.allSatisfy({ tokens[$0].kind == .word || tokens[$0].kind == .possessive }) else { continue }
            // "the Government of Ruvenia": an "of" phrase of proper nouns names the body.
            if syntax.relation(of: child) == "nmod", !span.contains(where: { syntax.tags[$0].upos == .propn }) { continue }
            // "the House of Delegates on Friday": only "of" (or "for") names the body, never a time.
            if syntax.relation(of: child) == "nmod", !syntax.dependents(of: child, "case").contains(where: { ["of", "for"].contains(tokens[$0].lower) })
                || span.contains(where: { tokens[$0].is(.timeWord) }) { continue }
            low = min(low, span.lowerBound)
            high = max(high, span.upperBound - 1)
        }
        var span = low..<high + 1
        // Neither an article nor an honorific ("Mrs. Halden") is part of the name.
        while span.count > 1, ["the", "a", "an"].contains(tokens[span.lowerBound].lower)
            || ActorVocabulary.honorifics.contains(tokens[span.lowerBound].lower) || tokens[span.lowerBound].kind != .word {
            span = span.lowerBound + 1..<span.upperBound
        }
        let tag = syntax.tags[k].upos
        let isProper = tag == .propn && tokens[k].isCapitalized
        let hasProperModifier = span.contains { $0 != k && syntax.tags[$0].upos == .propn && tokens[$0].isCapitalized }
        let head = tokens[k]
        let isBody = head.is(.groupHead) || head.is(.institutionHead) || head.is(.organisationHead) || head.is(.roleHead)
        // "Officials said": a body noun capitalised at a sentence's start is no name.
        guard isProper && !(isBody && !hasProperModifier) || (tag == .noun || tag == .propn) && isBody && hasProperModifier else { return nil }
        // Words that are no names: pronoun-like capitals, months, days.
        guard !head.is(.notName), !head.is(.timeWord) else { return nil }
        // A subject the parser found in a place's position ("fighting near the hamlet of Osterby Mill wounded …").
        if isProper, ActorVocabulary.isPlacePosition(span, in: tokens) { return nil }
        let name = doc.text(tokens: span)
        let kind: ActorKind
        if head.is(.organisationHead) || head.is(.institutionHead) {
            kind = .organisation
        } else if head.is(.groupHead) || head.is(.roleHead) {
            kind = .group
        } else if span.count >= 2, span.allSatisfy({ syntax.tags[$0].upos == .propn }) {
            kind = .person
        } else {
            kind = .organisation
        }
        return (span, ActorRef(name: name, kind: kind))
    }
}
