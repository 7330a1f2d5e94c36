import ClaimModel

/// Attributions read off the dependency parse, whoever the source: a cue (a verb of
/// ``CueLexicon``, or any verb with a clausal complement and a subject), its source (the
/// cue's subject, a passive's agent, or the subject of the clause a participle or a
/// coordinated verb hangs from), and its content (the cue's clausal complement, the clause it
/// is inserted in, or for a position its object or complement).
///
/// A source that is no actor ("officials", "the report", a pronoun nobody resolves) still makes
/// an attribution: the who-said-what record lists it, and only claims need an actor.
struct ClauseAttributions {
    let doc: Doc
    let lexicon: CueLexicon
    /// For each token, the mention covering it.
    private let mentionAt: [Int32]

    init(doc: Doc, lexicon: CueLexicon) {
        self.doc = doc
        self.lexicon = lexicon
        var mentionAt = [Int32](repeating: -1, count: doc.tokens.count)
        for (index, m) in doc.mentions.enumerated() { for k in m.tokens where mentionAt[k] < 0 { mentionAt[k] = Int32(index) } }
        self.mentionAt = mentionAt
    }

    /// The attributions whose cue is not among `usedCues` and whose content overlaps none of
    /// `taken`'s, except a statement that reports positions already found ("…, sources said"
    /// around "the council called for …"): it frames them.
    func find(usedCues: Set<Int>, taken: [Attribution]) -> [Attribution] {
        guard !doc.syntax.isEmpty else { return [] }
        var found: [Attribution] = []
        var contents = taken.map { ($0.content, $0.mode == .reported) }
        for sentence in doc.sentences where !doc.isHeadline(sentence) {
            for v in sentence.tokens where !usedCues.contains(v) && !doc.insideQuote[v] {
                guard let a = attribution(at: v, in: sentence.tokens), !a.content.isEmpty else { continue }
                let overlapping = contents.filter { $0.0.overlaps(a.content) }
                let frames = a.mode != .reported && !overlapping.isEmpty
                    && overlapping.allSatisfy { $0.1 && a.content.contains($0.0.lowerBound) && a.content.upperBound >= $0.0.upperBound && $0.0 != a.content }
                guard overlapping.isEmpty || frames else { continue }
                contents.append((a.content, a.mode == .reported))
                var parsed = a
                parsed.isFromParse = true
                parsed.isFrame = frames
                found.append(parsed)
            }
        }
        return found
    }

    // MARK: - One cue

    private func attribution(at v: Int, in sentence: Range<Int>) -> Attribution? {
        let syntax = doc.syntax
        let tag = syntax.tags[v]
        guard tag.upos == .verb else { return nil }
        let classes = lexicon.classes(ofLemma: tag.lemma.lowercased())
        let isSpeech = classes.contains { $0.mode == .speech }
        let position = classes.first { $0.mode == .position }
        let complement = syntax.dependent(of: v, "ccomp")
        // An unlisted verb is a cue only with a clause for content and someone to say it, or as
        // an actor's deed on a topic ("the council raised the levy").
        guard !classes.isEmpty || complement != nil || touchesTopic(v) else { return nil }
        guard let source = source(of: v, in: sentence) else { return nil }
        if classes.isEmpty, complement == nil {
            guard source.actor != nil, let deed = deed(of: v) else { return nil }
            var a = Attribution(speaker: source, cue: v..<v + 1, content: deed, mode: .reported, cueStance: .support)
            a.isDeed = true
            return a
        }
        if classes.isEmpty, source.actor == nil, source.anaphor == nil, !isPronoun(source.tokens.lowerBound) { return nil }
        if let complement {
            let content = trimmed(clause(complement))
            let mode: AttributionMode = isQuotation(content) ? .direct : isSpeech || classes.isEmpty ? .indirect : .reported
            return Attribution(speaker: source, cue: v..<v + 1, content: content, mode: mode,
                               cueStance: isSpeech || classes.isEmpty ? nil : position?.stance)
        }
        if isSpeech, let inserted = insertingClause(of: v, in: sentence) {
            return Attribution(speaker: source, cue: v..<v + 1, content: inserted, mode: isQuotation(inserted) ? .direct : .indirect,
                               cueStance: nil)
        }
        if let position, let object = positionContent(of: v) {
            return Attribution(speaker: source, cue: v..<v + 1, content: object, mode: .reported, cueStance: position.stance)
        }
        return nil
    }

