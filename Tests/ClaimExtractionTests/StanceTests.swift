@testable import ClaimExtraction
import ClaimModel
import ClaimSyntax
import Testing

@Suite("Stance rules")
struct StanceTests {
    private func stance(_ text: String, _ actor: String, _ topic: String) -> Stance? {
        Fixture.claim(text, actor: actor, topic: topic)?.stance
    }

    @Test func plainStatementSupports() {
        #expect(stance("President Mara Lind said the country needs more air defence.", "Mara Lind", "military-aid") == .support)
    }

    @Test func negationOpposes() {
        #expect(stance("President Mara Lind said her government would not accept any peacekeepers on its soil.", "Mara Lind", "peacekeeping") == .oppose)
    }

    @Test func negatedRejectionIsNotOpposition() {
        let s = stance("President Mara Lind did not rule out a truce.", "Mara Lind", "ceasefire")
        #expect(s != nil && s != .oppose)
    }

    @Test func conditionMakesConditional() {
        #expect(stance("President Mara Lind said they could agree to a ceasefire if the border is secured.", "Mara Lind", "ceasefire") == .conditional)
        #expect(stance("President Mara Lind said a truce was possible as long as prisoners are freed.", "Mara Lind", "ceasefire") == .conditional)
        #expect(stance("President Mara Lind said a truce could come, provided that shelling stops.", "Mara Lind", "ceasefire") == .conditional)
    }

    @Test func hedgeMakesConditional() {
        #expect(stance("Chancellor Paul Weber said he was willing to reconsider the embargo.", "Paul Weber", "sanctions") != .support)
    }

    @Test func negationAfterTopicCountsOnlyOnItsOwnVerb() {
        #expect(stance("Chancellor Paul Weber said a truce will not work.", "Paul Weber", "ceasefire") == .oppose)
        #expect(stance("Chancellor Paul Weber threatened new sanctions if the truce was not respected.", "Paul Weber", "sanctions") == .conditional)
        #expect(stance("The foreign ministry of Norland said it firmly opposed sanctions lacking any legal footing.", "Norland", "sanctions") == .oppose)
        #expect(stance("Chancellor Paul Weber said the bloc adopted sanctions against Norland without delay.", "Paul Weber", "sanctions") == .support)
    }

    @Test func insufficiencyAsksForMore() {
        #expect(stance("President Mara Lind said the guarantees on offer won't be enough for her country.", "Mara Lind", "security-guarantees") == .support)
    }

    @Test func withoutInANegatedClauseIsNecessity() {
        #expect(stance("President Mara Lind said: \"Without guarantees, any agreement will not hold.\"", "Mara Lind", "security-guarantees") == .support)
    }

    @Test func withoutXNoYIsNecessity() {
        #expect(stance("President Mara Lind said: \"Without guarantees, no deal will hold.\"", "Mara Lind", "security-guarantees") == .support)
    }

    @Test func noObjectionIsSupport() {
        #expect(stance("Chancellor Paul Weber said he raised no objection to peacekeepers from neighbouring states.", "Paul Weber", "peacekeeping") == .support)
    }

    @Test func requirementOnAnyTopicIsConditional() {
        #expect(stance("Chancellor Paul Weber said any truce would need to be monitored.", "Paul Weber", "ceasefire") == .conditional)
    }

    @Test func bareModalOrConditionInAnotherClauseIsNotAHedge() {
        #expect(stance("Chancellor Paul Weber said Norland could count on continued military aid.", "Paul Weber", "military-aid") == .support)
        #expect(stance("Chancellor Paul Weber praised the ceasefire, and said talks could follow if both sides agree.", "Paul Weber", "ceasefire") == .support)
    }

    @Test func appealSupports() {
        #expect(stance("Chancellor Paul Weber called for a ceasefire.", "Paul Weber", "ceasefire") == .support)
    }

    @Test func reversingVerbOfTheTopicOpposes() {
        #expect(stance("Chancellor Paul Weber said the bloc should lift sanctions on the new government.", "Paul Weber", "sanctions") == .oppose)
    }

    @Test func rejectionOpposes() {
        #expect(stance("Chancellor Paul Weber rejected any deployment of foreign troops.", "Paul Weber", "peacekeeping") == .oppose)
    }

    @Test func coordinatedTopicsGiveTwoClaims() {
        let claims = Fixture.claims("Chancellor Paul Weber said the ceasefire and new sanctions must come this week.")
        #expect(Set(claims.map(\.topic)) == ["ceasefire", "sanctions"])
        let clauses = Fixture.claims("Chancellor Paul Weber said a ceasefire was near, but that sanctions would stay.")
        #expect(Set(clauses.map(\.topic)) == ["ceasefire", "sanctions"])
    }

    @Test func topicInAModifierIsCircumstance() {
        let claims = Fixture.claims("Chancellor Paul Weber said his country stood ready to dispatch troops within a lasting settlement.")
        #expect(claims.map(\.topic) == ["peacekeeping"])
    }

    @Test func mainClauseAfterALeadingConditionHoldsTheTopic() {
        let claims = Fixture.claims("\"If they want sanctions lifted, they can agree to a ceasefire,\" President Mara Lind said.")
        #expect(claims.map(\.topic) == ["ceasefire"])
    }

