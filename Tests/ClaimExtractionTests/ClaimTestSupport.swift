@testable import ClaimExtraction
import ClaimModel
import ClaimSyntax

/// Shared helpers: run the default extractor on a short text written for the test.
enum Fixture {
    static let dct = DocumentDate(value: "2026-03-12", source: .argument)
    /// The shipped tagger and parser models, loaded once for every test.
    static let syntax: SyntaxModels = {
        do { return try SyntaxModels.bundled() } catch { fatalError("the shipped models cannot be loaded: \(error)") }
    }()
    static let extractor = Extractor(lexicon: .embeddedDefault(), syntax: syntax)

    static func extract(_ text: String, with extractor: Extractor = Fixture.extractor) -> Extraction {
        extractor.extract(text, dct: dct)
    }

    /// With the document date `day` (YYYY-MM-DD).
    static func extract(_ text: String, dct day: String) -> Extraction {
        extractor.extract(text, dct: DocumentDate(value: day, source: .argument))
    }

    static func claims(_ text: String) -> [Claim] { extract(text).claims }

    static func claim(_ text: String, actor: String, topic: String) -> Claim? {
        claims(text).first { $0.actor.name == actor && $0.topic == topic }
    }
}
