/// A dated event: something that happened (or will) to or between actors.
public struct Event: Codable, Sendable, Hashable {
    public var date: TimeValue
    /// The two-digit CAMEO root code ("01" public statement … "04" consult … "19" fight), or "other".
    public var type: String
    /// Canonical names of the actors taking part.
    public var actors: [String]
    /// The sentence or clause that reports the event.
    public var text: String
    /// The verb or noun that triggered the event ("attended", "met", "invasion").
    public var trigger: String?
    public var start: Int
    public var end: Int

    public init(date: TimeValue, type: String, actors: [String], text: String, trigger: String? = nil, start: Int, end: Int) {
        self.date = date
        self.type = type
        self.actors = actors
        self.text = text
        self.trigger = trigger
        self.start = start
        self.end = end
    }
}
