@testable import ClaimExtraction
import ClaimModel
import Testing

@Suite("Actor discovery")
struct ActorDiscoveryTests {
    private func speaker(_ text: String) -> String? { Fixture.extract(text).quotes.first?.speaker.name }

    @Test func titledNameWithInventedDemonym() throws {
        let actors = Fixture.extract("Talderan President Juro Kesk said the truce must hold.").actors
        let kesk = try #require(actors.first { $0.name == "Juro Kesk" })
        #expect(kesk.kind == .person)
        #expect(kesk.role == "President")
    }

    @Test func possessiveCountryAndAppositiveName() throws {
        let text = "Taldera's foreign minister, Ilka Brannock, said the embargo must stay."
        let varga = try #require(Fixture.extract(text).actors.first { $0.name == "Ilka Brannock" })
        #expect(varga.affiliation == "Taldera")
        #expect(varga.role == "foreign minister")
        #expect(speaker(text) == "Ilka Brannock")
    }

    @Test func honorificIsNoPartOfADiscoveredName() {
        #expect(speaker("Mrs. Halden, the envoy, said the truce must hold.") == "Halden")
        #expect(Fixture.extract("Mrs. Halden, the envoy, said the truce must hold.").actors.allSatisfy { !$0.name.hasPrefix("Mrs") })
    }

    @Test func pluralCommonNounOpeningASentenceIsNoActor() {
        let extraction = Fixture.extract("Analysts said the ceasefire would not last. Quellan rejected the ceasefire.")
        #expect(extraction.quotes.contains { $0.speaker.name == "Analysts" })
        #expect(!extraction.actors.contains { $0.name == "Analysts" })
        #expect(extraction.claims.map(\.actor.name) == ["Quellan"])
    }

    @Test func placeWhereASourceIsDoesNotSpeak() {
        let extraction = Fixture.extract("Aid agencies in the Dornet Valley said more convoys were needed to deliver humanitarian aid.")
        #expect(extraction.quotes.first?.speaker.name == "Aid agencies in the Dornet Valley")
        #expect(extraction.claims.isEmpty)
    }

    @Test func aNamedValleyIsNoPerson() {
        let actors = Fixture.extract("The Dornet Valley rejected the ceasefire. Anna Brun, the envoy, said the sanctions must stay.").actors
        #expect(actors.contains { $0.name == "Anna Brun" && $0.kind == .person })
        #expect(!actors.contains { $0.name.contains("Valley") && $0.kind == .person })
    }

    @Test func placeAndMonthOfADatelineAreNoActors() {
        let extraction = Fixture.extract("VELM, Aug 20 (Wirepress) - Norland's envoy Anna Brun said on Wednesday the sanctions must stay.")
        #expect(extraction.actors.map(\.name) == ["Anna Brun"])
        #expect(extraction.events.allSatisfy { !$0.actors.contains("VELM") && !$0.actors.contains("Aug") })
    }

    @Test func surnameBeforeTheFullNameIsThatPerson() {
        let text = "Holm says Norland will never accept a truce.\n\nDefence minister Petra Holm said on Sunday that Norland would not accept the truce."
        let extraction = Fixture.extract(text)
        #expect(extraction.quotes.allSatisfy { $0.speaker.name == "Petra Holm" }, "\(extraction.quotes.map(\.speaker.name))")
        #expect(!extraction.actors.contains { $0.name == "Holm" })
    }

    @Test func bodyNamedWithWhatItIsOf() {
        #expect(speaker("The Velm Federation of Industry said on Wednesday that it opposed any new tariffs.") == "Velm Federation of Industry")
    }

    @Test func apposition() throws {
        let text = "Konrad Felsch, a senior Talderan lawmaker, said the truce was a trap."
        #expect(speaker(text) == "Konrad Felsch")
        let felsch = try #require(Fixture.extract(text).actors.first { $0.name == "Konrad Felsch" })
        #expect(felsch.role == "lawmaker")
    }

    @Test func surnameResolvesToFullName() {
        let text = "Prime Minister Anna Berg arrived on Monday. Berg said the ceasefire was fragile."
        #expect(speaker(text) == "Anna Berg")
    }

    @Test("a leading adverb, bare adjective or abbreviated title is no part of a name", arguments: [
        ("Foreign Minister Ilka Brannock spoke on Monday. Former Brannock said the sanctions must stay.", "Ilka Brannock"),
        ("Perhaps Norland said the sanctions must stay.", "Norland"),
        ("Sen. Oskar Vell said the sanctions must stay.", "Oskar Vell"),
        ("But Anna Berg said the sanctions must stay.", "Anna Berg"),
    ])
    func leadingWordsAreNoName(_ text: String, _ name: String) {
        let claims = Fixture.extract(text).claims
        #expect(!claims.isEmpty && claims.allSatisfy { $0.actor.name == name }, "\(claims.map(\.actor.name))")
    }

