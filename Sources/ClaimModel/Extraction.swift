/// Everything extracted from one document's text.
public struct Extraction: Codable, Sendable, Hashable {
    public var timexes: [Timex]
    public var events: [Event]
    public var claims: [Claim]
    public var quotes: [Quote]
    /// Every actor recognised in the text (gazetteer entries and discovered ones).
    public var actors: [ActorRef]

    public init(timexes: [Timex] = [], events: [Event] = [], claims: [Claim] = [], quotes: [Quote] = [], actors: [ActorRef] = []) {
        self.timexes = timexes
        self.events = events
        self.claims = claims
        self.quotes = quotes
        self.actors = actors
    }
}
