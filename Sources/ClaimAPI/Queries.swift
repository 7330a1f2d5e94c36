import ClaimModel

/// The filters of a listing (`timeline`, `claims`, `search`, `events`), as query parameters.
/// The daemon parses a request into one, and clients build their requests from one, so both
/// sides agree on names, formats and limits.
public struct ListingQuery: Sendable, Hashable {
    /// A full name, an alias or a surname.
    public var actor: String?
    /// A topic id from `GET /v1/topics`.
    public var topic: String?
    public var stance: Stance?
    /// First and last day, inclusive: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a partial `until`
    /// means its last day).
    public var since: CalendarDay?
    public var until: CalendarDay?
    public var minConfidence: Double?
    /// Words every matching claim's text holds (full-text, stemmed).
    public var q: String?
    public var limit: Int?
    public var cursor: PageCursor?

    public init(actor: String? = nil, topic: String? = nil, stance: Stance? = nil, since: CalendarDay? = nil, until: CalendarDay? = nil,
                minConfidence: Double? = nil, q: String? = nil, limit: Int? = nil, cursor: PageCursor? = nil) {
        self.actor = actor
        self.topic = topic
        self.stance = stance
        self.since = since
        self.until = until
        self.minConfidence = minConfidence
        self.q = q
        self.limit = limit
        self.cursor = cursor
    }

    /// Rows a page holds when no `limit` is given: the most recent page, like `journalctl -n`.
    public static let defaultLimit = 100
    /// The most a page may hold.
    public static let maximumLimit = 100_000

    /// Parses a request's parameters for `route`, refusing unknown names and malformed values.
    public init(parameters: some Sequence<(String, String)>, for route: Route) throws(APIError) {
        self.init()
        for (key, value) in parameters {
            guard let name = QueryKey(rawValue: key), route.parameters.contains(name) else {
                throw Self.unknown(key, route: route)
            }
            guard !value.isEmpty else { continue }
            switch name {
            case .actor: actor = value
            case .topic: topic = value
            case .q: q = value
            case .stance:
                guard let stance = Stance(rawValue: value) else {
                    throw .badRequest("stance must be one of \(Stance.allCases.map(\.rawValue).joined(separator: ", ")), got '\(value)'")
                }
                self.stance = stance
            case .since: since = try Self.day(value, name: "since", atEnd: false)
            case .until: until = try Self.day(value, name: "until", atEnd: true)
            case .minConfidence:
                guard let number = Double(value), (0...1).contains(number) else { throw .badRequest("minConfidence must be a number in [0, 1]") }
                minConfidence = number
            case .limit: limit = try Self.limit(value)
            case .cursor: cursor = try Self.cursor(value)
            default: throw Self.unknown(key, route: route)
            }
        }
    }

    /// The query items of this filter, for building a request.
    public var items: [(QueryKey, String?)] {
        [(.actor, actor), (.topic, topic), (.stance, stance?.rawValue), (.since, since?.description), (.until, until?.description),
         (.minConfidence, minConfidence.map { "\($0)" }), (.q, q), (.limit, limit.map { "\($0)" }), (.cursor, cursor?.token)]
    }

    public static func unknown(_ key: String, route: Route) -> APIError {
        .badRequest("unknown parameter '\(key)'; \(route) takes "
            + (route.parameters.isEmpty ? "none" : route.parameters.map(\.rawValue).joined(separator: ", ")))
    }

    public static func limit(_ value: String) throws(APIError) -> Int {
        guard let number = Int(value), (1...maximumLimit).contains(number) else { throw .badRequest("limit must be 1…\(maximumLimit), got '\(value)'") }
        return number
    }

    public static func cursor(_ value: String) throws(APIError) -> PageCursor {
        guard let cursor = PageCursor(token: value) else { throw .badRequest("cursor '\(value)' is not one this API gave out") }
        return cursor
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a partial day `atEnd` means the last day it covers.
    public static func day(_ text: String, name: String, atEnd: Bool) throws(APIError) -> CalendarDay {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let digits = parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        let widths = parts.dropFirst().allSatisfy { $0.count == 2 }
        guard digits, widths, parts.count <= 3, parts.first?.count == 4, let first = CalendarDay.firstDay(ofTimexValue: text),
              parts.count < 3 || CalendarDay(text) != nil else {
            throw .badRequest("\(name) must be YYYY, YYYY-MM or YYYY-MM-DD, got '\(text)'")
        }
        guard atEnd else { return first }
        switch parts.count {
        case 1: return CalendarDay(year: first.year, month: 12, day: 31)!
        case 2: return first.adding(months: 1).adding(days: -1)
        default: return first
        }
    }
}

/// The parameters of `GET /v1/actors` and `GET /v1/failures`.
public struct ListQuery: Sendable, Hashable {
    /// Actors only: a name, alias or surname.
    public var name: String?
    public var limit: Int?
    public var cursor: PageCursor?

    public init(name: String? = nil, limit: Int? = nil, cursor: PageCursor? = nil) {
        self.name = name
        self.limit = limit
        self.cursor = cursor
    }

    /// Actors and failures are short lists: a page holds 1000 unless `limit` asks otherwise.
    public static let defaultLimit = 1000

    public init(parameters: some Sequence<(String, String)>, for route: Route) throws(APIError) {
        self.init()
        for (key, value) in parameters {
            guard let name = QueryKey(rawValue: key), route.parameters.contains(name) else {
                throw ListingQuery.unknown(key, route: route)
            }
            guard !value.isEmpty else { continue }
            switch name {
            case .name: self.name = value
            case .limit: limit = try ListingQuery.limit(value)
            case .cursor: cursor = try ListingQuery.cursor(value)
            default: throw ListingQuery.unknown(key, route: route)
            }
        }
    }