    @Test func spokespersonForTheKremlin() {
        #expect(speaker("A spokesperson for the Kremlin said the sanctions were illegal.") == "Russia")
    }

    @Test func groupsOfABody() {
        #expect(speaker("EU foreign ministers said the sanctions would stay.") == "European Union")
        #expect(speaker("G7 leaders said the sanctions would stay.") == "G7")
    }

    @Test func theBlocIsTheBlocTheArticleNamed() {
        let text = "Ministers of the Union of Northern States met in Velmar on Monday. The bloc said the sanctions would stay."
        #expect(Fixture.extract(text).quotes.first?.speaker.name == "Union of Northern States")
        // With no bloc of its own, the article means the one the gazetteer knows by that description.
        #expect(speaker("The bloc said the sanctions would stay.") == "European Union")
    }

    @Test func institutionOfThePlaceASentenceOpensWith() {
        let text = "Norland's foreign ministry said the talks would go on. In Kyiv, the defence ministry said the truce had been broken."
        #expect(Fixture.extract(text).quotes.map(\.speaker.name) == ["Norland", "Ukraine"])
    }

    @Test func anInstitutionNamedByItsCountrysAdjective() {
        // Not the body the article spoke of last.
        let text = "NATO ministers met on Monday. The Norwegian energy ministry said the pipeline would reopen."
        #expect(Fixture.extract(text).quotes.map(\.speaker.name) == ["Norway"])
    }

    @Test func whoseInstitutionIsItsAntecedents() throws {
        let claim = try #require(Fixture.extract("Finland, whose cabinet voted against the embargo in May, was silent.").claims.first)
        #expect(claim.actor.name == "Finland" && claim.topic == "sanctions" && claim.stance == .oppose)
        #expect(claim.text.hasSuffix("in May"))
    }

    @Test func newIsPartOfAName() {
        #expect(speaker("The talks stalled, and the New Varnia Herald reported that the tariffs would stay.") == "New Varnia Herald")
        #expect(speaker("A spokesman for New Varnia said the tariffs were unfair.") == "New Varnia")
    }

    @Test func bothCountriesAreTheTwoNamedBefore() {
        let text = "Norland and Tarvia signed a border accord on Monday. Both countries said the ceasefire must hold."
        let holders = Fixture.extract(text).claims.filter { $0.topic == "ceasefire" }.map(\.actor.name)
        #expect(Set(holders) == ["Norland", "Tarvia"])
    }

    @Test func metonymsThroughTheGazetteer() {
        #expect(speaker("Kyiv said the truce had been broken.") == "Ukraine")
        #expect(speaker("Moscow said the truce had been broken.") == "Russia")
    }

    @Test func metonymAfterLocativeIsAPlace() {
        #expect(Fixture.extract("Talks were held in Kyiv on Monday.").actors.isEmpty)
    }

    @Test func unknownCapitalLearntFromText() {
        let text = "Talderan troops entered Varnholm, the Talderan capital, in May. Varnholm said the truce was over."
        #expect(speaker(text) == "Talderan")
    }

    @Test func pronounGoesToTheLastSubject() {
        let text = "Chancellor Paul Weber met President Mara Lind in the capital.\n\"We want peace talks to start soon,\" he said."
        #expect(speaker(text) == "Paul Weber")
    }

    @Test func definiteRoleResolvesToItsHolder() {
        let text = "Chancellor Paul Weber arrived on Monday. The chancellor said the embargo must stay."
        #expect(speaker(text) == "Paul Weber")
    }

    @Test func actorMentionedWithoutClaim() {
        let extraction = Fixture.extract("Chancellor Paul Weber arrived in Varnholm on Monday for a concert.")
        #expect(extraction.claims.isEmpty)
        #expect(extraction.actors.contains { $0.name == "Paul Weber" })
    }

    @Test func demonymBeforeTheCountryNameFindsTheCountry() {
        let text = "Varnholm, the Talderan capital, was quiet.\nLater, Taldera's defence ministry said it backed the ceasefire."
        #expect(Fixture.claims(text).map(\.actor.name) == ["Taldera"])
    }

    @Test func groupNamedByItsMembers() throws {
        let text = "The leaders of Taldera, Norland and Ostmark travelled to Varnholm and demanded a ceasefire."
        let claim = try #require(Fixture.claims(text).first)
        #expect(claim.actor.name == "leaders of Taldera, Norland and Ostmark")
        #expect(claim.actor.kind == .group)
    }

    @Test func leagueIsAnOrganisation() {
        let text = "The Varnholm Security League urged both sides to return to the negotiating table."
        #expect(Fixture.claims(text).first?.actor.name == "Varnholm Security League")
    }

