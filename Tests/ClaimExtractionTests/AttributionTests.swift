@testable import ClaimExtraction
import ClaimModel
import Testing

@Suite("Attribution forms")
struct AttributionTests {
    @Test func quoteFollowedByPronounAndSaid() throws {
        let text = "Prime Minister Anna Berg met farmers on Monday.\n“We will never accept a ceasefire that rewards aggression,” she said."
        let quote = try #require(Fixture.extract(text).quotes.first)
        #expect(quote.speaker.name == "Anna Berg")
        #expect(quote.mode == .direct)
        #expect(quote.cue.text == "said")
        #expect(quote.content.text.hasPrefix("We will never accept"))
        let pronoun = text.unicodeScalars.count - "she said.".unicodeScalars.count
        #expect(quote.speaker.start == pronoun)
    }

    @Test func quotationInDoubledApostrophesAfterAnHonorific() throws {
        let text = "''We will not lift the sanctions on Norland,'' Mr. Holm said on Tuesday."
        let claim = try #require(Fixture.claims(text).first { $0.topic == "sanctions" })
        #expect(claim.actor.name == "Holm")
        #expect(claim.mode == .direct)
        #expect(claim.stance == .support) // keeping them
        #expect(claim.text == "We will not lift the sanctions on Norland")
    }

    @Test func quotationThenNameWithAParenthesisThenSaid() throws {
        let quote = try #require(Fixture.extract("\"The embargo has failed,\" Rep. Gwen Morrow (D-Vel.) said on Friday.").quotes.first)
        #expect(quote.speaker.name == "Gwen Morrow")
        #expect(quote.mode == .direct)
    }

    @Test func quotationThenHonorificNameThenTold() throws {
        let quote = try #require(Fixture.extract("\"We will not lift the embargo,\" Mr. Clarke told the miners.").quotes.first)
        #expect(quote.speaker.name == "Clarke")
        #expect(quote.mode == .direct)
        #expect(quote.content.text == "We will not lift the embargo")
    }

    @Test func quotationOfASourceThatIsNoActor() {
        for text in ["\"The embargo is a disgrace,\" the announcer said.",
                     "As the phone rang, the announcer said, \"The embargo is a disgrace.\""] {
            let extraction = Fixture.extract(text)
            #expect(extraction.quotes.map(\.speaker.name) == ["the announcer"], "\(text)")
            #expect(extraction.quotes.first?.mode == .direct)
            #expect(extraction.claims.isEmpty)
        }
    }

    @Test func quotationThenNameWithAnAppositionThenTold() throws {
        let text = "\"The embargo must stay,\" Douglas Holt, an economist and trade expert, told reporters this week."
        let quote = try #require(Fixture.extract(text).quotes.first)
        #expect(quote.speaker.name == "Douglas Holt")
        #expect(quote.mode == .direct)
    }

    @Test func nounSpeltLikeACueBeforeItsVerbIsNoCue() {
        let quotes = Fixture.extract("Coast Guard rules required the ferry to be escorted by two patrol boats, officials said.").quotes
        #expect(quotes.map(\.cue.text) == ["said"], "\(quotes.map(\.cue.text))")
    }

    @Test func quotationSignedWithADashAndAName() {
        let text = "“The embargo only hurts the farmers.” ― Sonya Herrel\n“Lift it now.”― Pamela Pavo\n"
        let quotes = Fixture.extract(text).quotes
        #expect(quotes.map(\.speaker.name) == ["Sonya Herrel", "Pamela Pavo"])
        #expect(quotes.allSatisfy { $0.mode == .direct })
    }

    @Test func invertedSaidAfterQuote() throws {
        let text = "\"Sanctions must stay until the last soldier leaves,\" said Foreign Minister Ilka Brannock."
        let claim = try #require(Fixture.claim(text, actor: "Ilka Brannock", topic: "sanctions"))
        #expect(claim.mode == .direct)
        #expect(claim.stance == .conditional)
    }

    @Test func speechVerbBeforeColonQuote() throws {
        let text = "Defence Minister Tomas Reil told reporters: \"We need more air defence systems now.\""
        let claim = try #require(Fixture.claim(text, actor: "Tomas Reil", topic: "military-aid"))
        #expect(claim.mode == .direct)
        #expect(claim.stance == .support)
    }

