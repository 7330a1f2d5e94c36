import ClaimModel

/// The date of each attribution's speech act: the timex the parse attaches to its cue ("said on
/// Thursday", "rejected the plan in February"), else the date of the attribution it continues,
/// else the day that sets the scene of its paragraph ("In the capital on Tuesday, … X called …
/// Y said …"), else the date heading its section (a live blog's "Sunday 7 April"), else the
/// date of the same speaker's previous statement nearby, else the document date.
struct ClaimDating: Sendable {
    private var dates: [TimeValue] = []

    init(text: Doc, timexes: [TokenTimex], attributions: [Attribution],
         actors: ActorTable, documentDate: TimeValue, insideQuote: [Bool]) {
        let leadParagraph = ClaimDating.leadParagraph(of: text)
        let interviewDate = ClaimDating.interviewDate(of: text, timexes: timexes, documentDate: documentDate)
        // Whether each attribution's date came from the text rather than the document date.
        var outerDated: [Bool] = []
        let headings = ClaimDating.sectionHeadings(of: text, timexes: timexes, documentDate: documentDate)
        for (i, a) in attributions.enumerated() {
            var date = text.syntax.isEmpty ? ClaimDating.clauseTimex(of: a, text: text, timexes: timexes)
                : ClaimDating.cueTimex(of: a, doc: text, timexes: timexes, documentDate: documentDate)
                    ?? ClaimDating.sameOccasion(of: a, doc: text, timexes: timexes, documentDate: documentDate)
            // An interview's answers were given on the day it was held.
            if date == nil, let interviewDate, text.voices.turns[text.sentences[text.sentenceOf[a.cue.lowerBound]].paragraph] != nil {
                date = interviewDate
            }
            if date == nil, !text.syntax.isEmpty, !ClaimDating.isPresentPerfect(a, tokens: text.tokens) {
                date = ClaimDating.governingTimex(of: a, doc: text, timexes: timexes, documentDate: documentDate)
                    ?? ClaimDating.trailingParticipleTimex(of: a, doc: text, timexes: timexes, documentDate: documentDate)
            }
            if date == nil, let parent = a.continues, parent < dates.count { date = dates[parent] }
            // "X said on Wednesday that it opposed …": a position reported in another's statement
            // is dated by that statement.
            if date == nil, let outer = attributions[max(0, i - ClaimDating.framingReach)..<i].lastIndex(where: {
                $0.mode != .reported && $0.content.contains(a.cue.lowerBound)
            }), outerDated[outer] {
                date = dates[outer]
            }
            // "X has said …" states a standing position: it holds at the document date.
            if date == nil, ClaimDating.isPresentPerfect(a, tokens: text.tokens),
               text.sentences[text.sentenceOf[a.cue.lowerBound]].paragraph != leadParagraph { date = documentDate }
            if date == nil {
                date = ClaimDating.sceneDate(of: a, text: text, timexes: timexes, documentDate: documentDate, insideQuote: insideQuote,
                                             leadParagraph: leadParagraph)
            }
            if date == nil { date = ClaimDating.sectionDate(of: a, doc: text, headings: headings) }
            if date == nil, a.mode != .reported, i > 0 {
                let previous = attributions[i - 1]
                let gap = text.sentenceOf[a.cue.lowerBound] - text.sentenceOf[previous.cue.lowerBound]
                if previous.speaker.actor == a.speaker.actor, gap <= 2 { date = dates[i - 1] }
            }
            outerDated.append(date != nil)
            // A statement is filed under its day, not the minute it was posted.
            dates.append(date.map { $0.granularity == .time ? $0.filedValue : $0 } ?? documentDate)
        }
    }

    /// The last past day named earlier in the attribution's paragraph, outside quotations: news
    /// dates a scene once and reports what was said there in the sentences that follow. A lead
    /// paragraph that names no date at all ("Putin has agreed …, telling Trump …") is dated by
    /// the paragraph after it, where agency style puts the day.
    private static func sceneDate(of a: Attribution, text: Doc, timexes: [TokenTimex],
                                  documentDate: TimeValue, insideQuote: [Bool], leadParagraph: Int?) -> TimeValue? {
        let sentence = text.sentenceOf[a.cue.lowerBound]
        let paragraph = text.sentences[sentence].paragraph
        func isPastDay(_ k: Int) -> TimeValue? {
            let (timex, span) = (timexes[k].timex, timexes[k].tokens)
            guard !insideQuote[span.lowerBound], let value = timex.timeValue, value.granularity == .day,
                  value.value <= documentDate.value else { return nil }
            return value
        }
        let paragraphTokens = text.paragraphTokens(paragraph)
        let before = timexes.indices(startingIn: paragraphTokens.lowerBound..<text.sentences[sentence].tokens.lowerBound,
                                     start: \.tokens.lowerBound)
        if let scene = before.reversed().lazy.compactMap(isPastDay).first { return scene }
        guard paragraph == leadParagraph, timexes.indices(startingIn: paragraphTokens, start: \.tokens.lowerBound).isEmpty,
              paragraphTokens.upperBound < text.tokens.count else { return nil }
        let next = text.paragraphTokens(text.sentences[text.sentenceOf[paragraphTokens.upperBound]].paragraph)
        return timexes.indices(startingIn: next, start: \.tokens.lowerBound).lazy.compactMap(isPastDay).first
    }

