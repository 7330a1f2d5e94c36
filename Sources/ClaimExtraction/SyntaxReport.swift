import ClaimSyntax

/// `claimd parse`: a text's sentences as the extractor splits, tokenizes, tags and parses
/// them, as CoNLL-U (MISC gives `SpaceAfter=No` where the text has no space, and the token's
/// character offsets).
public enum SyntaxReport {
    /// The words of each sentence of `text`, as the extractor splits and tokenizes it: what the
    /// tagger and parser are given.
    public static func words(of text: String) -> [[String]] {
        let doc = Doc(text)
        return doc.sentences.map { sentence in sentence.tokens.map { doc.spelling(of: $0) } }
    }

    public static func sentences(of text: String, syntax: SyntaxModels) -> [CoNLLUSentence] {
        var doc = Doc(text)
        SyntaxAnnotator(models: syntax).process(&doc)
        return doc.sentences.enumerated().map { number, sentence in
            let range = sentence.tokens
            let lines = range.map { k -> CoNLLULine in
                let tag = doc.syntax.tags[k]
                let head = doc.syntax.head(of: k).map { $0 - range.lowerBound + 1 } ?? 0
                var misc = "TokenRange=\(doc.tokens[k].start):\(doc.tokens[k].end)"
                if k + 1 < doc.tokens.count, doc.tokens[k + 1].start == doc.tokens[k].end { misc = "SpaceAfter=No|" + misc }
                return CoNLLULine(id: .word(k - range.lowerBound + 1), form: doc.spelling(of: k), lemma: tag.lemma,
                                  upos: tag.upos.description, xpos: tag.xpos, head: String(head),
                                  deprel: doc.syntax.relations[k].label, misc: misc)
            }
            let sentenceText = doc.text(tokens: range).split(whereSeparator: \.isNewline).joined(separator: " ")
            return CoNLLUSentence(comments: ["# sent_id = \(number + 1)", "# text = \(sentenceText)"], lines: lines)
        }
    }
}
