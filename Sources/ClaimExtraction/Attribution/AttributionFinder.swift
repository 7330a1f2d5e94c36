import ClaimModel

/// Finds attributions: direct quotations with their speakers, reported speech ("X said that
/// …", "according to X"), and positions reported without speech ("X rejected …").
///
/// Works on tokens and resolved mentions only. A speaker is a mention adjacent to the cue:
/// the subject before a verb (skipping auxiliaries, adverbs, dates and a comma-delimited
/// apposition), the name after an inverted "said", or the object of "according to".
struct AttributionFinder: Sendable {
    let text: Doc
    let mentions: [Mention]
    let quotes: [QuoteSpan]
    let insideQuote: [Bool]
    /// Tokens covered by a temporal expression, skipped when looking for a subject.
    let inTimex: [Bool]
    /// The document's tokens, held directly: reading them through `text` costs a retain per access.
    private let tokens: [Token]
    /// The mention ending just before / starting at each token position.
    private let mentionEndingAt: TokenPositionIndex
    private let mentionStartingAt: TokenPositionIndex

    init(text: Doc, mentions: [Mention], quotes: [QuoteSpan], insideQuote: [Bool], inTimex: [Bool]) {
        self.text = text
        tokens = text.tokens
        self.mentions = mentions
        self.quotes = quotes
        self.insideQuote = insideQuote
        self.inTimex = inTimex
        var ending = TokenPositionIndex(count: text.tokens.count + 1)
        var starting = TokenPositionIndex(count: text.tokens.count + 1)
        for (i, m) in mentions.enumerated() {
            ending[m.tokens.upperBound] = i
            starting[m.tokens.lowerBound] = i
        }
        mentionEndingAt = ending
        mentionStartingAt = starting
    }


    func find() -> [Attribution] {
        var result = directQuotes()
        var usedCues = Set(result.map(\.cue.lowerBound))
        for sentence in text.sentences where !text.isHeadline(sentence) {
            let found = reported(in: sentence, excluding: usedCues)
            for a in found { usedCues.insert(a.cue.lowerBound) }
            result.append(contentsOf: found)
        }
        return Self.inTextOrder(result)
    }

    /// The attributions sorted by where their content starts, with `continues` pointing into
    /// the sorted list (it pointed into the list of direct quotations).
    private static func inTextOrder(_ found: [Attribution]) -> [Attribution] {
        let parentStart = found.map { $0.continues.map { found[$0].content.lowerBound } }
        let order = found.indices.sorted { found[$0].content.lowerBound < found[$1].content.lowerBound }
        var sorted = order.map { found[$0] }
        var indexOfStart: [Int: Int] = [:]
        for (i, a) in sorted.enumerated() where a.mode == .direct && indexOfStart[a.content.lowerBound] == nil {
            indexOfStart[a.content.lowerBound] = i
        }
        for (i, original) in order.enumerated() {
            sorted[i].continues = parentStart[original].flatMap { indexOfStart[$0] }
        }
        return sorted
    }

    // MARK: - Direct quotations

    private func directQuotes() -> [Attribution] {
        var found: [Attribution] = []
        for q in quotes where q.content.count >= 4 {
            if let (speaker, cue) = speakerAfter(q) ?? speakerBefore(q) {
                found.append(Attribution(speaker: speaker, cue: cue, content: trimmed(q.content), mode: .direct, cueStance: nil))
            } else if let previous = found.indices.last, continuesPrevious(q, previous: found[previous]) {
                var next = found[previous]
                next.content = trimmed(q.content)
                next.continues = previous
                found.append(next)
            } else if let previous = found.indices.last, continuesInParagraph(q, previous: found[previous]) {
                // `"…," she said. "…"`: the same quotation, resumed after its attribution.
                var next = found[previous]
                next.content = trimmed(q.content)
                next.continues = previous
                next.isResumption = true
                found.append(next)
            } else if let (speaker, cue) = speakerOfLeadIn(q) {
                found.append(Attribution(speaker: speaker, cue: cue, content: trimmed(q.content), mode: .direct, cueStance: nil))
            }
        }
        return found
    }