    @Test func participleAfterAClauseKeepsItsSpeakerNotTheDateline() {
        let text = "VARNHOLM, March 3 (Reuters) - President Juro Kesk rejected the truce offer, saying any truce would need guarantees."
        let speakers = Set(Fixture.claims(text).map(\.actor.name))
        #expect(speakers == ["Juro Kesk"])
    }

    @Test func aNameFoundAsASubjectIsTheSameActorWhereverElseItIsWritten() {
        let text = """
        The leading candidate in Drelmark's mayoral race promised on Thursday to keep the port tax.

        Drelmark raised the port tax in 2023.
        """
        let events = Fixture.extract(text).events.map { "\($0.date.value) \($0.actors.joined(separator: ","))" }
        // The first sentence names Drelmark only as a possessor, where no verb makes it an actor.
        #expect(events.contains { $0.hasPrefix("2026-03-12 ") && $0.contains("Drelmark") }, "\(events)")
        // A longer name that starts with a found one is another name, not a mention of it.
        let shipping = Fixture.extract("Drelmark raised the port tax on Monday. Shares of Drelmark Shipping fell on Tuesday.")
        let tuesday = shipping.events.filter { $0.date.value == "2026-03-10" }.flatMap(\.actors)
        #expect(!tuesday.contains("Drelmark"), "\(tuesday)")
    }

    @Test func aDayIsNoPartOfABodysName() {
        let actors = Fixture.extract("The Velm House of Delegates on Friday passed a new budget for the harbour.").actors.map(\.name)
        #expect(actors.contains("Velm House of Delegates"), "\(actors)")
        #expect(!actors.contains { $0.contains("Friday") }, "\(actors)")
    }

    @Test func anUnknownNameWhereTheTextPutsAPlaceIsAPlace() {
        let text = "Fighting near the hamlet of Osterby Mill wounded four farmers on Monday, and fires broke out in Lower Strand."
        let actors = Fixture.extract(text).actors.map(\.name)
        #expect(!actors.contains { $0.contains("Osterby") || $0.contains("Strand") }, "\(actors)")
        // A possessor is no place: "in Ivo Sand's view" names him.
        let view = Fixture.extract("In Ivo Sand's view, the truce will fail, the paper said.").actors.map(\.name)
        #expect(view.contains("Ivo Sand"), "\(view)")
    }

    @Test func aSurnameWithoutItsParticleIsThePersonNamedInFull() {
        let text = """
        Port authority chief Omar al-Vesk opened the new terminal on Thursday.

        Vesk was in a sombre mood on Friday. Addressing dock workers, he said the port would stay out of the peace talks.
        """
        let speakers = Fixture.extract(text).quotes.map(\.speaker.name)
        #expect(speakers.contains("Omar al-Vesk"), "\(speakers)")
        #expect(!Fixture.extract(text).actors.contains { $0.name == "Vesk" })
        // Written before the full name too.
        let early = "Vesk rejected the new tariffs on Monday. Port authority chief Omar al-Vesk said the port would stay open."
        #expect(Fixture.extract(early).quotes.map(\.speaker.name) == ["Omar al-Vesk", "Omar al-Vesk"])
    }

    @Test func theDatelineNamesNoActor() {
        let text = "Harbour Vell, Tarvia (AP) — Norland's envoy Ivo Sand met Velm's foreign minister on Monday."
        let extraction = Fixture.extract(text)
        #expect(!extraction.actors.contains { $0.name == "Tarvia" || $0.name.contains("Vell") }, "\(extraction.actors.map(\.name))")
        #expect(extraction.events.allSatisfy { !$0.actors.contains("Tarvia") })
        // The same country named in the story is an actor.
        let named = Fixture.extract("Harbour Vell, Tarvia (AP) — Tarvia rejected the truce on Monday.").actors.map(\.name)
        #expect(named.contains("Tarvia"), "\(named)")
    }

    @Test func aKnownNameContinuedByACapitalisedPhraseIsAnotherBody() {
        // The default gazetteer knows "the Commission" as the European Commission.
        let text = "The Commission on Maritime Safety said on Monday that the sanctions had failed."
        let actors = Fixture.extract(text).actors.map(\.name)
        #expect(actors == ["Commission on Maritime Safety"], "\(actors)")
        #expect(Fixture.extract("The Commission said on Monday that the sanctions had failed.").actors.map(\.name) == ["European Commission"])
        // A body's head first, then what it is of: "House of Delegates".
        let house = Fixture.extract("The House of Delegates voted on Monday to lift the sanctions.").actors.map(\.name)
        #expect(house == ["House of Delegates"], "\(house)")
    }
}