    /// The cue's source: its subject (a passive's agent), else the subject of the verb it is
    /// coordinated with, the complement of, or a participle of (", saying …").
    private func source(of v: Int, in sentence: Range<Int>) -> Mention? {
        let syntax = doc.syntax
        var verb = v
        for _ in 0..<4 {
            if let subject = syntax.dependent(of: verb, "nsubj") {
                // "the ministry, which said …": the relative pronoun stands for the noun the clause modifies.
                if ["who", "which", "that"].contains(doc.tokens[subject].lower), syntax.relation(of: verb) == "acl",
                   let noun = syntax.head(of: verb) {
                    return mention(for: noun)
                }
                guard syntax.relations[subject].label == "nsubj:pass" else { return mention(for: subject) }
                // "the plan was welcomed by the council": the agent welcomed it, not the subject.
                return agent(of: verb).flatMap(mention(for:))
            }
            guard let head = syntax.head(of: verb), sentence.contains(head) else { return nil }
            let relation = syntax.relation(of: verb)
            // A sentence whose root is a noun with a participle hanging from it ("The council voted
            // on Friday to …" misread as a reduced relative, or a headline) has no other verb for
            // the noun to be the subject of.
            if relation == "acl", syntax.relation(of: head) == "root", [.noun, .propn].contains(syntax.tags[head].upos) {
                return mention(for: head)
            }
            let isParticiple = relation == "advcl" && syntax.tags[verb].xpos == "VBG"
            guard relation == "conj" || relation == "xcomp" || isParticiple else { return nil }
            verb = head
        }
        return nil
    }

    /// A passive's agent: its `obl:agent`, else a "by" phrase the parse hung elsewhere in the
    /// clause ("welcomed on Friday by the council", where "by the council" went to "Friday").
    private func agent(of verb: Int) -> Int? {
        let syntax = doc.syntax
        if let agent = syntax.dependents(of: verb, "obl").first(where: { syntax.relations[$0].label == "obl:agent" }) { return agent }
        return syntax.subtree(of: verb).first { k in
            k != verb && syntax.dependents(of: k, "case").contains { doc.tokens[$0].lower == "by" }
                && [.noun, .propn, .pron].contains(syntax.tags[k].upos) && isInClause(k, of: verb)
        }
    }

    /// Whether `token` hangs from `verb` through phrases only, not through another clause.
    private func isInClause(_ token: Int, of verb: Int) -> Bool {
        var k = token
        while let head = doc.syntax.head(of: k) {
            if head == verb { return true }
            guard ["obl", "nmod", "conj", "appos"].contains(doc.syntax.relation(of: head)) else { return false }
            k = head
        }
        return false
    }

    /// The mention for a subject: the actor mention covering its head or any of its words, else
    /// the subject phrase itself, with no actor.
    private func mention(for subject: Int) -> Mention? {
        if mentionAt[subject] >= 0 { return doc.mentions[Int(mentionAt[subject])] }
        let syntax = doc.syntax
        let phrase = nominal(subject)
        // "aid agencies in the valley": a place the phrase is located in does not speak.
        let located = syntax.children[subject].map(Int.init).filter { child in
            syntax.relation(of: child) == "nmod"
                && syntax.dependents(of: child, "case").contains { ClauseAttributions.locatives.contains(doc.tokens[$0].lower) }
        }.map { syntax.subtree(of: $0) }
        if let inside = phrase.lazy.filter({ k in !located.contains { $0.contains(k) } }).map({ self.mentionAt[$0] }).first(where: { $0 >= 0 }) {
            return doc.mentions[Int(inside)]
        }
        guard doc.tokens[subject].kind == .word || doc.tokens[subject].kind == .number else { return nil }
        return Mention(tokens: phrase, actor: nil, anaphor: nil)
    }

