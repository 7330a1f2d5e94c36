/// Dev-set figures of one tagger epoch.
public struct TaggerEpochReport: Sendable {
    public var epoch: Int
    public var dev: Evaluation?
}

/// Trains ``PartOfSpeechTagger`` models: averaged perceptron, greedy left-to-right, with the
/// model's own previous predictions as history features (as at run time).
///
/// Determinism: sentence order per epoch comes from ``SplitMix64`` seeded with `seed`; classes
/// and XPOS names are sorted; weight tables are written in key order.
public struct TaggerTrainer {
    /// XPOS names, sorted.
    let xposNames: [String]
    /// (UPOS, XPOS index) per class, sorted.
    let classes: [(UniversalTag, Int)]
    private let classIndex: [String: Int]
    private let xposIndex: [String: Int]
    private let lemmaSections: (rules: [UInt8], exact: [UInt8], lower: [UInt8], suffix: [UInt8])
    /// Smallest |quantised weight| kept in the shipped table.
    public var pruneMinimum = 2
    /// Rows updated fewer times than this are left out of the shipped table.
    public var minimumUpdates = 1
    /// The same for the second pass, which re-tags only a few words and can be pruned harder.
    public var secondMinimumUpdates = 5

    /// Prepares classes and lemma tables from the gold training sentences.
    public init(training: [CoNLLUSentence]) {
        var pairs = Set<String>()
        var xpos = Set<String>()
        for s in training {
            for w in s.lines where w.isWord {
                if UniversalTag(w.upos) != nil {
                    pairs.insert(w.upos + "\t" + w.xpos)
                    xpos.insert(w.xpos)
                }
            }
        }
        let sortedX = xpos.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var xi: [String: Int] = [:]
        for (i, x) in sortedX.enumerated() { xi[x] = i }
        let sortedPairs = pairs.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var ci: [String: Int] = [:]
        var cl: [(UniversalTag, Int)] = []
        for (i, p) in sortedPairs.enumerated() {
            let parts = p.split(separator: "\t", omittingEmptySubsequences: false)
            ci[p] = i
            cl.append((UniversalTag(parts[0])!, xi[String(parts[1])]!))
        }
        xposNames = sortedX
        xposIndex = xi
        classIndex = ci
        classes = cl
        var lemmas = LemmatizerBuilder()
        for s in training {
            for w in s.lines where w.isWord {
                if let x = xi[w.xpos] { lemmas.add(form: w.form, xpos: x, lemma: w.lemma) }
            }
        }
        lemmaSections = lemmas.build()
    }

    struct Example {
        var forms: [String]
        var gold: [Int]
        var atoms: [WordAtoms]
        var profile: UInt64
    }

    /// Members of the first pass's weight-averaged ensemble (see ``ParserTrainer/ensemble``).
    public var ensemble = 1

    /// Minimum number of training occurrences for a word to get an ambiguity class.
    public var dictionaryMinimumCount = 2

    /// Minimum number of training occurrences for a word that always had one class to get that
    /// class without classification (the tagger's fast path).
    public var fixedMinimumCount = 50

    /// The tag dictionary of `sentences`: lower-cased form hash → entry (atom of its sorted class
    /// set, and the fixed class of frequent one-class words; ``PartOfSpeechTagger/encode``).
    func dictionary(_ sentences: [CoNLLUSentence]) -> [UInt64: UInt32] {
        var counts: [UInt64: [Int: Int]] = [:]
        for s in sentences {
            for w in s.lines where w.isWord {
                guard let c = classIndex[w.upos + "\t" + w.xpos] else { continue }
                counts[WordAnalyzer.lowerHash(w.form), default: [:]][c, default: 0] += 1
            }
        }
        var out: [UInt64: UInt32] = [:]
        for (word, classes) in counts {
            let total = classes.values.reduce(0, +)
            guard total >= dictionaryMinimumCount else { continue }
            var h: UInt64 = 0x414D_4249
            let sorted = classes.keys.sorted()
            for c in sorted { h = StableHash.step(h, UInt64(c) &+ 1) }
            let fixed = sorted.count == 1 && total >= fixedMinimumCount ? sorted[0] : -1
            out[word] = PartOfSpeechTagger.encode(ambiguity: UInt32(truncatingIfNeeded: StableHash.finalize(h)), fixedClass: fixed)
        }
        return out
    }