    /// `“…,” he said` or `“…,” said Tessalian President Halvard Ostmark`.
    private func speakerAfter(_ q: QuoteSpan) -> (Mention, Range<Int>)? {
        guard q.isClosed else { return nil }
        var a = q.close + 1
        if a < tokens.count, tokens[a].kind == .comma { a += 1 }
        guard a < tokens.count, !tokens[a].startsParagraph else { return nil }
        // `“…” ― Sonya Herridge`: a quotation signed with a dash and a name, as readers' voices are.
        if tokens[a].kind == .dash, a + 1 < tokens.count, let m = mentionStartingAt[a + 1],
           mentions[m].tokens.upperBound >= tokens.count || tokens[mentions[m].tokens.upperBound].startsParagraph
            || [.terminal, .comma].contains(tokens[mentions[m].tokens.upperBound].kind) {
            return (mentions[m], a..<a + 1)
        }
        // "Mr. Clarke told …": the name's mention may begin after the honorific.
        if mentionStartingAt[a] == nil, ActorVocabulary.honorifics.contains(tokens[a].lower), a + 1 < tokens.count { a += 1 }
        if let m = mentionStartingAt[a] {
            var v = mentions[m].tokens.upperBound
            // "Rep. Gwen Morrow (D-Wis.) said": a short parenthesis after the name.
            if v < tokens.count, tokens[v].kind == .openParen,
               let close = (v + 1..<min(tokens.count, v + 10)).first(where: { tokens[$0].kind == .closeParen }) { v = close + 1 }
            // "Douglas Holt, an economist, told me": an apposition after the name.
            if v < tokens.count, tokens[v].kind == .comma,
               let comma = (v + 1..<min(tokens.count, v + 14)).first(where: { tokens[$0].kind == .comma || tokens[$0].kind == .terminal }),
               tokens[comma].kind == .comma, !(v + 1..<comma).contains(where: { tokens[$0].isActorVerb || insideQuote[$0] }) { v = comma + 1 }
            while v < tokens.count, tokens[v].is(.auxiliary) { v += 1 }
            if v < tokens.count, tokens[v].is(.speechVerb) { return (mentions[m], v..<v + 1) }
        }
        if tokens[a].is(.speechVerb) {
            if let m = mentionStartingAt[a + 1] { return (mentions[m], a..<a + 1) }
        }
        // `"…," the announcer said`: a source that names no actor, as the parse gives it.
        for v in a..<min(tokens.count, a + 8) where tokens[v].is(.speechVerb) && !insideQuote[v] {
            guard let subject = parseSubject(of: v, from: a) else { break }
            return (subject, v..<v + 1)
        }
        return nil
    }

    /// The subject of the verb at `v` as the parse gives it, within `from..<v`: a phrase with no
    /// actor, for sources such as "the announcer" or "a senior official".
    private func parseSubject(of v: Int, from: Int) -> Mention? {
        guard !text.syntax.isEmpty, let s = text.syntax.dependent(of: v, "nsubj"), s >= from, s < v,
              [.noun, .propn].contains(text.syntax.tags[s].upos) else { return nil }
        let span = text.syntax.subtree(of: s).clamped(to: from..<v)
        guard !span.isEmpty, span.allSatisfy({ tokens[$0].kind == .word || tokens[$0].kind == .possessive }) else { return nil }
        return Mention(tokens: span, actor: nil, anaphor: nil)
    }

    /// `X said: “…”`, `he told reporters, "…"`, `X said "…"`.
    private func speakerBefore(_ q: QuoteSpan) -> (Mention, Range<Int>)? {
        var b = q.open - 1
        guard b > 0, !tokens[q.open].startsParagraph else { return nil }
        if tokens[b].kind == .colon || tokens[b].kind == .comma { b -= 1 }
        let sentenceStart = text.sentences[text.sentenceOf[q.open]].tokens.lowerBound
        for v in stride(from: b, through: max(sentenceStart, b - 3), by: -1)
        where tokens[v].is(.speechVerb) && !insideQuote[v] {
            if let s = subject(before: v, sentenceStart: sentenceStart) ?? parseSubject(of: v, from: sentenceStart) { return (s, v..<v + 1) }
        }
        return nil
    }

    /// An unattributed quotation that opens its paragraph, right after a paragraph quoting
    /// someone, continues that speaker.
    private func continuesPrevious(_ q: QuoteSpan, previous: Attribution) -> Bool {
        guard tokens[q.open].startsParagraph else { return false }
        let paragraph = text.sentences[text.sentenceOf[q.open]].paragraph
        let previousParagraph = text.sentences[text.sentenceOf[previous.content.lowerBound]].paragraph
        return paragraph - previousParagraph <= 1
    }

    /// Whether the quotation is whole sentences of its own: it opens a sentence, not a
    /// paragraph, and its sentence ends with it.
    private func isQuotedSentence(_ q: QuoteSpan) -> Bool {
        guard q.isClosed, !tokens[q.open].startsParagraph else { return false }
        let first = text.sentenceOf[q.open], last = text.sentenceOf[q.close]
        return text.sentences[first].tokens.lowerBound == q.open && text.sentences[last].tokens.upperBound <= q.close + 2
            && (q.close + 1 >= tokens.count || tokens[q.close + 1].startsParagraph || text.sentenceOf[q.close + 1] != last
                || tokens[q.close + 1].kind == .terminal)
    }

