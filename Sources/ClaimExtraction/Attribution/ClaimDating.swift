import ClaimModel

/// Timexes mapped onto tokens, so that rules can ask which words are part of a date.
struct TimexAlignment: Sendable {
    /// Each DATE/TIME timex with the tokens it covers.
    let spans: [(timex: Timex, tokens: Range<Int>)]
    /// For each token, whether a timex covers it.
    let mask: [Bool]

    init(timexes: [Timex], tokens: [Token]) {
        var spans: [(Timex, Range<Int>)] = []
        var mask = Array(repeating: false, count: tokens.count)
        var t = 0
        for x in timexes.sorted(by: { $0.start < $1.start }) {
            while t < tokens.count, tokens[t].end <= x.start { t += 1 }
            var e = t
            while e < tokens.count, tokens[e].start < x.end { mask[e] = true; e += 1 }
            if x.type == .date || x.type == .time, e > t { spans.append((x, t..<e)) }
        }
        self.spans = spans
        self.mask = mask
    }
}

/// The date of each attribution's speech act: the timex of its attributing clause ("said on
/// Thursday"), else the date of the attribution it continues or of the same speaker's previous
/// statement nearby, else the document date.
struct ClaimDating: Sendable {
    private var dates: [TimeValue] = []

    init(text: AnalyzedText, timexes: [(timex: Timex, tokens: Range<Int>)], attributions: [Attribution],
         actors: ActorTable, documentDate: TimeValue) {
        for (i, a) in attributions.enumerated() {
            let own = ClaimDating.clauseTimex(of: a, text: text, timexes: timexes)
            var date = own ?? documentDate
            if own == nil, let parent = a.continues, parent < dates.count {
                date = dates[parent]
            } else if own == nil, a.mode != .reported, i > 0 {
                let previous = attributions[i - 1]
                let gap = text.sentenceOf[a.cue.lowerBound] - text.sentenceOf[previous.cue.lowerBound]
                if previous.speaker.actor == a.speaker.actor, gap <= 2 { date = dates[i - 1] }
            }
            dates.append(date)
        }
    }

    func date(of attribution: Int) -> TimeValue { dates[attribution] }

    /// The timex nearest the cue in the cue's sentence, outside the content for speech (whose
    /// dates belong to what was said), anywhere in the clause for a reported position.
    private static func clauseTimex(of a: Attribution, text: AnalyzedText, timexes: [(timex: Timex, tokens: Range<Int>)]) -> TimeValue? {
        let sentence = text.sentences[text.sentenceOf[a.cue.lowerBound]].tokens
        let lower = min(sentence.lowerBound, a.speaker.tokens.lowerBound)
        var best: (TimeValue, Int)?
        for (timex, span) in timexes where span.lowerBound >= lower && span.upperBound <= sentence.upperBound {
            guard let value = timex.timeValue, value.granularity != .reference else { continue }
            if a.mode != .reported, span.overlaps(a.content) { continue }
            let distance = span.lowerBound >= a.cue.upperBound ? span.lowerBound - a.cue.upperBound : a.cue.lowerBound - span.upperBound + 1
            if best == nil || distance < best!.1 { best = (value, distance) }
        }
        return best?.0
    }
}
