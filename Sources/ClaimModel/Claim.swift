/// What kind of thing an actor is.
public enum ActorKind: String, Codable, Sendable, Hashable, CaseIterable {
    case person, organisation, country, group
}

/// An actor as named in a claim or an event: canonical name plus what the text told about it.
public struct ActorRef: Codable, Sendable, Hashable {
    public var name: String
    public var kind: ActorKind
    /// "President", "foreign minister", … when the text gives one.
    public var role: String?
    /// The country or body the actor belongs to ("Lithuania", "European Union").
    public var affiliation: String?

    public init(name: String, kind: ActorKind, role: String? = nil, affiliation: String? = nil) {
        self.name = name
        self.kind = kind
        self.role = role
        self.affiliation = affiliation
    }
}

/// A position relative to a topic's proposition (see the taxonomy in `Config/topics.toml`).
public enum Stance: String, Codable, Sendable, Hashable, CaseIterable {
    case support, oppose, conditional, neutral
}

/// How a claim was attributed to its actor.
public enum AttributionMode: String, Codable, Sendable, Hashable, CaseIterable {
    /// A direct quotation.
    case direct
    /// Reported speech: "X said that …".
    case indirect
    /// A position reported without a speech act: "NATO members have rebuffed calls for …".
    case reported
}

/// A stance claim: who holds which position on which topic, when, and the evidence for it.
public struct Claim: Codable, Sendable, Hashable {
    public var actor: ActorRef
    /// A topic id from the taxonomy, such as `security-guarantees`.
    public var topic: String
    public var stance: Stance
    public var mode: AttributionMode
    /// The word that attributes the claim ("said", "insisted", "according to").
    public var cue: String
    /// The quote or clause that carries the claim.
    public var text: String
    /// When the actor stated or held the position.
    public var date: TimeValue
    /// Evidence span, in Unicode scalars of the document text (end exclusive).
    public var start: Int
    public var end: Int
    /// How likely the claim is right, in [0, 1].
    public var confidence: Double
    /// What found the claim (named features of the confidence model), for reading the confidence;
    /// not stored.
    public var signals: [String: Double]

    public init(actor: ActorRef, topic: String, stance: Stance, mode: AttributionMode, cue: String, text: String,
                date: TimeValue, start: Int, end: Int, confidence: Double, signals: [String: Double] = [:]) {
        self.actor = actor
        self.topic = topic
        self.stance = stance
        self.mode = mode
        self.cue = cue
        self.text = text
        self.date = date
        self.start = start
        self.end = end
        self.confidence = confidence
        self.signals = signals
    }
}

extension Claim {
    /// The claim dated no later than `documentDay`: a claim's date is when its position was
    /// stated, which cannot be after the article that reports it. A later date the text
    /// attached to it ("will hold through 2031") is the position's horizon, not its statement:
    /// the claim is dated by its document instead. (Events may lie ahead: they are scheduled.)
    public func stated(notAfter documentDay: CalendarDay) -> Claim {
        guard let first = date.firstDay, first > documentDay else { return self }
        var claim = self
        claim.date = TimeValue(day: documentDay)
        return claim
    }
}
