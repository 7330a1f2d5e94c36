@testable import ClaimExtraction
import ClaimModel
import ClaimSyntax
import Foundation
import Testing

/// Inputs that once crashed or stalled decoding or extraction (found by hand or by `make fuzz`),
/// kept in `Regressions/` in the fuzzer's form: the first byte picks the format, the rest is the
/// article. Each must decode (or be refused with an error) and extract without trapping, and
/// every span extracted must lie inside the text and quote it exactly.
struct RegressionInputTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Regressions")
    static let fileNames = ["article.txt", "article.md", "article.html", "article.json", "article"]

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }

    @Test("the regression inputs are there")
    func inputsArePresent() {
        #expect(Self.inputs.count >= 2)
    }

    @Test("a regression input decodes and extracts with every span inside the text", arguments: inputs)
    func extractsWithinBounds(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.directory.appendingPathComponent(name)))
        try #require(!bytes.isEmpty)
        let fileName = Self.fileNames[Int(bytes[0]) % Self.fileNames.count]
        guard let article = try? ArticleDecoder.decode(Array(bytes.dropFirst()), fileName: fileName) else { return }
        let extraction = Fixture.extractor.extract(article.text, dct: DocumentDate(value: "2025-03-14", source: .argument))
        let scalars = Array(article.text.unicodeScalars)
        func quoted(_ start: Int, _ end: Int) -> String? {
            guard 0 <= start, start <= end, end <= scalars.count else { return nil }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[start..<end])
            return String(view)
        }
        for timex in extraction.timexes { #expect(quoted(timex.start, timex.end) == timex.text, "timex \(timex)") }
        for claim in extraction.claims { #expect(quoted(claim.start, claim.end) == claim.text, "claim \(claim)") }
        for quote in extraction.quotes {
            #expect(quoted(quote.content.start, quote.content.end) == quote.content.text, "quote \(quote)")
            #expect(quoted(quote.cue.start, quote.cue.end) == quote.cue.text, "cue \(quote)")
        }
        for event in extraction.events { #expect(quoted(event.start, event.end) != nil, "event \(event)") }
    }
}
