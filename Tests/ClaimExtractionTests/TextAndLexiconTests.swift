@testable import ClaimExtraction
import ClaimModel
import ClaimSyntax
import Testing

@Suite("Text and lexicon")
struct TextAndLexiconTests {
    @Test func sentencesSurviveAbbreviationsAndInitials() {
        let text = Doc("U.S. envoy J. Smith met Mr. Doe on Feb. 18 in the U.S. capital. He left.")
        #expect(text.sentences.count == 2)
    }

    @Test func acronymEndsASentenceBeforeASentenceStarter() {
        #expect(Doc("The vote was approved by the U.N. The session ended.").sentences.count == 2)
    }

    @Test func paragraphsSplitSentences() {
        let text = Doc("First line without stop\nSecond line.")
        #expect(text.sentences.count == 2)
        #expect(text.sentences[1].paragraph == 1)
    }

    @Test func offsetsCountUnicodeScalars() throws {
        let text = Doc("Nausėda said “no”.")
        let said = try #require(text.tokens.first { $0.lower == "said" })
        #expect(said.start == 8)
        #expect(text.tokens.contains { $0.kind == .openQuote })
    }

    @Test func doubledApostrophesAndBackquotesAreQuotationMarks() {
        let text = Doc("``Not now,'' she said of the allies' plan and the ''final'' offer.")
        #expect(text.tokens.map(\.kind).filter { $0 == .openQuote }.count == 2)
        #expect(text.tokens.map(\.kind).filter { $0 == .closeQuote }.count == 2)
        #expect(text.tokens.contains { $0.kind == .possessive && $0.lower == "'" })
    }

    @Test func lemmasMeetAcrossInflections() {
        #expect(Lemmatizer.lemma(ofLowercased: "sanctions") == Lemmatizer.lemma(ofLowercased: "sanction"))
        #expect(Lemmatizer.lemma(ofLowercased: "guarantees") == Lemmatizer.lemma(ofLowercased: "guarantee"))
        #expect(Lemmatizer.lemma(ofLowercased: "lifted") == Lemmatizer.lemma(ofLowercased: "lifting"))
        #expect(Lemmatizer.lemma(ofLowercased: "said") == "say")
    }

    @Test func embeddedDefaultLexiconParses() {
        let lexicon = Lexicon.embeddedDefault()
        let ids = Set(lexicon.topics.map(\.id))
        #expect(ids.isSuperset(of: ["security-guarantees", "peace-talks", "ceasefire", "peacekeeping", "nato-membership",
                                    "eu-membership", "military-aid", "sanctions", "territory", "trade", "energy",
                                    "nuclear", "humanitarian-aid", "engagement"]))
        #expect(lexicon.actors.count > 150)
        #expect(lexicon.actors.contains { $0.name == "Ukraine" && $0.metonyms.contains("Kyiv") })
    }

    @Test func customTopicYieldsClaims() throws {
        let topics = """
        [[topic]]
        id = "carbon-tax"
        proposition = "a tax on carbon emissions should be introduced"
        cues = ["carbon tax", "carbon levy", "carbon price"]
        reversing_verbs = ["scrap", "abolish"]
        """
        let actors = """
        [[actor]]
        name = "Greta Holm"
        kind = "person"
        aliases = ["Holm"]
        role = "climate minister"
        """
        let extractor = Extractor(lexicon: try Lexicon(topicsTOML: topics, actorsTOML: actors), syntax: Fixture.syntax)
        let claims = Fixture.extract("Holm said the government would introduce a carbon tax next year. "
            + "Opposition leader Erik Dahl said he would abolish the carbon tax.", with: extractor).claims
        #expect(claims.contains { $0.actor.name == "Greta Holm" && $0.topic == "carbon-tax" && $0.stance == .support })
        #expect(claims.contains { $0.actor.name == "Erik Dahl" && $0.topic == "carbon-tax" && $0.stance == .oppose })
    }

    @Test func optionalKeysHaveDefaults() throws {
        let lexicon = try Lexicon(topicsTOML: "[[topic]]\nid = \"x\"", actorsTOML: "[[actor]]\nname = \"Y\"")
        #expect(lexicon.topics[0].cues.isEmpty && lexicon.topics[0].contextCues.isEmpty)
        #expect(lexicon.actors[0].kind == .person && lexicon.actors[0].metonyms.isEmpty)
    }

    @Test func badLexiconIsRejected() {
        #expect(throws: LexiconError.self) { try Lexicon.parseActors("[[actor]]\nname = \"X\"\nkind = \"planet\"") }
        #expect(throws: LexiconError.self) { try Lexicon.parseTopics("[[topic]]\ncues = []") }
    }

    @Test func extractionIsFastEnough() {
        let paragraph = "Chancellor Paul Weber said on Tuesday that the alliance should deploy peacekeepers after any deal, "
            + "while \"We will never accept a ceasefire that rewards aggression,\" said President Mara Lind.\n"
        let article = String(repeating: paragraph, count: 25)
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = Fixture.extract(article) }
        #expect(elapsed < .seconds(1)) // a sanity bound for debug builds; the release figure is in the report
    }
}
