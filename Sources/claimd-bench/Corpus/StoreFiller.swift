import ClaimModel
import ClaimStore
import Foundation

/// Fills a timeline store with synthetic claims straight through ``TimelineStore``, in large
/// transactions: a million claims in about a minute, where the daemon would take hours.
///
/// The data has the shape the queries care about: a few hundred actors with a skewed share of
/// the claims (a few are in every other article), every topic of the taxonomy, two years of
/// days, stance changes, events, and claim texts the full-text search can match.
struct StoreFiller {
    let seed: UInt64
    static let claimsPerDocument = 20
    static let eventsPerDocument = 2
    static let documentsPerTransaction = 500
    static let actors: [ActorRef] = {
        let people = (0..<200).map { i in
            let country = Vocabulary.countries[i % Vocabulary.countries.count]
            return ActorRef(name: "\(Vocabulary.firstNames[i % 40]) \(Vocabulary.surnames[i / 4])", kind: .person,
                            role: Vocabulary.titles[i % Vocabulary.titles.count], affiliation: country.name)
        }
        return people + Vocabulary.countries.map { ActorRef(name: $0.name, kind: .country) }
    }()
    static let topicIDs = ["security-guarantees", "peace-talks", "ceasefire", "peacekeeping", "nato-membership",
                           "eu-membership", "military-aid", "sanctions", "territory", "trade", "energy", "nuclear",
                           "humanitarian-aid", "engagement"]

    /// An actor drawn with a skew towards the first ones, the way a few leaders dominate the news.
    static func actor(_ random: inout SeededGenerator) -> ActorRef {
        let u = Double(random.next() % 1_000_000) / 1_000_000
        return actors[Int(u * u * Double(actors.count))]
    }

    /// Adds `claims` claims (rounded up to whole documents); returns how many were stored.
    func fill(_ store: TimelineStore, claims: Int) throws -> Int {
        let documents = (claims + Self.claimsPerDocument - 1) / Self.claimsPerDocument
        let now = Date()
        var stored = 0
        for first in stride(from: 0, to: documents, by: Self.documentsPerTransaction) {
            let batch = (first..<min(documents, first + Self.documentsPerTransaction)).map(document)
            for case let .stored(_, claims, _, _) in try store.ingest(batch: batch, at: now) { stored += claims.count }
        }
        return stored
    }

    private func document(_ index: Int) -> (document: Document, extraction: Extraction) {
        var random = SeededGenerator(seed: seed, index: index)
        let dct = ArticleGenerator.firstDay.adding(days: Int(random.next() % UInt64(ArticleGenerator.daySpan)))
        var text = ""
        var claims: [Claim] = []
        for _ in 0..<Self.claimsPerDocument {
            let actor = Self.actor(&random)
            let sentence = "\(actor.name) \(Vocabulary.said.pick(&random)) that \(Vocabulary.topics.pick(&random)) "
                + "mattered more than \(Vocabulary.topics.pick(&random)) for \(Vocabulary.countries.pick(&random).name)."
            let start = text.unicodeScalars.count
            text += sentence + "\n\n"
            let day = dct.adding(days: -Int(random.next() % 4))
            claims.append(Claim(actor: actor, topic: Self.topicIDs.pick(&random), stance: Stance.allCases.pick(&random),
                                mode: AttributionMode.allCases.pick(&random), cue: "said", text: sentence,
                                date: TimeValue(day: day), start: start, end: start + sentence.unicodeScalars.count,
                                confidence: 0.65 + Double(random.next() % 30) / 100))
        }
        let events = (0..<Self.eventsPerDocument).map { _ in
            Event(date: TimeValue(day: dct), type: "04", actors: [Self.actor(&random).name, Self.actor(&random).name],
                  text: "The leaders met in \(Vocabulary.countries.pick(&random).capital).", trigger: "met", start: 0, end: 10)
        }
        let sha = String(repeating: "0", count: 48) + String(String(UInt64(index), radix: 16).suffix(16)).leftPadded(to: 16)
        let document = Document(path: "bench-fill/\(index).txt", sha256: sha, format: .text,
                                dct: DocumentDate(day: dct, source: .dateline), title: "Synthetic \(index)", text: text)
        return (document, Extraction(events: events, claims: claims, actors: Self.actors))
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