    func examples(_ sentences: [CoNLLUSentence], dictionary: [UInt64: UInt32]) -> [Example] {
        var scratch = TaggerScratch()
        return sentences.map { s in
            let words = s.words
            scratch.analyze(words.map(\.form), dictionary: { dictionary[$0] ?? 0 })
            return Example(forms: words.map(\.form), gold: words.map { classIndex[$0.upos + "\t" + $0.xpos] ?? -1 },
                           atoms: scratch.atoms, profile: scratch.profile)
        }
    }

    /// Trains one pass for `epochs` epochs and calls `after(epoch, weights)` after each. `first`
    /// (second pass only) holds, per example, first-pass classes padded like the atoms.
    func trainPass(_ data: [Example], first: [[UInt64]]?, epochs: Int, seed: UInt64, members: Int = 1,
                   after: (Int, [PerceptronWeights]) -> Void) {
        let count = max(1, members)
        var rngs = (0..<count).map { SplitMix64(seed: seed &+ UInt64($0) &* 0x9E37_79B9) }
        let allWeights = (0..<count).map { _ in PerceptronWeights(classCount: classes.count, initialCapacity: 1 << 20) }
        var orders = [[Int]](repeating: Array(data.indices), count: count)
        let keyCount = first == nil ? TaggerFeatures.count : TaggerFeatures.secondCount
        var keys = [UInt64](repeating: 0, count: TaggerFeatures.secondCount)
        var scores = [Int64](repeating: 0, count: classes.count)
        for epoch in 1...max(1, epochs) {
          for member in 0..<count {
            let weights = allWeights[member]
            rngs[member].shuffle(&orders[member])
            for idx in orders[member] {
                let ex = data[idx]
                var p1 = TaggerFeatures.startClass, p2 = TaggerFeatures.startClass
                let firstClasses = first?[idx] ?? []
                ex.atoms.withUnsafeBufferPointer { atoms in
                  firstClasses.withUnsafeBufferPointer { fc in
                    for i in 0..<ex.gold.count {
                        keys.withUnsafeMutableBufferPointer { k in
                            if first != nil {
                                TaggerFeatures.extractSecond(atoms.baseAddress!, i, previous1: p1, previous2: p2, profile: ex.profile,
                                                             first: fc.baseAddress!, into: k.baseAddress!)
                            } else {
                                TaggerFeatures.extract(atoms.baseAddress!, i, previous1: p1, previous2: p2, profile: ex.profile,
                                                       into: k.baseAddress!)
                            }
                        }
                        for c in scores.indices { scores[c] = 0 }
                        keys.withUnsafeBufferPointer { k in
                            let kb = UnsafeBufferPointer(rebasing: k[0..<keyCount])
                            scores.withUnsafeMutableBufferPointer { weights.score(kb, into: $0) }
                        }
                        var guess = 0
                        for c in 1..<scores.count where scores[c] > scores[guess] { guess = c }
                        let gold = ex.gold[i]
                        if gold >= 0 && guess != gold {
                            keys.withUnsafeBufferPointer { k in
                                let kb = UnsafeBufferPointer(rebasing: k[0..<keyCount])
                                weights.update(kb, cls: gold, delta: 1)
                                weights.update(kb, cls: guess, delta: -1)
                            }
                        }
                        weights.time += 1
                        p2 = p1
                        p1 = UInt64(guess)
                    }
                  }
                }
            }
          }
            after(epoch, allWeights)
        }
    }

