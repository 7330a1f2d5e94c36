/// Dev-set figures of one parser epoch.
public struct ParserEpochReport: Sendable {
    public var epoch: Int
    public var dev: Evaluation?
    public var seconds: Double
}

/// Trains ``DependencyParser`` models with the arc-hybrid dynamic oracle (Goldberg & Nivre 2013)
/// and error exploration: after the first `explorationStart - 1` epochs the trainer follows the
/// model's own (possibly wrong) transition with probability `explorationProbability`, and the
/// oracle tells which transitions are still optimal from wherever the parser got to. Trees are
/// projectivized for training; sentences that are not single-rooted trees are skipped.
public struct ParserTrainer {
    public let labels: [String]
    private let labelIndex: [String: Int]
    public var explorationStart = 2
    public var explorationProbability = 0.9
    /// Smallest |quantised weight| kept in the shipped tables.
    public var pruneMinimum = 2
    /// Rows updated fewer times than this are left out of the shipped tables.
    public var minimumUpdates = 1
    /// How many leading transition keys also vote on labels (0 = the labeller's own templates only).
    public var labelTransitionKeys = 0
    /// Members of the weight-averaged ensemble: each is trained with its own seed (shuffles and
    /// exploration) and the shipped weights are their mean, so run time does not change.
    public var ensemble = 1

    struct Example {
        var words: [UInt64]
        var suffixes: [UInt64]
        var tags: [UInt64]
        var coarse: [UInt64]
        /// Projectivized gold heads, index 0 unused.
        var heads: [Int]
        var labels: [Int]
    }

    /// Collects the label set (sorted) from the gold training trees.
    public init(training: [CoNLLUSentence]) {
        var set = Set<String>(["root"])
        for s in training { for w in s.lines where w.isWord { set.insert(w.deprel) } }
        labels = set.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var idx: [String: Int] = [:]
        for (i, l) in labels.enumerated() { idx[l] = i }
        labelIndex = idx
        precondition(labels.count <= 64, "at most 64 dependency labels are supported")
    }

    func examples(_ sentences: [CoNLLUSentence], tags: [[WordTag]]) -> [Example] {
        var out: [Example] = []
        for (s, t) in zip(sentences, tags) {
            let words = s.words
            guard !words.isEmpty, t.count == words.count else { continue }
            let heads = [0] + words.map { $0.headIndex ?? -1 }
            guard let proj = Projectivizer.projectivize(heads) else { continue }
            out.append(Example(
                words: [0] + words.map { WordAnalyzer.lowerHash($0.form) },
                suffixes: [0] + words.map { WordAnalyzer.lowerAndSuffixHash($0.form).1 },
                tags: [0] + t.map { DependencyParser.tagAtom($0) },
                coarse: [0] + t.map { DependencyParser.coarseAtom($0.upos) },
                heads: proj,
                labels: [0] + words.map { labelIndex[$0.deprel] ?? labelIndex["dep"] ?? 0 }))
        }
        return out
    }

    /// Trains; `trainingTags` should be jackknifed predictions, `devTags` the final tagger's.
    public func train(_ training: [CoNLLUSentence], trainingTags: [[WordTag]],
                      dev: [CoNLLUSentence]?, devTags: [[WordTag]]?,
                      epochs: Int, seed: UInt64, credit: String, provenance: String,
                      clock: () -> Double = { 0 },
                      report: (ParserEpochReport) -> Void = { _ in }) -> (model: [UInt8], bestEpoch: Int) {
        let data = examples(training, tags: trainingTags)
        let members = max(1, ensemble)
        var rngs = (0..<members).map { SplitMix64(seed: seed &+ UInt64($0) &* 0x9E37_79B9) }
        let actionMembers = (0..<members).map { _ in PerceptronWeights(classCount: 3, initialCapacity: 1 << 22) }
        let labelMembers = (0..<members).map { _ in PerceptronWeights(classCount: labels.count, initialCapacity: 1 << 20) }
        let ws = ParserWorkspace()
        let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: ParserFeatures.count)
        let lkeys = UnsafeMutablePointer<UInt64>.allocate(capacity: LabelFeatures.maximum)
        defer { keys.deallocate(); lkeys.deallocate() }
        let keyBuffer = UnsafeBufferPointer(start: keys, count: ParserFeatures.count)
        let labelKeyBuffer = UnsafeBufferPointer(start: lkeys, count: LabelFeatures.count + min(max(0, labelTransitionKeys), ParserFeatures.count))
        var actionScores = [Int64](repeating: 0, count: 3)
        var labelScores = [Int64](repeating: 0, count: labels.count)
        let rootLabel = labelIndex["root"]!
        var orders = [[Int]](repeating: Array(data.indices), count: members)
        var best: (model: [UInt8], epoch: Int, score: Double) = ([], 0, -1)
        let start = clock()

