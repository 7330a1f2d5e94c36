/// Why a model file could not be used. Every case names the file, so a daemon's log line says
/// which file to replace.
public enum ModelFileError: Error, CustomStringConvertible, Sendable, Equatable {
    /// No file at the path (or the bundled resource is absent).
    case missing(path: String)
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// The file is shorter than its header or one of its sections says it must be.
    case truncated(path: String, expectedBytes: Int, actualBytes: Int)
    /// The first eight bytes are not the claimd syntax model magic.
    case badMagic(path: String)
    /// Written by a format version this code does not read.
    case unsupportedVersion(path: String, found: UInt32, supported: UInt32)
    /// A valid model file of another kind (e.g. a parser model where a tagger model was expected).
    case wrongKind(path: String, expected: String, found: String)
    /// The payload's CRC-32 differs from the one stored in the header: the file is corrupt.
    case checksumMismatch(path: String, stored: UInt32, computed: UInt32)
    /// The checksum matched but the contents are inconsistent (a section out of range, a bad count).
    case malformed(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let p):
            return "model file \(p) is missing"
        case .unreadable(let p, let r):
            return "model file \(p) could not be read: \(r)"
        case .truncated(let p, let e, let a):
            return "model file \(p) is truncated: needs \(e) bytes, has \(a)"
        case .badMagic(let p):
            return "model file \(p) is not a claimd syntax model (bad magic number)"
        case .unsupportedVersion(let p, let f, let s):
            return "model file \(p) has format version \(f); this build reads version \(s)"
        case .wrongKind(let p, let e, let f):
            return "model file \(p) holds a \(f) model where a \(e) model was expected"
        case .checksumMismatch(let p, let s, let c):
            return "model file \(p) is corrupt: stored CRC-32 \(hex(s)), computed \(hex(c))"
        case .malformed(let p, let r):
            return "model file \(p) is malformed: \(r)"
        }
    }

    private func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - s.count)) + s
    }
}
