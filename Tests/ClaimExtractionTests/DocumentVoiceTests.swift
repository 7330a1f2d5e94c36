@testable import ClaimExtraction
import ClaimModel
import Testing

/// Who speaks in a document's own voice: an interview's turns, a press release's issuer, and
/// the forms that name them. Every name here is invented.
struct DocumentVoiceTests {
    static let interview = """
        "We will not give up the dunes": Norland's defence minister on the war

        The Valley Herald, May 4, 2026

        Petra Holm has been defence minister of Norland since 2022. We spoke to her in Ostrel on Friday.

        Q: Would you accept a truce that leaves the dunes under Tarvian control?

        Holm: No. We will never accept a ceasefire that rewards the invasion.

        Q: Two years ago you told this paper that Norland did not need more weapons. What changed?

        Holm: Mr Grell attacked our ports. He said in March that sanctions were a declaration of war. What we need now is more air defence.
        """

    @Test func answersAreTheirSpeakersDirectSpeech() throws {
        let claims = Fixture.extract(Self.interview, dct: "2026-05-04").claims
        let ceasefire = try #require(claims.first { $0.actor.name == "Petra Holm" && $0.topic == "ceasefire" })
        #expect(ceasefire.mode == .direct)
        #expect(ceasefire.stance == .oppose)
        #expect(claims.contains { $0.actor.name == "Petra Holm" && $0.topic == "military-aid" && $0.stance == .support })
    }

    @Test func turnsOfATranscriptQuotedWholeAreTheirSpeakers() {
        let text = "Petra Holm spoke to the host, Aron Vell, on Sunday. Partial transcript:\n\n"
            + "\"VELL: Will Norland accept the truce?\n\n"
            + "\"HOLM: We will never accept a ceasefire that rewards the invasion.\n"
        let quotes = Fixture.extract(text, dct: "2026-05-04").quotes
        #expect(quotes.contains { $0.speaker.name == "Petra Holm" && $0.mode == .direct
            && $0.content.text == "We will never accept a ceasefire that rewards the invasion" }, "\(quotes)")
    }

    @Test func answersAreDatedByTheInterview() throws {
        let claims = Fixture.extract(Self.interview, dct: "2026-05-04").claims
        let ceasefire = try #require(claims.first { $0.actor.name == "Petra Holm" && $0.topic == "ceasefire" })
        #expect(ceasefire.date.value == "2026-05-01")
    }

    @Test func aQuestionTakesNoPosition() {
        let claims = Fixture.extract(Self.interview, dct: "2026-05-04").claims
        #expect(!claims.contains { $0.text.contains("leaves the dunes") })
    }

    @Test func theInterviewersYouIsTheOneInterviewed() {
        let claims = Fixture.extract(Self.interview, dct: "2026-05-04").claims
        #expect(claims.contains { $0.actor.name == "Petra Holm" && $0.text.contains("did not need more weapons") })
    }

    @Test func aThirdPartyReportedInAnAnswerKeepsItsSpeaker() {
        let claims = Fixture.extract(Self.interview, dct: "2026-05-04").claims
        #expect(claims.contains { $0.actor.name == "Grell" && $0.topic == "sanctions" })
        #expect(!claims.contains { $0.actor.name == "Petra Holm" && $0.topic == "sanctions" })
    }

    @Test func labelsThatNameNobodyMakeNoTurns() {
        let text = "Ministers met in Ostrel on Monday.\n\nNote: The truce was never signed by anyone at the meeting."
        #expect(Fixture.extractor.annotate(text, dct: Fixture.dct).voices.turns.isEmpty)
    }

    static let pressRelease = """
        Norland welcomes the opening of the Vesk crossing

        PRESS RELEASE
        Ministry of Trade of Norland
        Ostrel, 3 June 2026

        The Ministry of Trade of Norland welcomes the decision of the Tarvian authorities to open the Vesk crossing.

        We call on both parties to respect the truce. Our government will not support new sanctions while the crossing stays open.
        """

    @Test func aPressReleaseSpeaksForItsIssuer() throws {
        let claims = Fixture.claims(Self.pressRelease)
        let sanctions = try #require(claims.first { $0.topic == "sanctions" && $0.text.contains("new sanctions") })
        #expect(sanctions.actor.name == "Ministry of Trade of Norland")
        #expect(sanctions.stance == .oppose)
        #expect(claims.contains { $0.actor.name == "Ministry of Trade of Norland" && $0.topic == "ceasefire" && $0.stance == .support })
    }

    @Test func weInAnArticleWithoutIssuerIsNobody() {
        let text = "Talks in Ostrel\n\nWe visited the border on Monday. We support the truce, the reporters wrote."
        #expect(!Fixture.claims(text).contains { $0.actor.name.lowercased() == "we" })
        #expect(Fixture.extractor.annotate(text, dct: Fixture.dct).voices.author == nil)
    }

    @Test func honorificsAreNoPartOfTheName() {
        let text = "Foreign Minister Anton Grell arrived on Monday. Mr Grell said the embargo must stay."
        let claims = Fixture.claims(text)
        #expect(claims.contains { $0.actor.name == "Anton Grell" && $0.topic == "sanctions" })
        #expect(!Fixture.extract(text).actors.contains { $0.name.hasPrefix("Mr") })
    }

    @Test func aMinistryNamedByItsPortfolio() {
        let text = "Minister of Foreign Affairs Ilka Brannock said the embargo must stay."
        #expect(Fixture.claims(text).contains { $0.actor.name == "Ilka Brannock" })
    }
}

/// Votes and abstentions as positions on what was voted on.
struct VotingTests {
    @Test func aVoteAgainstOpposes() {
        #expect(Fixture.claims("The Farmers Party voted against the truce on Tuesday.")
            .contains { $0.actor.name == "Farmers Party" && $0.topic == "ceasefire" && $0.stance == .oppose })
    }

    @Test func aVoteToApproveSupportsPastTheCount() {
        let claims = Fixture.claims("The Farmers Party voted 120 to 40 on Wednesday to approve the sanctions package.")
        #expect(claims.contains { $0.topic == "sanctions" && $0.stance == .support })
    }

    @Test func anAbstentionIsNeutral() {
        #expect(Fixture.claims("Velm abstained on the resolution to send peacekeepers.")
            .contains { $0.actor.name == "Velm" && $0.topic == "peacekeeping" && $0.stance == .neutral })
    }
}
