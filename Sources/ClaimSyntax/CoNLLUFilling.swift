extension CoNLLUSentence {
    /// The sentence with its syntactic words' UPOS, XPOS, LEMMA, HEAD and DEPREL taken from
    /// `analysis` (FEATS and DEPS emptied); IDs, forms, comments and MISC kept, and multiword-token
    /// and empty-node lines kept with their other columns emptied, so that the standard CoNLL
    /// 2018 evaluation can score the result.
    public func filled(with analysis: AnalyzedSentence) -> CoNLLUSentence {
        var sentence = self
        var k = 0
        for i in sentence.lines.indices {
            guard sentence.lines[i].isWord else {
                sentence.lines[i].lemma = "_"; sentence.lines[i].upos = "_"; sentence.lines[i].xpos = "_"; sentence.lines[i].feats = "_"
                sentence.lines[i].head = "_"; sentence.lines[i].deprel = "_"; sentence.lines[i].deps = "_"
                continue
            }
            guard k < analysis.tags.count, k < analysis.arcs.count else { break }
            sentence.lines[i].upos = analysis.tags[k].upos.description
            sentence.lines[i].xpos = analysis.tags[k].xpos
            sentence.lines[i].lemma = analysis.tags[k].lemma
            sentence.lines[i].feats = "_"
            sentence.lines[i].head = String(analysis.arcs[k].head)
            sentence.lines[i].deprel = analysis.arcs[k].relation.label
            sentence.lines[i].deps = "_"
            k += 1
        }
        return sentence
    }
}
