import Foundation
import Testing
@testable import ClaimSyntax

/// Checks the shipped models on sentences written for these tests (invented names). Only
/// structure the trained model gets right and a caller relies on is asserted.
@Suite struct BundledModelTests {
    static let models = try? SyntaxModels.bundled()

    /// Analyses a sentence given as space-separated UD tokens.
    func parse(_ text: String) throws -> (words: [String], tags: [WordTag], arcs: [DependencyArc]) {
        let m = try #require(Self.models)
        let words = text.split(separator: " ").map(String.init)
        let a = m.analyze(words)
        return (words, a.tags, a.arcs)
    }

    func index(_ word: String, in words: [String]) throws -> Int {
        try #require(words.firstIndex(of: word)) + 1
    }

    @Test func loadsQuicklyWithCredit() throws {
        let start = DispatchTime.now().uptimeNanoseconds
        let m = try SyntaxModels.bundled()
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        // The checksum loop is unoptimised in debug builds; the 100 ms budget is for release builds.
        #if DEBUG
        #expect(ms < 1000, "loading took \(ms) ms")
        #else
        #expect(ms < 100, "loading took \(ms) ms")
        #endif
        #expect(m.tagger.credit.contains("Universal Dependencies English Web Treebank"))
        #expect(m.parser.credit == SyntaxTrainer.ewtCredit)
        #expect(m.parser.provenance.contains("en_ewt-ud-train.conllu"))
    }

    @Test func reportedSpeech() throws {
        let (w, tags, arcs) = try parse("Maren Olsk said the talks would resume .")
        let said = try index("said", in: w), resume = try index("resume", in: w)
        let source = try index("Maren", in: w), olsk = try index("Olsk", in: w)
        #expect(arcs[said - 1].head == 0 && arcs[said - 1].relation == "root")
        // UD heads a multiword name on its first word: Maren is the subject, Olsk hangs off it as flat.
        #expect(arcs[source - 1].head == said && arcs[source - 1].relation == "nsubj")
        #expect(arcs[olsk - 1].head == source && arcs[olsk - 1].relation == "flat")
        #expect(arcs[resume - 1].head == said && arcs[resume - 1].relation == "ccomp")
        #expect(tags[said - 1].upos == .verb && tags[said - 1].lemma == "say")
        #expect(tags[source - 1].upos == .propn)
    }

    @Test func passive() throws {
        let (w, tags, arcs) = try parse("The treaty was signed by the Velorian envoy .")
        let signed = try index("signed", in: w), treaty = try index("treaty", in: w)
        let was = try index("was", in: w), envoy = try index("envoy", in: w), by = try index("by", in: w)
        #expect(arcs[signed - 1].head == 0)
        #expect(arcs[treaty - 1].head == signed && arcs[treaty - 1].relation == "nsubj:pass")
        #expect(arcs[was - 1].head == signed && arcs[was - 1].relation == "aux:pass")
        #expect(arcs[envoy - 1].head == signed && arcs[envoy - 1].relation.universal == .obl)
        #expect(arcs[by - 1].head == envoy && arcs[by - 1].relation == "case")
        #expect(tags[was - 1].lemma == "be" && tags[was - 1].upos == .aux)
        #expect(tags[signed - 1].xpos == "VBN")
    }

    @Test func coordination() throws {
        let (w, _, arcs) = try parse("Tarvia and Belmont rejected the plan .")
        let tarvia = try index("Tarvia", in: w), and = try index("and", in: w)
        let belmont = try index("Belmont", in: w), rejected = try index("rejected", in: w), plan = try index("plan", in: w)
        #expect(arcs[rejected - 1].head == 0)
        #expect(arcs[tarvia - 1].head == rejected && arcs[tarvia - 1].relation == "nsubj")
        #expect(arcs[belmont - 1].head == tarvia && arcs[belmont - 1].relation == "conj")
        #expect(arcs[and - 1].head == belmont && arcs[and - 1].relation == "cc")
        #expect(arcs[plan - 1].head == rejected && arcs[plan - 1].relation == "obj")
    }

    @Test func apposition() throws {
        let (w, _, arcs) = try parse("Ilse Varn , the foreign minister , said on Monday that the talks had failed .")
        let ilse = try index("Ilse", in: w), minister = try index("minister", in: w), said = try index("said", in: w)
        let failed = try index("failed", in: w), monday = try index("Monday", in: w)
        #expect(arcs[said - 1].head == 0)
        #expect(arcs[ilse - 1].head == said && arcs[ilse - 1].relation == "nsubj")
        #expect(arcs[minister - 1].head == ilse && arcs[minister - 1].relation == "appos")
        #expect(arcs[monday - 1].head == said && arcs[monday - 1].relation.universal == .obl)
        #expect(arcs[failed - 1].head == said && arcs[failed - 1].relation == "ccomp")
    }

    @Test func accordingTo() throws {
        // A common-noun source: before a two-word name the shipped parser often hangs the name
        // from "According" instead (a known miss; the extractor reads "according to" off words).
        let (w, _, arcs) = try parse("According to the minister , the talks failed .")
        let according = try index("According", in: w), to = try index("to", in: w)
        let source = try index("minister", in: w), failed = try index("failed", in: w)
        #expect(arcs[according - 1].head == source && arcs[according - 1].relation == "case")
        #expect(arcs[to - 1].head == according && arcs[to - 1].relation == "fixed")
        #expect(arcs[source - 1].head == failed && arcs[source - 1].relation.universal == .obl)
    }

    @Test func negationAndPossessive() throws {
        let (w, tags, arcs) = try parse("The envoy did n't sign Tarvia 's treaty .")
        let nt = try index("n't", in: w), sign = try index("sign", in: w), s = try index("'s", in: w)
        let tarvia = try index("Tarvia", in: w), treaty = try index("treaty", in: w)
        #expect(tags[nt - 1].lemma == "not")
        #expect(arcs[nt - 1].head == sign && arcs[nt - 1].relation == "advmod")
        #expect(arcs[tarvia - 1].head == treaty && arcs[tarvia - 1].relation == "nmod:poss")
        #expect(arcs[s - 1].head == tarvia && arcs[s - 1].relation == "case")
    }
}
