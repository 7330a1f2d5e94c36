/// The sentences of an interview's answers as their speaker's direct speech: "Holm: No. We will
/// never hand over a single island." attributes both sentences to Holm, with the colon as cue.
///
/// The speaker's own positions read off the parse ("we will never accept …") give way to the
/// whole sentence as direct speech; a sentence that reports another ("he said …") keeps that
/// report alone.
struct TranscriptTurns {
    let doc: Doc

    /// `found` with the turns' sentences added and their speakers' parse-read duplicates removed,
    /// in the order of their contents.
    func applied(to found: [Attribution]) -> [Attribution] {
        guard !doc.voices.turns.isEmpty else { return found }
        var speakerOfTurnSentence: [Int: Int] = [:]
        for (paragraph, turn) in doc.voices.turns {
            guard let speaker = turn.speaker else { continue }
            let range = doc.paragraphTokens(paragraph)
            for s in doc.sentenceOf[turn.colon]...doc.sentenceOf[range.upperBound - 1] { speakerOfTurnSentence[s] = speaker }
        }
        var othersReported = Set<Int>()
        var kept: [Attribution] = []
        var newIndex: [Int: Int] = [:]
        for (i, a) in found.enumerated() {
            let s = doc.sentenceOf[a.cue.lowerBound]
            if let speaker = speakerOfTurnSentence[s], !doc.insideQuote[a.cue.lowerBound] {
                if a.speaker.actor == speaker || a.speaker.actor == nil { continue }
                othersReported.insert(s)
            }
            newIndex[i] = kept.count
            kept.append(a)
        }
        // Continuations point into the list they were made in.
        for k in kept.indices { kept[k].continues = kept[k].continues.flatMap { newIndex[$0] } }
        var added: [Attribution] = []
        for (paragraph, turn) in doc.voices.turns.sorted(by: { $0.key < $1.key }) {
            guard let speaker = turn.speaker else { continue }
            let range = doc.paragraphTokens(paragraph)
            let mention = Mention(tokens: turn.label, actor: speaker)
            for s in doc.sentenceOf[turn.colon]...doc.sentenceOf[range.upperBound - 1] where !othersReported.contains(s) {
                let sentence = doc.sentences[s].tokens.clamped(to: turn.colon + 1..<range.upperBound)
                let content = trimmed(sentence)
                guard content.count >= 3, doc.tokens[sentence.upperBound - 1].lower != "?" else { continue }
                added.append(Attribution(speaker: mention, cue: turn.colon..<turn.colon + 1, content: content, mode: .direct, cueStance: nil))
            }
        }
        return AttributionAnnotator.merged(kept, added)
    }

    private func trimmed(_ span: Range<Int>) -> Range<Int> {
        var low = span.lowerBound, high = span.upperBound
        while low < high, [.comma, .terminal, .colon, .dash].contains(doc.tokens[low].kind) || doc.tokens[low].isQuote { low += 1 }
        while high > low, [.comma, .terminal, .colon, .dash].contains(doc.tokens[high - 1].kind) || doc.tokens[high - 1].isQuote { high -= 1 }
        return low..<high
    }
}
