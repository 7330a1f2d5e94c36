import ClaimModel
import ClaimStore
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// `GET /v1/status`: what the daemon holds and where its files are.
public struct DaemonStatus: Codable, Sendable {
    public var version: String
    public var pid: Int32
    public var uptimeSeconds: Double
    public var inbox: String
    public var store: String
    public var socket: String
    public var stateDirectory: String
    public var documents: Int
    public var claims: Int
    public var events: Int
    public var actors: Int
    public var failed: Int
    public var queued: Int
    public var stanceChanges: Int
}

/// A JSON error body: `{"error": "not-found", "message": "…"}`.
public struct APIError: Error, Codable, Sendable {
    public var error: String
    public var message: String
    var status: HTTPResponse.Status { APIError.statuses[error] ?? .internalServerError }

    static let statuses: [String: HTTPResponse.Status] = [
        "bad-request": .badRequest, "forbidden": .forbidden, "not-found": .notFound, "method-not-allowed": .methodNotAllowed,
        "request-timeout": .requestTimeout, "payload-too-large": .contentTooLarge, "unprocessable": .unprocessableContent,
        "internal": .internalServerError, "unavailable": .serviceUnavailable,
    ]

    static func badRequest(_ message: String) -> APIError { .init(error: "bad-request", message: message) }
    static func unprocessable(_ message: String) -> APIError { .init(error: "unprocessable", message: message) }
}

/// What the router hands each route: the request's logger, and who sent it.
public struct ControlContext: RequestContext {
    public struct Source: RequestContextSource {
        public var logger: Logger
        public var peer: PeerCredentials?
    }

    public var coreContext: CoreRequestContextStorage
    /// The peer's credentials, read from the socket; nil only if the kernel would not say.
    public var peer: PeerCredentials?

    public init(source: Source) {
        coreContext = .init(source: source)
        peer = source.peer
    }
}

/// The control API served on the Unix socket: HTTP/1.1 with JSON bodies.
public struct ControlAPI: Sendable {
    public static let version = "0.1.0"

    let settings: Settings
    let store: TimelineStore
    let pipeline: IngestPipeline
    let access: AccessPolicy
    let reloader: LexiconReloader?
    let started: Date

    public init(settings: Settings, store: TimelineStore, pipeline: IngestPipeline, access: AccessPolicy,
                reloader: LexiconReloader? = nil, started: Date = Date()) {
        self.settings = settings
        self.store = store
        self.pipeline = pipeline
        self.access = access
        self.reloader = reloader
        self.started = started
    }

    /// One route: its method and path, the right it takes, and the small function that answers it.
    struct Route: Sendable {
        var method: HTTPRequest.Method
        var path: String
        var right: AccessPolicy.Right
        var handle: @Sendable (Request, ControlContext) async throws -> Response
    }

    /// Every route of the API.
    var routes: [Route] {
        [
            Route(method: .get, path: "/v1/status", right: .read) { _, _ in try json(status()) },
            Route(method: .get, path: "/v1/timeline", right: .read) { request, _ in
                try listing { $0.write(try store.timeline(try filter(request.uri))) }
            },
            Route(method: .get, path: "/v1/claims", right: .read) { request, _ in
                try listing { $0.write(try store.claims(try filter(request.uri))) }
            },
            Route(method: .get, path: "/v1/events", right: .read) { request, _ in
                try listing { $0.write(try store.events(try filter(request.uri, allowing: ["actor", "since", "until", "limit"]))) }
            },
            Route(method: .get, path: "/v1/search", right: .read) { request, _ in try listing { $0.write(try search(request.uri)) } },
            Route(method: .get, path: "/v1/actors", right: .read) { request, _ in try json(actors(request.uri)) },
            Route(method: .get, path: "/v1/failures", right: .read) { request, _ in try json(failures(request.uri)) },
            Route(method: .post, path: "/v1/documents", right: .ingest) { request, context in try await ingest(request, context: context) },
            Route(method: .post, path: "/v1/reload", right: .administer) { request, _ in try reload(request) },
        ]
    }

    /// The router: the routes above behind the access check, every error as JSON.
    public func router() -> Router<ControlContext> {
        let router = Router(context: ControlContext.self)
        let routes = self.routes
        router.add(middleware: JSONErrorMiddleware(routes: routes.map { ($0.method, $0.path) }))
        for route in routes {
            let access = self.access
            router.on(RouterPath(route.path), method: route.method) { request, context in
                if let refusal = access.refusal(of: route.right, to: context.peer) {
                    context.logger.warning("Refused \(request.method) \(request.uri.path) from uid \(context.peer.map { "\($0.uid)" } ?? "?"): \(refusal)",
                                           metadata: [
                                               JournalField.peerUID: "\(context.peer.map { "\($0.uid)" } ?? "")",
                                               JournalField.peerPID: "\(context.peer.map { "\($0.pid)" } ?? "")",
                                               JournalField.reason: "\(refusal)",
                                           ])
                    throw APIError(error: "forbidden", message: refusal)
                }
                return try await route.handle(request, context)
            }
        }
        return router
    }

