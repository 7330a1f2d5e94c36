import ClaimAPI
import Foundation
import NIOCore

/// Why a call of the control API did not give the body asked for.
public enum APICallError: Error, CustomStringConvertible {
    /// No answer: see ``ControlClientError``.
    case unreachable(ControlClientError)
    /// The daemon answered with an error body (or, from something that is not claimd, none).
    case refused(status: Int, APIError)
    /// A 2xx body that is not the route's shape: a daemon of another version.
    case undecodable(route: Route, reason: String)

    public var description: String {
        switch self {
        case let .unreachable(error): "\(error)"
        case let .refused(status, error): "claimd answered \(status): \(error.message)"
        case let .undecodable(route, reason): "claimd's answer to \(route) is not what this claimctl understands: \(reason)"
        }
    }
}

/// The control API's routes as typed calls, over a ``ControlClient``.
public struct APIClient: Sendable {
    public let connection: ControlClient

    public init(socketPath: String, timeout: TimeAmount = .seconds(30)) {
        connection = ControlClient(socketPath: socketPath, timeout: timeout)
    }

    /// Calls `route` and returns the body of a 2xx answer as it came.
    public func raw(_ route: Route, _ items: [(QueryKey, String?)] = [], body: [UInt8]? = nil) async throws(APICallError) -> [UInt8] {
        let response: ControlResponse
        do {
            response = try await connection.request(route.method == .post ? .POST : .GET, route.target(items), body: body)
        } catch let error as ControlClientError {
            throw .unreachable(error)
        } catch {
            throw .unreachable(.unreachable(socket: connection.socketPath, reason: "\(error)"))
        }
        guard (200..<300).contains(response.status) else {
            let error = (try? JSONDecoder().decode(APIError.self, from: Data(response.body)))
                ?? APIError(.internal, response.text.isEmpty ? "no error body" : response.text)
            throw .refused(status: response.status, error)
        }
        return response.body
    }

    /// Calls `route` and decodes its answer.
    public func call<T: Decodable>(_ route: Route, _ items: [(QueryKey, String?)] = [], body: [UInt8]? = nil,
                                   as type: T.Type = T.self) async throws(APICallError) -> T {
        try decode(T.self, from: try await raw(route, items, body: body), route: route)
    }

    public func decode<T: Decodable>(_ type: T.Type, from body: [UInt8], route: Route) throws(APICallError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch {
            throw .undecodable(route: route, reason: "\(error)")
        }
    }

    /// Every page of a listing, newest page first (each page oldest first), following the
    /// cursors until the last page or until `maximum` rows have come.
    public func allPages<Item: Codable & Sendable>(_ route: Route, _ items: [(QueryKey, String?)], of type: Item.Type,
                                                   maximum: Int = .max) async throws(APICallError) -> [Page<Item>] {
        var pages: [Page<Item>] = []
        var cursor: String?
        var count = 0
        repeat {
            let page: Page<Item> = try await call(route, items.filter { $0.0 != .cursor } + [(.cursor, cursor)])
            pages.append(page)
            count += page.items.count
            cursor = page.nextCursor
        } while cursor != nil && count < maximum
        return pages
    }
}
