@testable import ClaimExtraction
import ClaimModel
import Testing

/// The example lines of the rule files run as tests, as HeidelTime's resource examples do: a
/// rule file's examples say what its words do, and the extractor must do it.
struct ResourceExampleTests {
    /// `sentence => source | cue | content` lines of `Resources/cues.toml`.
    static let cueExamples: [(className: String, line: String)] = CueLexicon.embedded.classes.flatMap { c in c.examples.map { (c.name, $0) } }

    @Test("the cue classes have examples", arguments: CueLexicon.embedded.classes.map(\.name))
    func everyClassHasExamples(_ name: String) {
        #expect(CueLexicon.embedded.classes.first { $0.name == name }?.examples.isEmpty == false)
    }

    @Test("a cue example is found as its line says", arguments: cueExamples.map(\.line))
    func cueExample(_ line: String) throws {
        let parts = line.components(separatedBy: " => ")
        try #require(parts.count == 2)
        let expected = parts[1].components(separatedBy: " | ")
        try #require(expected.count == 3)
        let (source, cue, content) = (expected[0], expected[1], expected[2])
        let quotes = Fixture.extract(parts[0]).quotes
        let attributions = Fixture.extractor.annotate(parts[0], dct: Fixture.dct).attributions
        let doc = Fixture.extractor.annotate(parts[0], dct: Fixture.dct)
        let found = attributions.contains { a in
            doc.text(tokens: a.cue) == cue && doc.text(tokens: a.content) == content
                && (doc.text(tokens: a.speaker.tokens).contains(source) || a.speaker.actor.map { doc.actors[$0].name.contains(source) } == true)
        }
        #expect(found, "\(line)\nquotes: \(quotes.map { "\($0.speaker.name) | \($0.cue.text) | \($0.content.text)" })")
    }

    @Test("a stance example takes the stance its line says", arguments: StanceVocabulary.examples)
    func stanceExample(_ line: String) throws {
        let parts = line.components(separatedBy: " => ")
        try #require(parts.count == 2)
        let expected = parts[1].split(separator: " ").map(String.init)
        try #require(expected.count == 2)
        let claims = Fixture.claims(parts[0])
        #expect(claims.contains { $0.topic == expected[0] && $0.stance.rawValue == expected[1] },
                "\(line)\nclaims: \(claims.map { "\($0.topic) \($0.stance)" })")
    }
}

/// The CAMEO table's examples.
struct CameoExampleTests {
    @Test("a CAMEO example is typed as its line says", arguments: EventVocabulary.examples)
    func cameoExample(_ line: String) throws {
        let parts = line.components(separatedBy: " => ")
        try #require(parts.count == 2)
        let events = Fixture.extract(parts[0]).events
        #expect(events.contains { $0.type == parts[1] }, "\(line)\nevents: \(events.map { "\($0.type) \($0.trigger ?? "")" })")
    }

    @Test("every code has a label")
    func labels() {
        for code in Set(EventVocabulary.triggers.values) { #expect(EventVocabulary.labels[code]?.isEmpty == false, "\(code)") }
    }
}

/// The examples of `Resources/voices.toml`: whole documents, paragraphs joined by " / ".
struct VoiceExampleTests {
    @Test("a voices example attributes its claim as its line says", arguments: VoiceVocabulary.examples)
    func voiceExample(_ line: String) throws {
        let parts = line.components(separatedBy: " => ")
        try #require(parts.count == 2)
        let expected = parts[1].components(separatedBy: " | ")
        try #require(expected.count == 2)
        let text = parts[0].replacingOccurrences(of: " / ", with: "\n\n")
        let claims = Fixture.claims(text)
        #expect(claims.contains { $0.actor.name == expected[0] && $0.topic == expected[1] },
                "\(line)\nclaims: \(claims.map { "\($0.actor.name) \($0.topic) \($0.stance)" })")
    }
}
