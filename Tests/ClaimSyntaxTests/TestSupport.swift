import Foundation
@testable import ClaimSyntax

/// Trains on the tiny treebank (gold tags for the parser, no dev set), as the tests need.
func trainTiny(seed: UInt64 = 1) throws -> SyntaxTrainingResult {
    var options = SyntaxTrainingOptions()
    options.taggerEpochs = 12
    options.parserEpochs = 20
    options.seed = seed
    options.folds = 0
    options.parserMinimumUpdates = 1
    options.parserEnsemble = 1
    options.taggerMinimumUpdates = 1
    options.trainingName = "tiny"
    return SyntaxTrainer.train(training: try CoNLLU.parse(tinyTreebank), dev: nil, options: options)
}

/// Models trained once on the tiny treebank and shared by the tests that only read them.
let tinyModels: (result: SyntaxTrainingResult, models: SyntaxModels) = {
    let r = try! trainTiny()
    let models = SyntaxModels(tagger: try! PartOfSpeechTagger.load(bytes: r.tagger),
                              parser: try! DependencyParser.load(bytes: r.parser))
    return (r, models)
}()

func temporaryPath(_ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("claimsyntax-tests-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
}

func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}