    /// An unattributed quoted sentence right after the sentence that attributed a quotation
    /// of the same paragraph continues it.
    private func continuesInParagraph(_ q: QuoteSpan, previous: Attribution) -> Bool {
        guard previous.mode == .direct, isQuotedSentence(q) else { return false }
        let sentence = text.sentenceOf[q.open]
        let attributed = text.sentenceOf[max(previous.cue.lowerBound, previous.content.upperBound - 1)]
        return sentence - attributed == 1 && text.sentences[attributed].paragraph == text.sentences[sentence].paragraph
    }

    /// `X struck a harder tone on Wednesday. "…"`: an unattributed quoted sentence after a
    /// sentence of the same paragraph that quotes nobody is its subject's words, when that
    /// subject is a person.
    private func speakerOfLeadIn(_ q: QuoteSpan) -> (Mention, Range<Int>)? {
        guard isQuotedSentence(q), !text.syntax.isEmpty else { return nil }
        let sentence = text.sentenceOf[q.open]
        guard sentence > 0 else { return nil }
        let leadIn = text.sentences[sentence - 1]
        guard leadIn.paragraph == text.sentences[sentence].paragraph, !leadIn.tokens.contains(where: { insideQuote[$0] }),
              let root = leadIn.tokens.first(where: { text.syntax.head(of: $0) == nil }),
              let subject = text.syntax.dependent(of: root, "nsubj"),
              let m = mentions.firstIndex(where: { $0.tokens.contains(subject) }),
              let actor = mentions[m].actor, text.actors[actor].kind == .person else { return nil }
        return (mentions[m], root..<root + 1)
    }

    /// Content without the punctuation the quotation ends with.
    private func trimmed(_ r: Range<Int>) -> Range<Int> {
        var end = r.upperBound
        while end > r.lowerBound + 1, [.comma, .terminal, .colon].contains(tokens[end - 1].kind) { end -= 1 }
        return r.lowerBound..<end
    }

    // MARK: - Reported speech and positions

    private func reported(in sentence: Sentence, excluding used: Set<Int>) -> [Attribution] {
        var found: [Attribution] = []
        let range = sentence.tokens
        var mainSubject: Mention?
        for v in range where !insideQuote[v] && tokens[v].kind == .word {
            // Only cue words can start an attribution: test their class bits before any string.
            let isPossessed = v > 0 && tokens[v - 1].kind == .possessive
            guard tokens[v].isActorVerb || tokens[v].is(.attributionCue) || isPossessed, !used.contains(v) else { continue }
            // "the voting system", "a funding row": a gerund the parse puts inside a noun phrase.
            if tokens[v].lower.hasSuffix("ing"), !text.syntax.isEmpty,
               text.syntax.tags[v].upos == .noun || ["amod", "compound"].contains(text.syntax.relation(of: v)) { continue }
            if tokens[v].lower == "according", v + 1 < range.upperBound, tokens[v + 1].lower == "to",
               let speaker = (mentionStartingAt[v + 2] ?? mentionStartingAt[v + 3]).map({ mentions[$0] }) ?? sourcePhrase(from: v + 2, sentence: range) {
                if let a = accordingTo(cue: v, speaker: speaker, sentence: range) { found.append(a) }
                continue
            }
            if let a = possessiveStance(at: v, sentence: range) {
                // "She restated Norland's opposition to …": the speaker's own position, said once.
                if !found.contains(where: { $0.cueStance == nil && $0.content.contains(v) }) { found.append(a) }
                continue
            }
            let lemma = tokens[v].lemma
            // "called off the summit" cancels it.
            let isCalledOff = lemma == "call" && v + 1 < range.upperBound && tokens[v + 1].lower == "off"
            let isSpeech = tokens[v].is(.speechVerb) && !isCalledOff
            // "Brenmoor is eager for more grain credits": a predicate of wanting after "be".
            let isDesire = tokens[v].is(.attributionCue) && tokens[v].lower != "according" && isPassive(v)
            let verbStance: Stance? = isCalledOff || isDesire ? (isDesire ? .support : .oppose)
                : tokens[v].is(.stanceVerb) ? AttributionVocabulary.stanceVerbs[lemma] : nil
            if let verbStance, let a = passiveAgent(of: v, stance: verbStance, sentence: range) {
                found.append(a) // "a scheme floated by X to station monitors"
                continue
            }
            guard isSpeech || verbStance != nil, looksLikeVerb(v), isDesire || !isPassive(v) else { continue }
            // ", saying …", ", urging …": the subject of the clause the participle hangs from,
            // never the name just before its comma ("used the ad against Ostrova, accusing her …").
            let isParticiple = tokens[v].lower.hasSuffix("ing") && isParticipialClause(v, sentenceStart: range.lowerBound)
            var speaker = isParticiple ? nil : subject(before: v, sentenceStart: range.lowerBound)
            // A verb inside what someone is reported to say belongs to that statement, unless
            // the statement opens with its subject: "X said Y had suggested …" reports Y.
            if let outer = found.lastIndex(where: { $0.mode != .reported && $0.content.contains(v) }) {
                guard let inner = speaker, inner.actor != nil, inner.tokens.lowerBound == found[outer].content.lowerBound,
                      reportsPastSpeech(v, after: inner) else { continue }
                found[outer].isFrame = true
            }
            if isParticiple {
                speaker = found.last?.speaker ?? mainSubject ?? subjectOfGoverningClause(v, sentence: range)
                    ?? subject(before: v, sentenceStart: range.lowerBound)
            }
            if speaker == nil, isCoordinatedVerb(v, sentenceStart: range.lowerBound) {
                // "… and said …", "… but insisted …"; "the envoys flew to Port Alder and demanded …"
                speaker = found.last?.speaker ?? mainSubject ?? subjectOfEarlierVerb(before: v, sentenceStart: range.lowerBound)
            }
            guard let speaker else { continue }
            // "… to resign if it signed the pact", "demanded that Ostrel accept talks": a
            // hypothetical or demanded act is not its subject's position.
            if speaker.tokens.lowerBound > range.lowerBound, tokens[speaker.tokens.lowerBound - 1].is(.condition) { continue }
            let isBareForm = tokens[v].lemma == tokens[v].lower || tokens[v].lemma + "e" == tokens[v].lower
            if isBareForm, found.contains(where: { $0.mode == .reported && $0.cueStance == .support && $0.content.contains(v)
                && $0.content.lowerBound < speaker.tokens.lowerBound }) { continue }
            if mainSubject == nil { mainSubject = speaker }
            let isAppeal = v + 1 < range.upperBound && AttributionVocabulary.appealParticles.contains(tokens[v + 1].lower)
                && verbStance != nil
            let attribution: Attribution
            if isSpeech && !isAppeal {
                guard let a = speech(cue: v, speaker: speaker, sentence: range) else { continue }
                attribution = a
            } else if let object = objectGap(before: speaker, verb: v, sentence: range) {
                attribution = Attribution(speaker: speaker, cue: v..<v + 1, content: object, mode: .reported, cueStance: verbStance ?? .support)
            } else {
                let end = clauseEnd(after: v, sentence: range)
                guard end > v + 1 else { continue }
                attribution = Attribution(speaker: speaker, cue: v..<v + 1, content: v + 1..<end, mode: .reported,
                                          cueStance: verbStance ?? .support)
            }
            found.append(attribution)
            for other in coordinatedSubjects(before: speaker, sentenceStart: range.lowerBound) {
                var shared = attribution
                shared.speaker = other
                found.append(shared)
            }
        }
        return found
    }