    /// Prepositions that place a subject rather than name whom it belongs to.
    static let locatives: Set<String> = ["in", "at", "near", "across", "inside", "outside", "around"]

    /// A noun phrase without its relative clauses and appositions: "officials, who spoke on
    /// condition of anonymity," is "officials".
    private func nominal(_ head: Int) -> Range<Int> {
        let syntax = doc.syntax
        var low = head, high = head
        for child in syntax.children[head].map(Int.init) {
            let relation = syntax.relation(of: child)
            guard ["det", "amod", "compound", "flat", "nmod", "case", "nummod", "poss"].contains(relation) || syntax.relations[child].label == "nmod:poss" else { continue }
            let span = syntax.subtree(of: child)
            low = min(low, span.lowerBound)
            high = max(high, span.upperBound - 1)
        }
        return low..<high + 1
    }

    private func isPronoun(_ token: Int) -> Bool { doc.syntax.tags[token].upos == .pron }

    /// A clause as a span, without its subordinating conjunction ("that", "whether") and the
    /// punctuation around it.
    private func clause(_ head: Int) -> Range<Int> {
        var span = doc.syntax.subtree(of: head)
        while span.count > 1, doc.syntax.relation(of: span.lowerBound) == "mark" || doc.tokens[span.lowerBound].kind == .comma {
            span = span.lowerBound + 1..<span.upperBound
        }
        return span
    }

    /// "The talks will resume, Oskar Pell said.": a verb of saying inserted in (or appended to)
    /// the clause it reports, which the parse makes either its head or its parataxis dependent.
    private func insertingClause(of v: Int, in sentence: Range<Int>) -> Range<Int>? {
        let syntax = doc.syntax
        let own = syntax.subtree(of: v)
        if syntax.relation(of: v) == "parataxis", let head = syntax.head(of: v), sentence.contains(head) {
            let whole = syntax.subtree(of: head)
            return reported(whole, without: own)
        }
        if let reported = syntax.dependents(of: v, "parataxis").first(where: { $0 < v }) {
            return trimmed(syntax.subtree(of: reported))
        }
        // "…, sources said.", however the parse hung what comes before: the verb and its subject
        // close the sentence after a comma, and report everything before it.
        if let subject = syntax.dependent(of: v, "nsubj"), subject < v, syntax.head(of: v) == nil {
            let start = syntax.subtree(of: subject).lowerBound
            let rest = v + 1..<sentence.upperBound
            if start > sentence.lowerBound + 2, doc.tokens[start - 1].kind == .comma,
               rest.allSatisfy({ doc.tokens[$0].kind != .word || syntax.relation(of: $0) == "obl" || syntax.head(of: $0).map { $0 > v } ?? false })
                && !rest.contains(where: { ["ccomp", "obj", "xcomp"].contains(syntax.relation(of: $0)) && syntax.head(of: $0) == v }) {
                return trimmed(sentence.lowerBound..<start - 1)
            }
        }
        return nil
    }

    /// The part of `whole` before the inserted `clause` (or after it, when it comes first).
    private func reported(_ whole: Range<Int>, without clause: Range<Int>) -> Range<Int>? {
        let before = trimmed(whole.lowerBound..<clause.lowerBound)
        if before.count >= 3 { return before }
        let after = trimmed(clause.upperBound..<whole.upperBound)
        return after.count >= 3 ? after : nil
    }

