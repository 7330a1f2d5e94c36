import ArgumentParser
import ClaimSyntax
import Foundation

@main
struct ClaimdTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claimd-train",
        abstract: "Train, evaluate and run claimd's part-of-speech tagger and dependency parser.",
        subcommands: [Train.self, Evaluate.self, Score.self, Parse.self, Info.self, ParserExperiment.self, TaggerExperiment.self])
}

func seconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func readTreebank(_ path: String) throws -> [CoNLLUSentence] {
    do {
        return try CoNLLU.read(path: path)
    } catch {
        throw ValidationError("cannot read \(path): \(error)")
    }
}

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train tagger, lemmatiser and parser on en_ewt-ud-train.conllu, selecting epochs on en_ewt-ud-dev.conllu.",
        discussion: """
        Without --final the models are trained on train and every choice (epochs, the tagger's \
        second-pass gate) is made on dev; the dev figures printed are those of the written models. \
        With --final (alias --train-on-dev-too) that run is only a selection run: its dev figures \
        are printed first, then the same pipeline is trained on train + dev with those choices \
        fixed, and only the final models are written. Their dev scores are meaningless (they saw \
        dev); the selection run's figures are the honest estimate.
        """)

    @Option(help: "Directory holding en_ewt-ud-train.conllu and en_ewt-ud-dev.conllu.")
    var treebank: String

    @Option(help: "Directory to write tagger.model and parser.model into.")
    var output: String

    @Option(help: "Maximum parser epochs (the best dev epoch is kept).")
    var epochs: Int = 18

    @Option(name: .customLong("tagger-epochs"), help: "Maximum tagger first-pass epochs (the best dev epoch is kept).")
    var taggerEpochs: Int = 12

    @Option(name: .customLong("tagger-second-epochs"), help: "Maximum tagger second-pass epochs (0 = single-pass tagger).")
    var taggerSecondEpochs: Int = 6

    @Option(help: "Random seed (shuffling and exploration).")
    var seed: UInt64 = 1

    @Option(help: "Jackknife folds for the tagger's second pass and the parser's training tags (0 = gold tags, single pass).")
    var folds: Int = 10

    @Option(name: .customLong("min-updates"), help: "Drop parser features updated fewer times than this (size/accuracy trade-off).")
    var minUpdates: Int = 4

    @Option(name: .customLong("tagger-min-updates"), help: "Drop tagger features updated fewer times than this.")
    var taggerMinUpdates: Int = 2

    @Option(name: .customLong("parser-ensemble"), help: "Parser members trained with different seeds and averaged into one model.")
    var parserEnsemble: Int = 4

    @Option(name: .customLong("tagger-ensemble"), help: "Tagger first-pass members trained with different seeds and averaged.")
    var taggerEnsemble: Int = 1

    @Option(name: .customLong("selection-output"),
            help: "With --final: also write the train-only selection run's models here (their dev figures are honest).")
    var selectionOutput: String?

    @Flag(name: [.customLong("final"), .customLong("train-on-dev-too")],
          help: "After the train-only selection run, retrain on train + dev with the selected settings and write those models.")
    var final = false

    func run() throws {
        let start = seconds()
        let dir = treebank.hasSuffix("/") ? String(treebank.dropLast()) : treebank
        let train = try readTreebank(dir + "/en_ewt-ud-train.conllu")
        let dev = try readTreebank(dir + "/en_ewt-ud-dev.conllu")
        print("read \(train.count) training and \(dev.count) dev sentences")
        var options = SyntaxTrainingOptions()
        options.taggerEpochs = taggerEpochs
        options.taggerSecondEpochs = taggerSecondEpochs
        options.parserEpochs = epochs
        options.seed = seed
        options.folds = folds
        options.parserMinimumUpdates = minUpdates
        options.taggerMinimumUpdates = taggerMinUpdates
        options.parserEnsemble = parserEnsemble
        options.taggerEnsemble = taggerEnsemble
        let log: (String) -> Void = { line in
            print(line)
            fflush(nil)
        }
        let selection: SyntaxTrainingResult
        let written: SyntaxTrainingResult
        if final {
            (selection, written) = SyntaxTrainer.trainFinal(training: train, dev: dev, options: options, clock: seconds, log: log)
        } else {
            selection = SyntaxTrainer.train(training: train, dev: dev, options: options, clock: seconds, log: log)
            written = selection
        }
        if final, let selectionOutput {
            try FileManager.default.createDirectory(atPath: selectionOutput, withIntermediateDirectories: true)
            try Data(selection.tagger).write(to: URL(fileURLWithPath: selectionOutput + "/" + SyntaxModels.taggerFileName))
            try Data(selection.parser).write(to: URL(fileURLWithPath: selectionOutput + "/" + SyntaxModels.parserFileName))
            print("wrote the selection run's models to \(selectionOutput)")
        }
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let taggerPath = output + "/" + SyntaxModels.taggerFileName
        let parserPath = output + "/" + SyntaxModels.parserFileName
        try Data(written.tagger).write(to: URL(fileURLWithPath: taggerPath))
        try Data(written.parser).write(to: URL(fileURLWithPath: parserPath))
        let label = final ? "selection run (train only)" : "chosen"
        if let t = selection.taggerDev {
            print("\(label): tagger epochs \(selection.taggerFirstEpoch)+\(selection.taggerSecondEpoch): dev UPOS \(Evaluation.percent(t.upos))  XPOS \(Evaluation.percent(t.xpos))  lemma \(Evaluation.percent(t.lemma))")
        }
        if let p = selection.parserDev {
            print("\(label): parser epoch \(selection.parserEpoch): dev UAS \(Evaluation.percent(p.uas))  LAS \(Evaluation.percent(p.las))")
        }
        if final {
            print("final models: trained on train + dev with those settings (no dev figures: dev is part of their training data)")
        }
        print("wrote \(taggerPath) (\(written.tagger.count) bytes) and \(parserPath) (\(written.parser.count) bytes)")
        print("total time \(String(format: "%.1f", seconds() - start)) s")
    }
}

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tag and parse a gold-tokenized CoNLL-U file and score it (CoNLL 2018 style) and time it.")

    @Option(help: "Directory holding tagger.model and parser.model.")
    var models: String

    @Option(help: "Gold CoNLL-U file.")
    var gold: String

    @Option(help: "Timing runs (the median is reported).")
    var runs: Int = 3

    func run() throws {
        let loadStart = seconds()
        let loaded = try SyntaxModels.load(directory: models)
        let loadTime = seconds() - loadStart
        let sentences = try readTreebank(gold)
        let goldName = URL(fileURLWithPath: gold).lastPathComponent
        for provenance in [loaded.tagger.provenance, loaded.parser.provenance] {
            if let train = provenance.split(separator: " ").first(where: { $0.hasPrefix("train=") }), train.contains(goldName) {
                print("note: these models were trained on \(goldName) (\(train)); scores on it are not an estimate of accuracy")
                break
            }
        }
        let forms = sentences.map(\.wordForms)
        let tokens = forms.reduce(0) { $0 + $1.count }
        let analyzer = SyntaxAnalyzer(models: loaded)
        var results = [AnalyzedSentence](repeating: AnalyzedSentence(), count: forms.count)
        var rates: [Double] = []
        for _ in 0..<max(1, runs) {
            let t0 = seconds()
            for i in forms.indices { analyzer.analyze(forms[i], into: &results[i]) }
            rates.append(Double(tokens) / (seconds() - t0))
        }
        var tagRates: [Double] = []
        for _ in 0..<max(1, runs) {
            let t0 = seconds()
            var count = 0
            for i in forms.indices { count &+= analyzer.tag(forms[i]).count }
            tagRates.append(Double(count) / (seconds() - t0))
        }
        let system = zip(sentences, results).map { $0.0.filled(with: $0.1) }
        let e = try Evaluation.score(gold: sentences, system: system)
        print("sentences \(sentences.count)  words \(e.words)")
        printScores(e)
        let sorted = rates.sorted()
        print("tokens/s (tag + parse, one thread, \(rates.count) runs): median \(Int(sorted[sorted.count / 2]))  min \(Int(sorted.first!))  max \(Int(sorted.last!))")
        let tagSorted = tagRates.sorted()
        print("tokens/s (tag only, for the breakdown): median \(Int(tagSorted[tagSorted.count / 2]))")
        print("model load time \(String(format: "%.1f", loadTime * 1000)) ms")
    }
}

