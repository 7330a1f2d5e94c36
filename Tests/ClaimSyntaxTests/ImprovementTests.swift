import Testing
@testable import ClaimSyntax

/// Tests for the second round of work: feature-set versions in model files, 8-byte dense slots,
/// the two-pass tagger with its dictionary fast path and gate, contiguous jackknife folds, the
/// labeller's optional transition keys and the final (train + dev) training.
@Suite struct ImprovementTests {
    @Test func modelsForOtherFeatureTemplatesAreRefused() throws {
        for kind in [PartOfSpeechTagger.kind, DependencyParser.kind] {
            let missing = ModelFile.build(kind: kind, credit: "c", provenance: "p", sections: [])
            let older = ModelFile.build(kind: kind, credit: "c", provenance: "p",
                                        sections: [(ModelFile.featureSetTag, ModelFile.featureSetSection(1))])
            for (bytes, needle) in [(missing, "no FSET"), (older, "feature set 1")] {
                do {
                    if kind == PartOfSpeechTagger.kind { _ = try PartOfSpeechTagger.load(bytes: bytes) } else { _ = try DependencyParser.load(bytes: bytes) }
                    Issue.record("a model without the current feature set loaded")
                } catch let e {
                    guard case .malformed(_, let reason) = e else { Issue.record("unexpected \(e)"); continue }
                    #expect(reason.contains(needle), "\(reason)")
                }
            }
        }
        // The models the tests train carry the current versions and load.
        #expect(try VerifiedModelFile(storage: tinyModels.result.tagger.withUnsafeBytes { ModelBytes($0) }, path: "t",
                                      kind: PartOfSpeechTagger.kind).has(ModelFile.featureSetTag))
    }

    @Test func denseSlotsReturnTheirWeights() throws {
        var rng = SplitMix64(seed: 11)
        let keys = (0..<5000).map { _ in FeatureKey.nonZero(rng.next()) }
        let weights = (0..<15000).map { _ in Int16(truncatingIfNeeded: Int(rng.next(below: 60001)) - 30000) }
        let bytes = FrozenTableBuilder.dense(keys: keys, weights: weights)
        let storage = bytes.withUnsafeBytes { ModelBytes($0) }
        var reader = ByteReader(storage: storage, path: "dense", offset: 0, length: bytes.count)
        let table = try FrozenTable(reader: &reader)
        #expect(table.slotSize == 8 && table.layout == 1 && table.classCount == 3)
        for (r, k) in keys.enumerated() {
            var a: Int32 = 0, b: Int32 = 0, c: Int32 = 0
            table.addDense(k, &a, &b, &c)
            #expect(a == Int32(weights[3 * r]) && b == Int32(weights[3 * r + 1]) && c == Int32(weights[3 * r + 2]))
        }
        // Absent keys almost never match (16-bit fingerprints): allow a handful in 20,000.
        var strays = 0
        for _ in 0..<20000 {
            var a: Int32 = 0, b: Int32 = 0, c: Int32 = 0
            table.addDense(FeatureKey.nonZero(rng.next()), &a, &b, &c)
            if a != 0 || b != 0 || c != 0 { strays += 1 }
        }
        #expect(strays <= 10, "\(strays) stray matches")
    }

    @Test func dictionaryEntriesCarryAmbiguityAndFixedClass() {
        let e = PartOfSpeechTagger.encode(ambiguity: 0x12AB_CDEF, fixedClass: 7)
        let (atom, fixed) = PartOfSpeechTagger.decode(e)
        #expect(atom == 0xAB_CDEF && fixed == 7)
        #expect(PartOfSpeechTagger.decode(PartOfSpeechTagger.encode(ambiguity: 0x40, fixedClass: -1)) == (0x41, -1))
        #expect(PartOfSpeechTagger.decode(0) == (PartOfSpeechTagger.unknownAmbiguity, -1))
    }

    @Test func jackknifeFoldsAreContiguousBlocks() {
        let folds = (0..<10).map { TaggerTrainer.fold($0, of: 10, folds: 3) }
        #expect(folds == [0, 0, 0, 0, 1, 1, 1, 2, 2, 2])
        let many = (0..<1001).map { TaggerTrainer.fold($0, of: 1001, folds: 10) }
        #expect(Set(many) == Set(0..<10))
        #expect(zip(many, many.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func twoPassTaggerLearnsAndIsDeterministic() throws {
        let tiny = try CoNLLU.parse(tinyTreebank)
        var trainer = TaggerTrainer(training: tiny)
        trainer.minimumUpdates = 1
        trainer.secondMinimumUpdates = 1
        trainer.fixedMinimumCount = 3
        func run() -> TaggerTrainer.TwoPassResult {
            trainer.trainTwoPass(tiny, dev: tiny, firstEpochs: 10, secondEpochs: 4, folds: 2, seed: 9, credit: "c", provenance: "p")
        }
        let a = run(), b = run()
        #expect(a.model == b.model)
        #expect(a.secondEpochs >= 1)
        #expect(a.jackknifed.count == tiny.count)
        for (s, t) in zip(tiny, a.jackknifed) { #expect(s.words.count == t.count) }
        let file = try VerifiedModelFile(storage: a.model.withUnsafeBytes { ModelBytes($0) }, path: "t", kind: PartOfSpeechTagger.kind)
        #expect(file.has(PartOfSpeechTagger.secondWeightsTag))
        let tagger = try PartOfSpeechTagger.load(bytes: a.model)
        #expect(tagger.secondWeights != nil)
        let e = TaggerTrainer.evaluate(tagger, on: tiny)
        #expect(e.upos >= 0.97, "UPOS \(e.upos)")
        // Frequent one-class words take the fast path: their margin is the maximum.
        var scratch = TaggerScratch()
        let words = ["The", "envoy", "signed", "the", "treaty", "."]
        scratch.analyze(words, dictionary: tagger.dictionaryEntry)
        tagger.predict(count: words.count, scratch: &scratch)
        #expect(scratch.classes.count == words.count && scratch.margins.count == words.count)
        for i in words.indices where scratch.fixed[i] >= 0 {
            #expect(scratch.margins[i] == Int32.max && scratch.classes[i] == scratch.fixed[i])
        }
    }

    @Test func oddInputsThroughTheTwoPassTagger() throws {
        let tiny = try CoNLLU.parse(tinyTreebank)
        var trainer = TaggerTrainer(training: tiny)
        trainer.minimumUpdates = 1
        trainer.secondMinimumUpdates = 1
        let r = trainer.trainTwoPass(tiny, dev: nil, firstEpochs: 3, secondEpochs: 2, folds: 2, seed: 2, credit: "c", provenance: "p", gate: 0.5)
        let tagger = try PartOfSpeechTagger.load(bytes: r.model)
        #expect(tagger.gate >= 0)
        for words in [[], [""], ["."], ["HELLO", "WORLD", "FROM", "ORVANE"], Array(repeating: "x", count: 3000),
                      [String(repeating: "é", count: 5000)], ["1,000", "--", "ß", "🙂"]] {
            #expect(tagger.tag(words).count == words.count)
        }
    }

    @Test func labellerTransitionKeysAreStoredAndUsed() throws {
        let tiny = try CoNLLU.parse(tinyTreebank)
        var trainer = ParserTrainer(training: tiny)
        trainer.minimumUpdates = 1
        trainer.labelTransitionKeys = 12
        let gold = tiny.map { $0.words.map { WordTag(upos: UniversalTag($0.upos) ?? .x, xpos: $0.xpos, lemma: $0.lemma) } }
        let (model, _) = trainer.train(tiny, trainingTags: gold, dev: nil, devTags: nil, epochs: 15, seed: 4, credit: "c", provenance: "p")
        let parser = try DependencyParser.load(bytes: model)
        #expect(parser.labelTransitionKeys == 12)
        let e = ParserTrainer.evaluate(parser, on: tiny, tags: gold)
        #expect(e.uas >= 0.95 && e.las >= 0.9, "UAS \(e.uas) LAS \(e.las)")
    }

    @Test func finalTrainingFixesTheSelectedSettings() throws {
        let tiny = try CoNLLU.parse(tinyTreebank)
        let train = Array(tiny.prefix(10)), dev = Array(tiny.suffix(4))
        var options = SyntaxTrainingOptions()
        options.taggerEpochs = 6
        options.parserEpochs = 6
        options.folds = 0
        options.parserMinimumUpdates = 1
        options.taggerMinimumUpdates = 1
        options.parserEnsemble = 2
        options.trainingName = "tiny-train"
        options.devName = "tiny-dev"
        var lines: [String] = []
        let (selection, final) = SyntaxTrainer.trainFinal(training: train, dev: dev, options: options, log: { lines.append($0) })
        #expect(selection.parserDev != nil && selection.taggerDev != nil)
        #expect(final.parserDev == nil && final.taggerDev == nil)
        let parser = try DependencyParser.load(bytes: final.parser)
        let tagger = try PartOfSpeechTagger.load(bytes: final.tagger)
        #expect(parser.provenance.contains("train=tiny-train+tiny-dev"))
        #expect(parser.provenance.contains("epochs=\(selection.parserEpoch)"))
        #expect(tagger.provenance.contains("epochs=\(selection.taggerFirstEpoch)"))
        #expect(lines.contains { $0.contains("selection run") } && lines.contains { $0.contains("final run") })
        let again = SyntaxTrainer.trainFinal(training: train, dev: dev, options: options).final
        #expect(again.tagger == final.tagger && again.parser == final.parser)
    }
}
