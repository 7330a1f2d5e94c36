import Testing
@testable import ClaimSyntax

@Suite struct TrainingTests {
    @Test func learnsTheTinyTreebank() throws {
        let sentences = try CoNLLU.parse(tinyTreebank)
        let models = tinyModels.models
        let analyzer = SyntaxAnalyzer(models: models)
        var system: [CoNLLUSentence] = []
        for s in sentences {
            let a = analyzer.analyze(s.wordForms)
            var out = s
            var k = 0
            for i in out.lines.indices where out.lines[i].isWord {
                out.lines[i].upos = a.tags[k].upos.description
                out.lines[i].xpos = a.tags[k].xpos
                out.lines[i].lemma = a.tags[k].lemma
                out.lines[i].head = String(a.arcs[k].head)
                out.lines[i].deprel = a.arcs[k].relation.label
                k += 1
            }
            system.append(out)
        }
        let e = try Evaluation.score(gold: sentences, system: system)
        #expect(e.words == 103)
        #expect(e.upos >= 0.99, "UPOS \(e.upos)")
        #expect(e.xpos >= 0.99, "XPOS \(e.xpos)")
        #expect(e.lemma >= 0.99, "lemma \(e.lemma)")
        #expect(e.uas >= 0.97, "UAS \(e.uas)")
        #expect(e.las >= 0.95, "LAS \(e.las)")
    }

    @Test func trainingIsDeterministic() throws {
        let a = try trainTiny(seed: 5)
        let b = try trainTiny(seed: 5)
        #expect(a.tagger == b.tagger)
        #expect(a.parser == b.parser)
    }

    @Test func lemmaRules() {
        let r = LemmaRule.derive(form: "Dogs", lemma: "dog")
        #expect(r == LemmaRule(lowercase: true, strip: 1, append: ""))
        #expect(r.apply(to: "Cats") == "cat")
        #expect(LemmaRule.derive(form: "Velorian", lemma: "Velorian") == .identity)
        #expect(LemmaRule.derive(form: "was", lemma: "be").apply(to: "was") == "be")
        #expect(LemmaRule(lowercase: false, strip: 9, append: "").apply(to: "ab") == nil)
        #expect(LemmaRule.derive(form: "Ärzte", lemma: "arzt").apply(to: "Ärzte") == "arzt")
    }

    @Test func projectivizerLiftsCrossingArcs() {
        // Index 0 unused. 1←3, 2←4, 3 root, 4←3: the arc 4→2 spans word 3, which is not under
        // 4, so 2 is lifted to 4's head, 3.
        #expect(Projectivizer.projectivize([0, 3, 4, 0, 3])! == [0, 3, 3, 0, 3])
        #expect(Projectivizer.projectivize([0, 2, 0, 2])! == [0, 2, 0, 2])  // already projective
        let crossing = [0, 0, 4, 1, 1]  // 1 root, 2←4, 3←1, 4←1: arc 4→2 spans 3 (under 1, not 4)
        #expect(Projectivizer.projectivize(crossing)! == [0, 0, 1, 1, 1])
        #expect(Projectivizer.projectivize([0, 0, 0]) == nil)  // two roots
        #expect(Projectivizer.projectivize([0, 2, 1]) == nil)  // cycle, no root
    }

    @Test func oracleReproducesProjectiveTrees() throws {
        let trainer = ParserTrainer(training: try CoNLLU.parse(tinyTreebank))
        let agreement = trainer.oracleAgreement(try CoNLLU.parse(tinyTreebank))
        #expect(agreement.projectivized == 1.0)
    }
}