    func status() throws -> DaemonStatus {
        let counts = try store.counts()
        return DaemonStatus(
            version: Self.version, pid: getpid(), uptimeSeconds: Date().timeIntervalSince(started),
            inbox: absolute(settings.inboxPath), store: absolute(settings.storePath), socket: absolute(settings.socketPath),
            stateDirectory: absolute(settings.stateDirectory), documents: counts.documents, claims: counts.claims,
            events: counts.events, actors: counts.actors, failed: counts.failed, queued: pipeline.queued,
            stanceChanges: counts.stanceChanges)
    }

    func search(_ uri: URI) throws -> [StoredClaim] {
        var query = try filter(uri)
        guard let text = query.text ?? uri.queryParameters["q"].map(String.init), !text.isEmpty else {
            throw APIError.badRequest("search needs q=WORDS")
        }
        query.text = text
        return try store.claims(query)
    }

    func actors(_ uri: URI) throws -> [ActorSummary] {
        let parameters = uri.queryParameters
        try rejectUnknown(parameters, allowing: ["name", "limit"])
        return try store.actors(matching: parameters["name"].map(String.init), limit: try limit(parameters["limit"], default: defaultListSize))
    }

    func failures(_ uri: URI) throws -> [FailureRecord] {
        let parameters = uri.queryParameters
        try rejectUnknown(parameters, allowing: ["limit"])
        return try store.failures(limit: try limit(parameters["limit"], default: defaultListSize))
    }

    /// `POST /v1/reload`: what SIGHUP does, answered with the lexicon's size or why it was refused.
    func reload(_ request: Request) throws -> Response {
        try rejectUnknown(request.uri.queryParameters, allowing: [])
        guard let reloader else { throw APIError(error: "unavailable", message: "reloading is not available here") }
        switch reloader.reload() {
        case let .success(summary): return try json(summary)
        case let .failure(error): throw APIError.unprocessable("the lexicon was not reloaded, the previous one stays: \(error)")
        }
    }

