// libFuzzer entry point over what claimd does with an untrusted article: decode it (the format
// chosen by the input's first byte, as a file name's extension would), then extract from it.
// Built by `make fuzz` with swiftc against the library objects (SwiftPM cannot link a fuzzer
// executable target); see Fuzz/README.md.
import ClaimExtraction
import ClaimModel
import ClaimSyntax
import Foundation

/// The shipped models, from `$CLAIMD_MODELS` or the source tree (`make fuzz` runs in .build-fuzz).
private let extractor: Extractor = {
    let directory = ProcessInfo.processInfo.environment["CLAIMD_MODELS"] ?? "../Sources/ClaimSyntax/Models"
    do { return Extractor(lexicon: Lexicon.embeddedDefault(), syntax: try SyntaxModels.load(directory: directory)) } catch {
        fatalError("extraction-fuzzer: \(error)")
    }
}()
private let fileNames = ["article.txt", "article.md", "article.html", "article.json", "article"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeRawBufferPointer(start: data, count: size))
    let fileName = fileNames[Int(bytes[0]) % fileNames.count]
    guard let article = try? ArticleDecoder.decode(Array(bytes.dropFirst()), fileName: fileName) else { return 0 }
    let dct = article.embeddedDate ?? DocumentDate(value: "2025-03-14", source: .argument)
    _ = extractor.extract(article.text, dct: dct)
    return 0
}
