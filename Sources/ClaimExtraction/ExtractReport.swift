import ClaimModel

/// The JSON object `claimd extract` prints for one document (the contract of the eval FORMAT.md).
public struct ExtractReport: Codable, Sendable {
    public struct DocumentInfo: Codable, Sendable {
        public var path: String
        public var sha256: String
        public var format: DocumentFormat
        public var title: String?
        public var dct: DocumentDate
    }

    public var document: DocumentInfo
    public var timexes: [Timex]
    public var events: [Event]
    public var claims: [Claim]
    public var quotes: [Quote]
    public var actors: [ActorRef]

    public init(path: String, sha256: String, article: DecodedArticle, dct: DocumentDate, extraction: Extraction) {
        self.document = DocumentInfo(path: path, sha256: sha256, format: article.format, title: article.title, dct: dct)
        self.timexes = extraction.timexes
        self.events = extraction.events
        self.claims = extraction.claims
        self.quotes = extraction.quotes
        self.actors = extraction.actors
    }
}
