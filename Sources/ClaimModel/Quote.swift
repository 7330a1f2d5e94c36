/// A span of the document text with the text it covers.
public struct TextSpan: Codable, Sendable, Hashable {
    public var text: String
    public var start: Int
    public var end: Int

    public init(text: String, start: Int, end: Int) {
        self.text = text
        self.start = start
        self.end = end
    }
}

/// The speaker of an attribution: the resolved actor name, and the span of the mention
/// that names it (a pronoun's own span when the speaker is "he").
public struct Speaker: Codable, Sendable, Hashable {
    public var name: String
    public var start: Int?
    public var end: Int?

    public init(name: String, start: Int? = nil, end: Int? = nil) {
        self.name = name
        self.start = start
        self.end = end
    }
}

/// One attribution (direct quote or reported speech), whether or not it yields a claim:
/// the who-said-what record behind the claims.
public struct Quote: Codable, Sendable, Hashable {
    public var speaker: Speaker
    public var cue: TextSpan
    public var content: TextSpan
    public var mode: AttributionMode

    public init(speaker: Speaker, cue: TextSpan, content: TextSpan, mode: AttributionMode) {
        self.speaker = speaker
        self.cue = cue
        self.content = content
        self.mode = mode
    }
}
