import Foundation
import Testing
@testable import ClaimSyntax

/// Inputs a daemon will meet sooner or later; none may crash, and time must stay linear.
@Suite struct RobustnessTests {
    let models = tinyModels.models

    func check(_ words: [String], _ m: SyntaxModels? = nil) {
        let m = m ?? models
        let tags = m.tagger.tag(words)
        let arcs = m.parser.parse(words, tags: tags)
        #expect(tags.count == words.count)
        #expect(arcs.count == words.count)
        if !words.isEmpty {
            #expect(arcs.filter { $0.head == 0 }.count == 1)
            #expect(arcs.allSatisfy { $0.head >= 0 && $0.head <= words.count })
            #expect(arcs.enumerated().allSatisfy { $0.element.head != $0.offset + 1 })
            #expect(arcs.filter { $0.head == 0 }.allSatisfy { $0.relation.label == "root" })
            // Every word reaches the root (a tree, no cycles).
            for i in 1...words.count {
                var x = i, steps = 0
                while x != 0 && steps <= words.count { x = arcs[x - 1].head; steps += 1 }
                #expect(x == 0)
            }
        }
    }

    @Test func oddInputs() {
        check([])
        check(["Hi"])
        check([".", "!", "?", "...", "--", "("])
        check(["3.14", "1,000", "2024", "-7", "½", "Ⅻ"])
        check(["Zürich", "straße", "日本語", "😀👍🏽", "مرحبا", "ПРИВЕТ", "e\u{301}"])
        check(["", " ", "\t", "\u{0}", String(repeating: "a", count: 10_000)])
        check(["DO", "N'T", "SHOUT", "!!!"])
    }

    @Test func longSentence() {
        let vocabulary = ["the", "envoy", "signed", "a", "treaty", ",", "and", "Tarvia", "said", "that", "."]
        let words = (0..<5_000).map { vocabulary[($0 * 7) % vocabulary.count] }
        check(words)
        var analyzer = SyntaxAnalyzer(models: models)
        let a = analyzer.analyze(words)
        #expect(a.arcs.count == 5_000)
        analyzer = SyntaxAnalyzer(models: models)
        #expect(analyzer.analyze(["Tarvia", "signed", "."]).arcs.count == 3)
    }

    @Test func timeIsLinearInLength() {
        let vocabulary = ["the", "talks", "would", "resume", "in", "Korvath", "and", "Belmont", "rejected", "plans", ",", "."]
        func seconds(_ n: Int) -> Double {
            let words = (0..<n).map { vocabulary[($0 * 5 + $0 / 3) % vocabulary.count] }
            let analyzer = SyntaxAnalyzer(models: models)
            _ = analyzer.analyze(Array(words.prefix(100)))
            let start = DispatchTime.now().uptimeNanoseconds
            let a = analyzer.analyze(words)
            #expect(a.arcs.count == n)
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        let short = max(seconds(2_000), 1e-4)
        let long = seconds(20_000)
        // Linear time gives a ratio near 10; quadratic would give about 100.
        #expect(long / short < 35, "2,000 words: \(short) s, 20,000 words: \(long) s")
    }

    @Test func concurrentUseOfSharedModels() {
        let sentences: [[String]] = [
            ["Tarvia", "and", "Belmont", "rejected", "the", "plan", "."],
            ["The", "treaty", "was", "signed", "by", "the", "Velorian", "envoy", "."],
            ["Ilse", "Varn", "said", "Belmont", "would", "sign", "."],
        ]
        let expected = sentences.map { models.analyze($0) }
        let m = models
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            let analyzer = SyntaxAnalyzer(models: m)
            for i in 0..<200 {
                let k = (i + t) % sentences.count
                let viaAnalyzer = analyzer.analyze(sentences[k])
                let tags = m.tagger.tag(sentences[k])
                let arcs = m.parser.parse(sentences[k], tags: tags)
                if viaAnalyzer != expected[k] || tags != expected[k].tags || arcs != expected[k].arcs {
                    failures.withLock { $0 += 1 }
                }
            }
        }
        #expect(failures.withLock { $0 } == 0)
    }

    @Test func parserToleratesMismatchedTags() {
        let words = ["Tarvia", "signed", "the", "treaty", "."]
        let arcs = models.parser.parse(words, tags: [])
        #expect(arcs.count == 5)
        let odd = [WordTag(upos: .x, xpos: "NOT-A-TAG", lemma: "")]
        #expect(models.parser.parse(words, tags: odd + odd + odd + odd + odd + odd).count == 5)
    }
}

/// A minimal lock for the concurrency test (Synchronization's Mutex needs newer platforms on Darwin).
final class Mutex<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