    /// "a scheme floated by President X to station monitors", "the plan backed by X": a
    /// participle without "be" whose agent follows "by" holds the agent's position on the noun
    /// phrase before it and what follows.
    private func passiveAgent(of v: Int, stance: Stance, sentence: Range<Int>) -> Attribution? {
        guard v > sentence.lowerBound, v + 2 < sentence.upperBound, tokens[v].lower.hasSuffix("ed"), tokens[v + 1].lower == "by",
              let m = mentionStartingAt[v + 2], mentions[m].actor != nil, !isPassive(v),
              tokens[v - 1].kind == .word, !tokens[v - 1].isCapitalized, !tokens[v - 1].is(.auxiliary) else { return nil }
        var start = v - 1
        while start > max(sentence.lowerBound, v - 5), tokens[start - 1].kind == .word,
              !["a", "an", "the", "this", "that", "any"].contains(tokens[start].lower) { start -= 1 }
        let end = clauseEnd(after: mentions[m].tokens.upperBound - 1, sentence: sentence)
        guard end > start else { return nil }
        return Attribution(speaker: mentions[m], cue: v..<v + 1, content: start..<end, mode: .reported, cueStance: stance)
    }

    /// "…, a step Ostrel condemned as reckless": a verb with no object of its own after a noun
    /// phrase and its subject governs that noun phrase (a relative clause without "that").
    private func objectGap(before speaker: Mention, verb v: Int, sentence: Range<Int>) -> Range<Int>? {
        let after = v + 1
        // "the truce that Norland rejected was …": a relative clause whose object is the noun before it.
        let relative = speaker.tokens.lowerBound - 1 > sentence.lowerBound && ["that", "which"].contains(tokens[speaker.tokens.lowerBound - 1].lower)
        guard after >= sentence.upperBound || ["as", "and", "but"].contains(tokens[after].lower) || tokens[after].kind != .word
            || tokens[after].is(.auxiliary) else { return nil }
        let noun = speaker.tokens.lowerBound - (relative ? 2 : 1)
        guard noun > sentence.lowerBound, tokens[noun].kind == .word, !tokens[noun].isCapitalized,
              !tokens[noun].is(.preposition), !tokens[noun].is(.auxiliary), !tokens[noun].isActorVerb else { return nil }
        var start = noun
        while start > max(sentence.lowerBound, noun - 4), tokens[start - 1].kind == .word,
              !["a", "an", "the", "this", "that", "any"].contains(tokens[start].lower) { start -= 1 }
        guard ["a", "an", "the", "this", "that", "any"].contains(tokens[start].lower) else { return nil }
        return start..<noun + 1
    }

