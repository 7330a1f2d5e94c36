@testable import ClaimExtraction
import ClaimModel
import Testing

/// Attributions, actors and topics read off the parse, on sentences written for these tests.
struct ParseAttributionTests {
    /// The who-said-what records of `text`, as `speaker | cue | content`.
    private func quotes(_ text: String) -> [String] {
        Fixture.extract(text).quotes.map { "\($0.speaker.name) | \($0.cue.text) | \($0.content.text)" }
    }

    private static let emptyGazetteer = Extractor(lexicon: Lexicon(topics: Lexicon.embeddedDefault().topics, actors: []),
                                                  syntax: Fixture.syntax, options: ExtractionOptions(minConfidence: 0))

    @Test("a verb of saying with a clausal complement")
    func reportedSpeech() {
        #expect(quotes("Foreign Minister Ilse Varn said the talks would resume next week.").contains("Ilse Varn | said | the talks would resume next week"))
    }

    @Test("a verb of saying inserted after what was said")
    func insertedSpeech() {
        let found = quotes("The border crossings will reopen in May, Oskar Pell said on Tuesday.")
        #expect(found.contains { $0.hasPrefix("Oskar Pell | said | The border crossings will reopen in May") }, "\(found)")
    }

    @Test("'said on Monday that …' is a complement clause, not a relative clause on the day")
    func complementAfterADay() throws {
        let text = "Minister Ivo Sand said on Monday that Tarvia rejected the new tariffs on its steel."
        #expect(quotes(text).contains("Ivo Sand | said | Tarvia rejected the new tariffs on its steel"), "\(quotes(text))")
        let doc = Fixture.extractor.annotate(text, dct: Fixture.dct)
        let rejected = try #require(doc.tokens.firstIndex { $0.lower == "rejected" })
        let said = try #require(doc.tokens.firstIndex { $0.lower == "said" })
        #expect(doc.syntax.head(of: rejected) == said)
        #expect(doc.syntax.relation(of: rejected) == "ccomp")
    }

    @Test("a phrase right after the object of a position belongs to what the position is about")
    func objectWithItsPhrase() {
        let found = quotes("Tarvia continues to block every formal step in Norland's accession process.")
        #expect(found.contains("Tarvia | block | every formal step in Norland's accession process"), "\(found)")
    }

    @Test("'…, two officials said' frames the position reported before it")
    func statementFramingAPosition() {
        let found = quotes("Party protocol called for the chairman to be replaced after the Sunday vote, two officials said.")
        #expect(found == ["two officials | said | Party protocol called for the chairman to be replaced after the Sunday vote"], "\(found)")
    }

    @Test("a participle takes the subject of the verb it hangs from")
    func participle() {
        let found = quotes("Dara Kost rejected the offer on Monday, saying any truce would collapse within days.")
        #expect(found.contains { $0.hasPrefix("Dara Kost | saying | any truce would collapse") }, "\(found)")
    }

