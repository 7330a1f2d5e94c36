import ClaimAPI
import ClaimModel
import Foundation

// How each kind of row is shown: the columns of `-o table` (fitted to 80 columns and up, the
// quote wrapped), and the further ones `-o wide` and `-o csv` add.

func stanceText(_ stance: Stance, previous: Stance?) -> String {
    stance.rawValue + (previous.map { " (was \($0.rawValue))" } ?? "")
}

func stanceStyle(_ stance: Stance) -> Style? {
    switch stance {
    case .support: .green
    case .oppose: .red
    case .conditional: .yellow
    case .neutral: nil
    }
}

func number(_ value: Double) -> String { String(format: "%.2f", value) }

/// The document's columns, shown by `wide` and `csv`.
func documentColumns<Item>(_ document: @escaping @Sendable (Item) -> DocumentRef?) -> [ListingColumn<Item>] {
    [
        ListingColumn(header: "SOURCE", inTable: false) { document($0)?.source ?? "" },
        ListingColumn(header: "TITLE", inTable: false) { document($0)?.title ?? "" },
        ListingColumn(header: "URL", inTable: false) { document($0)?.url ?? "" },
        ListingColumn(header: "DOCUMENT", inTable: false) { document($0)?.path ?? "" },
    ]
}

/// The date as a person reads it (`week of 24 Feb 2031`); `wide` and `csv` add the TIMEX3 value.
func writtenDate(_ date: TimeValue, of document: DocumentRef) -> String {
    date.written(documentDay: document.dct.day?.description)
}

let claimColumns: [ListingColumn<StoredClaim>] = [
    ListingColumn(header: "DATE") { writtenDate($0.date, of: $0.document) },
    ListingColumn(header: "TIMEX", inTable: false) { $0.date.value },
    ListingColumn(header: "ACTOR", cap: 22) { $0.actor.name },
    ListingColumn(header: "TOPIC", cap: 22) { $0.topic },
    ListingColumn(header: "STANCE", value: { stanceText($0.stance, previous: $0.previousStance) }, style: { stanceStyle($0.stance) }),
    ListingColumn(header: "MODE", inTable: false) { $0.mode.rawValue },
    ListingColumn(header: "CONF", inTable: false) { number($0.confidence) },
    ListingColumn(header: "CUE", inTable: false) { $0.cue },
] + documentColumns { $0.document } + [
    ListingColumn(header: "ID", inTable: false) { "\($0.id)" },
    ListingColumn(header: "TEXT", wraps: true) { $0.text },
]

let eventColumns: [ListingColumn<StoredEvent>] = [
    ListingColumn(header: "DATE") { writtenDate($0.date, of: $0.document) },
    ListingColumn(header: "TIMEX", inTable: false) { $0.date.value },
    ListingColumn(header: "TYPE", cap: 30) { CAMEO.describe($0.type) },
    ListingColumn(header: "ACTORS", cap: 30) { $0.actors.joined(separator: ", ") },
    ListingColumn(header: "TRIGGER", inTable: false) { $0.trigger ?? "" },
] + documentColumns { $0.document } + [
    ListingColumn(header: "ID", inTable: false) { "\($0.id)" },
    ListingColumn(header: "TEXT", wraps: true) { $0.text },
]

let timelineColumns: [ListingColumn<TimelineEntry>] = [
    ListingColumn(header: "DATE") { entry in
        entry.claim.map { writtenDate($0.date, of: $0.document) } ?? entry.event.map { writtenDate($0.date, of: $0.document) } ?? entry.day
    },
    ListingColumn(header: "TIMEX", inTable: false) { $0.claim?.date.value ?? $0.event?.date.value ?? "" },
    ListingColumn(header: "KIND", inTable: false) { $0.kind.rawValue },
    ListingColumn(header: "ACTOR", cap: 22) { $0.claim?.actor.name ?? $0.event?.actors.joined(separator: ", ") ?? "" },
    ListingColumn(header: "WHAT", cap: 24) { $0.claim?.topic ?? $0.event.map { CAMEO.describe($0.type) } ?? "" },
    ListingColumn(header: "STANCE", value: { $0.claim.map { stanceText($0.stance, previous: $0.previousStance) } ?? "" },
                  style: { $0.claim.flatMap { stanceStyle($0.stance) } }),
    ListingColumn(header: "MODE", inTable: false) { $0.claim?.mode.rawValue ?? "" },
    ListingColumn(header: "CONF", inTable: false) { $0.claim.map { number($0.confidence) } ?? "" },
] + documentColumns { $0.claim?.document ?? $0.event?.document } + [
    ListingColumn(header: "ID", inTable: false) { "\($0.claim?.id ?? $0.event?.id ?? 0)" },
    ListingColumn(header: "TEXT", wraps: true) { $0.claim?.text ?? $0.event?.text ?? "" },
]

let changeColumns: [ListingColumn<StanceChange>] = [
    ListingColumn(header: "DATE") { writtenDate($0.to.date, of: $0.to.document) },
    ListingColumn(header: "ACTOR", cap: 22) { $0.actor.name },
    ListingColumn(header: "TOPIC", cap: 22) { $0.topic },
    ListingColumn(header: "FROM", value: { $0.from.stance.rawValue }, style: { stanceStyle($0.from.stance) }),
    ListingColumn(header: "TO", value: { $0.to.stance.rawValue }, style: { stanceStyle($0.to.stance) }),
    ListingColumn(header: "SINCE") { writtenDate($0.from.date, of: $0.from.document) },
    ListingColumn(header: "ID", inTable: false) { "\($0.id)" },
    ListingColumn(header: "FROM_CLAIM", inTable: false) { "\($0.from.id)" },
    ListingColumn(header: "TO_CLAIM", inTable: false) { "\($0.to.id)" },
    ListingColumn(header: "FOUND", inTable: false) { $0.foundAt },
    ListingColumn(header: "TEXT", wraps: true) { $0.to.text },
]

let actorColumns: [ListingColumn<ActorSummary>] = [
    ListingColumn(header: "NAME", cap: 30) { $0.name },
    ListingColumn(header: "KIND") { $0.kind.rawValue },
    ListingColumn(header: "ROLE", cap: 30) { [$0.role, $0.affiliation].compactMap { $0 }.joined(separator: ", ") },
    ListingColumn(header: "CLAIMS") { "\($0.claims)" },
    ListingColumn(header: "EVENTS") { "\($0.events)" },
    ListingColumn(header: "FIRST") { $0.firstDay ?? "" },
    ListingColumn(header: "LAST") { $0.lastDay ?? "" },
    ListingColumn(header: "ALIASES", inTable: false) { $0.aliases.joined(separator: "; ") },
]

let failureColumns: [ListingColumn<FailureRecord>] = [
    ListingColumn(header: "WHEN") { $0.failedAt },
    ListingColumn(header: "ID", inTable: false) { "\($0.id)" },
    ListingColumn(header: "PATH", cap: 40) { $0.path },
    ListingColumn(header: "REASON", wraps: true) { $0.reason },
]

let topicColumns: [ListingColumn<TopicList.Topic>] = [
    ListingColumn(header: "TOPIC") { $0.id },
    ListingColumn(header: "CUES", inTable: false) { $0.cues.joined(separator: "; ") },
    ListingColumn(header: "PROPOSITION (what 'support' agrees with)", wraps: true) { $0.proposition },
]