    /// "Dray had hinted …", "Kesk agreed …": a verb of saying in the past with nothing but
    /// "had" after its subject. "Ukraine would back …" is the outer speaker's own position.
    private func reportsPastSpeech(_ v: Int, after subject: Mention) -> Bool {
        guard tokens[v].is(.speechVerb), tokens[v].lower.hasSuffix("ed") || tokens[v].lemma != tokens[v].lower else { return false }
        return (subject.tokens.upperBound..<v).allSatisfy { tokens[$0].lower == "had" || tokens[$0].is(.adverb) }
    }

    /// "Dray and Kesk pledged …", "Norland, Tarvia and Ostrel launched …": the other
    /// subjects the verb shares with `speaker`, its last conjunct.
    private func coordinatedSubjects(before speaker: Mention, sentenceStart: Int) -> [Mention] {
        guard speaker.tokens.lowerBound >= sentenceStart + 2, tokens[speaker.tokens.lowerBound - 1].isLink("and"),
              let first = mentionEndingAt[speaker.tokens.lowerBound - 1] else { return [] }
        var others = [mentions[first]]
        var k = mentions[first].tokens.lowerBound
        while k >= sentenceStart + 2, tokens[k - 1].kind == .comma, let m = mentionEndingAt[k - 1] {
            others.append(mentions[m])
            k = mentions[m].tokens.lowerBound
        }
        return others.filter { $0.actor != nil && $0.actor != speaker.actor && !isObjectOfPreposition($0) }
    }

    /// "X said (on Monday) (that) …"; a verb at the end ("…, the ministry said.") takes what precedes.
    private func speech(cue v: Int, speaker: Mention, sentence: Range<Int>) -> Attribution? {
        var start = v + 1
        // "X said: “…”" is a direct quotation, found already or deliberately left.
        if start < sentence.upperBound, [.colon, .comma].contains(tokens[start].kind), start + 1 < sentence.upperBound, tokens[start + 1].kind == .openQuote { return nil }
        if start < sentence.upperBound, tokens[start].kind == .openQuote { return nil }
        var j = start
        while j < min(sentence.upperBound, v + 20) {
            let t = tokens[j]
            if t.isLink("that") { start = j + 1; break }
            if [.terminal, .colon, .openQuote, .comma].contains(t.kind) || t.isLink("and") { break }
            // A verb before any "that" starts the content: a later "that" is a relative pronoun
            // inside it ("said they would not accept a truce that rewards …").
            if !text.syntax.isEmpty, [.verb, .aux].contains(text.syntax.tags[j].upos) { break }
            j += 1
        }
        if start == v + 1 {
            // "told Mara Lind the alliance …", "told her …": whom she told is no part of it.
            if tokens[v].lemma == "tell", let m = mentionStartingAt[start] {
                start = mentions[m].tokens.upperBound
            } else if tokens[v].lemma == "tell", start + 1 < sentence.upperBound, !text.syntax.isEmpty, text.syntax.relations[start].label == "iobj" {
                start += 1
            }
            while start < sentence.upperBound, isSetting(start, cue: v) || tokens[start].kind == .comma { start += 1 }
        }
        let end = clauseEnd(after: start - 1, sentence: sentence)
        if end > start {
            return Attribution(speaker: speaker, cue: v..<v + 1, content: start..<end, mode: .indirect, cueStance: nil)
        }
        // "…, Tarvia's coast guard said."
        var contentEnd = speaker.tokens.lowerBound
        if contentEnd > sentence.lowerBound, tokens[contentEnd - 1].kind == .comma { contentEnd -= 1 }
        guard contentEnd - sentence.lowerBound >= 3, !insideQuote[sentence.lowerBound] else { return nil }
        return Attribution(speaker: speaker, cue: v..<v + 1, content: sentence.lowerBound..<contentEnd, mode: .indirect, cueStance: nil)
    }

    /// "…, according to X." or "According to X, …".
    private func accordingTo(cue v: Int, speaker: Mention, sentence: Range<Int>) -> Attribution? {
        let cue = v..<v + 2
        var before = v
        if before > sentence.lowerBound, tokens[before - 1].kind == .comma { before -= 1 }
        if before - sentence.lowerBound >= 3 {
            return Attribution(speaker: speaker, cue: cue, content: sentence.lowerBound..<before, mode: .indirect, cueStance: nil)
        }
        var after = speaker.tokens.upperBound
        if after < sentence.upperBound, tokens[after].kind == .comma { after += 1 }
        let end = clauseEnd(after: after - 1, sentence: sentence)
        guard end - after >= 3 else { return nil }
        return Attribution(speaker: speaker, cue: cue, content: after..<end, mode: .indirect, cueStance: nil)
    }