    /// What a position is about: the cue's object with what it is asked to do ("urged Velm to
    /// accept the truce"), its complement ("agreed to lift the ban"), or a phrase governed by a
    /// preposition ("called for a truce", "voted against the bill").
    private func positionContent(of v: Int) -> Range<Int>? {
        let syntax = doc.syntax
        var parts: [Range<Int>] = []
        // A count is no object of a position: "voted 120 to 40 to approve the bill".
        if let object = syntax.dependent(of: v, "obj"), syntax.tags[object].upos != .num {
            var span = syntax.subtree(of: object)
            // "blocked every step in the accession process": a phrase right after the object that
            // the parse hung from the verb still says what the object is.
            for obl in syntax.dependents(of: v, "obl") where syntax.subtree(of: obl).lowerBound == span.upperBound
                && syntax.dependents(of: obl, "case").contains(where: { ["in", "on", "over", "of", "towards", "toward"].contains(doc.tokens[$0].lower) }) {
                span = span.lowerBound..<syntax.subtree(of: obl).upperBound
            }
            parts.append(span)
        }
        // "the truce was welcomed": what a passive is about is its subject.
        if let subject = syntax.dependent(of: v, "nsubj"), syntax.relations[subject].label == "nsubj:pass" {
            parts.append(syntax.subtree(of: subject))
        }
        if let complement = syntax.dependent(of: v, "xcomp") {
            parts.append(clause(complement))
        } else if parts.isEmpty, let purpose = syntax.dependents(of: v, "advcl").first(where: { clause in
            syntax.dependents(of: clause, "mark").contains { doc.tokens[$0].lower == "to" }
        }) {
            // An infinitive the parse hung as a purpose clause: "voted on Friday to ratify the accord".
            parts.append(clause(purpose))
        }
        if parts.isEmpty, let oblique = syntax.dependents(of: v, "obl").first(where: { obl in
            syntax.dependents(of: obl, "case").contains { ["for", "to", "on", "against", "with"].contains(doc.tokens[$0].lower) }
        }) {
            parts.append(syntax.subtree(of: oblique))
        }
        guard let first = parts.map(\.lowerBound).min(), let last = parts.map(\.upperBound).max() else { return nil }
        let span = trimmed(first..<last)
        return span.isEmpty ? nil : span
    }

    /// Whether the verb, or what it governs, names a topic: a deed that may state a position.
    private func touchesTopic(_ v: Int) -> Bool {
        !doc.topics.hits.isEmpty && deed(of: v) != nil
    }

    /// An actor's deed on a topic: the verb with its object, complement or prepositional phrase,
    /// when they (or the verb) name a topic ("lifted the embargo", "voted against the bill").
    /// The verb stays in the content, so that a verb that undoes the topic reverses the stance.
    private func deed(of v: Int) -> Range<Int>? {
        // "Visiting the cadets, she said …": a participle opening the clause sets the scene and is
        // no act of its own ("…, while pleading for artillery" is).
        if doc.syntax.relation(of: v) == "advcl", ["VBG", "VBN"].contains(doc.syntax.tags[v].xpos),
           let head = doc.syntax.head(of: v), v < head, doc.syntax.dependent(of: v, "mark") == nil { return nil }
        guard let arguments = positionContent(of: v) else { return nil }
        let span = min(v, arguments.lowerBound)..<max(v + 1, arguments.upperBound)
        guard !doc.topics.hits(startingIn: span).isEmpty else { return nil }
        return span
    }

    /// Without the commas, quote marks and final stop around a span.
    private func trimmed(_ span: Range<Int>) -> Range<Int> {
        var low = span.lowerBound, high = span.upperBound
        func isEdge(_ k: Int) -> Bool {
            [.comma, .terminal, .colon, .dash].contains(doc.tokens[k].kind) || doc.tokens[k].isQuote
        }
        while low < high, isEdge(low) { low += 1 }
        while high > low, isEdge(high - 1) { high -= 1 }
        return low..<high
    }

    /// Whether the content is the words of a quotation.
    private func isQuotation(_ content: Range<Int>) -> Bool {
        !content.isEmpty && doc.insideQuote[content.lowerBound] && doc.insideQuote[content.upperBound - 1]
    }
}