    /// Trains a single-pass tagger (first pass only) for `epochs` epochs; after each epoch, if
    /// `dev` is given, tags it with the averaged model and reports. Returns the model file of the
    /// best dev epoch (or of the last epoch).
    public func train(_ training: [CoNLLUSentence], dev: [CoNLLUSentence]?, epochs: Int, seed: UInt64,
                      credit: String, provenance: String,
                      report: (TaggerEpochReport) -> Void = { _ in }) -> (model: [UInt8], bestEpoch: Int) {
        let dict = dictionary(training)
        let data = examples(training, dictionary: dict)
        var best: (model: [UInt8], epoch: Int, score: Double) = ([], 0, -1)
        trainPass(data, first: nil, epochs: epochs, seed: seed) { epoch, weights in
            let model = build(first: section(weights), second: nil, dictionary: dict, credit: credit,
                              provenance: provenance + " epochs=\(epoch)")
            var result = TaggerEpochReport(epoch: epoch, dev: nil)
            if let dev {
                let tagger = try! PartOfSpeechTagger.load(bytes: model)
                result.dev = Self.evaluate(tagger, on: dev)
                let score = result.dev!.upos + result.dev!.xpos
                if score > best.score { best = (model, epoch, score) }
            } else {
                best = (model, epoch, 0)
            }
            report(result)
        }
        return (best.model, best.epoch)
    }

    /// Everything the two-pass training produced.
    public struct TwoPassResult {
        /// The tagger model file (both passes).
        public var model: [UInt8]
        public var firstEpochs: Int
        public var secondEpochs: Int
        /// Tags of every training sentence from taggers that did not see it (k-fold jackknife),
        /// for the parser's training; empty when `folds` < 2.
        public var jackknifed: [[WordTag]]
        /// The second-pass gate in unquantised weight units (nil: every word is re-tagged).
        public var gate: Double?
    }

    /// Candidate second-pass gates, as the share of (non-fixed) dev words that the second pass
    /// re-tags: the smallest share that keeps dev UPOS + XPOS within ``gateTolerance`` of
    /// re-tagging everything is chosen.
    public var gateShares: [Double] = [0.04, 0.06, 0.08, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5]
    public var gateTolerance = 0.0004

