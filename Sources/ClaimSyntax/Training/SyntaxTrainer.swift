/// Options for ``SyntaxTrainer``.
public struct SyntaxTrainingOptions: Sendable {
    /// Maximum tagger first-pass epochs (the best dev epoch is kept; exactly this many without dev).
    public var taggerEpochs = 12
    /// Maximum tagger second-pass epochs (0: single-pass tagger); needs jackknife folds. The best
    /// dev epoch is kept; exactly this many without dev.
    public var taggerSecondEpochs = 6
    /// The tagger's second-pass gate in unquantised weight units; `nil` chooses it on dev (and
    /// without dev re-tags every word). A final training without dev passes the selection run's.
    public var taggerGate: Double? = nil
    /// Maximum parser epochs (the best dev epoch is kept; exactly this many without dev).
    public var parserEpochs = 18
    public var seed: UInt64 = 1
    /// Jackknife folds for the parser's training tags; 0 trains the parser on gold tags.
    public var folds = 10
    /// Parser rows updated fewer times than this are not shipped (size/accuracy trade-off).
    public var parserMinimumUpdates = 4
    /// Parser members averaged into the shipped parser (``ParserTrainer/ensemble``).
    public var parserEnsemble = 4
    /// Tagger first-pass members averaged into the shipped tagger (``TaggerTrainer/ensemble``).
    public var taggerEnsemble = 1
    /// Tagger rows updated fewer times than this are not shipped.
    public var taggerMinimumUpdates = 2
    /// Credit line of the training data, stored in every model file.
    public var credit = SyntaxTrainer.ewtCredit
    /// Names of the training files, recorded in the provenance string.
    public var trainingName = "en_ewt-ud-train.conllu"
    public var devName = "en_ewt-ud-dev.conllu"

    public init() {}
}

/// What a training run produced.
public struct SyntaxTrainingResult: Sendable {
    public var tagger: [UInt8]
    public var parser: [UInt8]
    /// The tagger's first-pass epochs (kept for compatibility: also ``taggerFirstEpoch``).
    public var taggerEpoch: Int
    public var parserEpoch: Int
    public var taggerFirstEpoch: Int = 0
    /// Second-pass epochs (0: single pass).
    public var taggerSecondEpoch: Int = 0
    /// The second-pass gate used (unquantised units), if any.
    public var taggerGate: Double? = nil
    public var taggerDev: Evaluation?
    public var parserDev: Evaluation?
}

/// The whole training pipeline: tagger (and lemmatiser) with dev selection, k-fold jackknifed
/// tags for the parser's training data, then the parser with dev selection.
public enum SyntaxTrainer {
    /// Credit line required by the licence of UD English EWT (CC BY-SA 4.0).
    public static let ewtCredit = "Universal Dependencies English Web Treebank, © 2013-2021 The Board of Trustees of The Leland Stanford Junior University"

