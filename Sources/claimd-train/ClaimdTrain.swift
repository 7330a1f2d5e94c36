import ArgumentParser
import ClaimSyntax
import Foundation

@main
struct ClaimdTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claimd-train",
        abstract: "Train, evaluate and run claimd's part-of-speech tagger and dependency parser.",
        subcommands: [Train.self, Evaluate.self, Parse.self, Info.self, ParserExperiment.self])
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
        abstract: "Train tagger, lemmatiser and parser on en_ewt-ud-train.conllu, selecting epochs on en_ewt-ud-dev.conllu.")

    @Option(help: "Directory holding en_ewt-ud-train.conllu and en_ewt-ud-dev.conllu.")
    var treebank: String

    @Option(help: "Directory to write tagger.model and parser.model into.")
    var output: String

    @Option(help: "Maximum parser epochs (the best dev epoch is kept).")
    var epochs: Int = 15

    @Option(name: .customLong("tagger-epochs"), help: "Maximum tagger epochs (the best dev epoch is kept).")
    var taggerEpochs: Int = 8

    @Option(help: "Random seed (shuffling and exploration).")
    var seed: UInt64 = 1

    @Option(help: "Jackknife folds for the parser's training tags (0 = gold tags).")
    var folds: Int = 10

    @Option(name: .customLong("min-updates"), help: "Drop parser features updated fewer times than this (size/accuracy trade-off).")
    var minUpdates: Int = 4

    func run() throws {
        let start = seconds()
        let dir = treebank.hasSuffix("/") ? String(treebank.dropLast()) : treebank
        let train = try readTreebank(dir + "/en_ewt-ud-train.conllu")
        let dev = try readTreebank(dir + "/en_ewt-ud-dev.conllu")
        print("read \(train.count) training and \(dev.count) dev sentences")
        var options = SyntaxTrainingOptions()
        options.taggerEpochs = taggerEpochs
        options.parserEpochs = epochs
        options.seed = seed
        options.folds = folds
        options.parserMinimumUpdates = minUpdates
        let result = SyntaxTrainer.train(training: train, dev: dev, options: options, clock: seconds) { line in
            print(line)
            fflush(nil)
        }
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let taggerPath = output + "/" + SyntaxModels.taggerFileName
        let parserPath = output + "/" + SyntaxModels.parserFileName
        try Data(result.tagger).write(to: URL(fileURLWithPath: taggerPath))
        try Data(result.parser).write(to: URL(fileURLWithPath: parserPath))
        if let t = result.taggerDev {
            print("chosen tagger epoch \(result.taggerEpoch): dev UPOS \(Evaluation.percent(t.upos))  XPOS \(Evaluation.percent(t.xpos))  lemma \(Evaluation.percent(t.lemma))")
        }
        if let p = result.parserDev {
            print("chosen parser epoch \(result.parserEpoch): dev UAS \(Evaluation.percent(p.uas))  LAS \(Evaluation.percent(p.las))")
        }
        print("wrote \(taggerPath) (\(result.tagger.count) bytes) and \(parserPath) (\(result.parser.count) bytes)")
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
        let system = zip(sentences, results).map { $0.0.filled(with: $0.1) }
        let e = try Evaluation.score(gold: sentences, system: system)
        print("sentences \(sentences.count)  words \(e.words)")
        print("UPOS  \(Evaluation.percent(e.upos))")
        print("XPOS  \(Evaluation.percent(e.xpos))")
        print("Lemma \(Evaluation.percent(e.lemma))")
        print("UAS   \(Evaluation.percent(e.uas))")
        print("LAS   \(Evaluation.percent(e.las))")
        let sorted = rates.sorted()
        print("tokens/s (tag + parse, one thread, \(rates.count) runs): median \(Int(sorted[sorted.count / 2]))  min \(Int(sorted.first!))  max \(Int(sorted.last!))")
        print("model load time \(String(format: "%.1f", loadTime * 1000)) ms")
    }
}

/// Copies predicted columns into a sentence, keeping ID, FORM, comments, ranges and empty nodes.

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

struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Verify model files and describe their sections.")

    @Argument(help: "Model files.")
    var files: [String]

    func run() throws {
        for f in files { print(try ModelFileInfo.describe(path: f)) }
    }
}