    @Test("a passive's agent is the source")
    func passiveAgent() throws {
        let extraction = Fixture.extract("The truce was welcomed on Friday by the Ostrel Farmers Council.")
        #expect(extraction.claims.contains { $0.actor.name.contains("Farmers Council") && $0.topic == "ceasefire" && $0.stance == .support },
                "\(extraction.claims.map { "\($0.actor.name) \($0.topic) \($0.stance)" })")
    }

    @Test("a verb no list names is a cue when it governs a clause and has a speaker")
    func unlistedCue() {
        let found = quotes("Juno Harl reckons that the embargo will fail within a year.")
        #expect(found.contains { $0.hasPrefix("Juno Harl | reckons | the embargo will fail") }, "\(found)")
    }

    @Test("officials who are no actor still have said something, and make no claim")
    func genericSource() {
        let extraction = Fixture.extract("Officials said the embargo would stay in place until the spring.")
        #expect(extraction.quotes.contains { $0.speaker.name == "Officials" && $0.content.text.hasPrefix("the embargo would stay") },
                "\(extraction.quotes)")
        #expect(extraction.claims.isEmpty, "officials are no resolvable body: \(extraction.claims)")
    }

    @Test("a relative pronoun stands for the body the clause describes")
    func relativeClause() {
        let found = quotes("The rebels, who said the ceasefire was a trap, withdrew from the talks.")
        #expect(found.contains { $0.hasPrefix("The rebels | said | the ceasefire was a trap") || $0.hasPrefix("rebels | said") }, "\(found)")
    }

    @Test("an actor's deed on a topic is a position: lifting an embargo opposes it")
    func deed() {
        let claims = Fixture.extract("Tarvia lifted its embargo on Veskan grain on Thursday.").claims
        #expect(claims.contains { $0.actor.name == "Tarvia" && $0.topic == "sanctions" && $0.stance == .oppose },
                "\(claims.map { "\($0.actor.name) \($0.topic) \($0.stance)" })")
    }

    @Test("an unknown country that acts is an actor, with no gazetteer at all")
    func discoveredCountry() {
        let claims = Fixture.extract("Quellan rejected the truce on Monday.", with: Self.emptyGazetteer).claims
        #expect(claims.contains { $0.actor.name == "Quellan" && $0.topic == "ceasefire" && $0.stance == .oppose },
                "\(claims.map { "\($0.actor.name) \($0.topic) \($0.stance)" })")
    }

    @Test("an unknown organisation named by its words is an actor of that kind")
    func discoveredOrganisation() {
        let extraction = Fixture.extract("The Drumlin Relief Agency said aid convoys would resume on Friday.", with: Self.emptyGazetteer)
        let actor = extraction.actors.first { $0.name.contains("Drumlin Relief Agency") }
        #expect(actor?.kind == .organisation, "\(extraction.actors)")
        #expect(extraction.claims.contains { $0.topic == "humanitarian-aid" }, "\(extraction.claims)")
    }

    @Test("a statement naming no topic takes the one its discourse is about")
    func discourseTopic() {
        let text = """
            Tarvia and Veska discussed a ceasefire in Ostrel on Monday.

            Foreign Minister Ilse Varn said the proposal was the only way forward and had to be signed this week.
            """
        let claims = Fixture.extract(text, with: Self.emptyGazetteer).claims
        #expect(claims.contains { $0.actor.name == "Ilse Varn" && $0.topic == "ceasefire" },
                "\(claims.map { "\($0.actor.name) \($0.topic) \($0.stance)" })")
    }

    @Test("traps: a topic nobody takes a position on, an actor who claims nothing")
    func traps() {
        #expect(Fixture.claims("A ceasefire between Tarvia and Veska took effect at midnight on Monday.").isEmpty)
        #expect(Fixture.claims("Foreign Minister Ilse Varn arrived in Ostrel on Monday for a two-day visit.").isEmpty)
    }

    @Test("negative evaluation of a topic opposes it")
    func negativeEvaluation() {
        let claims = Fixture.claims("Oskar Pell said the embargo was a catastrophe for farmers.")
        #expect(claims.contains { $0.topic == "sanctions" && $0.stance == .oppose }, "\(claims.map { "\($0.topic) \($0.stance)" })")
    }

    @Test("a condition makes support conditional")
    func condition() {
        let claims = Fixture.claims("Dara Kost said Velm would accept peacekeepers only if they arrived under a mandate.")
        #expect(claims.contains { $0.topic == "peacekeeping" && $0.stance == .conditional }, "\(claims.map { "\($0.topic) \($0.stance)" })")
    }

    @Test("a clause introduced by 'that' and hung on the day is the complement of the verb")
    func thatClauseHungOnTheDay() {
        // The parser hangs "that the levy was unlawful" on "Wednesday" as a relative clause; a
        // relative clause has no complementizer, so the clause is what was said.
        let found = quotes("Officials said on Wednesday that the levy was unlawful.")
        #expect(found.contains("Officials | said | the levy was unlawful"), "\(found)")
    }

    @Test("an unnamed spokesperson speaks for the body the text is about")
    func spokespersonSpeaksForTheBody() {
        let text = "Tarvia's interior ministry issued a statement at noon. Later a spokeswoman told reporters that the sanctions had failed."
        #expect(quotes(text).contains("Tarvia | told | the sanctions had failed"), "\(quotes(text))")
        // Found by the parse, without a list: the body no gazetteer knows is the antecedent too.
        let discovered = "The Velm Harbour Authority denied the report. The spokesman said the sanctions had failed."
        let found = Fixture.extract(discovered, with: Self.emptyGazetteer).quotes.map { "\($0.speaker.name) | \($0.content.text)" }
        #expect(found.contains("Velm Harbour Authority | the sanctions had failed"), "\(found)")
        // With no body before it, the spokesman is only a source, never an actor.
        let alone = Fixture.extract("A spokesman said that the sanctions had failed.")
        #expect(alone.quotes.map(\.speaker.name) == ["A spokesman"])
        #expect(alone.claims.isEmpty)
    }

    @Test("two complements each introduced by 'that' are two things said")
    func coordinatedComplements() {
        let text = "Petra Holm said that the sanctions have failed, and that Norland would answer any tariffs with its own."
        let found = quotes(text)
        #expect(found.contains("Petra Holm | said | the sanctions have failed"), "\(found)")
        #expect(found.contains("Petra Holm | said | Norland would answer any tariffs with its own"), "\(found)")
        let topics = Set(Fixture.extract(text).claims.map(\.topic))
        #expect(topics.isSuperset(of: ["sanctions", "trade"]), "\(topics)")
        // One complement coordinating two clauses without a second "that" stays one thing said.
        let one = quotes("Petra Holm said the sanctions have failed and the tariffs were unfair.")
        #expect(one.contains("Petra Holm | said | the sanctions have failed and the tariffs were unfair"), "\(one)")
    }

    @Test("a participle that sets the scene is no deed")
    func sceneSettingParticipleIsNoDeed() {
        let claims = Fixture.claims("Visiting troops in Gebrin, General Petra Holm said the navy would refuse to join the peace talks.")
        #expect(!claims.contains { $0.topic == "peacekeeping" }, "\(claims.map { "\($0.topic) \($0.stance) \($0.text)" })")
        #expect(claims.contains { $0.topic == "peace-talks" && $0.stance == .oppose })
        // The deed of a main verb still is one.
        #expect(Fixture.claims("Norland sent troops to the border on Monday.").contains { $0.actor.name == "Norland" })
    }
}

