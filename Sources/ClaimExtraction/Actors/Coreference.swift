import ClaimModel

/// Resolves anaphors ("he", "they", "the ministry") to the actor they most likely stand for.
///
/// News prose keeps its topic actor in subject position, so a pronoun goes to the subject of
/// its own sentence when one precedes it, else to the last sentence subject of a fitting kind,
/// else to the last mention of a fitting kind. A sentence's subject is its first mention that
/// is not the object of a preposition and not inside a quotation.
struct Coreference: Sendable {
    let actors: ActorTable
    let voices: DocumentVoices
    /// Per actor, the stems of its role words ("foreign minister" → ["foreign", "minist"]).
    private let roleKeys: [[String]]

    init(actors: ActorTable, voices: DocumentVoices = DocumentVoices()) {
        self.actors = actors
        self.voices = voices
        roleKeys = actors.actors.map { actor in
            (actor.role ?? "").lowercased().split(separator: " ").map { Lemmatizer.lemma(ofLowercased: String($0)) }
        }
    }

    /// The mentions with anaphors resolved; unresolvable anaphors and anaphors inside
    /// quotations (whose "we" and "they" belong to the speaker's world) are dropped.
    func resolve(_ mentions: [Mention], in text: Doc, insideQuote: [Bool]) -> [Mention] {
        var resolved: [Mention] = []
        resolved.reserveCapacity(mentions.count)
        var state = Salience()
        var currentSentence = -1
        var subjectOfSentence: Int?
        for var m in mentions {
            let sentence = text.sentenceOf[m.tokens.lowerBound]
            if sentence != currentSentence {
                if let s = subjectOfSentence { state.noteSubject(s, kind: actors[s].kind) }
                currentSentence = sentence
                subjectOfSentence = nil
            }
            let quoted = insideQuote[m.tokens.lowerBound]
            if let anaphor = m.anaphor {
                let actor: Int?
                switch anaphor {
                case .speaker: actor = quoted ? nil : voices.speaker(at: m.tokens.lowerBound, in: text)
                case .addressee: actor = quoted ? nil : voices.addressee(at: m.tokens.lowerBound, in: text)
                default: actor = quoted ? nil : resolve(anaphor, sentenceSubject: subjectOfSentence, state: state)
                }
                guard let actor else { continue }
                m.actor = actor
            }
            guard let actor = m.actor else { continue }
            state.noteMention(actor, kind: actors[actor].kind, roleKeys: roleKeys[actor])
            // A transcript's speaker label ("Holm: He said …") is no subject of the sentence after it.
            let isLabel = voices.turns[text.sentences[sentence].paragraph]?.label == m.tokens
            if subjectOfSentence == nil, !quoted, !isLabel, !isPrepositionalObject(m, in: text), !isInIntroductoryPhrase(m, in: text) {
                subjectOfSentence = actor
            }
            resolved.append(m)
        }
        return resolved
    }

    private func isPrepositionalObject(_ m: Mention, in text: Doc) -> Bool {
        guard m.tokens.lowerBound > 0 else { return false }
        var p = m.tokens.lowerBound - 1
        if text.tokens[p].lower == "the" && p > 0 { p -= 1 }
        return ActorVocabulary.prepositions.contains(text.tokens[p].lower) && text.tokens[p].lower != "and"
    }

    /// "Speaking in Varnholm alongside President X, he said …": a name inside a fronted
    /// participial or prepositional phrase is not the sentence's subject.
    private func isInIntroductoryPhrase(_ m: Mention, in text: Doc) -> Bool {
        let sentence = text.sentences[text.sentenceOf[m.tokens.lowerBound]].tokens
        let first = text.tokens[sentence.lowerBound]
        guard first.kind == .word, first.lower.hasSuffix("ing") || first.is(.preposition), first.lower != "and" else { return false }
        for k in sentence.lowerBound..<m.tokens.lowerBound where text.tokens[k].kind == .comma { return false }
        return text.tokens[min(m.tokens.upperBound, sentence.upperBound)..<sentence.upperBound].contains { $0.kind == .comma }
    }

    private func resolve(_ anaphor: Anaphor, sentenceSubject: Int?, state: Salience) -> Int? {
        switch anaphor {
        case .person:
            if let s = sentenceSubject, actors[s].kind == .person { return s }
            return state.lastSubject[.person] ?? state.lastMention[.person]
        case .plural:
            if let s = sentenceSubject, actors[s].kind != .person { return s }
            return state.latestSubject(of: [.group, .organisation, .country])
        case .thing:
            if let s = sentenceSubject, actors[s].kind == .organisation || actors[s].kind == .country { return s }
            return state.latestSubject(of: [.organisation, .country])
        case .role(let head):
            if let byRole = state.lastWithRole(head) { return byRole }
            if ActorVocabulary.institutionHeads.contains(head) || head == "group" || ActorVocabulary.isSpokespersonStem(head) {
                return state.latestSubject(of: [.organisation, .country, .group])
            }
            return state.lastSubject[.person] ?? state.lastMention[.person]
        case .speaker, .addressee:
            return nil  // the document's voices, resolved by the caller
        }
    }
}

/// Who was mentioned last, and who was last a sentence subject, per kind of actor.
private struct Salience {
    var lastMention: [ActorKind: Int] = [:]
    var lastSubject: [ActorKind: Int] = [:]
    /// Order of the last subject per kind, to pick the most recent across kinds.
    var subjectOrder: [ActorKind: Int] = [:]
    var counter = 0
    /// Lowercased role words → the last actor holding that role.
    var roles: [String: Int] = [:]

    mutating func noteMention(_ actor: Int, kind: ActorKind, roleKeys: [String]) {
        lastMention[kind] = actor
        for key in roleKeys { roles[key] = actor }
    }

    mutating func noteSubject(_ actor: Int, kind: ActorKind) {
        counter += 1
        lastSubject[kind] = actor
        subjectOrder[kind] = counter
    }

    func latestSubject(of kinds: [ActorKind]) -> Int? {
        let best = kinds.compactMap { kind in lastSubject[kind].map { (subjectOrder[kind] ?? 0, $0) } }.max { $0.0 < $1.0 }
        return best?.1 ?? kinds.compactMap { lastMention[$0] }.first
    }

    func lastWithRole(_ head: String) -> Int? { roles[head] }
}