    @Test func negatedJudgementIsNoJudgement() {
        #expect(stance("President Mara Lind said: \"We want a lasting peace deal, not capitulation.\"", "Mara Lind", "peace-talks") == .support)
    }

    @Test func mainClauseAfterAConditionWithoutComma() {
        let claims = Fixture.claims("President Mara Lind said if her country is given weapons it could agree to a ceasefire.")
        #expect(claims.map(\.topic) == ["ceasefire"])
        #expect(claims.first?.stance == .conditional)
    }

    @Test func markedStanceOnAnyMentionOfTheTopicWins() {
        let text = "President Mara Lind said: \"They have broken truces before. Without guarantees, a truce will not hold.\""
        #expect(stance(text, "Mara Lind", "ceasefire") == .oppose)
    }

    @Test func verbWithACountryObjectNamesItsTopic() {
        #expect(stance("\"We must do all we can to support Moldova,\" said President Mara Lind.", "Mara Lind", "military-aid") == .support)
        // The noun is not the verb: "its support to Ukraine" names no topic by itself.
        #expect(Fixture.claims("President Mara Lind praised its support to Ukraine.").isEmpty)
    }

    @Test func plainCueOutranksAmbiguousOne() {
        let text = "The bloc imposed sanctions last month. Chancellor Paul Weber pressed allies to boost military aid."
        #expect(Fixture.claims(text).filter { $0.actor.name == "Paul Weber" }.map(\.topic) == ["military-aid"])
    }

    @Test func coordinatedSpeechVerbIsASecondStatement() {
        let text = "Chancellor Paul Weber described the talks as useful but said a ceasefire must come first."
        let claim = Fixture.claim(text, actor: "Paul Weber", topic: "ceasefire")
        #expect(claim?.cue == "said")
    }

    @Test func topicWithoutAnyonesPositionGivesNoClaim() {
        #expect(Fixture.claims("Talk has turned to how a ceasefire might be monitored along the front.").isEmpty)
    }

    @Test func actorWithoutTopicGivesNoClaim() {
        let extraction = Fixture.extract("Chancellor Paul Weber said he had enjoyed the concert on Saturday.")
        #expect(extraction.claims.isEmpty)
        #expect(extraction.quotes.count == 1)
    }

    @Test func minConfidenceDropsWeakClaims() throws {
        let text = "\"We need a ceasefire,\" said President Mara Lind. NATO members have brushed aside pleas for a swift truce."
        let all = Extractor(lexicon: .embeddedDefault(), syntax: Fixture.syntax, options: ExtractionOptions(minConfidence: 0))
        let claims = Fixture.extract(text, with: all).claims
        try #require(claims.count == 2)
        let cut = (claims[0].confidence + claims[1].confidence) / 2
        let strict = Extractor(lexicon: .embeddedDefault(), syntax: Fixture.syntax, options: ExtractionOptions(minConfidence: cut))
        let kept = Fixture.extract(text, with: strict).claims
        #expect(kept.count == 1)
        #expect(kept.allSatisfy { $0.confidence >= cut })
    }

    @Test func anAmbiguousWordUsedAsAVerbNamesNoTopic() throws {
        // "supports" is a verb here, not the noun "support" of military aid.
        let text = "Norland will send more weapons to Ostra, its defence minister said. Ostra hopes for NATO membership next year.\n\nPrime Minister Ilka Varro said Norland supports Ostra's membership."
        let claim = try #require(Fixture.claims(text).first { $0.actor.name == "Ilka Varro" })
        #expect(claim.topic == "nato-membership")
    }

    @Test func aNounCueUsedAsAVerbNamesNoTopic() {
        // "trade" the verb is no trade policy; "trade" the noun is.
        #expect(!Fixture.claims("Minister Ilka Varro said Norland would never trade one hectare of its land for a truce.").contains { $0.topic == "trade" })
        #expect(Fixture.claims("Minister Ilka Varro said Norland would defend free trade.").contains { $0.topic == "trade" })
    }

    @Test func aWarAboutATopicIsNoFighting() {
        // "tariff war": the topic word modifies "war"; the statement is about tariffs.
        #expect(Fixture.claims("Minister Sofia Kell told reporters a tariff war would ruin Norland's farmers.").contains { $0.topic == "trade" })
    }

    @Test func confidenceReflectsHowTheClaimWasFound() throws {
        // The same article gives two claims on one topic: one whose own words name it, one whose
        // words ("it") leave the topic to the sentences around them.
        let text = "Truce talks resume\n\n\"We need a ceasefire,\" said President Mara Lind.\n\nForeign Minister Oren Tasch said his country would never accept it."
        let claims = Fixture.claims(text)
        let named = try #require(claims.first { $0.actor.name.hasSuffix("Lind") })
        let implied = try #require(claims.first { $0.actor.name.hasSuffix("Tasch") })
        #expect(named.topic == implied.topic)
        #expect(named.confidence > implied.confidence)
        #expect((0...1).contains(named.confidence) && (0...1).contains(implied.confidence))
    }
}
