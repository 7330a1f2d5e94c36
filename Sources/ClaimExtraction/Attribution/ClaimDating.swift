import ClaimModel

/// The date of each attribution's speech act: the timex of its attributing clause ("said on
/// Thursday"), else the date of the attribution it continues, else the day that sets the scene
/// of its paragraph ("In Varnholm on Tuesday, … Kesk called … Lind said …"), else the date of
/// the same speaker's previous statement nearby, else the document date.
struct ClaimDating: Sendable {
    private var dates: [TimeValue] = []

    init(text: Doc, timexes: [TokenTimex], attributions: [Attribution],
         actors: ActorTable, documentDate: TimeValue, insideQuote: [Bool]) {
        let leadParagraph = ClaimDating.leadParagraph(of: text)
        for (i, a) in attributions.enumerated() {
            var date = ClaimDating.clauseTimex(of: a, text: text, timexes: timexes)
            if date == nil, let parent = a.continues, parent < dates.count { date = dates[parent] }
            // "X has said …" states a standing position: it holds at the document date.
            if date == nil, ClaimDating.isPresentPerfect(a, tokens: text.tokens),
               text.sentences[text.sentenceOf[a.cue.lowerBound]].paragraph != leadParagraph { date = documentDate }
            if date == nil {
                date = ClaimDating.sceneDate(of: a, text: text, timexes: timexes, documentDate: documentDate, insideQuote: insideQuote,
                                             leadParagraph: leadParagraph)
            }
            if date == nil, a.mode != .reported, i > 0 {
                let previous = attributions[i - 1]
                let gap = text.sentenceOf[a.cue.lowerBound] - text.sentenceOf[previous.cue.lowerBound]
                if previous.speaker.actor == a.speaker.actor, gap <= 2 { date = dates[i - 1] }
            }
            dates.append(date ?? documentDate)
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