    @Test func quoteContinuesIntoNextParagraph() {
        let text = "\"We have done our part,\" said President Mara Lind.\n\"Now the truce must hold and the guns must stay silent.\""
        let quotes = Fixture.extract(text).quotes
        #expect(quotes.count == 2)
        #expect(quotes.allSatisfy { $0.speaker.name == "Mara Lind" })
    }

    @Test func quoteResumedAfterItsAttribution() throws {
        let text = "\"We want a ceasefire,\" said Ilka Varro. \"Sanctions must stay until the shelling stops.\""
        let extraction = Fixture.extract(text)
        // One quotation for the who-said-what record, a claim from each of its sentences.
        #expect(extraction.quotes.count == 1)
        let claims = extraction.claims.filter { $0.actor.name == "Ilka Varro" }
        #expect(Set(claims.map(\.topic)) == ["ceasefire", "sanctions"])
    }

    @Test func quotedSentenceAfterALeadInIsItsSubjects() throws {
        let text = "Defence Minister Tomas Brell struck a harder tone on Wednesday. \"We will never accept sanctions on our ports.\""
        let claim = try #require(Fixture.extract(text).claims.first)
        #expect(claim.actor.name == "Tomas Brell" && claim.topic == "sanctions" && claim.stance == .oppose)
        // A body's lead-in could be anyone's quotation: nobody is credited.
        #expect(Fixture.extract("The ministry issued a statement on Monday. \"Sanctions are a mistake.\"").claims.isEmpty)
    }

    @Test func participleSpeaksForItsClausesSubject() {
        let quotes = Fixture.extract("Jon Pell has tried to use the advert against Marta Ostrova, accusing her of ignoring the sanctions.").quotes
        #expect(quotes.map(\.speaker.name) == ["Jon Pell"])
        // A gerund inside a noun phrase is no cue, and does not steal the participle after it.
        let text = "Marta Ostrova is once again questioning the Velmari voting system, urging her supporters to back the embargo."
        #expect(Fixture.extract(text).quotes.allSatisfy { $0.speaker.name == "Marta Ostrova" })
    }

    @Test func aLongFirstParagraphWithoutFullStopsIsNoHeadline() {
        // Text that lacks full stops (a transcript, a scraped page) still says who said what.
        let filler = Array(repeating: "the delegations met again in the old hall by the river", count: 8).joined(separator: " and ")
        let text = filler + " and Foreign Minister Ilka Varro said the truce must hold and " + filler
        #expect(Fixture.extract(text).claims.contains { $0.actor.name == "Ilka Varro" && $0.topic == "ceasefire" })
        // A short one is a headline, which restates the body and gives no claim of its own.
        #expect(Fixture.extract("Ilka Varro says the truce must hold").claims.isEmpty)
    }

    @Test func whomTheSpeakerToldIsNoPartOfWhatWasSaid() {
        for text in ["Anna Halden told her the alliance should send peacekeepers.",
                     "Anna Halden told reporters the alliance should send peacekeepers.",
                     "Anna Halden told Mara Lind the alliance should send peacekeepers."] {
            #expect(Fixture.extract(text).quotes.first?.content.text == "the alliance should send peacekeepers", "\(text)")
        }
    }

    @Test func indirectSpeechWithThat() throws {
        let text = "Chancellor Paul Weber said on Tuesday that the alliance should deploy peacekeepers after any deal."
        let claim = try #require(Fixture.claim(text, actor: "Paul Weber", topic: "peacekeeping"))
        #expect(claim.mode == .indirect)
        #expect(claim.cue == "said")
        #expect(claim.date.value == "2026-03-10")
    }

    @Test func accordingTo() throws {
        let text = "The government will impose new sanctions on the banks, according to Finance Minister Lena Holm."
        let quote = try #require(Fixture.extract(text).quotes.first)
        #expect(quote.speaker.name == "Lena Holm")
        #expect(quote.cue.text == "according to")
        #expect(Fixture.claim(text, actor: "Lena Holm", topic: "sanctions")?.stance == .support)
    }

