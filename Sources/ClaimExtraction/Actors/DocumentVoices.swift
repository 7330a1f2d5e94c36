
/// Who speaks in a document's own voice: the body that issued it (a press release's "we") and
/// the speakers of an interview's turns ("Holm: We will not …").
struct DocumentVoices: Sendable {
    /// A paragraph of a transcript opened by its speaker's label.
    struct Turn: Sendable, Hashable {
        /// The label's tokens, before the colon.
        var label: Range<Int>
        var colon: Int
        /// Who speaks; nil for the interviewer, whose questions state nobody's position.
        var speaker: Int?
    }

    /// The body that issued the document, when a header says it is one's statement.
    var author: Int?
    /// Turns by paragraph index.
    var turns: [Int: Turn] = [:]
    /// The one interviewed: the speaker of most turns.
    var interviewee: Int?

    /// Who "I" and "we" at `token` stand for: the turn's speaker, else the document's author.
    func speaker(at token: Int, in doc: Doc) -> Int? {
        let paragraph = doc.sentences[doc.sentenceOf[token]].paragraph
        if let turn = turns[paragraph] { return turn.speaker }
        return author
    }

    /// Who "you" at `token` stands for: in an interviewer's question, the one interviewed.
    func addressee(at token: Int, in doc: Doc) -> Int? {
        let paragraph = doc.sentences[doc.sentenceOf[token]].paragraph
        guard let turn = turns[paragraph], turn.speaker == nil else { return nil }
        return interviewee
    }
}

/// Finds the document's own voices (``DocumentVoices``) from its layout and its actor mentions:
/// transcript turns, and the issuer named in a press release's header.
struct VoiceAnnotator: DocComponent {
    func process(_ doc: inout Doc) {
        var voices = DocumentVoices()
        voices.turns = turns(in: doc)
        var counts: [Int: Int] = [:]
        for turn in voices.turns.values { if let s = turn.speaker, s >= 0 { counts[s, default: 0] += 1 } }
        voices.interviewee = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
            ?? mostMentionedPerson(in: doc)
        // "A:" turns are the interviewee's.
        for (p, turn) in voices.turns where turn.speaker == -1 { voices.turns[p]?.speaker = voices.interviewee }
        // Without a named speaker an interview is no transcript: drop questions and answers alike.
        if !voices.turns.values.contains(where: { $0.speaker.map { $0 >= 0 } ?? false }) { voices.turns = [:] }
        voices.author = author(of: doc)
        doc.voices = voices
    }

    // MARK: - Transcript turns

    /// Paragraphs opened by a short label and a colon: a named speaker's, the interviewer's
    /// ("Q:"), or the interviewee's ("A:", marked -1 until the interviewee is known).
    private func turns(in doc: Doc) -> [Int: DocumentVoices.Turn] {
        var found: [Int: DocumentVoices.Turn] = [:]
        let tokens = doc.tokens
        for p in 1..<max(1, doc.paragraphs.count) {
            let range = doc.paragraphTokens(p)
            // A transcript quoted whole opens each turn with a quotation mark: "WALLACE: …
            let start = tokens[range.lowerBound].isQuote ? range.lowerBound + 1 : range.lowerBound
            guard let colon = range.prefix(6).first(where: { tokens[$0].kind == .colon }),
                  colon > start, range.upperBound - colon > 3, tokens[colon].lower == ":",
                  (start..<colon).allSatisfy({ tokens[$0].kind == .word && tokens[$0].isCapitalized }) else { continue }
            let label = start..<colon
            let text = label.map { tokens[$0].lower }.joined(separator: " ")
            if VoiceVocabulary.interviewerLabels.contains(text) {
                found[p] = .init(label: label, colon: colon, speaker: nil)
            } else if VoiceVocabulary.answerLabels.contains(text) {
                found[p] = .init(label: label, colon: colon, speaker: -1)
            } else if let speaker = person(labelled: label, in: doc) {
                found[p] = .init(label: label, colon: colon, speaker: speaker)
            }
        }
        return found
    }

    /// The person a label names: a mention spanning it, or the surname of a person named before.
    private func person(labelled label: Range<Int>, in doc: Doc) -> Int? {
        if let m = doc.mentions.first(where: { $0.tokens == label }), let actor = m.actor { return actor }
        guard let last = label.last else { return nil }
        return doc.actors.person(withSurname: doc.tokens[last].lower)
    }

    private func mostMentionedPerson(in doc: Doc) -> Int? {
        var counts: [Int: Int] = [:]
        for m in doc.mentions { if let a = m.actor, doc.actors[a].kind == .person { counts[a, default: 0] += 1 } }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    // MARK: - Issuer

    /// The body a press release speaks for: named in its header (the short lines before the
    /// first sentence of prose), else the subject of its first sentence. Only a header line
    /// that says the document is a statement makes it one.
    private func author(of doc: Doc) -> Int? {
        let tokens = doc.tokens
        var header: [Int] = []
        var marked = false
        var firstBody: Int?
        for p in 0..<doc.paragraphs.count {
            let range = doc.paragraphTokens(p)
            let words = range.filter { tokens[$0].kind == .word }
            if words.count >= 8, range.contains(where: { tokens[$0].kind == .terminal }) { firstBody = p; break }
            let line = words.map { tokens[$0].lower }.joined(separator: " ")
            if VoiceVocabulary.issuerMarkers.contains(line) { marked = true }
            if p > 0 { header.append(p) }
        }
        guard marked else { return nil }
        for p in header {
            let range = doc.paragraphTokens(p)
            if let m = doc.mentions.first(where: { range.contains($0.tokens.lowerBound) && isBody($0, in: doc) }) { return m.actor }
        }
        guard let body = firstBody else { return nil }
        let range = doc.paragraphTokens(body)
        return doc.mentions.first { range.contains($0.tokens.lowerBound) && isBody($0, in: doc) }?.actor
    }

    private func isBody(_ m: Mention, in doc: Doc) -> Bool {
        guard let a = m.actor else { return false }
        return doc.actors[a].kind != .person
    }
}

/// The lists of `Resources/voices.toml`, where each is documented.
enum VoiceVocabulary {
    private static let lists = ResourceFile.stringLists(PackageResources.voices_toml)

    static let issuerMarkers = Set(lists["issuer_markers"] ?? [])
    static let interviewerLabels = Set(lists["interviewer_labels"] ?? [])
    static let answerLabels = Set(lists["answer_labels"] ?? [])
    static let interviewVerbs = Set((lists["interview_verbs"] ?? []).map { Lemmatizer.lemma(ofLowercased: $0) })
    /// `document => actor | topic`, paragraphs separated by " / ", for the tests.
    static let examples = lists["examples"] ?? []
}
