import ClaimModel

/// Which claims and events a query wants. Every field is optional; an empty filter matches all.
public struct TimelineFilter: Sendable, Hashable {
    /// A canonical name, an alias or a surname ("Zelensky"), case-insensitive.
    public var actor: String?
    /// A topic id such as `ceasefire`.
    public var topic: String?
    public var stance: Stance?
    /// First and last day (inclusive) the claim or event may fall on.
    public var since: CalendarDay?
    public var until: CalendarDay?
    public var minConfidence: Double?
    /// Full-text search over the claim text (FTS5, porter stemming; every word must match).
    public var text: String?
    /// At most this many rows: the most recent ones, returned oldest first.
    public var limit: Int
    /// Only rows before this position in timeline order (a page's cursor): the page before
    /// one that ended there.
    public var before: TimelinePosition?

    public init(actor: String? = nil, topic: String? = nil, stance: Stance? = nil, since: CalendarDay? = nil,
                until: CalendarDay? = nil, minConfidence: Double? = nil, text: String? = nil, limit: Int = 100,
                before: TimelinePosition? = nil) {
        self.actor = actor
        self.topic = topic
        self.stance = stance
        self.since = since
        self.until = until
        self.minConfidence = minConfidence
        self.text = text
        self.limit = limit
        self.before = before
    }
}

/// What happened to a document handed to ``TimelineStore/ingest(_:extraction:aliases:at:)``.
public enum IngestOutcome: Sendable {
    /// Stored in one transaction; the claims carry their new ids and any stance change. `changes`
    /// are every stance change the document made: its own claims', and those of claims after
    /// them whose previous claim it now is (an older article arriving late).
    case stored(document: DocumentRef, claims: [StoredClaim], events: [StoredEvent], changes: [StanceChange])
    /// The same content (sha256) was stored before; nothing was written.
    case duplicate(of: DocumentRef)
}