    @Test func accordingToASourceThatIsNoActorIsAQuoteWithoutClaim() throws {
        let extraction = Fixture.extract("According to a new survey, most voters in Norland back the peacekeeping mission.")
        let quote = try #require(extraction.quotes.first)
        #expect(quote.speaker.name == "a new survey")
        #expect(quote.content.text == "most voters in Norland back the peacekeeping mission")
        #expect(extraction.claims.isEmpty)
    }

    @Test func toldReportersAndPostedOnline() {
        let text = "Senator Ivo Marek told reporters the embargo was a mistake. Ivo Marek later posted on his blog that the embargo should end."
        let quotes = Fixture.extract(text).quotes
        #expect(quotes.map(\.cue.text) == ["told", "posted"])
    }

    @Test func statementByTheMinistry() throws {
        let text = "Taldera's foreign ministry rejected the ceasefire proposal. In a statement, the ministry said any truce would be a trap."
        let quotes = Fixture.extract(text).quotes
        #expect(quotes.first?.speaker.name == "Taldera")
    }

    @Test func reportedStanceWithoutSpeech() throws {
        let text = "NATO members have brushed aside pleas for a swift truce."
        let claim = try #require(Fixture.claims(text).first)
        #expect(claim.mode == .reported)
        #expect(claim.topic == "ceasefire")
        #expect(claim.stance == .oppose)
        // A reported position is part of the who-said-what record, as indirect speech.
        let quotes = Fixture.extract(text).quotes
        #expect(quotes.map(\.mode) == [.indirect])
        #expect(quotes.first?.cue.text == "brushed")
    }

    @Test func headlineIsNotAClaim() {
        let text = "Brannock backs truce plan\n\nNothing else happened today."
        #expect(Fixture.claims(text).isEmpty)
    }

    @Test func titleGivingAStatementUnderItsSpeakersNameIsAQuoteButNoClaim() throws {
        let text = "Holm: Norland Will Never Accept a Truce on These Terms.\n\n"
            + "Defence minister Petra Holm said on Sunday that Norland would not accept the truce."
        let extraction = Fixture.extract(text)
        let title = try #require(extraction.quotes.first { $0.cue.text == ":" })
        #expect(title.speaker.name.hasSuffix("Holm"))
        #expect(title.content.text == "Norland Will Never Accept a Truce on These Terms")
        #expect(extraction.claims.map(\.actor.name) == ["Petra Holm"])
        #expect(!extraction.actors.contains { $0.name.contains("Will") })
    }

    @Test func titleWithItsSpeakerAndSaysIsAQuoteButNoClaim() throws {
        for title in ["Norland Will Never Accept a Truce on These Terms, Holm Says.", "Holm Says Norland Will Never Accept a Truce."] {
            let extraction = Fixture.extract(title + "\n\nDefence minister Petra Holm said on Sunday that Norland would not accept the truce.")
            let quote = try #require(extraction.quotes.first { $0.cue.text == "Says" }, "\(title)")
            #expect(quote.content.text.hasPrefix("Norland Will Never Accept a Truce"))
            #expect(extraction.claims.count == 1)
        }
    }

    @Test func aClauseOnItsObjectIsTheSubjectsPosition() {
        let quotes = Fixture.extract("The truce that Norland rejected was signed in May.").quotes
        #expect(quotes.map(\.content.text) == ["The truce"])
    }

