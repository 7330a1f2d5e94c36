/// An error as the API sends it: `{"error": "not-found", "message": "…"}` with the status that
/// goes with the code. Every 4xx and 5xx body has this shape, the router's own included.
public struct APIError: Error, Codable, Sendable, Equatable, CustomStringConvertible {
    public var error: Code
    public var message: String

    public init(_ error: Code, _ message: String) {
        self.error = error
        self.message = message
    }

    public var description: String { message }

    /// The kinds of error, each with its HTTP status.
    public enum Code: String, Codable, Sendable, CaseIterable {
        case badRequest = "bad-request"
        case forbidden
        case notFound = "not-found"
        case methodNotAllowed = "method-not-allowed"
        case requestTimeout = "request-timeout"
        case payloadTooLarge = "payload-too-large"
        case unprocessable
        case `internal`
        case unavailable

        public var status: Int {
            switch self {
            case .badRequest: 400
            case .forbidden: 403
            case .notFound: 404
            case .methodNotAllowed: 405
            case .requestTimeout: 408
            case .payloadTooLarge: 413
            case .unprocessable: 422
            case .internal: 500
            case .unavailable: 503
            }
        }
    }

    public static func badRequest(_ message: String) -> APIError { APIError(.badRequest, message) }
    public static func unprocessable(_ message: String) -> APIError { APIError(.unprocessable, message) }
}