    func ingest(_ request: Request, context: ControlContext) async throws -> Response {
        let parameters = request.uri.queryParameters
        // A misspelt dct would date the document wrongly for good: the content is stored once.
        try rejectUnknown(parameters, allowing: ["dct", "name"])
        let dct = try parameters["dct"].map { value in
            guard let day = CalendarDay(value) else { throw APIError.badRequest("dct must be YYYY-MM-DD, got '\(value)'") }
            return day
        }
        let name = parameters["name"].map(String.init) ?? "document"
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: settings.maxFileBytes) } catch {
            throw APIError(error: "payload-too-large", message: "the body is over the \(settings.maxFileBytes)-byte limit")
        }
        let submitter = context.peer.map { Submitter(uid: $0.uid, pid: $0.pid) }
        let report = await pipeline.ingestBody(Array(buffer: body), name: name, dct: dct, received: Date(), submitter: submitter)
        switch report.status {
        case .stored: return try json(report, status: .created)
        case .duplicate: return try json(report, status: .ok)
        case .failed: throw APIError.unprocessable(report.reason ?? "the document could not be ingested")
        case .postponed: throw APIError(error: "unavailable", message: "the store cannot take documents now: \(report.reason ?? "")")
        }
    }

    /// Reads the query parameters common to claims, events and the timeline.
    func filter(_ uri: URI, allowing known: Set<Substring> = ["actor", "topic", "stance", "since", "until", "min_confidence", "q", "limit"]) throws -> TimelineFilter {
        let parameters = uri.queryParameters
        try rejectUnknown(parameters, allowing: known)
        var filter = TimelineFilter(limit: try limit(parameters["limit"], default: defaultPageSize))
        filter.actor = nonEmpty(parameters["actor"])
        filter.topic = nonEmpty(parameters["topic"])
        filter.text = nonEmpty(parameters["q"])
        if let stance = nonEmpty(parameters["stance"]) {
            guard let value = Stance(rawValue: stance) else {
                throw APIError.badRequest("stance must be one of \(Stance.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.stance = value
        }
        if let since = nonEmpty(parameters["since"]) { filter.since = try day(since, name: "since", atEnd: false) }
        if let until = nonEmpty(parameters["until"]) { filter.until = try day(until, name: "until", atEnd: true) }
        if let minimum = nonEmpty(parameters["min_confidence"]) {
            guard let value = Double(minimum), (0...1).contains(value) else { throw APIError.badRequest("min_confidence must be a number in [0, 1]") }
            filter.minConfidence = value
        }
        return filter
    }
}

/// A parameter the route does not know is an error, not something to ignore: a typo would
/// otherwise answer a different question than the one asked.
func rejectUnknown(_ parameters: FlatDictionary<Substring, Substring>, allowing known: Set<Substring>) throws {
    if let unknown = parameters.first(where: { !known.contains($0.key) }) {
        throw APIError.badRequest("unknown parameter '\(unknown.key)'; known: \(known.sorted().joined(separator: ", "))")
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a partial `until` means its last day.
func day(_ text: String, name: String, atEnd: Bool) throws -> CalendarDay {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    let digits = parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    let widths = parts.dropFirst().allSatisfy { $0.count == 2 }
    guard digits, widths, parts.count <= 3, parts.first?.count == 4, let first = CalendarDay.firstDay(ofTimexValue: text),
          parts.count < 3 || CalendarDay(text) != nil else {
        throw APIError.badRequest("\(name) must be YYYY, YYYY-MM or YYYY-MM-DD, got '\(text)'")
    }
    guard atEnd else { return first }
    switch parts.count {
    case 1: return CalendarDay(year: first.year, month: 12, day: 31)!
    case 2: return first.adding(months: 1).adding(days: -1)
    default: return first
    }
}

/// Rows a listing returns when no `limit` is given: the most recent page of a timeline, claims,
/// events or search, like `journalctl -n`; `limit` asks for more (up to 100000).
let defaultPageSize = 100

/// Actors and failures are short lists, read whole.
let defaultListSize = 1000

private func limit(_ value: Substring?, default defaultLimit: Int) throws -> Int {
    guard let value else { return defaultLimit }
    guard let number = Int(value), (1...100_000).contains(number) else { throw APIError.badRequest("limit must be 1…100000") }
    return number
}

private func nonEmpty(_ value: Substring?) -> String? {
    guard let value, !value.isEmpty else { return nil }
    return String(value)
}

private func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
}

private let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
}()

/// A JSON response; every body the API sends goes through here or ``listing(_:)``.
func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    jsonResponse(Array(try encoder.encode(value)), status: status)
}

/// A JSON response of a timeline, claims or events, written by ``ListingJSON``: the same body
/// `json(_:)` would send, without Codable's cost on long pages.
func listing(_ write: (inout ListingJSON) throws -> Void) rethrows -> Response {
    var writer = ListingJSON(capacity: 16 * 1024)
    try write(&writer)
    return jsonResponse(writer.bytes)
}

/// `body` and a final newline, as `application/json`.
private func jsonResponse(_ body: [UInt8], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
    var buffer = ByteBuffer(bytes: body)
    buffer.writeInteger(UInt8(0x0A))
    var fields = headers
    fields[.contentType] = "application/json"
    return Response(status: status, headers: fields, body: .init(byteBuffer: buffer))
}

/// An error as the API sends it, whatever raised it.
func errorResponse(_ error: APIError, status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
    jsonResponse((try? Array(encoder.encode(error))) ?? Array(#"{"error":"internal","message":""}"#.utf8), status: status, headers: headers)
}

/// Turns every error, including the router's own 404s, into a JSON error body; a path that
/// exists under another method is `405` with `Allow`.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Every route's method and path.
    let routes: [(method: HTTPRequest.Method, path: String)]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return errorResponse(error, status: error.status)
        } catch let error as HTTPError {
            if error.status == .notFound {
                let allowed = routes.filter { $0.path == request.uri.path }.map(\.method.rawValue)
                if !allowed.isEmpty {
                    return errorResponse(APIError(error: "method-not-allowed", message: "\(request.uri.path) takes \(allowed.joined(separator: ", ")), not \(request.method)"),
                                         status: .methodNotAllowed, headers: [.allow: allowed.joined(separator: ", ")])
                }
                return errorResponse(APIError(error: "not-found", message: "no route for \(request.method) \(request.uri.path)"), status: .notFound)
            }
            let code = error.status == .contentTooLarge ? "payload-too-large" : error.status.code < 500 ? "bad-request" : "internal"
            return errorResponse(APIError(error: code, message: error.body ?? error.status.reasonPhrase), status: error.status)
        } catch {
            context.logger.error("Request \(request.method) \(request.uri) failed: \(error)")
            return errorResponse(APIError(error: "internal", message: "\(error)"), status: .internalServerError)
        }
    }
}
