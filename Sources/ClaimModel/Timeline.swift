/// The document a stored claim or event came from.
public struct DocumentRef: Codable, Sendable, Hashable {
    public var id: Int64
    public var sha256: String
    public var path: String
    public var title: String?
    public var dct: DocumentDate
    /// Where the article was published, when known.
    public var url: String?
    /// The outlet that published it ("Reuters", "The Kyiv Independent"), when known.
    public var source: String?

    public init(id: Int64, sha256: String, path: String, title: String?, dct: DocumentDate, url: String? = nil, source: String? = nil) {
        self.id = id
        self.sha256 = sha256
        self.path = path
        self.title = title
        self.dct = dct
        self.url = url
        self.source = source
    }
}

/// A claim as stored in the timeline, with where it came from.
public struct StoredClaim: Codable, Sendable, Hashable {
    public var id: Int64
    public var actor: ActorRef
    public var topic: String
    public var stance: Stance
    public var mode: AttributionMode
    public var cue: String
    public var text: String
    public var date: TimeValue
    /// The first day `date` covers (`YYYY-MM-DD`), the key a timeline is ordered by.
    public var day: String
    public var confidence: Double
    public var start: Int
    public var end: Int
    public var document: DocumentRef
    /// The stance this actor last held on the topic, when this claim changed it.
    public var previousStance: Stance?

    public init(id: Int64, actor: ActorRef, topic: String, stance: Stance, mode: AttributionMode, cue: String, text: String,
                date: TimeValue, day: String, confidence: Double, start: Int, end: Int, document: DocumentRef, previousStance: Stance? = nil) {
        self.id = id
        self.actor = actor
        self.topic = topic
        self.stance = stance
        self.mode = mode
        self.cue = cue
        self.text = text
        self.date = date
        self.day = day
        self.confidence = confidence
        self.start = start
        self.end = end
        self.document = document
        self.previousStance = previousStance
    }
}

/// An event as stored in the timeline.
public struct StoredEvent: Codable, Sendable, Hashable {
    public var id: Int64
    public var type: String
    public var trigger: String?
    public var text: String
    public var date: TimeValue
    public var day: String
    public var actors: [String]
    public var start: Int
    public var end: Int
    public var document: DocumentRef

    public init(id: Int64, type: String, trigger: String?, text: String, date: TimeValue, day: String, actors: [String],
                start: Int, end: Int, document: DocumentRef) {
        self.id = id
        self.type = type
        self.trigger = trigger
        self.text = text
        self.date = date
        self.day = day
        self.actors = actors
        self.start = start
        self.end = end
        self.document = document
    }
}

/// One line of a timeline: a claim or an event, on a day.
public struct TimelineEntry: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable { case claim, event }

    public var kind: Kind
    public var day: String
    public var claim: StoredClaim?
    public var event: StoredEvent?

    public static func claim(_ claim: StoredClaim) -> TimelineEntry { .init(kind: .claim, day: claim.day, claim: claim, event: nil) }
    public static func event(_ event: StoredEvent) -> TimelineEntry { .init(kind: .event, day: event.day, claim: nil, event: event) }
}

/// An actor known to the store, with how much the timeline holds about it.
public struct ActorSummary: Codable, Sendable, Hashable {
    public var name: String
    public var kind: ActorKind
    public var role: String?
    public var affiliation: String?
    public var aliases: [String]
    public var claims: Int
    public var events: Int
    public var firstDay: String?
    public var lastDay: String?

    public init(name: String, kind: ActorKind, role: String?, affiliation: String?, aliases: [String], claims: Int, events: Int,
                firstDay: String?, lastDay: String?) {
        self.name = name
        self.kind = kind
        self.role = role
        self.affiliation = affiliation
        self.aliases = aliases
        self.claims = claims
        self.events = events
        self.firstDay = firstDay
        self.lastDay = lastDay
    }
}

/// How much the store holds.
public struct StoreCounts: Codable, Sendable, Hashable {
    public var documents: Int
    public var claims: Int
    public var events: Int
    public var actors: Int
    public var failed: Int
    public var stanceChanges: Int

    public init(documents: Int, claims: Int, events: Int, actors: Int, failed: Int, stanceChanges: Int) {
        self.documents = documents
        self.claims = claims
        self.events = events
        self.actors = actors
        self.failed = failed
        self.stanceChanges = stanceChanges
    }
}

/// An input that could not be ingested, and why.
public struct FailureRecord: Codable, Sendable, Hashable {
    public var id: Int64
    public var path: String
    public var reason: String
    /// When it failed, ISO 8601 (UTC).
    public var failedAt: String

    public init(id: Int64, path: String, reason: String, failedAt: String) {
        self.id = id
        self.path = path
        self.reason = reason
        self.failedAt = failedAt
    }
}

/// Where a row sits in a timeline's order: by day, then events before claims, then by id.
/// A page of a listing is the rows before a position (see `TimelineFilter.before`).
public struct TimelinePosition: Sendable, Hashable {
    public var day: String
    public var kind: TimelineEntry.Kind
    public var id: Int64

    public init(day: String, kind: TimelineEntry.Kind, id: Int64) {
        self.day = day
        self.kind = kind
        self.id = id
    }

    public init(_ claim: StoredClaim) { self.init(day: claim.day, kind: .claim, id: claim.id) }
    public init(_ event: StoredEvent) { self.init(day: event.day, kind: .event, id: event.id) }
    public init(_ entry: TimelineEntry) {
        self.init(day: entry.day, kind: entry.kind, id: entry.claim?.id ?? entry.event?.id ?? 0)
    }
}

/// Where a page of the actor list ends: actors are listed by claims, then events (most first),
/// then name.
public struct ActorPosition: Sendable, Hashable {
    public var claims: Int
    public var events: Int
    public var name: String

    public init(claims: Int, events: Int, name: String) {
        self.claims = claims
        self.events = events
        self.name = name
    }
}

/// A change of an actor's stance on a topic: a claim (`to`) whose stance differs from that of
/// its previous claim (`from`), the actor's latest earlier claim on the topic in another
/// article (by day, then id). An article that arrives late can make a change in the past, or
/// split one in two; each change found is a new one, with both its claims.
public struct StanceChange: Codable, Sendable, Hashable {
    public var id: Int64
    public var actor: ActorRef
    public var topic: String
    /// The earlier claim, holding the stance given up.
    public var from: StoredClaim
    /// The later claim, holding the stance taken.
    public var to: StoredClaim
    /// When claimd found it (ISO 8601, UTC): the change itself happened on `to`'s day.
    public var foundAt: String

    public init(id: Int64, actor: ActorRef, topic: String, from: StoredClaim, to: StoredClaim, foundAt: String) {
        self.id = id
        self.actor = actor
        self.topic = topic
        self.from = from
        self.to = to
        self.foundAt = foundAt
    }
}
