import Testing
@testable import ClaimSyntax

/// Scorer cases whose answers were worked out by hand.
@Suite struct EvaluationTests {
    // 4 syntactic words (the 1-2 range line does not count).
    let gold = """
    1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
    1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_
    2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_
    3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_
    4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

    """

    @Test func handWorkedScores() throws {
        // Word 2: wrong lemma, head right, label differs only in subtype (LAS still right).
        // Word 4: wrong XPOS and wrong head (punctuation counts).
        let system = """
        1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
        1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_
        2\tn't\tn't\tPART\tRB\t_\t3\tadvmod:neg\t_\t_
        3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_
        4\t.\t.\tPUNCT\t,\t_\t1\tpunct\t_\t_

        """
        let e = try Evaluation.score(gold: CoNLLU.parse(gold), system: CoNLLU.parse(system))
        #expect(e.words == 4)
        #expect(e.uposCorrect == 4)
        #expect(e.xposCorrect == 3)
        #expect(e.lemmaCorrect == 3)
        #expect(e.headCorrect == 3)
        #expect(e.labeledCorrect == 3)
        #expect(e.uas == 0.75)
    }

    @Test func rightHeadWrongUniversalLabel() throws {
        // Head of word 1 right but obj ≠ nsubj: counts for UAS, not LAS. Word 3's head is wrong
        // but its label right: counts for neither. UPOS of word 3 wrong.
        let g = """
        1\tVarn\tVarn\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
        2\tslept\tsleep\tVERB\tVBD\t_\t0\troot\t_\t_
        3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

        """
        let s = """
        1\tVarn\tVarn\tPROPN\tNNP\t_\t2\tobj\t_\t_
        2\tslept\tsleep\tVERB\tVBD\t_\t0\troot\t_\t_
        3\t.\t.\tSYM\t.\t_\t1\tpunct\t_\t_

        """
        let e = try Evaluation.score(gold: CoNLLU.parse(g), system: CoNLLU.parse(s))
        #expect(e.words == 3)
        #expect(e.headCorrect == 2)
        #expect(e.labeledCorrect == 1)
        #expect(e.uposCorrect == 2)
        #expect(abs(e.las - 1.0 / 3.0) < 1e-12)
    }

    @Test func emptyNodesAndUnderscoreLemmasAndMultipleSentences() throws {
        // Empty node 1.1 is skipped; a gold lemma "_" matches anything.
        let g = """
        1\tOlsk\t_\tPROPN\tNNP\t_\t0\troot\t_\t_
        1.1\tleft\tleave\tVERB\tVBD\t_\t_\t_\t0:root\t_

        1\tGo\tgo\tVERB\tVB\t_\t0\troot\t_\t_
        2\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_

        """
        let s = """
        1\tOlsk\tolsk\tPROPN\tNNP\t_\t0\troot\t_\t_

        1\tGo\tgo\tVERB\tVB\t_\t0\troot\t_\t_
        2\t!\t!\tPUNCT\t.\t_\t1\tdiscourse\t_\t_

        """
        let e = try Evaluation.score(gold: CoNLLU.parse(g), system: CoNLLU.parse(s))
        #expect(e.words == 3)
        #expect(e.lemmaCorrect == 3)
        #expect(e.headCorrect == 3)
        #expect(e.labeledCorrect == 2)
    }

    @Test func mismatchedTokenizationIsAnError() throws {
        let g = try CoNLLU.parse("1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n\n")
        let s = try CoNLLU.parse("1\tb\tb\tX\tX\t_\t0\troot\t_\t_\n\n")
        #expect(throws: EvaluationError.formMismatch(sentence: 0, gold: "a", system: "b")) {
            try Evaluation.score(gold: g, system: s)
        }
        #expect(throws: EvaluationError.sentenceCountMismatch(gold: 1, system: 0)) {
            try Evaluation.score(gold: g, system: [])
        }
    }
}