    /// The day of the last paragraph before the attribution's that is nothing but a date: a live
    /// blog dates its entries under such headings.
    private static func sectionDate(of a: Attribution, doc: Doc, headings: [(start: Int, value: TimeValue)]) -> TimeValue? {
        let paragraphStart = doc.paragraphTokens(doc.sentences[doc.sentenceOf[a.cue.lowerBound]].paragraph).lowerBound
        // The last heading that starts before the paragraph (headings are in text order).
        var low = 0, high = headings.count
        while low < high {
            let mid = (low + high) / 2
            if headings[mid].start < paragraphStart { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? headings[low - 1].value : nil
    }

    /// The paragraphs that are nothing but a past day (a weekday or punctuation may stand beside
    /// it), with that day, in text order: found once per document, so dating stays linear.
    private static func sectionHeadings(of doc: Doc, timexes: [TokenTimex], documentDate: TimeValue) -> [(start: Int, value: TimeValue)] {
        var headings: [(start: Int, value: TimeValue)] = []
        for found in timexes {
            guard let value = found.timex.timeValue, value.granularity == .day, value.value <= documentDate.value else { continue }
            let heading = doc.paragraphTokens(doc.sentences[doc.sentenceOf[found.tokens.lowerBound]].paragraph)
            // Only a short paragraph can be a heading; the bound keeps long ones from being read per timex.
            guard heading.count <= 12 else { continue }
            let rest = heading.filter { !found.tokens.contains($0) && doc.tokens[$0].kind == .word && !doc.tokens[$0].is(.timeWord) }
            if rest.isEmpty { headings.append((found.tokens.lowerBound, value)) }
        }
        return headings
    }

    /// "Halden said at the same hearing …": the day of the earlier sentence that named that
    /// hearing ("spoke at a hearing on Tuesday"), within the few paragraphs before.
    private static func sameOccasion(of a: Attribution, doc: Doc, timexes: [TokenTimex], documentDate: TimeValue) -> TimeValue? {
        let syntax = doc.syntax
        guard let occasion = syntax.dependents(of: a.cue.lowerBound, "obl").first(where: { n in
            syntax.dependents(of: n, "amod").contains { doc.tokens[$0].lower == "same" }
        }) else { return nil }
        let lemma = syntax.tags[occasion].lemma.lowercased()
        let sentence = doc.sentenceOf[a.cue.lowerBound]
        let earliest = doc.sentences[max(0, sentence - 8)].tokens.lowerBound
        for k in stride(from: doc.sentences[sentence].tokens.lowerBound - 1, through: earliest, by: -1)
        where syntax.tags[k].lemma.lowercased() == lemma && syntax.tags[k].upos == .noun {
            let earlier = doc.sentences[doc.sentenceOf[k]].tokens
            let days = timexes[timexes.indices(startingIn: earlier, start: \.tokens.lowerBound)].compactMap { found -> (Int, TimeValue)? in
                guard let value = found.timex.timeValue, value.granularity == .day, value.value <= documentDate.value else { return nil }
                return (abs(found.tokens.lowerBound - k), value)
            }
            return days.min { $0.0 < $1.0 }?.1
        }
        return nil
    }

    /// The timex attached to the cue in the parse: a temporal modifier of the cue verb, or of a
    /// phrase hanging from it ("said in a statement on Tuesday"), never one inside the content,
    /// whose dates belong to what was said.
    private static func cueTimex(of a: Attribution, doc: Doc, timexes: [TokenTimex], documentDate: TimeValue) -> TimeValue? {
        let sentence = doc.sentences[doc.sentenceOf[a.cue.lowerBound]].tokens
        let syntax = doc.syntax
        var occasion: TimeValue?
        for found in timexes[timexes.indices(startingIn: sentence, start: \.tokens.lowerBound)] {
            guard let value = found.timex.timeValue, value.granularity != .reference else { continue }
            if a.mode != .reported, found.tokens.overlaps(a.content) { continue }
            // "X on Wednesday said", "X, late on Tuesday, said": between the speaker and the cue.
            if found.tokens.lowerBound >= a.speaker.tokens.lowerBound, found.tokens.upperBound <= a.cue.lowerBound,
               a.speaker.tokens.lowerBound < a.cue.lowerBound {
                // "X, who met Y on Monday, told him": a day in the speaker's description is the
                // occasion, if the cue names no day of its own; "envoy since 2019" is background.
                guard isInsideDescription(found.tokens, of: a, doc: doc) else { return value }
                // Only a day already past: "Norland, which chairs the talks from Tuesday, has promised …"
                // promised before it.
                if value.granularity == .day || value.granularity == .time, value.value <= documentDate.value, occasion == nil {
                    occasion = value
                }
                continue
            }
            // "said on Friday she was willing": right after the cue, before what was said, whatever
            // the parse attached it to.
            if found.tokens.lowerBound >= a.cue.upperBound, case let gap = a.cue.upperBound..<found.tokens.lowerBound, gap.count <= 3, gap.allSatisfy({ doc.tokens[$0].kind == .word && ![.verb, .aux].contains(syntax.tags[$0].upos) }),
               a.content.lowerBound >= found.tokens.lowerBound || a.mode == .reported || found.tokens.lowerBound <= a.content.lowerBound + 2 {
                return value
            }
            guard var k = timexHead(found, syntax) else { continue }
            for _ in 0..<6 {
                guard let head = syntax.head(of: k) else { break }
                if a.cue.contains(head) { return value }
                // Through a phrase of the cue ("in a statement on Tuesday") or a participle opening
                // its sentence ("Speaking to reporters on Monday, X said"), not through a clause.
                let isOpeningParticiple = syntax.relation(of: head) == "advcl" && head < a.cue.lowerBound
                    && ["VBG", "VBN"].contains(syntax.tags[head].xpos)
                // "said after the leaders spoke on Tuesday": a clause that times the cue.
                let isTimingClause = syntax.relation(of: head) == "advcl"
                    && syntax.dependents(of: head, "mark").contains { ["after", "when", "as", "while"].contains(doc.tokens[$0].lower) }
                guard ["obl", "nmod"].contains(syntax.relation(of: head)) || isOpeningParticiple || isTimingClause else { break }
                k = head
            }
        }
        return occasion
    }

    /// How many attributions back a statement framing another is looked for: it starts just
    /// before the one it frames, and the bound keeps a text of thousands of them linear.
    static let framingReach = 8

    /// "Holm withdrew her call for a ceasefire, arguing on Saturday that …": a clause with no date
    /// of its own is dated by the participle after it that reports the same act.
    private static func trailingParticipleTimex(of a: Attribution, doc: Doc, timexes: [TokenTimex], documentDate: TimeValue) -> TimeValue? {
        let syntax = doc.syntax
        let cue = a.cue.lowerBound
        // After the content and a comma, wherever the parser hung it inside the cue's clause.
        let participles = syntax.subtree(of: cue).filter { k in
            k > cue && k >= a.content.upperBound && syntax.relation(of: k) == "advcl" && syntax.tags[k].xpos == "VBG"
                && k > 0 && doc.tokens[k - 1].kind == .comma
        }
        guard !participles.isEmpty else { return nil }
        let sentence = doc.sentences[doc.sentenceOf[cue]].tokens
        for found in timexes[timexes.indices(startingIn: sentence, start: \.tokens.lowerBound)] {
            guard let value = found.timex.timeValue, value.granularity == .day, value.value <= documentDate.value,
                  var k = timexHead(found, syntax) else { continue }
            for _ in 0..<2 {
                guard let up = syntax.head(of: k) else { break }
                if participles.contains(up), syntax.relation(of: k) == "obl" { return value }
                k = up
            }
        }
        return nil
    }

    /// The date of the clause a cue depends on, when the cue has none of its own: the first
    /// conjunct ("On Sunday A hailed the deal, and B said …") or the clause a trailing participle
    /// comments on ("The ministry on Wednesday imposed …, with its head saying …"). Only a timex
    /// attached to that clause's predicate counts, never one inside what it reports, and only a
    /// past one: a clause dated ahead ("embassies will reopen by January, and …") is a plan.
    private static func governingTimex(of a: Attribution, doc: Doc, timexes: [TokenTimex], documentDate: TimeValue) -> TimeValue? {
        let syntax = doc.syntax
        let sentence = doc.sentences[doc.sentenceOf[a.cue.lowerBound]].tokens
        var predicate = a.cue.lowerBound
        for _ in 0..<3 {
            let relation = syntax.relation(of: predicate)
            guard let head = syntax.head(of: predicate), head < predicate,
                  relation == "conj" || relation == "advcl" && ["VBG", "VBN"].contains(syntax.tags[predicate].xpos) else { return nil }
            predicate = head
            // "The ministry on Wednesday imposed …": between the clause's subject and its verb.
            let subject = syntax.dependent(of: predicate, "nsubj")
            for found in timexes[timexes.indices(startingIn: sentence, start: \.tokens.lowerBound)] {
                guard let value = found.timex.timeValue, value.granularity != .reference, value.value <= documentDate.value,
                      !found.tokens.overlaps(a.content) else { continue }
                if let subject, found.tokens.lowerBound > subject, found.tokens.upperBound <= predicate { return value }
                guard var k = timexHead(found, syntax) else { continue }
                for _ in 0..<3 {
                    guard let up = syntax.head(of: k) else { break }
                    if up == predicate { return value }
                    guard ["obl", "nmod"].contains(syntax.relation(of: up)) else { break }
                    k = up
                }
            }
        }
        return nil
    }

    /// "X, who has been envoy since 2019, said": a date inside a relative clause or apposition of
    /// the speaker belongs to that description, not to the speech act.
    private static func isInsideDescription(_ span: Range<Int>, of a: Attribution, doc: Doc) -> Bool {
        let syntax = doc.syntax
        guard !syntax.isEmpty else { return false }
        var k = span.lowerBound
        for _ in 0..<12 {
            guard let head = syntax.head(of: k), head != a.cue.lowerBound else { return false }
            if ["acl", "appos", "parataxis"].contains(syntax.relation(of: k)) { return true }
            k = head
        }
        return false
    }

    /// The day an interview was held: a day named in a sentence outside its turns whose verb is
    /// one of meeting or talking ("We spoke to her in the capital on Monday").
    private static func interviewDate(of doc: Doc, timexes: [TokenTimex], documentDate: TimeValue) -> TimeValue? {
        guard !doc.voices.turns.isEmpty, !doc.syntax.isEmpty else { return nil }
        for found in timexes {
            guard let value = found.timex.timeValue, value.granularity == .day, value.value <= documentDate.value else { continue }
            let sentence = doc.sentences[doc.sentenceOf[found.tokens.lowerBound]]
            guard doc.voices.turns[sentence.paragraph] == nil else { continue }
            if sentence.tokens.contains(where: { doc.syntax.tags[$0].upos == .verb && VoiceVocabulary.interviewVerbs.contains(doc.tokens[$0].lemma) }) {
                return value
            }
        }
        return nil
    }

    /// The timex's own head: the one of its tokens whose head lies outside it.
    private static func timexHead(_ found: TokenTimex, _ syntax: SyntaxLayer) -> Int? {
        found.tokens.first { syntax.head(of: $0).map { !found.tokens.contains($0) } ?? true }
    }

    /// The first paragraph of the body: the first one ending in a full stop (a headline has none).
    private static func leadParagraph(of text: Doc) -> Int? {
        text.sentences.first { text.tokens[$0.tokens.upperBound - 1].kind == .terminal }?.paragraph
    }

    private static func isPresentPerfect(_ a: Attribution, tokens: [Token]) -> Bool {
        var k = a.cue.lowerBound - 1
        while k >= 0, tokens[k].is(.adverb) { k -= 1 }
        return k >= 0 && (tokens[k].lower == "has" || tokens[k].lower == "have")
    }

    func date(of attribution: Int) -> TimeValue { dates[attribution] }

    /// The timex nearest the cue in the cue's sentence, outside the content for speech (whose
    /// dates belong to what was said), anywhere in the clause for a reported position.
    private static func clauseTimex(of a: Attribution, text: Doc, timexes: [TokenTimex]) -> TimeValue? {
        let sentence = text.sentences[text.sentenceOf[a.cue.lowerBound]].tokens
        let lower = min(sentence.lowerBound, a.speaker.tokens.lowerBound)
        var best: (TimeValue, Int)?
        for found in timexes[timexes.indices(startingIn: lower..<sentence.upperBound, start: \.tokens.lowerBound)]
        where found.tokens.upperBound <= sentence.upperBound {
            let (timex, span) = (found.timex, found.tokens)
            guard let value = timex.timeValue, value.granularity != .reference else { continue }
            if a.mode != .reported, span.overlaps(a.content) { continue }
            let distance = span.lowerBound >= a.cue.upperBound ? span.lowerBound - a.cue.upperBound : a.cue.lowerBound - span.upperBound + 1
            if best == nil || distance < best!.1 { best = (value, distance) }
        }
        return best?.0
    }
}
