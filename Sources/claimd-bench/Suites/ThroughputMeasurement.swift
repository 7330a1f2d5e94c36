import ClaimExtraction
import ClaimModel
import ClaimStore
import ClaimSyntax
import Foundation

/// Extraction, temporal tagging and store speed on one core, in this process, on the synthetic corpus.
///
/// Run by `claimd-bench measure` in a process of its own, so neither the corpus in memory nor
/// a previous measurement's heap affects it; the same command is the entry point for profiling.
struct ThroughputMeasurement {
    let documents: Int
    let seed: UInt64
    /// Each measurement repeats passes over the corpus until it has run this long.
    static let minimumSeconds = 1.0

    /// The shipped tagger and parser models; the bench cannot measure extraction without them.
    static let syntax: SyntaxModels = {
        do { return try SyntaxModels.bundled() } catch { fatalError("claimd-bench: \(error)") }
    }()

    func extraction() -> [Figure] {
        let corpus = articles()
        let extractor = Extractor(lexicon: .embeddedDefault(), syntax: Self.syntax)
        var claims = 0
        let (seconds, passes) = timed { for article in corpus { claims += extractor.extract(article.text, dct: article.documentDate).claims.count } }
        let bytes = Double(corpus.reduce(0) { $0 + $1.bytes }) * Double(passes)
        let count = Double(corpus.count * passes)
        return [
            Figure(name: "extract_mb_per_s", value: bytes / 1e6 / seconds, unit: "MB/s"),
            Figure(name: "extract_docs_per_s", value: count / seconds, unit: "docs/s"),
            Figure(name: "extract_claims_per_doc", value: Double(claims) / Double(corpus.count * (passes + 1)), unit: "claims"),
        ]
    }

    /// The tagger and parser alone, on the corpus's sentences as the extractor splits them.
    func parsing() -> [Figure] {
        let sentences = articles().flatMap { SyntaxReport.words(of: $0.text) }
        let analyzer = SyntaxAnalyzer(models: Self.syntax)
        var analysis = AnalyzedSentence()
        let (seconds, passes) = timed { for words in sentences { analyzer.analyze(words, into: &analysis) } }
        let tokens = Double(sentences.reduce(0) { $0 + $1.count }) * Double(passes)
        return [
            Figure(name: "parse_tokens_per_s", value: tokens / seconds, unit: "tokens/s"),
            Figure(name: "parse_sentences_per_s", value: Double(sentences.count * passes) / seconds, unit: "sentences/s"),
        ]
    }

    func temporalTagging() -> [Figure] {
        let corpus = articles()
        let tagger = TemporalTagger()
        var timexes = 0
        let (seconds, passes) = timed { for article in corpus { timexes += tagger.tag(article.text, dct: article.dct).count } }
        let bytes = Double(corpus.reduce(0) { $0 + $1.bytes }) * Double(passes)
        return [
            Figure(name: "timex_mb_per_s", value: bytes / 1e6 / seconds, unit: "MB/s"),
            Figure(name: "timex_per_doc", value: Double(timexes) / Double(corpus.count * (passes + 1)), unit: "timexes"),
        ]
    }

    /// Storing extracted articles, without extraction, file handling or logging: the store's
    /// share of an ingest. Once one transaction per article (the daemon at idle), once in groups
    /// of ``groupSize`` (the daemon's group commit when files arrive faster), each in a new store.
    func storing(in directory: String) throws -> [Figure] {
        let extractor = Extractor(lexicon: .embeddedDefault(), syntax: Self.syntax)
        let extracted = articles().enumerated().map { index, article in
            (document: Document(path: "bench/\(index).txt", sha256: String(format: "%064x", index), format: .text,
                                dct: article.documentDate, text: article.text),
             extraction: extractor.extract(article.text, dct: article.documentDate))
        }
        func rate(groupSize: Int) throws -> Double {
            let path = directory + "/claims-\(groupSize).sqlite"
            let store = try TimelineStore(path: path)
            let start = Monotonic.now()
            for first in stride(from: 0, to: extracted.count, by: groupSize) {
                _ = try store.ingest(batch: Array(extracted[first..<min(extracted.count, first + groupSize)]), at: Date())
            }
            return Double(extracted.count) / Monotonic.seconds(since: start)
        }
        return [
            Figure(name: "store_ingest_docs_per_s", value: try rate(groupSize: 1), unit: "docs/s"),
            Figure(name: "store_group_ingest_docs_per_s", value: try rate(groupSize: Self.groupSize), unit: "docs/s"),
        ]
    }

    /// Articles per transaction in the grouped store measurement.
    static let groupSize = 32

    private func articles() -> [SyntheticArticle] {
        let generator = ArticleGenerator(seed: seed)
        return (0..<documents).map(generator.article)
    }

    /// Runs one untimed warm-up pass, then timed passes until ``minimumSeconds`` have passed;
    /// `passes` counts the timed ones only.
    private func timed(_ pass: () -> Void) -> (seconds: Double, passes: Int) {
        pass()
        let start = Monotonic.now()
        var passes = 0
        repeat {
            pass()
            passes += 1
        } while Monotonic.seconds(since: start) < Self.minimumSeconds
        return (Monotonic.seconds(since: start), passes)
    }
}

extension SyntheticArticle {
    var documentDate: DocumentDate { DocumentDate(day: dct, source: .dateline) }
}
