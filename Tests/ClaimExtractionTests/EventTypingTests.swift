import Testing
@testable import ClaimExtraction
import ClaimModel

/// Event typing: the predicate of the clause holding the date decides the CAMEO root code.
@Suite struct EventTypingTests {
    private func events(_ text: String) -> [Event] { Fixture.extract(text).events }

    private func type(_ text: String, date: String) -> String? {
        events(text).first { $0.date.value == date }?.type
    }

    @Test func partOfADayIsFiledUnderTheDayAndAWeekendUnderItsWeek() {
        #expect(events("Leaders of Norland and Tarvia met in Velm on Friday afternoon.").map(\.date.value) == ["2026-03-06"])
        #expect(events("Norland and Tarvia will meet this weekend.").map(\.date.value) == ["2026-W11"])
    }

    @Test func mainVerbBeatsCoordinatedSpeechVerb() {
        let text = "Prime Minister Arlo Venn met Baltic leaders at a summit in Corvana on Tuesday and said the pledges would not be enough."
        #expect(type(text, date: "2026-03-10") == "04")
    }

    @Test func relativeClauseKeepsItsOwnVerb() {
        let text = "President Hedda Solberg, who met Prime Minister Arlo Venn in Corvana on Monday, assured him that the border must stay open."
        #expect(type(text, date: "2026-03-09") == "04")
    }

    @Test func speakingAtAMeetingIsAStatement() {
        let text = "Speaking at a session of her party on Wednesday, President Hedda Solberg said the army would stay."
        #expect(type(text, date: "2026-03-11") == "01")
    }

    @Test func speakWithIsAConversation() {
        let text = "President Hedda Solberg said she would speak with Prime Minister Arlo Venn on Friday."
        #expect(type(text, date: "2026-03-13") == "04")
    }

    @Test func lightVerbTakesTheCodeOfWhatItAgreesTo() {
        let text = "The European Union agreed on Tuesday to lift the last of its sanctions on Corvana."
        #expect(type(text, date: "2026-03-10") == "08")
    }

    @Test func announcedTariffIsAMeasure() {
        let text = "President Hedda Solberg on Wednesday announced a 20 percent tariff on imports."
        #expect(type(text, date: "2026-03-11") == "16")
    }

    @Test func cuttingAidReducesRelations() {
        let text = "President Hedda Solberg froze military aid to Corvana on Monday."
        #expect(type(text, date: "2026-03-09") == "16")
    }

    @Test func presenceInACapitalIsAVisit() {
        let text = "President Hedda Solberg was in Corvana on Monday."
        #expect(type(text, date: "2026-03-09") == "04")
    }

    @Test func dateModifyingAnEventNounTypesThatNoun() {
        let text = "President Hedda Solberg says the war has lasted since Corvana's 2022 invasion of its neighbour."
        #expect(type(text, date: "2022") == "19")
    }

    @Test func aVideoCallIsAConversation() {
        let text = "Prime Minister Arlo Venn will hold a video conference with Nordic premiers on Saturday."
        #expect(type(text, date: "2026-03-14") == "04")
    }

    @Test func deadlineIsNotAnEventDate() {
        let text = "President Hedda Solberg on Tuesday promised to cut emissions by 2030."
        let dates = events(text).map(\.date.value)
        #expect(dates.contains("2026-03-10"))
        #expect(!dates.contains("2030"))
    }

    @Test func datelineAndWeekdayGiveOneEvent() {
        let text = "CORVANA, March 12 (Reuters) - President Hedda Solberg said on Thursday that talks would resume."
        #expect(events(text).filter { $0.date.value == "2026-03-12" }.count == 1)
    }

    @Test func theDatelineAloneDatesNoEvent() {
        // The dateline dates the report; the sentence after it names no day of its own.
        #expect(events("VELMOR, March 12 — Two years after Tarvia built the dam, the river is low again.").isEmpty)
    }

    @Test func welcomingIsAStatement() {
        let text = "President Hedda Solberg on Sunday welcomed the agreement."
        #expect(type(text, date: "2026-03-08") == "01")
    }
}