    public var items: [(QueryKey, String?)] { [(.name, name), (.limit, limit.map { "\($0)" }), (.cursor, cursor?.token)] }
}

/// The parameters of `POST /v1/documents`: the document date and where the article came from.
public struct DocumentQuery: Sendable, Hashable {
    public var dct: CalendarDay?
    /// The name it is stored and journaled under (`document` if none).
    public var name: String?
    /// Where the article was published, its headline and its outlet, when the client knows
    /// them better than the text says.
    public var url: String?
    public var title: String?
    public var source: String?

    public init(dct: CalendarDay? = nil, name: String? = nil, url: String? = nil, title: String? = nil, source: String? = nil) {
        self.dct = dct
        self.name = name
        self.url = url
        self.title = title
        self.source = source
    }

    public init(parameters: some Sequence<(String, String)>) throws(APIError) {
        self.init()
        for (key, value) in parameters {
            guard let name = QueryKey(rawValue: key), Route.documents.parameters.contains(name) else {
                throw ListingQuery.unknown(key, route: .documents)
            }
            guard !value.isEmpty else { continue }
            switch name {
            case .dct:
                // A misspelt dct would date the document wrongly for good: the content is stored once.
                guard let day = CalendarDay(value) else { throw .badRequest("dct must be YYYY-MM-DD, got '\(value)'") }
                dct = day
            case .name: self.name = value
            case .url: url = value
            case .title: title = value
            case .source: source = value
            default: throw ListingQuery.unknown(key, route: .documents)
            }
        }
    }

    public var items: [(QueryKey, String?)] {
        [(.name, name), (.dct, dct?.description), (.url, url), (.title, title), (.source, source)]
    }
}

/// The parameters of the routes that act on stored documents (`redate`, `forget`,
/// `reprocess`): which documents (a document id, a sha256 or 8+ digits of one, or the stored
/// file's path or name; `document` may repeat for reprocess), and the date or range.
public struct DocumentActionQuery: Sendable, Hashable {
    public var documents: [String] = []
    public var dct: CalendarDay?
    public var since: CalendarDay?
    public var all = false

    public init(documents: [String] = [], dct: CalendarDay? = nil, since: CalendarDay? = nil, all: Bool = false) {
        self.documents = documents
        self.dct = dct
        self.since = since
        self.all = all
    }

    public init(parameters: some Sequence<(String, String)>, for route: Route) throws(APIError) {
        self.init()
        for (key, value) in parameters {
            guard let name = QueryKey(rawValue: key), route.parameters.contains(name) else { throw ListingQuery.unknown(key, route: route) }
            guard !value.isEmpty else { continue }
            switch name {
            case .document: documents.append(value)
            case .dct:
                guard let day = CalendarDay(value) else { throw .badRequest("dct must be YYYY-MM-DD, got '\(value)'") }
                dct = day
            case .since: since = try ListingQuery.day(value, name: "since", atEnd: false)
            case .all:
                guard let flag = Bool(value) else { throw .badRequest("all must be true or false, got '\(value)'") }
                all = flag
            default: throw ListingQuery.unknown(key, route: route)
            }
        }
    }

    public var items: [(QueryKey, String?)] {
        documents.map { (QueryKey.document, $0) } + [(.dct, dct?.description), (.since, since?.description), (.all, all ? "true" : nil)]
    }
}

/// The parameters of `POST /v1/corrections`: what kind, of what (`subject`: an actor's name,
/// repeatable for a merge, or a claim's id), and to what.
public struct CorrectionQuery: Sendable, Hashable {
    public var kind: Correction.Kind?
    public var subjects: [String] = []
    public var value: String?
    public var topic: String?
    public var stance: Stance?
    public var actor: String?
    public var reason: String?

    public init(kind: Correction.Kind? = nil, subjects: [String] = [], value: String? = nil, topic: String? = nil, stance: Stance? = nil,
                actor: String? = nil, reason: String? = nil) {
        self.kind = kind
        self.subjects = subjects
        self.value = value
        self.topic = topic
        self.stance = stance
        self.actor = actor
        self.reason = reason
    }

    public init(parameters: some Sequence<(String, String)>) throws(APIError) {
        self.init()
        for (key, value) in parameters {
            guard let name = QueryKey(rawValue: key), Route.correct.parameters.contains(name) else { throw ListingQuery.unknown(key, route: .correct) }
            guard !value.isEmpty else { continue }
            switch name {
            case .kind:
                guard let kind = Correction.Kind(rawValue: value) else {
                    throw .badRequest("kind must be one of \(Correction.Kind.allCases.map(\.rawValue).joined(separator: ", ")), got '\(value)'")
                }
                self.kind = kind
            case .subject: subjects.append(value)
            case .value: self.value = value
            case .topic: topic = value
            case .stance:
                guard let stance = Stance(rawValue: value) else { throw .badRequest("stance must be one of \(Stance.allCases.map(\.rawValue).joined(separator: ", "))") }
                self.stance = stance
            case .actor: actor = value
            case .reason: reason = value
            default: throw ListingQuery.unknown(key, route: .correct)
            }
        }
    }

    public var items: [(QueryKey, String?)] {
        [(.kind, kind?.rawValue)] + subjects.map { (QueryKey.subject, $0) }
            + [(.value, value), (.topic, topic), (.stance, stance?.rawValue), (.actor, actor), (.reason, reason)]
    }
}