    /// Statements dated by the clause, paragraph or statement around them; one case per rule.
    static let statementDates: [StatementDateCase] = [
        StatementDateCase(rule: "paragraph scene dates later statements",
                          text: "In Ostrava on Tuesday, Chancellor Paul Weber met President Mara Lind. Weber said the alliance should send peacekeepers.",
                          actor: "Paul Weber", topic: "peacekeeping", date: "2026-03-10"),
        StatementDateCase(rule: "scene date does not cross paragraphs or come from the future",
                          text: "Talks resume on Friday.\nChancellor Paul Weber said the alliance should send peacekeepers.\nOn Tuesday, the talks stalled.",
                          actor: "Paul Weber", topic: "peacekeeping", date: "2026-03-12"),
        StatementDateCase(rule: "undated lead takes the day of the next paragraph",
                          text: "Weber backs peacekeepers\n\nChancellor Paul Weber has called for peacekeepers in the region.\n\nThe chancellor spoke by phone on Tuesday with President Mara Lind.",
                          actor: "Paul Weber", topic: "peacekeeping", date: "2026-03-10"),
        StatementDateCase(rule: "a trailing participle dates the clause it reports on",
                          text: "Petra Holm withdrew her call for a ceasefire, which she had pressed since January, arguing on Saturday that a lasting settlement mattered more.",
                          actor: "Petra Holm", topic: "ceasefire", date: "2026-03-07"),
        StatementDateCase(rule: "present perfect holds at the document date",
                          text: "Chancellor Paul Weber met President Mara Lind on Tuesday. Nothing was agreed.\nAt the meeting on Tuesday, aides said little. Weber has said the alliance should send peacekeepers.",
                          actor: "Paul Weber", topic: "peacekeeping", date: "2026-03-12"),
        StatementDateCase(rule: "a second conjunct takes the first conjunct's day",
                          text: "On Monday, President Mara Lind hailed the accord, and Chancellor Paul Weber said the alliance should send peacekeepers.",
                          actor: "Paul Weber", topic: "peacekeeping", date: "2026-03-09"),
        StatementDateCase(rule: "a participle after its clause takes that clause's day",
                          text: "The ministry on Wednesday imposed new tariffs on Norland, with Chancellor Paul Weber saying the alliance should send peacekeepers.",
                          actor: "Paul Weber", topic: "peacekeeping", date: "2026-03-11"),
        StatementDateCase(rule: "a planned day of the first conjunct does not date the second",
                          text: "Embassies will reopen by April, and Chancellor Paul Weber said the alliance should send peacekeepers.",
                          actor: "Paul Weber", topic: "peacekeeping", date: "2026-03-12"),
        StatementDateCase(rule: "a continued quotation takes its own speaker's date",
                          text: "Talks resume next month.\n\"We want peace,\" President Mara Lind said on Tuesday.\n\"We need a ceasefire now.\"",
                          actor: "Mara Lind", topic: "ceasefire", date: "2026-03-10"),
    ]

    @Test("a statement's date", arguments: statementDates)
    func statementDate(_ c: StatementDateCase) throws {
        let claim = try #require(Fixture.claim(c.text, actor: c.actor, topic: c.topic))
        #expect(claim.date.value == c.date)
    }

