@testable import ClaimExtraction
import ClaimModel

/// Shared helpers: run the default extractor on a short text written for the test.
enum Fixture {
    static let dct = DocumentDate(value: "2026-03-12", source: .argument)
    static let extractor = Extractor(lexicon: .embeddedDefault())

    static func extract(_ text: String, with extractor: Extractor = Fixture.extractor) -> Extraction {
        extractor.extract(text, dct: dct)
    }

    static func claims(_ text: String) -> [Claim] { extract(text).claims }

    static func claim(_ text: String, actor: String, topic: String) -> Claim? {
        claims(text).first { $0.actor.name == actor && $0.topic == topic }
    }
}
