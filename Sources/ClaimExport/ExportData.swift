import ClaimModel

/// What an export holds: the claims and events a filter selected, oldest first.
public struct ExportData: Sendable {
    public var claims: [StoredClaim]
    public var events: [StoredEvent]

    public init(claims: [StoredClaim], events: [StoredEvent]) {
        self.claims = claims.sorted { ($0.day, $0.id) < ($1.day, $1.id) }
        self.events = events.sorted { ($0.day, $0.id) < ($1.day, $1.id) }
    }

    /// Every actor named, by how many claims and events they have (most first), then name.
    public var actors: [String] {
        var counts: [String: Int] = [:]
        for claim in claims { counts[claim.actor.name, default: 0] += 1 }
        for event in events { for actor in event.actors { counts[actor, default: 0] += 1 } }
        return counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key)
    }

    public var topics: [String] { Array(Set(claims.map(\.topic))).sorted() }
}

/// The outlet and headline of a document, as one line: what a reader needs to find it.
func sourceLine(_ document: DocumentRef) -> String {
    [document.source, document.title].compactMap { $0 }.joined(separator: " — ")
}