    /// The full tagger training: the first pass (epochs chosen on `dev`, or exactly
    /// `firstEpochs` without dev), first-pass tags of the training data by k-fold jackknifing,
    /// the second pass on those tags (epochs chosen on dev likewise) and, for the parser, tags of
    /// each training fold by a two-pass tagger trained without it. `secondEpochs` = 0 gives a
    /// single-pass tagger. `log` receives one line per epoch and fold.
    public func trainTwoPass(_ training: [CoNLLUSentence], dev: [CoNLLUSentence]?, firstEpochs: Int, secondEpochs: Int,
                             folds: Int, seed: UInt64, credit: String, provenance: String, gate fixedGate: Double? = nil,
                             report: (_ pass: Int, TaggerEpochReport) -> Void = { _, _ in },
                             progress: (String) -> Void = { _ in }) -> TwoPassResult {
        let dict = dictionary(training)
        let data = examples(training, dictionary: dict)
        // Pass 1 on everything.
        var best: (section: [UInt8], scale: Double, epoch: Int, score: Double) = ([], 1, 0, -1)
        trainPass(data, first: nil, epochs: firstEpochs, seed: seed, members: ensemble) { epoch, weights in
            let (sec, scale) = scaledSection(weights)
            var result = TaggerEpochReport(epoch: epoch, dev: nil)
            if let dev {
                let tagger = try! PartOfSpeechTagger.load(bytes: build(first: sec, second: nil, dictionary: dict, credit: "", provenance: ""))
                result.dev = Self.evaluate(tagger, on: dev)
                let score = result.dev!.upos + result.dev!.xpos
                if score > best.score { best = (sec, scale, epoch, score) }
            } else {
                best = (sec, scale, epoch, 0)
            }
            report(1, result)
        }
        let firstSection = best.section, firstScale = best.scale, e1 = best.epoch
        let k = folds >= 2 ? min(folds, training.count) : 0
        let useSecond = secondEpochs > 0 && k >= 2
        // First-pass jackknife: pass-1 classes of every training sentence from a model without its fold.
        var foldFirst: [[UInt8]] = []
        var foldScale: [Double] = []
        var foldDict: [[UInt64: UInt32]] = []
        var firstClasses = [[UInt64]](repeating: [], count: training.count)
        var jackknifed = [[WordTag]](repeating: [], count: training.count)
        if k >= 2 {
            for f in 0..<k {
                let part = training.indices.filter { Self.fold($0, of: training.count, folds: k) != f }.map { training[$0] }
                let d = dictionary(part)
                let partData = examples(part, dictionary: d)
                var sec: [UInt8] = []
                var scale = 1.0
                trainPass(partData, first: nil, epochs: e1, seed: seed &+ UInt64(f + 1), members: ensemble) { epoch, weights in
                    if epoch == e1 { (sec, scale) = scaledSection(weights) }
                }
                let tagger = try! PartOfSpeechTagger.load(bytes: build(first: sec, second: nil, dictionary: d, credit: "", provenance: ""))
                var scratch = TaggerScratch()
                for i in training.indices where Self.fold(i, of: training.count, folds: k) == f {
                    let forms = training[i].wordForms
                    if useSecond {
                        scratch.analyze(forms, dictionary: tagger.dictionaryEntry)
                        tagger.predict(count: forms.count, scratch: &scratch)
                        scratch.keepFirstPass(count: forms.count)
                        firstClasses[i] = Array(scratch.first[0..<(forms.count + 4)])
                    } else {
                        jackknifed[i] = tagger.tag(forms, scratch: &scratch)
                    }
                }
                if useSecond {
                    foldFirst.append(sec)
                    foldScale.append(scale)
                    foldDict.append(d)
                }
                progress("tagger pass-1 jackknife fold \(f + 1)/\(k)")
            }
        }
        guard useSecond else {
            let model = build(first: firstSection, second: nil, dictionary: dict, credit: credit,
                              provenance: provenance + " epochs=\(e1)")
            return TwoPassResult(model: model, firstEpochs: e1, secondEpochs: 0, jackknifed: k >= 2 ? jackknifed : [], gate: nil)
        }
        // Pass 2 on everything, over jackknifed first-pass tags.
        var best2: (section: [UInt8], epoch: Int, score: Double) = ([], 0, -1)
        trainPass(data, first: firstClasses, epochs: secondEpochs, seed: seed &+ 500) { epoch, weights in
            let sec = section(weights, second: true)
            var result = TaggerEpochReport(epoch: epoch, dev: nil)
            if let dev {
                let tagger = try! PartOfSpeechTagger.load(bytes: build(first: firstSection, second: sec, dictionary: dict, credit: "", provenance: ""))
                result.dev = Self.evaluate(tagger, on: dev)
                let score = result.dev!.upos + result.dev!.xpos
                if score > best2.score { best2 = (sec, epoch, score) }
            } else {
                best2 = (sec, epoch, 0)
            }
            report(2, result)
        }
        let e2 = best2.epoch
        // The gate: chosen on dev as the smallest share of re-tagged words that costs (almost)
        // nothing, or given (final training without dev).
        var gateRaw = fixedGate
        if gateRaw == nil, let dev {
            let single = try! PartOfSpeechTagger.load(bytes: build(first: firstSection, second: nil, dictionary: dict, credit: "", provenance: ""))
            var margins: [Int32] = []
            var scratch = TaggerScratch()
            for s in dev {
                let forms = s.wordForms
                scratch.analyze(forms, dictionary: single.dictionaryEntry)
                single.predict(count: forms.count, scratch: &scratch)
                margins += scratch.margins.filter { $0 != Int32.max }
            }
            margins.sort()
            let full = Self.evaluate(try! PartOfSpeechTagger.load(bytes: build(first: firstSection, second: best2.section, dictionary: dict, credit: "", provenance: "")), on: dev)
            for share in gateShares.sorted() where !margins.isEmpty {
                let g = margins[min(margins.count - 1, Int(Double(margins.count) * share))]
                let e = Self.evaluate(try! PartOfSpeechTagger.load(bytes: build(first: firstSection, second: best2.section, gate: g, dictionary: dict, credit: "", provenance: "")), on: dev)
                progress("tagger gate \(g) (re-tag \(Int(share * 100))% of dev words): UPOS \(Evaluation.percent(e.upos))  XPOS \(Evaluation.percent(e.xpos)) (all: \(Evaluation.percent(full.upos)) \(Evaluation.percent(full.xpos)))")
                if e.upos + e.xpos >= full.upos + full.xpos - gateTolerance {
                    gateRaw = Double(g) / firstScale
                    break
                }
            }
        }
        func quantisedGate(_ scale: Double) -> Int32? {
            gateRaw.map { Int32(max(0, min(Double(Int32.max - 1), ($0 * scale).rounded()))) }
        }
        let finalModel = build(first: firstSection, second: best2.section, gate: quantisedGate(firstScale), dictionary: dict,
                               credit: credit, provenance: provenance + " epochs=\(e1)+\(e2)")
        // Parser training tags: fold f tagged by (first pass without f, second pass without f).
        for f in 0..<k {
            let keep = training.indices.filter { Self.fold($0, of: training.count, folds: k) != f }
            let partData = examples(keep.map { training[$0] }, dictionary: foldDict[f])
            let partFirst = keep.map { firstClasses[$0] }
            var sec: [UInt8] = []
            trainPass(partData, first: partFirst, epochs: e2, seed: seed &+ 500 &+ UInt64(f + 1)) { epoch, weights in
                if epoch == e2 { sec = section(weights, second: true) }
            }
            let tagger = try! PartOfSpeechTagger.load(bytes: build(first: foldFirst[f], second: sec, gate: quantisedGate(foldScale[f]),
                                                                   dictionary: foldDict[f], credit: "", provenance: ""))
            var scratch = TaggerScratch()
            for i in training.indices where Self.fold(i, of: training.count, folds: k) == f {
                jackknifed[i] = tagger.tag(training[i].wordForms, scratch: &scratch)
            }
            progress("tagger pass-2 jackknife fold \(f + 1)/\(k)")
        }
        return TwoPassResult(model: finalModel, firstEpochs: e1, secondEpochs: e2, jackknifed: jackknifed, gate: gateRaw)
    }

