import ClaimAPI
import ClaimModel
import ClaimStore
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix

extension APIError {
    var httpStatus: HTTPResponse.Status { HTTPResponse.Status(code: error.status) }
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
    public static let version = claimdVersion

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

    typealias Handler = @Sendable (Request, ControlContext) async throws -> Response

    /// The small function that answers each of ``Route/all``.
    var handlers: [Route: Handler] {
        [
            .status: { _, _ in try json(status()) },
            .timeline: { request, _ in
                let (filter, requested) = try listingFilter(request.uri, for: .timeline)
                return try page(try store.timeline(filter), requested: requested) { $0.write($1) } position: { TimelinePosition($0) }
            },
            .claims: { request, _ in
                let (filter, requested) = try listingFilter(request.uri, for: .claims)
                return try page(try store.claims(filter), requested: requested) { $0.write($1) } position: { TimelinePosition($0) }
            },
            .search: { request, _ in
                let (filter, requested) = try listingFilter(request.uri, for: .search)
                guard filter.text != nil else { throw APIError.badRequest("search needs q=WORDS") }
                return try page(try store.claims(filter), requested: requested) { $0.write($1) } position: { TimelinePosition($0) }
            },
            .events: { request, _ in
                let (filter, requested) = try listingFilter(request.uri, for: .events)
                return try page(try store.events(filter), requested: requested) { $0.write($1) } position: { TimelinePosition($0) }
            },
            .changes: { request, _ in
                let (filter, requested) = try listingFilter(request.uri, for: .changes)
                let rows = try store.stanceChanges(filter)
                let items = rows.count > requested ? Array(rows.suffix(requested)) : rows
                // The cursor's id is the change's: changes are paged by (later claim's day, id).
                let next = rows.count > requested ? items.first.map { PageCursor.timeline(TimelinePosition(day: $0.to.day, kind: .claim, id: $0.id)).token } : nil
                return try json(Page(items: items, nextCursor: next))
            },
            .actors: { request, _ in try json(actors(request.uri)) },
            .topics: { _, _ in try json(pipeline.topics) },
            .failures: { request, _ in try json(failures(request.uri)) },
            .documents: { request, context in try await ingest(request, context: context) },
            .redate: { request, _ in
                let query = try DocumentActionQuery(parameters: parameters(request.uri), for: .redate)
                guard let day = query.dct else { throw APIError.badRequest("redate needs dct=YYYY-MM-DD") }
                let document = try oneDocument(query)
                switch await pipeline.reextract(documentID: document.id, dct: DocumentDate(day: day, source: .argument)) {
                case let .replaced(.stored(ref, claims, events, changes)):
                    return try json(DocumentChange(document: ref, claims: claims.count, events: events.count, stanceChanges: changes))
                case .replaced(.duplicate), .notFound: throw APIError(.notFound, "no document matches '\(query.documents[0])'")
                case let .failed(reason): throw APIError.unprocessable("the document could not be extracted again: \(reason)")
                }
            },
            .forget: { request, _ in
                let query = try DocumentActionQuery(parameters: parameters(request.uri), for: .forget)
                let document = try oneDocument(query)
                guard let changes = try await pipeline.forget(document) else { throw APIError(.notFound, "no document matches '\(query.documents[0])'") }
                return try json(DocumentChange(document: document, claims: 0, events: 0, stanceChanges: changes))
            },
            .reprocess: { request, _ in
                let query = try DocumentActionQuery(parameters: parameters(request.uri), for: .reprocess)
                let ids: [Int64]
                switch (query.all, query.since, query.documents.isEmpty) {
                case (true, nil, true): ids = try store.documentIDs()
                case (false, let since?, true): ids = try store.documentIDs(since: since)
                case (false, nil, false): ids = try query.documents.map { try oneDocument(DocumentActionQuery(documents: [$0])).id }
                default: throw APIError.badRequest("reprocess takes one of all=true, since=DATE or document=DOC (repeatable)")
                }
                guard pipeline.reprocess(ids) else { throw APIError(.unavailable, "a reprocess is running; claimctl status shows how far it got") }
                return try json(ReprocessStarted(documents: ids.count), status: .accepted)
            },
            .watch: { request, _ in try watch(request) },
            .corrections: { _, _ in try json(Page(items: try store.corrections())) },
            .correct: { request, context in try await correct(request, peer: context.peer) },
            .undoCorrection: { request, context in try await undoCorrection(request, peer: context.peer) },
            .reload: { request, _ in try reload(request) },
            .metrics: { _, _ in
                let body = pipeline.metrics.exposition(queued: pipeline.queued, storePath: settings.storePath)
                return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(bytes: body)))
            },
            .backup: { _, _ in try await backup() },
            .openAPI: { _, _ in
                Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.bytes)))
            },
        ]
    }

    /// The router: every route behind the access check, every error as JSON.
    public func router() -> Router<ControlContext> {
        let router = Router(context: ControlContext.self)
        let handlers = self.handlers
        precondition(Set(handlers.keys) == Set(Route.all), "every route has one handler")
        router.add(middleware: JSONErrorMiddleware(routes: Route.all.map { (HTTPRequest.Method(rawValue: $0.method.rawValue)!, $0.path) }))
        for route in Route.all {
            let access = self.access, handle = handlers[route]!
            router.on(RouterPath(route.path), method: HTTPRequest.Method(rawValue: route.method.rawValue)!) { request, context in
                if let refusal = access.refusal(of: route.right, to: context.peer) {
                    context.logger.warning("Refused \(request.method) \(request.uri.path) from uid \(context.peer.map { "\($0.uid)" } ?? "?"): \(refusal)",
                                           metadata: [
                                               JournalField.messageID: "\(JournalMessageID.requestRefused)",
                                               JournalField.peerUID: "\(context.peer.map { "\($0.uid)" } ?? "")",
                                               JournalField.peerPID: "\(context.peer.map { "\($0.pid)" } ?? "")",
                                               JournalField.reason: "\(refusal)",
                                           ])
                    throw APIError(.forbidden, refusal)
                }
                // A parameter the route does not take is an error, not something to ignore: a
                // typo would otherwise answer a different question than the one asked.
                if let unknown = request.uri.queryParameters.first(where: { QueryKey(rawValue: String($0.key)).map(route.parameters.contains) != true }) {
                    throw ListingQuery.unknown(String(unknown.key), route: route)
                }
                return try await handle(request, context)
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
            stanceChanges: counts.stanceChanges, reprocess: pipeline.reprocessing.current)
    }

    /// The one document `query` names: 404 when none matches, 400 listing them when several do.
    func oneDocument(_ query: DocumentActionQuery) throws -> DocumentRef {
        guard query.documents.count == 1, let reference = query.documents.first else { throw APIError.badRequest("name one document=DOC") }
        let found = try store.documents(matching: reference)
        guard let first = found.first else { throw APIError(.notFound, "no document matches '\(reference)'") }
        guard found.count == 1 else {
            throw APIError.badRequest("'\(reference)' matches \(found.count) documents: "
                                      + found.prefix(10).map { "\($0.sha256.prefix(12)) \($0.path)" }.joined(separator: "; "))
        }
        return first
    }

    func actors(_ uri: URI) throws -> Page<ActorSummary> {
        let query = try ListQuery(parameters: parameters(uri), for: .actors)
        var after: ActorPosition?
        switch query.cursor {
        case nil: break
        case let .actor(position)?: after = position
        default: throw APIError.badRequest("not a cursor of the actor list")
        }
        let limit = query.limit ?? ListQuery.defaultLimit
        let rows = try store.actors(matching: query.name, limit: limit + 1, after: after)
        guard rows.count > limit else { return Page(items: rows) }
        let items = Array(rows.prefix(limit))
        let last = items[items.count - 1]
        return Page(items: items, nextCursor: PageCursor.actor(ActorPosition(claims: last.claims, events: last.events, name: last.name)).token)
    }

    func failures(_ uri: URI) throws -> Page<FailureRecord> {
        let query = try ListQuery(parameters: parameters(uri), for: .failures)
        var before: Int64?
        switch query.cursor {
        case nil: break
        case let .failure(id)?: before = id
        default: throw APIError.badRequest("not a cursor of the failure list")
        }
        let limit = query.limit ?? ListQuery.defaultLimit
        let rows = try store.failures(limit: limit + 1, before: before)
        guard rows.count > limit else { return Page(items: rows) }
        let items = Array(rows.prefix(limit))
        return Page(items: items, nextCursor: PageCursor.failure(id: items[items.count - 1].id).token)
    }

    /// `GET /v1/backup`: the store backed up into a file of the state directory (where claimd
    /// may write), then streamed. The file is unlinked as soon as it is open, so nothing stays
    /// behind whether the client reads it all or goes away.
    func backup() async throws -> Response {
        let path = settings.stateDirectory + "/backup-\(UUID().uuidString.prefix(8)).sqlite"
        do {
            try await NIOThreadPool.singleton.runIfActive { try store.backup(to: path) }
        } catch {
            unlink(path)
            throw APIError(.internal, "the backup failed: \(error)")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        unlink(path)
        var info = stat()
        guard fd >= 0, fstat(fd, &info) == 0 else {
            if fd >= 0 { close(fd) }
            throw APIError(.internal, "the backup could not be read back: \(String(cString: strerror(errno)))")
        }
        let body = ResponseBody(contentLength: Int(info.st_size)) { writer in
            defer { close(fd) }
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                try await writer.write(ByteBuffer(bytes: chunk[0..<count]))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/vnd.sqlite3"], body: body)
    }

    /// `POST /v1/reload`: what SIGHUP does, answered with the lexicon's size or why it was refused.
    func reload(_ request: Request) throws -> Response {
        _ = try ListQuery(parameters: parameters(request.uri), for: .reload)
        guard let reloader else { throw APIError(.unavailable, "reloading is not available here") }
        switch reloader.reload() {
        case let .success(summary): return try json(summary)
        case let .failure(error): throw APIError.unprocessable("the lexicon was not reloaded, the previous one stays: \(error)")
        }
    }

    func ingest(_ request: Request, context: ControlContext) async throws -> Response {
        let query = try DocumentQuery(parameters: parameters(request.uri))
        let name = query.name ?? "document"
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: settings.maxFileBytes) } catch {
            throw APIError(.payloadTooLarge, "the body is over the \(settings.maxFileBytes)-byte limit")
        }
        let submitter = context.peer.map { Submitter(uid: $0.uid, pid: $0.pid) }
        let given = ArticleSource(url: try query.url.map { url in
            guard let address = ArticleSource.webAddress(url) else { throw APIError.badRequest("url must be an http or https address, got '\(url)'") }
            return address
        }, source: query.source.flatMap(ArticleSource.name), title: query.title.flatMap(ArticleSource.name))
        let report = await pipeline.ingestBody(Array(buffer: body), name: name, dct: query.dct, received: Date(), submitter: submitter,
                                               given: given)
        switch report.status {
        case .stored: return try json(report, status: .created)
        case .duplicate: return try json(report, status: .ok)
        case .failed: throw APIError.unprocessable(report.reason ?? "the document could not be ingested")
        case .postponed: throw APIError(.unavailable, "the store cannot take documents now: \(report.reason ?? "")")
        }
    }

    /// A listing's filter for the store, asking for one row more than the page holds: the
    /// extra row, if it comes, says there is a page before this one.
    func listingFilter(_ uri: URI, for route: Route) throws -> (TimelineFilter, requested: Int) {
        let query = try ListingQuery(parameters: parameters(uri), for: route)
        let requested = query.limit ?? ListingQuery.defaultLimit
        var filter = TimelineFilter(actor: query.actor, topic: query.topic, stance: query.stance, since: query.since, until: query.until,
                                    minConfidence: query.minConfidence, text: query.q, limit: requested + 1)
        switch query.cursor {
        case nil: break
        case let .timeline(position)?: filter.before = position
        default: throw APIError.badRequest("not a cursor of a timeline, claim or event listing")
        }
        return (filter, requested)
    }

    /// A page of rows (oldest first, at most one more than `requested`): the newest `requested`,
    /// and the position of the oldest of them as the cursor when an older row exists.
    func page<Row>(_ rows: [Row], requested: Int, write: (inout ListingJSON, [Row]) -> Void,
                   position: (Row) -> TimelinePosition) throws -> Response {
        let items = rows.count > requested ? Array(rows.suffix(requested)) : rows
        let next = rows.count > requested ? items.first.map { PageCursor.timeline(position($0)).token } : nil
        return listing { writer in writer.page(items, nextCursor: next, write) }
    }
}

