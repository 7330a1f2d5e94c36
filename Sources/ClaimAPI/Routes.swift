/// The version of claimd, its API and claimctl, which are released together.
public let claimdVersion = "0.2.0"

/// The control API's routes: one place that names each method and path, so the daemon's router,
/// `ClaimClient`, `claimctl`, the bench and the tests cannot drift apart, and the OpenAPI
/// document (`openapi.json`) is checked against this list.
public struct Route: Sendable, Hashable, CustomStringConvertible {
    public enum Method: String, Sendable, Hashable { case get = "GET", post = "POST" }

    /// Who may call a route, as the daemon's access rules decide from the peer's credentials.
    public enum Right: String, Sendable, Hashable {
        /// Anyone who can open the socket.
        case read
        /// Root, claimd's user, members of the ingest group.
        case ingest
        /// Root, claimd's user, members of the admin group.
        case administer
    }

    public let method: Method
    public let path: String
    public let right: Right
    /// The query parameters the route takes; any other is answered 400, so a typo never
    /// silently answers another question.
    public let parameters: [QueryKey]

    public var description: String { "\(method.rawValue) \(path)" }

    /// `path?key=value&…`, skipping absent values and percent-encoding the rest.
    public func target(_ items: [(QueryKey, String?)] = []) -> String {
        precondition(items.allSatisfy { $0.1 == nil || parameters.contains($0.0) }, "\(self) takes no such parameter")
        let pairs = items.compactMap { key, value in value.map { "\(key.rawValue)=\(percentEncoded($0))" } }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }
}

extension Route {
    public static let status = Route(method: .get, path: "/v1/status", right: .read, parameters: [])
    public static let timeline = Route(method: .get, path: "/v1/timeline", right: .read, parameters: QueryKey.listing)
    public static let claims = Route(method: .get, path: "/v1/claims", right: .read, parameters: QueryKey.listing)
    public static let search = Route(method: .get, path: "/v1/search", right: .read, parameters: QueryKey.listing)
    public static let events = Route(method: .get, path: "/v1/events", right: .read,
                                     parameters: [.actor, .since, .until, .limit, .cursor])
    /// Stance changes, each with both its claims (the most recent page first).
    public static let changes = Route(method: .get, path: "/v1/changes", right: .read,
                                      parameters: [.actor, .topic, .since, .until, .limit, .cursor])
    public static let actors = Route(method: .get, path: "/v1/actors", right: .read, parameters: [.name, .limit, .cursor])
    public static let topics = Route(method: .get, path: "/v1/topics", right: .read, parameters: [])
    public static let failures = Route(method: .get, path: "/v1/failures", right: .read, parameters: [.limit, .cursor])
    public static let documents = Route(method: .post, path: "/v1/documents", right: .ingest,
                                        parameters: [.dct, .name, .url, .title, .source])
    /// Re-dates a stored document and extracts it again against the new date.
    public static let redate = Route(method: .post, path: "/v1/documents/redate", right: .administer, parameters: [.document, .dct])
    /// Removes a document and everything that came from it.
    public static let forget = Route(method: .post, path: "/v1/documents/forget", right: .administer, parameters: [.document])
    /// Extracts stored documents again, in the background (after a lexicon or model change).
    public static let reprocess = Route(method: .post, path: "/v1/reprocess", right: .administer, parameters: [.document, .since, .all])
    /// The live feed: NDJSON lines of what is stored and failed from now on.
    public static let watch = Route(method: .get, path: "/v1/watch", right: .read, parameters: [.actor, .topic])
    /// The corrections in force, oldest first.
    public static let corrections = Route(method: .get, path: "/v1/corrections", right: .read, parameters: [])
    /// Makes a correction (merge, rename, alias, reject, set), applied at once and to every later extraction.
    public static let correct = Route(method: .post, path: "/v1/corrections", right: .administer,
                                      parameters: [.kind, .subject, .value, .topic, .stance, .actor, .reason])
    /// Takes a correction back.
    public static let undoCorrection = Route(method: .post, path: "/v1/corrections/undo", right: .administer, parameters: [.id])
    public static let reload = Route(method: .post, path: "/v1/reload", right: .administer, parameters: [])
    /// A consistent copy of the store (SQLite's online backup), as the file's bytes.
    public static let backup = Route(method: .get, path: "/v1/backup", right: .administer, parameters: [])
    public static let openAPI = Route(method: .get, path: "/v1/openapi.json", right: .read, parameters: [])
    /// Prometheus scrapes `/metrics` by convention, so it sits outside `/v1`.
    public static let metrics = Route(method: .get, path: "/metrics", right: .read, parameters: [])

    /// Every route the daemon serves.
    public static let all: [Route] = [status, timeline, claims, search, events, changes, actors, topics, failures, documents, redate, forget, reprocess, corrections, correct,
                                         undoCorrection, watch, reload, backup, openAPI,
                                         metrics]
}

/// Query parameter names. One convention for the whole API: lower camelCase, as the JSON keys.
public enum QueryKey: String, Sendable, Hashable, CaseIterable {
    case actor, topic, stance, since, until, minConfidence, q, limit, cursor
    case name, dct, url, title, source
    case document, all
    case kind, subject, value, reason, id

    /// The filters of the claim listings (timeline, claims, search).
    public static let listing: [QueryKey] = [.actor, .topic, .stance, .since, .until, .minConfidence, .q, .limit, .cursor]
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so a value can never be
/// read as another parameter.
public func percentEncoded(_ value: String) -> String {
    var out = ""
    for byte in value.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            out.unicodeScalars.append(Unicode.Scalar(byte))
        default:
            let hex = Array("0123456789ABCDEF".unicodeScalars)
            out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)])
        }
    }
    return out
}
