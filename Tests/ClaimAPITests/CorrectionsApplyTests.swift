import ClaimModel
import Testing

@Suite("corrections applied to an extraction")
struct CorrectionsApplyTests {
    private func claim(_ actor: String, start: Int, topic: String = "trade") -> Claim {
        Claim(actor: ActorRef(name: actor, kind: .person), topic: topic, stance: .support, mode: .direct, cue: "said", text: "x",
              date: TimeValue(value: "2031-01-01", granularity: .day), start: start, end: start + 5, confidence: 0.9)
    }

    @Test("renames follow one another, a cycle left by undoing stops, and an alias named as an actor is the actor")
    func names() {
        let corrections = Corrections([
            Correction(kind: .rename, subject: "Harbour Master Vell", value: "Oskar Vell"),
            Correction(kind: .merge, subject: "oskar vell", value: "Oskar Vell-Brand"),
            Correction(kind: .alias, subject: "Ilka Brannock", value: "The Minister"),
            Correction(kind: .rename, subject: "A", value: "B"), Correction(kind: .rename, subject: "B", value: "A"),
        ])
        #expect(corrections.actorName("Harbour Master Vell") == "Oskar Vell-Brand")
        #expect(corrections.actorName("the minister") == "Ilka Brannock")
        #expect(corrections.actorName("A") == "B")
        #expect(corrections.actorName("Someone") == "Someone")
    }

    @Test("a rejected or set claim is found by its document, span and topic; events' actors are renamed and kept once")
    func claims() {
        let corrections = Corrections([
            Correction(kind: .reject, subject: "abc:10-15:trade"),
            Correction(kind: .set, subject: "abc:20-25:trade", topic: "sanctions", stance: .oppose),
            Correction(kind: .merge, subject: "Former Brannock", value: "Ilka Brannock"),
        ])
        let event = Event(date: TimeValue(value: "2031-01-01", granularity: .day), type: "04", actors: ["Former Brannock", "Ilka Brannock"],
                          text: "met", start: 0, end: 3)
        let extraction = Extraction(events: [event], claims: [claim("A", start: 10), claim("Former Brannock", start: 20), claim("A", start: 10, topic: "sanctions")])
        let corrected = corrections.apply(to: extraction, sha256: "abc")
        #expect(corrected.claims.map(\.topic) == ["sanctions", "sanctions"], "the trade claim at 10 is rejected; another topic there is another claim")
        #expect(corrected.claims[0].stance == .oppose && corrected.claims[0].actor.name == "Ilka Brannock")
        #expect(corrected.events[0].actors == ["Ilka Brannock"])
        #expect(corrections.apply(to: extraction, sha256: "other").claims.count == 3, "another document's claims are its own")
    }
}