    @Test func aDateInTheSpeakersDescriptionDoesNotDateTheSpeech() throws {
        let text = "Anna Halden, who has served as Norland's envoy since 2019, said the alliance should send peacekeepers."
        let claim = try #require(Fixture.claim(text, actor: "Anna Halden", topic: "peacekeeping"))
        #expect(claim.date.value == "2026-03-12")
        let dated = try #require(Fixture.claim("Anna Halden, late on Tuesday, said the alliance should send peacekeepers.",
                                               actor: "Anna Halden", topic: "peacekeeping"))
        #expect(dated.date.value == "2026-03-10")
        // A day in the description is the occasion, unless the cue names its own.
        let occasion = try #require(Fixture.claim("Anna Halden, who met Mara Lind on Monday, told her the alliance should send peacekeepers.",
                                                  actor: "Anna Halden", topic: "peacekeeping"))
        #expect(occasion.date.value == "2026-03-09")
        let own = try #require(Fixture.claim("Anna Halden, who took office on Monday, said on Tuesday the alliance should send peacekeepers.",
                                             actor: "Anna Halden", topic: "peacekeeping"))
        #expect(own.date.value == "2026-03-10")
        // A day still ahead in the description is no occasion: the statement came before it.
        let ahead = try #require(Fixture.claim("Anna Halden, who takes office on Monday, has promised to send peacekeepers.",
                                               actor: "Anna Halden", topic: "peacekeeping"))
        #expect(ahead.date.value == "2026-03-12")
    }

    @Test func theSameOccasionTakesTheDayItWasNamedWith() throws {
        let text = """
        Petra Holm spoke at a hearing of the defence committee on Tuesday about the budget.

        Anna Halden said at the same hearing that the alliance should send peacekeepers.
        """
        let claim = try #require(Fixture.claim(text, actor: "Anna Halden", topic: "peacekeeping"))
        #expect(claim.date.value == "2026-03-10")
    }

    @Test func positionReportedInAStatementTakesTheStatementsDay() throws {
        let text = "The Velm Federation of Industry, the country's largest business group, said on Wednesday that it opposed any new tariffs."
        let claim = try #require(Fixture.claims(text).first { $0.topic == "trade" })
        #expect(claim.stance == .oppose)
        #expect(claim.date.value == "2026-03-11")
    }

    @Test func statementWithoutItsTopicDoesNotRestateAPositionNamedElsewhere() {
        let text = "Chancellor Paul Weber has rejected any deployment of peacekeepers in Tarvia. "
            + "\"It would be a gift to the hardliners, and we are clear about that,\" Weber said on Tuesday."
        let claims = Fixture.claims(text).filter { $0.actor.name == "Paul Weber" && $0.topic == "peacekeeping" }
        #expect(claims.count == 1)
        #expect(claims.first?.stance == .oppose)
    }

    @Test func pronounAfterFrontedPhraseIsThePreviousSubject() throws {
        let text = "Chancellor Paul Weber arrived in Ostrava. Speaking alongside President Mara Lind, he said the alliance should send peacekeepers."
        let claim = try #require(Fixture.claims(text).first)
        #expect(claim.actor.name == "Paul Weber")
    }

    @Test func coordinatedSubjectsShareTheStatement() {
        let text = "Chancellor Paul Weber and President Mara Lind called for a ceasefire."
        let actors = Set(Fixture.claims(text).filter { $0.topic == "ceasefire" }.map(\.actor.name))
        #expect(actors == ["Paul Weber", "Mara Lind"])
        #expect(Fixture.extract(text).quotes.count <= 1)
    }

    @Test func accusationIsAQuoteButNoClaim() {
        let extraction = Fixture.extract("President Mara Lind accused Norland of using gas supplies as a weapon.")
        #expect(extraction.claims.isEmpty)
    }

    @Test func appositionWithItsOwnNamesDoesNotHideTheSubject() {
        let text = "President Mara Lind, in Ostrava for talks with the Norland Forum, appealed for more air defence."
        #expect(Fixture.claim(text, actor: "Mara Lind", topic: "military-aid") != nil)
    }

    @Test func absoluteConstructionWithSaying() {
        let text = "The bloc imposed new sanctions on Thursday, with Finance Minister Lena Holm saying it was time for a ceasefire."
        #expect(Fixture.claim(text, actor: "Lena Holm", topic: "ceasefire") != nil)
    }

    @Test func countryAsPossessorIsNoObjectOfSupport() {
        let text = "Portugal applied to join NATO in May. Chancellor Paul Weber said Norland supports Portugal's membership."
        #expect(Fixture.claim(text, actor: "Paul Weber", topic: "nato-membership") != nil)
        #expect(Fixture.claim(text, actor: "Paul Weber", topic: "military-aid") == nil)
    }

    @Test func whatAConditionAsksForIsNotTheStatementsTopic() {
        let text = "Norland and Tarvia signed a trade deal on Monday. "
            + "Minister Ivo Sand said Orsk would only back the deal if its farmers received sufficient guarantees."
        let claims = Fixture.claims(text).filter { $0.actor.name == "Ivo Sand" }
        #expect(claims.map(\.topic) == ["trade"])
        #expect(claims.first?.stance == .conditional)
    }

    @Test func participleAfterWhileContinuesTheSpeaker() {
        let text = "President Mara Lind praised the talks, while once more pleading for heavier artillery."
        #expect(Fixture.claim(text, actor: "Mara Lind", topic: "military-aid") != nil)
    }

    @Test func calledOffIsCancelling() throws {
        let claim = try #require(Fixture.claim("President Mara Lind called off the peace talks.", actor: "Mara Lind", topic: "peace-talks"))
        #expect(claim.stance == .oppose)
    }

    @Test func verbFormOfAnAmbiguousNounIsNoTopic() {
        // "plan" is a context cue of peace talks; "planned" is not the noun.
        let text = "The sides signed a peace plan in May. President Mara Lind announced a planned visit."
        #expect(Fixture.claims(text).filter { $0.actor.name == "Mara Lind" }.isEmpty)
    }

    @Test func relativeClauseWithoutThatGovernsTheNounBefore() throws {
        let text = "The bloc imposed new sanctions on Norland, a move Varnholm denounced as illegal."
        let claims = Fixture.claims(text).filter { $0.actor.name == "Varnholm" }
        #expect(claims.map(\.stance) == [.oppose])
    }

    @Test func possessivePronounWithRoleStandsForTheBody() {
        let text = "The Norland Council met on Monday. In a joint statement, its foreign ministers said they backed a ceasefire."
        #expect(Fixture.claim(text, actor: "Norland Council", topic: "ceasefire") != nil)
    }

    @Test func agentOfAParticipleHoldsThePosition() throws {
        let text = "Officials discussed an initiative floated by President Mara Lind to deploy peacekeepers."
        let claim = try #require(Fixture.claim(text, actor: "Mara Lind", topic: "peacekeeping"))
        #expect(claim.stance == .support)
    }

    @Test func desireAdjectiveAfterBeIsAPosition() {
        let text = "President Mara Lind met allies on Monday. Lind's government is eager for additional air defence batteries."
        #expect(Fixture.claims(text).contains { $0.topic == "military-aid" && $0.stance == .support })
    }

    @Test func reportedSpeechOfAnotherGoesToTheInnerSpeaker() {
        let text = "The ministry of Norland said President Mara Lind had suggested that peacekeepers could guard the border."
        let claims = Fixture.claims(text)
        #expect(claims.map(\.actor.name) == ["Mara Lind"])
        let own = Fixture.claims("President Mara Lind said Norland would back a ceasefire.")
        #expect(own.map(\.actor.name) == ["Mara Lind"])
    }

    @Test func pastPerfectReportOfEventsIsNoPosition() {
        let extraction = Fixture.extract("President Mara Lind said shelling had damaged the gas pipeline overnight.")
        #expect(extraction.claims.isEmpty)
        #expect(extraction.quotes.count == 1)
        let intention = "President Mara Lind said her government had decided to impose sanctions on Norland."
        #expect(Fixture.claim(intention, actor: "Mara Lind", topic: "sanctions") != nil)
    }

    @Test func weaponsInAnAttackAreNoMilitaryAid() {
        #expect(Fixture.claims("President Mara Lind said enemy missiles continued to strike the capital.").isEmpty)
    }

    @Test func hypotheticalOrDemandedActIsNotItsSubjectsPosition() {
        let threat = "Chancellor Paul Weber threatened to resign if the cabinet approved the ceasefire."
        #expect(!Fixture.claims(threat).contains { $0.actor.name != "Paul Weber" })
        let demand = "President Mara Lind demanded that Norland accept an unconditional ceasefire."
        #expect(Fixture.claims(demand).map(\.actor.name) == ["Mara Lind"])
    }

    @Test func possessivePositionRepeatedBySpeakerIsOneClaim() {
        let text = "Chancellor Paul Weber restated Norland's refusal of any stationing of outside troops."
        #expect(Fixture.claims(text).filter { $0.topic == "peacekeeping" }.count == 1)
    }

    @Test func voicedMistrustIsOpposition() throws {
        let text = "President Mara Lind has expressed profound distrust of the new leadership in Varnholm."
        let claim = try #require(Fixture.claims(text).first { $0.topic == "engagement" })
        #expect(claim.stance == .oppose)
    }

    @Test func participleAfterInvertedSpeakerKeepsTheSpeaker() {
        let text = "\"We want them home,\" said the Norland Veterans Forum, pressing lawmakers to endorse the ceasefire."
        #expect(Fixture.claim(text, actor: "Norland Veterans Forum", topic: "ceasefire") != nil)
    }
}

/// A text, the claim to look at, and the date it must have.
struct StatementDateCase: Sendable, CustomTestStringConvertible {
    let rule: String
    let text: String
    let actor: String
    let topic: String
    let date: String

    var testDescription: String { rule }
}
