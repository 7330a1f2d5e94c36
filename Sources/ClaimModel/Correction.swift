/// A person's correction of what extraction made, kept as an override: applied to every
/// extraction and re-extraction of the documents it concerns, so that it survives a better
/// lexicon or model, and undoable.
public struct Correction: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// `subject` (an actor's name) is the actor named `value`: its claims and events are his.
        case merge
        /// The actor `subject` is called `value` from now on.
        case rename
        /// `value` is another name of the actor `subject`: text that names it means that actor.
        case alias
        /// The claim `subject` (see ``ClaimKey``) is wrong: it is not stored.
        case reject
        /// The claim `subject` is stored with the topic, stance or actor given.
        case set
    }

    public var id: Int64
    public var kind: Kind
    /// An actor's name, or a claim's ``ClaimKey`` text.
    public var subject: String
    /// The other actor's name, the new name or the alias; nil for reject and set.
    public var value: String?
    /// For `set`: what the claim is to hold.
    public var topic: String?
    public var stance: Stance?
    public var actor: String?
    public var reason: String?
    /// Who made it: the API peer's credentials.
    public var madeBy: Submitter?
    /// ISO 8601, UTC.
    public var madeAt: String

    public init(id: Int64 = 0, kind: Kind, subject: String, value: String? = nil, topic: String? = nil, stance: Stance? = nil,
                actor: String? = nil, reason: String? = nil, madeBy: Submitter? = nil, madeAt: String = "") {
        self.id = id
        self.kind = kind
        self.subject = subject
        self.value = value
        self.topic = topic
        self.stance = stance
        self.actor = actor
        self.reason = reason
        self.madeBy = madeBy
        self.madeAt = madeAt
    }

    /// One line saying what it does.
    public var summary: String {
        switch kind {
        case .merge: "merge \(subject) into \(value ?? "?")"
        case .rename: "rename \(subject) to \(value ?? "?")"
        case .alias: "\(value ?? "?") is another name of \(subject)"
        case .reject: "reject claim \(subject)"
        case .set: "set claim \(subject): " + [topic.map { "topic \($0)" }, stance.map { "stance \($0.rawValue)" }, actor.map { "actor \($0)" }]
            .compactMap { $0 }.joined(separator: ", ")
        }
    }
}

/// A claim as a correction names it: its document, where its evidence is in the text and the
/// topic extraction gave it, which stay the same when the document is extracted again (ids
/// do not). A better lexicon that reads the same words as another topic makes another claim,
/// which a rejection of the misread one must not take.
public struct ClaimKey: Hashable, Sendable, CustomStringConvertible {
    public var sha256: String
    public var start: Int
    public var end: Int
    public var topic: String

    public init(sha256: String, start: Int, end: Int, topic: String) {
        self.sha256 = sha256
        self.start = start
        self.end = end
        self.topic = topic
    }

    /// `SHA256:START-END:TOPIC`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 2)
        guard parts.count == 3 else { return nil }
        let span = parts[1].split(separator: "-")
        guard span.count == 2, let start = Int(span[0]), let end = Int(span[1]) else { return nil }
        self.init(sha256: String(parts[0]), start: start, end: end, topic: String(parts[2]))
    }

    public var description: String { "\(sha256):\(start)-\(end):\(topic)" }
}

/// The corrections in force, applied to an extraction before it is stored.
public struct Corrections: Sendable {
    public let all: [Correction]
    /// Actor names (lower-cased) and the name each stands for after merges, renames and aliases.
    private var names: [String: String] = [:]
    private var claims: [ClaimKey: [Correction]] = [:]

    public init(_ corrections: [Correction]) {
        all = corrections
        for correction in corrections {
            switch correction.kind {
            case .merge, .rename:
                if let value = correction.value { names[correction.subject.lowercased()] = value }
            case .alias:
                if let value = correction.value { names[value.lowercased()] = correction.subject }
            case .reject, .set:
                if let key = ClaimKey(correction.subject) { claims[key, default: []].append(correction) }
            }
        }
    }

    public var isEmpty: Bool { all.isEmpty }

    /// The name `name` stands for once every actor correction is followed (a chain of renames
    /// ends at the last; a cycle, which undoing can leave, at the first name seen twice).
    public func actorName(_ name: String) -> String {
        var current = name
        var seen: Set<String> = [name.lowercased()]
        while let next = names[current.lowercased()], seen.insert(next.lowercased()).inserted { current = next }
        return current
    }

    /// `extraction` of the document `sha256` as the corrections have it.
    public func apply(to extraction: Extraction, sha256: String) -> Extraction {
        guard !isEmpty else { return extraction }
        var corrected = extraction
        corrected.claims = extraction.claims.compactMap { claim in
            var claim = claim
            for correction in claims[ClaimKey(sha256: sha256, start: claim.start, end: claim.end, topic: claim.topic)] ?? [] {
                switch correction.kind {
                case .reject: return nil
                case .set:
                    claim.topic = correction.topic ?? claim.topic
                    claim.stance = correction.stance ?? claim.stance
                    if let actor = correction.actor { claim.actor = ActorRef(name: actor, kind: claim.actor.kind) }
                default: break
                }
            }
            claim.actor.name = actorName(claim.actor.name)
            return claim
        }
        corrected.events = extraction.events.map { event in
            var event = event
            var names: [String] = []
            for name in event.actors.map(actorName) where !names.contains(name) { names.append(name) }
            event.actors = names
            return event
        }
        corrected.actors = extraction.actors.map { actor in
            var actor = actor
            actor.name = actorName(actor.name)
            return actor
        }
        return corrected
    }
}