        for epoch in 1...max(1, epochs) {
          let explore = epoch >= explorationStart
          for member in 0..<members {
            let actionWeights = actionMembers[member], labelWeights = labelMembers[member]
            rngs[member].shuffle(&orders[member])
            for idx in orders[member] {
                let ex = data[idx]
                let n = ex.words.count - 1
                ws.reset(count: n)
                for i in 1...n {
                    ws.word[i] = ex.words[i]
                    ws.tag[i] = ex.tags[i]
                    ws.coarse[i] = ex.coarse[i]
                    ws.suffix[i] = ex.suffixes[i]
                }
                ws.finishInput()
                let gh = ex.heads
                while !ws.isTerminal {
                    let canShift = ws.canShift, canLeft = ws.canLeft, canRight = ws.canRight
                    if canShift && !canLeft && !canRight {
                        ws.shift()
                        continue
                    }
                    ParserFeatures.extract(ws, into: keys)
                    // Costs (number of gold arcs made unreachable) of each legal transition.
                    let s0 = Int(ws.stackItem(0))
                    let s1 = ws.stackCount >= 2 ? Int(ws.stackItem(1)) : -1
                    let b = ws.bufferFront
                    var depsInBuffer = 0
                    if b <= n { for d in b...n where gh[d] == s0 { depsInBuffer += 1 } }
                    var cost = [Int.max, Int.max, Int.max]
                    if canShift {
                        var c = 0
                        for j in 0..<ws.stackCount {
                            let x = Int(ws.stack[j])
                            if gh[b] == x && x != s0 { c += 1 }
                            if x != 0 && gh[x] == b { c += 1 }
                        }
                        cost[0] = c
                    }
                    if canLeft {
                        var c = depsInBuffer
                        if gh[s0] != b && (gh[s0] == s1 || gh[s0] >= b) { c += 1 }
                        cost[1] = c
                    }
                    if canRight {
                        var c = depsInBuffer
                        if gh[s0] != s1 && gh[s0] >= b { c += 1 }
                        cost[2] = c
                    }
                    for c in 0..<3 { actionScores[c] = 0 }
                    actionScores.withUnsafeMutableBufferPointer { actionWeights.score(keyBuffer, into: $0) }
                    var predicted = -1, optimal = -1
                    let minCost = cost.min()!
                    for a in 0..<3 where cost[a] != Int.max {
                        if predicted < 0 || actionScores[a] > actionScores[predicted] { predicted = a }
                        if cost[a] == minCost && (optimal < 0 || actionScores[a] > actionScores[optimal]) { optimal = a }
                    }
                    if cost[predicted] > minCost {
                        actionWeights.update(keyBuffer, cls: optimal, delta: 1)
                        actionWeights.update(keyBuffer, cls: predicted, delta: -1)
                    }
                    actionWeights.time += 1
                    var action = optimal
                    if explore && predicted != optimal && rngs[member].nextUnit() < explorationProbability { action = predicted }
                    if action == 0 {
                        ws.shift()
                        continue
                    }
                    let head = action == 1 ? b : s1
                    var label = rootLabel
                    if !(action == 2 && ws.stackCount == 2) {
                        LabelFeatures.extract(ws, head: head, dependent: s0, left: action == 1, transitionKeys: keys,
                                              transitionKeyCount: min(max(0, labelTransitionKeys), ParserFeatures.count), into: lkeys)
                        for c in labelScores.indices { labelScores[c] = 0 }
                        labelScores.withUnsafeMutableBufferPointer { labelWeights.score(labelKeyBuffer, into: $0) }
                        var guess = rootLabel == 0 ? 1 : 0
                        for c in labelScores.indices where c != rootLabel && labelScores[c] > labelScores[guess] { guess = c }
                        label = guess
                        if gh[s0] == head {
                            let gold = ex.labels[s0]
                            if guess != gold && gold != rootLabel {
                                labelWeights.update(labelKeyBuffer, cls: gold, delta: 1)
                                labelWeights.update(labelKeyBuffer, cls: guess, delta: -1)
                            }
                            labelWeights.time += 1
                            if !explore { label = gold }
                        }
                    }
                    if action == 1 { ws.left(label) } else { ws.right(label) }
                }
            }
          }
            let model = freeze(actionMembers, labelMembers, credit: credit, provenance: provenance + " epochs=\(epoch)")
            var result = ParserEpochReport(epoch: epoch, dev: nil, seconds: clock() - start)
            if let dev, let devTags {
                let parser = try! DependencyParser.load(bytes: model)
                result.dev = Self.evaluate(parser, on: dev, tags: devTags)
                let score = result.dev!.las + result.dev!.uas
                if score > best.score { best = (model, epoch, score) }
            } else {
                best = (model, epoch, 0)
            }
            report(result)
        }
        if let dev, let devTags {
            for setting in pruningSweep {
                var t = self
                t.minimumUpdates = setting
                let model = t.freeze(actionMembers, labelMembers, credit: credit, provenance: provenance)
                let parser = try! DependencyParser.load(bytes: model)
                sweepReport(setting, model.count, Self.evaluate(parser, on: dev, tags: devTags))
            }
        }
        return (best.model, best.epoch)
    }

    /// Development aid: after the last epoch, also freeze with each of these `minimumUpdates`
    /// values and report size and dev scores through ``sweepReport``.
    public var pruningSweep: [Int] = []
    public var sweepReport: (Int, Int, Evaluation) -> Void = { _, _, _ in }

    func freeze(_ actionMembers: [PerceptronWeights], _ labelMembers: [PerceptronWeights], credit: String, provenance: String) -> [UInt8] {
        let actions = PerceptronWeights.merge(actionMembers), labelWeights = PerceptronWeights.merge(labelMembers)
        let minimumUpdates = self.minimumUpdates * actionMembers.count
        var l = ByteWriter()
        l.u32(UInt32(labels.count))
        for name in labels { l.string(name) }
        let la = actions.largest(), ll = labelWeights.largest()
        let da = actions.frozenDense(scale: la > 0 ? 32000 / la : 1, minimum: pruneMinimum, minimumUpdates: minimumUpdates)
        let dl = labelWeights.frozenSparse(scale: ll > 0 ? 32000 / ll : 1, minimum: pruneMinimum, minimumUpdates: minimumUpdates)
        var sections: [(UInt32, [UInt8])] = [
            (ModelFile.featureSetTag, ModelFile.featureSetSection(DependencyParser.featureSet)),
            (DependencyParser.labelsTag, l.bytes),
            (DependencyParser.actionsTag, da),
            (DependencyParser.labelWeightsTag, dl),
        ]
        var m = ByteWriter()
        m.u32(UInt32(min(max(0, labelTransitionKeys), ParserFeatures.count)))
        sections.append((DependencyParser.labelTransitionKeysTag, m.bytes))
        return ModelFile.build(kind: DependencyParser.kind, credit: credit, provenance: provenance, sections: sections)
    }

    /// Parses gold-tokenized sentences with the given tags and scores UAS and LAS (CoNLL 2018).
    public static func evaluate(_ parser: DependencyParser, on gold: [CoNLLUSentence], tags: [[WordTag]]) -> Evaluation {
        var e = Evaluation()
        for (s, t) in zip(gold, tags) {
            let words = s.words
            let arcs = parser.parse(words.map(\.form), tags: t)
            for (w, a) in zip(words, arcs) {
                e.words += 1
                if w.headIndex == a.head {
                    e.headCorrect += 1
                    if Evaluation.universal(w.deprel) == Evaluation.universal(a.relation.label) { e.labeledCorrect += 1 }
                }
            }
        }
        return e
    }
}