    /// The jackknife fold of sentence `i` of `count`: contiguous blocks, so that the sentences of
    /// one document stay in one fold. Interleaved folds let a held-out sentence's tagger see the
    /// rest of its document (the same names and topic), which makes the jackknifed tags cleaner
    /// than the tags of truly new text and teaches the next stage to trust them too much.
    static func fold(_ i: Int, of count: Int, folds k: Int) -> Int { i * k / max(1, count) }

    /// The quantised sparse table of one pass.
    func section(_ members: [PerceptronWeights], second: Bool = false) -> [UInt8] { scaledSection(members, second: second).bytes }

    /// The quantised sparse table of one pass (the mean of its ensemble members) and its scale
    /// (quantised = averaged weight × scale).
    func scaledSection(_ members: [PerceptronWeights], second: Bool = false) -> (bytes: [UInt8], scale: Double) {
        let merged = PerceptronWeights.merge(members)
        let largest = merged.largest()
        let scale = largest > 0 ? 32000.0 / largest : 1
        let minimum = (second ? max(minimumUpdates, secondMinimumUpdates) : minimumUpdates) * members.count
        return (merged.frozenSparse(scale: scale, minimum: pruneMinimum, minimumUpdates: minimum), scale)
    }

    /// Assembles a tagger model file from the pass tables and the tag dictionary.
    func build(first: [UInt8], second: [UInt8]?, gate: Int32? = nil, dictionary: [UInt64: UInt32], credit: String, provenance: String) -> [UInt8] {
        let dictKeys = dictionary.keys.sorted()
        let dictTable = FrozenTableBuilder.values(
            keys: dictKeys.map { FeatureKey.make(PartOfSpeechTagger.dictionaryTemplate, $0) },
            values: dictKeys.map { dictionary[$0]! })
        var c = ByteWriter()
        c.u32(UInt32(xposNames.count))
        for x in xposNames { c.string(x) }
        c.u32(UInt32(classes.count))
        for (u, x) in classes {
            c.u8(u.rawValue)
            c.u16(UInt16(x))
        }
        var sections: [(UInt32, [UInt8])] = [
            (ModelFile.featureSetTag, ModelFile.featureSetSection(PartOfSpeechTagger.featureSet)),
            (PartOfSpeechTagger.classesTag, c.bytes),
            (PartOfSpeechTagger.weightsTag, first),
        ]
        if let second { sections.append((PartOfSpeechTagger.secondWeightsTag, second)) }
        if let gate {
            var g = ByteWriter()
            g.u32(UInt32(bitPattern: gate))
            sections.append((PartOfSpeechTagger.gateTag, g.bytes))
        }
        sections += [
            (PartOfSpeechTagger.dictionaryTag, dictTable),
            (PartOfSpeechTagger.rulesTag, lemmaSections.rules),
            (PartOfSpeechTagger.exactTag, lemmaSections.exact),
            (PartOfSpeechTagger.lowerTag, lemmaSections.lower),
            (PartOfSpeechTagger.suffixTag, lemmaSections.suffix),
        ]
        return ModelFile.build(kind: PartOfSpeechTagger.kind, credit: credit, provenance: provenance, sections: sections)
    }

