import ClaimModel
import ClaimStore
import Foundation
import Hummingbird
import HummingbirdCore
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
        "bad-request": .badRequest, "not-found": .notFound, "method-not-allowed": .methodNotAllowed,
        "payload-too-large": .contentTooLarge, "unprocessable": .unprocessableContent, "internal": .internalServerError,
        "unavailable": .serviceUnavailable,
    ]

    static func badRequest(_ message: String) -> APIError { .init(error: "bad-request", message: message) }
    static func unprocessable(_ message: String) -> APIError { .init(error: "unprocessable", message: message) }
}

/// The control API served on the Unix socket: HTTP/1.1 with JSON bodies.
public struct ControlAPI: Sendable {
    public static let version = "0.1.0"

    let settings: Settings
    let store: TimelineStore
    let pipeline: IngestPipeline
    let started: Date

    public init(settings: Settings, store: TimelineStore, pipeline: IngestPipeline, started: Date = Date()) {
        self.settings = settings
        self.store = store
        self.pipeline = pipeline
        self.started = started
    }

    /// The router: each route is one small function below.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: JSONErrorMiddleware())
        router.get("/v1/status") { _, _ in try json(status()) }
        router.get("/v1/timeline") { request, _ in try listing { $0.write(try store.timeline(try filter(request.uri))) } }
        router.get("/v1/claims") { request, _ in try listing { $0.write(try store.claims(try filter(request.uri))) } }
        router.get("/v1/events") { request, _ in
            try listing { $0.write(try store.events(try filter(request.uri, allowing: ["actor", "since", "until", "limit"]))) }
        }
        router.get("/v1/search") { request, _ in try listing { $0.write(try search(request.uri)) } }
        router.get("/v1/actors") { request, _ in try json(actors(request.uri)) }
        router.get("/v1/failures") { request, _ in try json(failures(request.uri)) }
        router.post("/v1/documents") { request, context in try await ingest(request, context: context) }
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

    func ingest(_ request: Request, context: BasicRequestContext) async throws -> Response {
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
        let report = await pipeline.ingestBody(Array(buffer: body), name: name, dct: dct, received: Date())
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
private func jsonResponse(_ body: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
    var buffer = ByteBuffer(bytes: body)
    buffer.writeInteger(UInt8(0x0A))
    return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: buffer))
}

/// Turns every error, including the router's own 404s, into a JSON error body.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try json(error, status: error.status)
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "not-found" : error.status.code < 500 ? "bad-request" : "internal"
            let message = error.status == .notFound ? "no route for \(request.method) \(request.uri.path)" : error.body ?? error.status.reasonPhrase
            return try json(APIError(error: code, message: message), status: error.status)
        } catch {
            context.logger.error("Request \(request.method) \(request.uri) failed: \(error)")
            return try json(APIError(error: "internal", message: "\(error)"), status: .internalServerError)
        }
    }
}