    /// Runs the pipeline; `log` receives one line per epoch and phase; `clock` returns seconds.
    public static func train(training: [CoNLLUSentence], dev: [CoNLLUSentence]?, options: SyntaxTrainingOptions,
                             clock: @escaping () -> Double = { 0 }, log: (String) -> Void = { _ in }) -> SyntaxTrainingResult {
        let start = clock()
        func elapsed() -> String { String(Int((clock() - start).rounded())) + "s" }
        var taggerTrainer = TaggerTrainer(training: training)
        taggerTrainer.minimumUpdates = options.taggerMinimumUpdates
        taggerTrainer.ensemble = options.taggerEnsemble
        let devPart = dev == nil ? "" : " dev=\(options.devName)"
        let base = "train=\(options.trainingName)\(devPart) seed=\(options.seed)"
        let folds = options.folds >= 2 ? min(options.folds, training.count / 2) : 0
        let taggerResult = taggerTrainer.trainTwoPass(
            training, dev: dev, firstEpochs: options.taggerEpochs, secondEpochs: folds >= 2 ? options.taggerSecondEpochs : 0,
            folds: folds, seed: options.seed, credit: options.credit,
            provenance: "claimd tagger \(base) folds=\(folds) maxEpochs=\(options.taggerEpochs)+\(options.taggerSecondEpochs) ensemble=\(options.taggerEnsemble)",
            gate: options.taggerGate,
            report: { pass, r in
                if let d = r.dev {
                    log("tagger pass \(pass) epoch \(r.epoch): UPOS \(Evaluation.percent(d.upos))  XPOS \(Evaluation.percent(d.xpos))  lemma \(Evaluation.percent(d.lemma))  [\(elapsed())]")
                } else {
                    log("tagger pass \(pass) epoch \(r.epoch) [\(elapsed())]")
                }
            },
            progress: { log($0 + " [\(elapsed())]") })
        let taggerModel = taggerResult.model
        let gateText = taggerResult.gate.map { String(format: "%.4g", $0) } ?? "none"
        log("tagger: keeping first-pass epoch \(taggerResult.firstEpochs), second-pass epoch \(taggerResult.secondEpochs), gate \(gateText)")
        let tagger = try! PartOfSpeechTagger.load(bytes: taggerModel)
        let taggerDev = dev.map { TaggerTrainer.evaluate(tagger, on: $0) }
        if let d = taggerDev {
            log("tagger (both passes, gated): UPOS \(Evaluation.percent(d.upos))  XPOS \(Evaluation.percent(d.xpos))  lemma \(Evaluation.percent(d.lemma))")
        }

        let trainingTags: [[WordTag]]
        if folds >= 2 {
            trainingTags = taggerResult.jackknifed
        } else {
            trainingTags = training.map { s in
                s.words.map { WordTag(upos: UniversalTag($0.upos) ?? .x, xpos: $0.xpos, lemma: $0.lemma) }
            }
        }
        let devTags = dev.map { d in d.map { tagger.tag($0.wordForms) } }

        var parserTrainer = ParserTrainer(training: training)
        parserTrainer.minimumUpdates = options.parserMinimumUpdates
        parserTrainer.ensemble = options.parserEnsemble
        var parserReports: [Int: Evaluation] = [:]
        let (parserModel, parserEpoch) = parserTrainer.train(
            training, trainingTags: trainingTags, dev: dev, devTags: devTags,
            epochs: options.parserEpochs, seed: options.seed &+ 2000, credit: options.credit,
            provenance: "claimd parser \(base) folds=\(folds) maxEpochs=\(options.parserEpochs) minUpdates=\(options.parserMinimumUpdates) ensemble=\(options.parserEnsemble)",
            clock: clock
        ) { r in
            if let d = r.dev {
                parserReports[r.epoch] = d
                log("parser epoch \(r.epoch): UAS \(Evaluation.percent(d.uas))  LAS \(Evaluation.percent(d.las))  [\(elapsed())]")
            } else {
                log("parser epoch \(r.epoch) [\(elapsed())]")
            }
        }
        log("parser: keeping epoch \(parserEpoch)")
        var result = SyntaxTrainingResult(tagger: taggerModel, parser: parserModel, taggerEpoch: taggerResult.firstEpochs,
                                          parserEpoch: parserEpoch, taggerDev: taggerDev, parserDev: parserReports[parserEpoch])
        result.taggerFirstEpoch = taggerResult.firstEpochs
        result.taggerSecondEpoch = taggerResult.secondEpochs
        result.taggerGate = taggerResult.gate
        return result
    }

    /// The recommended final training: a selection run on `training` that chooses epochs and the
    /// tagger gate on `dev` (its dev figures are the honest ones, reported through `log`), then
    /// the same pipeline on `training + dev` with those choices fixed. Returns both results;
    /// ship `final`. Its models have seen dev, so their dev scores mean nothing.
    public static func trainFinal(training: [CoNLLUSentence], dev: [CoNLLUSentence], options: SyntaxTrainingOptions,
                                  clock: @escaping () -> Double = { 0 },
                                  log: (String) -> Void = { _ in }) -> (selection: SyntaxTrainingResult, final: SyntaxTrainingResult) {
        log("== selection run: train only, choices made on dev ==")
        let selection = train(training: training, dev: dev, options: options, clock: clock, log: log)
        var fixed = options
        fixed.taggerEpochs = selection.taggerFirstEpoch
        fixed.taggerSecondEpochs = selection.taggerSecondEpoch
        fixed.taggerGate = selection.taggerGate
        fixed.parserEpochs = selection.parserEpoch
        fixed.trainingName = options.trainingName + "+" + options.devName
        log("== final run: train + dev, tagger epochs \(fixed.taggerEpochs)+\(fixed.taggerSecondEpochs), parser epochs \(fixed.parserEpochs) ==")
        let final = train(training: training + dev, dev: nil, options: fixed, clock: clock, log: log)
        return (selection, final)
    }
}