    /// A source that names no actor ("according to a poll", "according to industry figures"):
    /// the noun phrase up to the next punctuation, at most a few words, ending in a noun.
    private func sourcePhrase(from start: Int, sentence: Range<Int>) -> Mention? {
        guard !text.syntax.isEmpty else { return nil }
        var end = start
        while end < sentence.upperBound, end - start < 10, tokens[end].kind == .word || tokens[end].kind == .possessive { end += 1 }
        guard end > start, end - start < 10, [.noun, .propn, .pron].contains(text.syntax.tags[end - 1].upos) else { return nil }
        return Mention(tokens: start..<end, actor: nil, anaphor: nil)
    }

    /// "Brenmoor's appeals for a seat", "Ostrel's refusal of any inspection".
    private func possessiveStance(at v: Int, sentence: Range<Int>) -> Attribution? {
        guard v >= 2, tokens[v - 1].kind == .possessive, let m = mentionEndingAt[v - 1],
              let stance = Self.stanceNouns[tokens[v].lemma] else { return nil }
        let end = clauseEnd(after: v, sentence: sentence)
        guard end > v + 1 else { return nil }
        return Attribution(speaker: mentions[m], cue: v..<v + 1, content: v + 1..<end, mode: .reported, cueStance: stance)
    }

    // MARK: - Subjects and clauses

    /// The mention that is the subject of the verb at `v`.
    func subject(before v: Int, sentenceStart: Int) -> Mention? {
        var k = v - 1
        while k >= sentenceStart {
            if let m = mentionEndingAt[k + 1], !insideQuote[mentions[m].tokens.lowerBound] || insideQuote[v] {
                // "with Finance Minister X saying …": the subject of an absolute construction.
                let isAbsolute = tokens[v].lower.hasSuffix("ing") && mentions[m].tokens.lowerBound > 0
                    && tokens[mentions[m].tokens.lowerBound - 1].lower == "with"
                return isObjectOfPreposition(mentions[m]) && !isAbsolute ? nil : mentions[m]
            }
            let t = tokens[k]
            if inTimex[k] || t.is(.auxiliary) || t.is(.adverb) || t.is(.timeWord) || t.kind == .number {
                k -= 1
                continue
            }
            if t.lower == "who" || t.lower == "which", k > sentenceStart, tokens[k - 1].kind == .comma, let m = mentionEndingAt[k - 1] {
                return mentions[m]
            }
            // "Taldera's foreign minister, Ilka Brannock, said": the apposition is the name itself;
            // in "X, in Varnholm for talks with the coalition, appealed" the subject is X.
            if t.kind == .comma, let m = mentionEndingAt[k], isWholeApposition(mentions[m], sentenceStart: sentenceStart) {
                return mentions[m]
            }
            if t.kind == .comma || t.kind == .dash {
                // "X, the second leader to visit this week, told …": skip the apposition.
                var p = k - 1
                while p > sentenceStart, tokens[p].kind != t.kind { p -= 1 }
                // An apposition has no verb of its own ("X rejected the plan, saying" is a clause),
                // unless it is a relative clause: "X, who last week refused talks …, wrote".
                guard p > sentenceStart, let m = mentionEndingAt[p] else { return nil }
                let isRelative = ["who", "which"].contains(tokens[p + 1].lower)
                guard isRelative || !(p + 1..<k).contains(where: { tokens[$0].isActorVerb }) else { return nil }
                return mentions[m]
            }
            return nil
        }
        return nil
    }

    private func isWholeApposition(_ m: Mention, sentenceStart: Int) -> Bool {
        var before = m.tokens.lowerBound - 1
        if before > sentenceStart, ["the", "a", "an"].contains(tokens[before].lower) { before -= 1 }
        guard before > sentenceStart else { return true }
        // '"…," said the Forum, urging …': the subject of an inverted verb of saying.
        if tokens[before].is(.speechVerb) { return true }
        return tokens[before].kind == .comma || tokens[before].kind == .dash || !(sentenceStart..<before).contains { tokens[$0].kind == .comma }
    }

    private func isObjectOfPreposition(_ m: Mention) -> Bool {
        var p = m.tokens.lowerBound - 1
        if p > 0, tokens[p].lower == "the" { p -= 1 } // "agencies in the Dornet Valley"
        guard p >= 0 else { return false }
        let lower = tokens[p].lower
        return ["of", "with", "to", "by", "from", "for", "against", "between", "among", "than", "on", "at", "in"].contains(lower)
    }