/// A request's query parameters as name–value pairs, decoded.
func parameters(_ uri: URI) -> [(String, String)] {
    uri.queryParameters.map { (String($0.key), String($0.value)) }
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
func jsonResponse(_ body: [UInt8], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
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
            return errorResponse(error, status: error.httpStatus)
        } catch let error as HTTPError {
            if error.status == .notFound {
                let allowed = routes.filter { $0.path == request.uri.path }.map(\.method.rawValue)
                if !allowed.isEmpty {
                    return errorResponse(APIError(.methodNotAllowed, "\(request.uri.path) takes \(allowed.joined(separator: ", ")), not \(request.method)"),
                                         status: .methodNotAllowed, headers: [.allow: allowed.joined(separator: ", ")])
                }
                return errorResponse(APIError(.notFound, "no route for \(request.method) \(request.uri.path)"), status: .notFound)
            }
            let code: APIError.Code = error.status == .contentTooLarge ? .payloadTooLarge : error.status.code < 500 ? .badRequest : .internal
            return errorResponse(APIError(code, error.body ?? error.status.reasonPhrase), status: error.status)
        } catch {
            context.logger.error("Request \(request.method) \(request.uri) failed: \(error)")
            return errorResponse(APIError(.internal, "\(error)"), status: .internalServerError)
        }
    }
}
