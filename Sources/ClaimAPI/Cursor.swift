import ClaimModel

/// The `cursor` of a listing: the position of the oldest row of the page before, so the next
/// page starts just before it (see ``Page``).
///
/// Sent as an opaque token (base64url of a short text), so that clients pass it back rather
/// than build one; the daemon answers 400 to a token it did not make.
public enum PageCursor: Sendable, Hashable {
    case timeline(TimelinePosition)
    case actor(ActorPosition)
    case failure(id: Int64)

    public var token: String {
        let text = switch self {
        case let .timeline(p): "t|\(p.day)|\(p.kind.rawValue)|\(p.id)"
        case let .actor(p): "a|\(p.claims)|\(p.events)|\(p.name)"
        case let .failure(id): "f|\(id)"
        }
        return Base64URL.encode(Array(text.utf8))
    }

    public init?(token: String) {
        guard let bytes = Base64URL.decode(token), let text = String(validating: bytes, as: UTF8.self) else { return nil }
        let parts = text.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        switch (parts.first, parts.count) {
        case ("t", 4):
            guard CalendarDay(parts[1]) != nil, let kind = TimelineEntry.Kind(rawValue: parts[2]), let id = Int64(parts[3]) else { return nil }
            self = .timeline(TimelinePosition(day: parts[1], kind: kind, id: id))
        case ("a", 4):
            guard let claims = Int(parts[1]), let events = Int(parts[2]) else { return nil }
            self = .actor(ActorPosition(claims: claims, events: events, name: parts[3]))
        case ("f", 2):
            guard let id = Int64(parts[1]) else { return nil }
            self = .failure(id: id)
        default:
            return nil
        }
    }
}

/// RFC 4648 §5, without padding: safe in a query string as it is.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * UInt32($1.offset)) }
            for position in 0..<(chunk.count + 1) { out.append(alphabet[Int(value >> (18 - 6 * UInt32(position)) & 63)]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt32] = []
        for byte in text.utf8 {
            guard let value = alphabet.firstIndex(of: byte) else { return nil }
            values.append(UInt32(value))
        }
        guard values.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        var index = 0
        while index < values.count {
            let chunk = values[index..<min(index + 4, values.count)]
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | $1.element << (18 - 6 * UInt32($1.offset)) }
            for position in 0..<(chunk.count - 1) { out.append(UInt8(value >> (16 - 8 * UInt32(position)) & 0xFF)) }
            index += 4
        }
        return out
    }
}
