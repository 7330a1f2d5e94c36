/// Options for ``SyntaxTrainer``.
public struct SyntaxTrainingOptions: Sendable {
    /// Maximum tagger first-pass epochs (the best dev epoch is kept; exactly this many without dev).
    public var taggerEpochs = 8
    /// Maximum tagger second-pass epochs (0: single-pass tagger). Needs jackknife folds.
    public var taggerSecondEpochs = 8
    /// Maximum parser epochs (the best dev epoch is kept).
    public var parserEpochs = 15
    public var seed: UInt64 = 1
    /// Jackknife folds for the parser's training tags; 0 trains the parser on gold tags.
    public var folds = 10
    /// Parser rows updated fewer times than this are not shipped (size/accuracy trade-off).
    public var parserMinimumUpdates = 4
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
    public var taggerEpoch: Int
    public var parserEpoch: Int
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
        let devPart = dev == nil ? "" : " dev=\(options.devName)"
        let base = "train=\(options.trainingName)\(devPart) seed=\(options.seed)"
        var taggerReports: [Int: Evaluation] = [:]
        let folds = options.folds >= 2 ? min(options.folds, training.count / 2) : 0
        let taggerResult = taggerTrainer.trainTwoPass(
            training, dev: dev, firstEpochs: options.taggerEpochs, secondEpochs: folds >= 2 ? options.taggerSecondEpochs : 0,
            folds: folds, seed: options.seed, credit: options.credit,
            provenance: "claimd tagger \(base) folds=\(folds) maxEpochs=\(options.taggerEpochs)+\(options.taggerSecondEpochs)",
            report: { pass, r in
                if let d = r.dev {
                    if pass == 2 || options.taggerSecondEpochs == 0 || folds < 2 { taggerReports[r.epoch] = d }
                    log("tagger pass \(pass) epoch \(r.epoch): UPOS \(Evaluation.percent(d.upos))  XPOS \(Evaluation.percent(d.xpos))  lemma \(Evaluation.percent(d.lemma))  [\(elapsed())]")
                } else {
                    log("tagger pass \(pass) epoch \(r.epoch) [\(elapsed())]")
                }
            },
            progress: { log($0 + " [\(elapsed())]") })
        let taggerModel = taggerResult.model
        let taggerEpoch = taggerResult.secondEpochs > 0 ? taggerResult.secondEpochs : taggerResult.firstEpochs
        log("tagger: keeping first-pass epoch \(taggerResult.firstEpochs), second-pass epoch \(taggerResult.secondEpochs)")
        let tagger = try! PartOfSpeechTagger.load(bytes: taggerModel)

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
        var parserReports: [Int: Evaluation] = [:]
        let (parserModel, parserEpoch) = parserTrainer.train(
            training, trainingTags: trainingTags, dev: dev, devTags: devTags,
            epochs: options.parserEpochs, seed: options.seed &+ 2000, credit: options.credit,
            provenance: "claimd parser \(base) folds=\(folds) maxEpochs=\(options.parserEpochs) minUpdates=\(options.parserMinimumUpdates)",
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
        return SyntaxTrainingResult(tagger: taggerModel, parser: parserModel, taggerEpoch: taggerEpoch, parserEpoch: parserEpoch,
                                    taggerDev: taggerReports[taggerEpoch], parserDev: parserReports[parserEpoch])
    }
}