    /// Where the content of a cue at `after` ends: the sentence end, or the start of a new clause
    /// with its own subject or attribution (", while X …", ", saying …", ", according to").
    private func clauseEnd(after: Int, sentence: Range<Int>) -> Int {
        // "X, whose cabinet voted against the embargo, was silent": a relative clause ends at its comma.
        let inRelative = (sentence.lowerBound..<after).last { tokens[$0].kind == .comma && !insideQuote[$0] }
            .map { ["who", "whose", "which"].contains(tokens[$0 + 1].lower) } ?? false
        var k = after + 1
        while k < sentence.upperBound {
            let t = tokens[k]
            if inRelative, t.kind == .comma, !insideQuote[k] { return k }
            if t.kind == .terminal, k + 1 >= sentence.upperBound || tokens[k + 1].kind == .closeQuote || k + 1 == sentence.upperBound { return k }
            if t.kind == .colon, !insideQuote[k] { return k }
            if t.kind == .comma || t.kind == .dash, k + 1 < sentence.upperBound, !insideQuote[k] {
                let next = tokens[k + 1]
                // "…, but that …" still reports the same speaker.
                let reportsOn = k + 2 < sentence.upperBound && tokens[k + 2].isLink("that")
                if ["while", "whereas", "but", "although", "though", "according"].contains(next.lower), !reportsOn { return k }
                if next.lower.hasSuffix("ing"), next.isActorVerb { return k }
                if isCoordinatedVerb(skipAdverbs(from: k + 2), sentenceStart: sentence.lowerBound) { return k }
                if next.isLink("and"), let m = mentionStartingAt[k + 2], mentions[m].tokens.upperBound < sentence.upperBound,
                   tokens[skipAuxiliaries(from: mentions[m].tokens.upperBound)].isActorVerb { return k }
            }
            if (t.isLink("and") || t.isLink("but")), k + 1 < sentence.upperBound, !insideQuote[k],
               isCoordinatedVerb(skipAdverbs(from: k + 1), sentenceStart: sentence.lowerBound) { return k }
            k += 1
        }
        var end = sentence.upperBound
        while end > after + 1, [.terminal, .closeQuote, .comma].contains(tokens[end - 1].kind), !(tokens[end - 1].kind == .closeQuote && insideQuote[end - 2]) { end -= 1 }
        return end
    }

    /// ", saying …", ", while once more pressing for …": a participle opening a clause after a comma.
    private func isParticipialClause(_ v: Int, sentenceStart: Int) -> Bool {
        var k = v - 1
        while k > sentenceStart, tokens[k].is(.adverb) || ["while", "and", "before", "after", "when"].contains(tokens[k].lower) { k -= 1 }
        return k > sentenceStart && k < v && tokens[k].kind == .comma
    }

    /// The subject of the first of two coordinated verbs: the nearest mention before `v`
    /// directly followed by a past-tense verb ("the envoys … flew to Port Alder and demanded").
    /// The actor subject of the clause a participle or coordinated verb hangs from, read off the parse.
    private func subjectOfGoverningClause(_ v: Int, sentence: Range<Int>) -> Mention? {
        let syntax = text.syntax
        guard !syntax.isEmpty else { return nil }
        var verb = v
        for _ in 0..<3 {
            guard let head = syntax.head(of: verb), sentence.contains(head),
                  ["advcl", "conj", "xcomp", "acl"].contains(syntax.relation(of: verb)) else { return nil }
            verb = head
            if let subject = syntax.dependent(of: verb, "nsubj"),
               let m = mentions.firstIndex(where: { $0.tokens.contains(subject) && $0.actor != nil }) {
                return mentions[m]
            }
        }
        return nil
    }

    private func subjectOfEarlierVerb(before v: Int, sentenceStart: Int) -> Mention? {
        var k = v - 1
        while k > sentenceStart {
            if let m = mentionEndingAt[k], mentions[m].actor != nil, tokens[k].kind == .word, !tokens[k].isCapitalized,
               tokens[k].lower.hasSuffix("ed"), !tokens[k].is(.preposition) {
                return mentions[m]
            }
            k -= 1
        }
        return nil
    }

    /// A verb of saying or of position whose subject is elided after "and"/"but": "X described
    /// it as a step and said …" is a second statement of X, not part of the first one's content.
    private func isCoordinatedVerb(_ v: Int, sentenceStart: Int) -> Bool {
        guard v < tokens.count, tokens[v].isActorVerb, !tokens[v].lower.hasSuffix("ing"), looksLikeVerb(v) else { return false }
        var k = v - 1
        while k > sentenceStart, tokens[k].is(.adverb) { k -= 1 }
        guard k > sentenceStart, tokens[k].isLink("and") || tokens[k].isLink("but") else { return false }
        return tokens[v].lower.hasSuffix("ed") || tokens[v].lemma != tokens[v].lower || tokens[v].is(.speechVerb)
    }

