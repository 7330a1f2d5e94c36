import Testing
@testable import ClaimSyntax

@Suite struct CoNLLUTests {
    let sample = """
    # newdoc id = invented-1
    # sent_id = invented-1-1
    # text = Varn didn't go.
    1\tVarn\tVarn\tPROPN\tNNP\tNumber=Sing\t4\tnsubj\t4:nsubj\t_
    2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_
    2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t4:aux\t_
    3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_
    3.1\tgone\tgo\tVERB\tVBN\t_\t_\t_\t4:conj\t_
    4\tgo\tgo\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No
    5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_

    # sent_id = invented-1-2
    1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t0:root\t_


    """

    @Test func roundTripIsByteIdentical() throws {
        let sentences = try CoNLLU.parse(sample)
        #expect(sentences.count == 2)
        #expect(CoNLLU.format(sentences) == sample)
    }

    @Test func wordsSkipRangesAndEmptyNodes() throws {
        let s = try CoNLLU.parse(sample)[0]
        #expect(s.comments.count == 3)
        #expect(s.lines.count == 7)
        #expect(s.wordForms == ["Varn", "did", "n't", "go", "."])
        #expect(s.lines[1].id == .range(2, 3))
        #expect(s.lines[4].id == .empty(3, 1))
        #expect(s.words.map(\.headIndex) == [4, 4, 4, 0, 4])
    }

    @Test func malformedLinesThrow() {
        #expect(throws: CoNLLUError.self) { try CoNLLU.parse("1\tonly\tthree\n") }
        #expect(throws: CoNLLUError.self) { try CoNLLU.parse("x\ta\tb\tc\td\te\tf\tg\th\ti\n") }
    }

    @Test func crlfAndMissingFinalBlankLine() throws {
        let s = try CoNLLU.parse("# c\r\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\r\n")
        #expect(s.count == 1)
        #expect(s[0].wordForms == ["Hi"])
    }

    @Test func tinyTreebankParses() throws {
        let s = try CoNLLU.parse(tinyTreebank)
        #expect(s.count == 14)
        #expect(try CoNLLU.parse(CoNLLU.format(s)) == s)
        #expect(s[4].lines[2].id == .range(3, 4))
    }

    @Test func relationParts() {
        let r = DependencyRelation("nsubj:pass")
        #expect(r.universal == .nsubj)
        #expect(r.subtype == "pass")
        #expect(DependencyRelation("acl:relcl").universalLabel == "acl")
        #expect(DependencyRelation("punct").subtype == nil)
        #expect(DependencyRelation("compound:prt").universal == .compound)
        #expect(UniversalTag("PROPN") == .propn)
        #expect(UniversalTag.allCases.count == 17)
    }
}