/// The five scores, one per line, as `evaluate` and `score` print them.
func printScores(_ e: Evaluation) {
    for (name, value) in [("UPOS ", e.upos), ("XPOS ", e.xpos), ("Lemma", e.lemma), ("UAS  ", e.uas), ("LAS  ", e.las)] {
        print("\(name) \(Evaluation.percent(value))")
    }
}

/// Scores a parsed file against its gold file: what `claimd parse --tokenized GOLD` printed, or any
/// other parser's output on the same tokens.
struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score a system CoNLL-U file against a gold one (CoNLL 2018 style: words only, universal relations).")

    @Option(help: "Gold CoNLL-U file.")
    var gold: String

    @Option(help: "System CoNLL-U file with the same tokens.")
    var system: String

    func run() throws {
        let e = try Evaluation.score(gold: try readTreebank(gold), system: try readTreebank(system))
        print("words \(e.words)")
        printScores(e)
    }
}

struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read CoNLL-U, keep IDs, forms, comments and MISC, fill UPOS, XPOS, LEMMA, HEAD and DEPREL, write CoNLL-U to stdout.")

    @Option(help: "Directory holding tagger.model and parser.model.")
    var models: String

    @Argument(help: "Input CoNLL-U file.")
    var file: String

    func run() throws {
        let loaded = try SyntaxModels.load(directory: models)
        let sentences = try readTreebank(file)
        let analyzer = SyntaxAnalyzer(models: loaded)
        var out = ""
        for s in sentences {
            CoNLLU.append(s.filled(with: analyzer.analyze(s.wordForms)), to: &out)
            if out.utf8.count > 1 << 20 {
                FileHandle.standardOutput.write(Data(out.utf8))
                out = ""
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}

/// Development aid: parser-only training runs on cached tags, for quick experiments.
struct ParserExperiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parser-experiment", abstract: "Parser-only training on cached predicted tags (development aid).",
        shouldDisplay: false)

    @Option var treebank: String
    @Option(help: "Directory for cached tags (jk-train.conllu, pred-dev.conllu, tagger.model).") var cache: String
    @Option var epochs: Int = 10
    @Option(name: .customLong("min-updates")) var minUpdates: Int = 3
    @Option var seed: UInt64 = 3
    @Option var output: String?
    @Option var devOutput: String?
    @Option(parsing: .upToNextOption) var sweep: [Int] = []
    @Option(name: .customLong("label-transition-keys")) var labelTransitionKeys: Int = 0
    @Option var ensemble: Int = 1

    func run() throws {
        let start = seconds()
        let train = try readTreebank(treebank + "/en_ewt-ud-train.conllu")
        let dev = try readTreebank(treebank + "/en_ewt-ud-dev.conllu")
        func tags(_ s: [CoNLLUSentence]) -> [[WordTag]] {
            s.map { $0.words.map { WordTag(upos: UniversalTag($0.upos) ?? .x, xpos: $0.xpos, lemma: $0.lemma) } }
        }
        let jk = cache + "/jk-train.conllu", pd = cache + "/pred-dev.conllu"
        if !FileManager.default.fileExists(atPath: jk) {
            let trainer = TaggerTrainer(training: train)
            let (model, best) = trainer.train(train, dev: dev, epochs: 8, seed: 1, credit: SyntaxTrainer.ewtCredit, provenance: "experiment")
            let tagger = try PartOfSpeechTagger.load(bytes: model)
            let devTags = dev.map { tagger.tag($0.wordForms) }
            let trainTags = trainer.jackknife(train, folds: 10, epochs: best, seed: 7)
            func write(_ s: [CoNLLUSentence], _ t: [[WordTag]], _ path: String) throws {
                let filled = zip(s, t).map { $0.0.filled(with: AnalyzedSentence(tags: $0.1, arcs: $0.1.map { _ in DependencyArc(head: 0, relation: "dep") })) }
                try CoNLLU.format(filled).write(toFile: path, atomically: true, encoding: .utf8)
            }
            try write(train, trainTags, jk)
            try write(dev, devTags, pd)
            try Data(model).write(to: URL(fileURLWithPath: cache + "/tagger.model"))
        }
        let trainTags = tags(try readTreebank(jk)), devTags = tags(try readTreebank(pd))
        var trainer = ParserTrainer(training: train)
        trainer.minimumUpdates = minUpdates
        trainer.labelTransitionKeys = labelTransitionKeys
        trainer.ensemble = ensemble
        trainer.pruningSweep = sweep
        trainer.sweepReport = { mu, size, e in print("sweep minUpdates \(mu): \(size) bytes  UAS \(Evaluation.percent(e.uas))  LAS \(Evaluation.percent(e.las))") }
        let (model, best) = trainer.train(train, trainingTags: trainTags, dev: dev, devTags: devTags, epochs: epochs, seed: seed,
                                          credit: SyntaxTrainer.ewtCredit, provenance: "experiment", clock: seconds) { r in
            print("parser epoch \(r.epoch): \(r.dev!)  [\(Int(seconds() - start))s]")
            fflush(nil)
        }
        print("best \(best) size \(model.count)")
        if let output { try Data(model).write(to: URL(fileURLWithPath: output)) }
        if let devOutput {
            let parser = try DependencyParser.load(bytes: model)
            var text = ""
            for (s, t) in zip(dev, devTags) {
                CoNLLU.append(s.filled(with: AnalyzedSentence(tags: t, arcs: parser.parse(s.wordForms, tags: t))), to: &text)
            }
            try text.write(toFile: devOutput, atomically: true, encoding: .utf8)
        }
    }
}