    /// Tags gold-tokenized sentences and scores UPOS, XPOS and lemma.
    public static func evaluate(_ tagger: PartOfSpeechTagger, on gold: [CoNLLUSentence]) -> Evaluation {
        var scratch = TaggerScratch()
        var e = Evaluation()
        for s in gold {
            let words = s.words
            let tags = tagger.tag(words.map(\.form), scratch: &scratch)
            for (w, t) in zip(words, tags) {
                e.words += 1
                if w.upos == t.upos.description { e.uposCorrect += 1 }
                if w.xpos == t.xpos { e.xposCorrect += 1 }
                if w.lemma == "_" || w.lemma == t.lemma { e.lemmaCorrect += 1 }
            }
        }
        return e
    }

    /// Tags each sentence of `training` with a tagger trained on the other folds (k-fold
    /// jackknifing), so a parser can learn from tags as noisy as the ones it will see.
    public func jackknife(_ training: [CoNLLUSentence], folds: Int, epochs: Int, seed: UInt64,
                          progress: (Int) -> Void = { _ in }) -> [[WordTag]] {
        var out = [[WordTag]](repeating: [], count: training.count)
        for f in 0..<folds {
            let trainPart = training.indices.filter { Self.fold($0, of: training.count, folds: folds) != f }.map { training[$0] }
            let heldOut = training.indices.filter { Self.fold($0, of: training.count, folds: folds) == f }
            let (model, _) = train(trainPart, dev: nil, epochs: epochs, seed: seed &+ UInt64(f + 1), credit: "", provenance: "jackknife")
            let tagger = try! PartOfSpeechTagger.load(bytes: model)
            var scratch = TaggerScratch()
            for i in heldOut {
                out[i] = tagger.tag(training[i].wordForms, scratch: &scratch)
            }
            progress(f + 1)
        }
        return out
    }
}