    private func skipAdverbs(from i: Int) -> Int {
        var k = i
        while k + 1 < tokens.count, tokens[k].is(.adverb) { k += 1 }
        return k
    }

    private func skipAuxiliaries(from i: Int) -> Int {
        var k = i
        while k + 1 < tokens.count, tokens[k].is(.auxiliary) || tokens[k].is(.adverb) { k += 1 }
        return k
    }

    /// A cue word used as a verb, not as a noun or adjective ("the calls", "a back channel").
    private func looksLikeVerb(_ v: Int) -> Bool {
        let t = tokens[v]
        if t.is(.auxiliary) || t.is(.negation) { return false }
        if t.isCapitalized, v > 0, !tokens[v - 1].startsParagraph, text.sentenceOf[v - 1] == text.sentenceOf[v] { return false }
        if v > 0, ["the", "a", "an", "its", "his", "her", "their", "this", "that"].contains(tokens[v - 1].lower) { return false }
        // "Coast Guard rules required …": a noun the tagger reads as the subject of the verb after it.
        if !text.syntax.isEmpty, text.syntax.tags[v].upos == .noun, v + 1 < tokens.count,
           [.verb, .aux].contains(text.syntax.tags[v + 1].upos) { return false }
        return true
    }

    /// "if Tarvia is granted loans": the grammatical subject is not the one who gives.
    private func isPassive(_ v: Int) -> Bool {
        var k = v - 1
        while k >= 0, tokens[k].is(.adverb) { k -= 1 }
        return k >= 0 && ["is", "was", "were", "be", "been", "being", "are", "get", "got"].contains(tokens[k].lower)
    }

    private func isSetting(_ j: Int, cue: Int) -> Bool {
        // A determiner is part of a setting ("told the news conference") only when one follows it.
        if Self.determiners.contains(tokens[j].lower) {
            return j + 1 < tokens.count && AttributionVocabulary.speechSettings.contains(tokens[j + 1].lemma)
                && !Self.determiners.contains(tokens[j + 1].lower)
        }
        return inTimex[j] || tokens[j].is(.timeWord) || AttributionVocabulary.speechSettings.contains(tokens[j].lemma)
            || tokens[j].kind == .number
    }

    private static let determiners: Set<String> = ["a", "an", "the", "his", "her", "their", "its"]

    static let auxiliaries: Set<String> = [
        "has", "have", "had", "would", "will", "could", "can", "may", "might", "should", "must", "did", "does",
        "do", "is", "was", "were", "be", "been", "are", "not", "never", "n't", "also", "then", "had", "'d",
    ]

    static let adverbs: Set<String> = [
        "also", "later", "then", "again", "repeatedly", "long", "already", "previously", "earlier", "recently",
        "separately", "reportedly", "publicly", "openly", "quickly", "once", "initially", "firmly", "strongly",
        "immediately", "swiftly", "jointly", "subsequently", "privately", "explicitly", "still", "just",
        "further", "first", "twice", "formally", "officially", "effectively", "flatly", "sharply", "angrily",
        "bluntly", "directly", "personally", "itself", "himself", "herself", "themselves", "too", "both",
        "all", "finally", "eventually", "consistently", "increasingly", "only", "similarly", "likewise",
    ]

    static let timeWords: Set<String> = [
        "on", "in", "at", "last", "this", "next", "late", "early", "earlier", "later", "week", "month", "year",
        "day", "days", "weeks", "months", "years", "ago", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "today", "yesterday", "tonight", "morning", "afternoon", "evening", "night",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.",
        "oct.", "nov.", "dec.", "feb", "apr", "jun", "jul", "aug", "sept", "oct", "nov", "dec", "weekend", "the", "same",
        "previous", "since",
    ]

    /// Nouns that carry their possessor's position ("Brenmoor's appeals for …").
    static let stanceNouns: [String: Stance] = {
        var nouns: [String: Stance] = [:]
        for w in ["call", "demand", "appeal", "proposal", "offer", "push", "bid", "request", "plea", "plan", "insistence", "pledge", "support"] {
            nouns[Lemmatizer.lemma(ofLowercased: w)] = .support
            nouns[Lemmatizer.lemma(ofLowercased: w + "s")] = .support
        }
        for w in ["rejection", "opposition", "refusal", "objection", "veto", "objections"] {
            nouns[Lemmatizer.lemma(ofLowercased: w)] = .oppose
        }
        return nouns
    }()
}

/// An optional index per token position, read out of range as nil: an array where the rules
/// used to hash positions into a dictionary.
struct TokenPositionIndex: Sendable {
    private var values: [Int32]

    init(count: Int) { values = Array(repeating: -1, count: count) }

    subscript(position: Int) -> Int? {
        get { position >= 0 && position < values.count && values[position] >= 0 ? Int(values[position]) : nil }
        set { if position >= 0 && position < values.count { values[position] = Int32(newValue ?? -1) } }
    }
}