/// Development aid: tagger-only training (both passes) with dev figures per epoch; writes the
/// jackknifed training tags and dev tags for `parser-experiment`.
struct TaggerExperiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tagger-experiment", abstract: "Tagger-only training with dev figures (development aid).",
        shouldDisplay: false)

    @Option var treebank: String
    @Option var cache: String?
    @Option(name: .customLong("first-epochs")) var firstEpochs: Int = 8
    @Option(name: .customLong("second-epochs")) var secondEpochs: Int = 8
    @Option var folds: Int = 10
    @Option var seed: UInt64 = 1
    @Option(name: .customLong("min-updates")) var minUpdates: Int = 2
    @Option var ensemble: Int = 1

    func run() throws {
        let start = seconds()
        let train = try readTreebank(treebank + "/en_ewt-ud-train.conllu")
        let dev = try readTreebank(treebank + "/en_ewt-ud-dev.conllu")
        var trainer = TaggerTrainer(training: train)
        trainer.minimumUpdates = minUpdates
        trainer.ensemble = ensemble
        let r = trainer.trainTwoPass(train, dev: dev, firstEpochs: firstEpochs, secondEpochs: secondEpochs, folds: folds, seed: seed,
                                     credit: SyntaxTrainer.ewtCredit, provenance: "experiment",
                                     report: { pass, e in
                                         print("pass \(pass) epoch \(e.epoch): \(e.dev.map { "UPOS \(Evaluation.percent($0.upos)) XPOS \(Evaluation.percent($0.xpos)) lemma \(Evaluation.percent($0.lemma))" } ?? "")  [\(Int(seconds() - start))s]")
                                         fflush(nil)
                                     },
                                     progress: { print($0 + "  [\(Int(seconds() - start))s]"); fflush(nil) })
        print("epochs \(r.firstEpochs)+\(r.secondEpochs) size \(r.model.count)")
        if let cache {
            try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
            let tagger = try PartOfSpeechTagger.load(bytes: r.model)
            let devTags = dev.map { tagger.tag($0.wordForms) }
            func write(_ s: [CoNLLUSentence], _ t: [[WordTag]], _ path: String) throws {
                let filled = zip(s, t).map { $0.0.filled(with: AnalyzedSentence(tags: $0.1, arcs: $0.1.map { _ in DependencyArc(head: 0, relation: "dep") })) }
                try CoNLLU.format(filled).write(toFile: path, atomically: true, encoding: .utf8)
            }
            if !r.jackknifed.isEmpty {
                var acc = 0, n = 0
                for (s, t) in zip(train, r.jackknifed) { for (w, x) in zip(s.words, t) { n += 1; if w.upos == x.upos.description { acc += 1 } } }
                print("jackknifed training UPOS \(Evaluation.percent(Double(acc) / Double(max(1, n))))")
                try write(train, r.jackknifed, cache + "/jk-train.conllu")
            }
            try write(dev, devTags, cache + "/pred-dev.conllu")
            try Data(r.model).write(to: URL(fileURLWithPath: cache + "/tagger.model"))
        }
    }
}

struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Verify model files and describe their sections.")

    @Argument(help: "Model files.")
    var files: [String]

    func run() throws {
        for f in files { print(try ModelFileInfo.describe(path: f)) }
    }
}
