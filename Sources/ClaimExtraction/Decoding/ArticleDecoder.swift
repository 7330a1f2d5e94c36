import ClaimModel

/// An article decoded to plain text, with what its markup told about it.
public struct DecodedArticle: Sendable, Hashable {
    /// The plain text that extraction reads; offsets count Unicode scalars into it.
    public var text: String
    public var format: DocumentFormat
    public var title: String?
    /// A date the article carries itself (header line, dateline, HTML meta, JSON field), if any.
    public var embeddedDate: DocumentDate?

    public init(text: String, format: DocumentFormat, title: String? = nil, embeddedDate: DocumentDate? = nil) {
        self.text = text
        self.format = format
        self.title = title
        self.embeddedDate = embeddedDate
    }
}

/// Why an input could not be decoded as an article.
public enum ArticleDecodingError: Error, Equatable, CustomStringConvertible {
    case empty
    case binary(reason: String)
    case invalidUTF8(byteOffset: Int)
    case tooLarge(bytes: Int, limit: Int)
    case malformed(format: DocumentFormat, reason: String)

    public var description: String {
        switch self {
        case .empty: "the file is empty"
        case let .binary(reason): "not a text file: \(reason)"
        case let .invalidUTF8(offset): "invalid UTF-8 at byte \(offset)"
        case let .tooLarge(bytes, limit): "\(bytes) bytes is over the \(limit)-byte limit"
        case let .malformed(format, reason): "malformed \(format.rawValue): \(reason)"
        }
    }
}

/// Turns the bytes of a plain-text, Markdown, HTML or JSON article into ``DecodedArticle``.
public enum ArticleDecoder {
    /// Decodes `bytes`; `fileName` (its extension) hints at the format, else the content is sniffed.
    public static func decode(_ bytes: [UInt8], fileName: String? = nil, maxBytes: Int = 16 << 20) throws(ArticleDecodingError) -> DecodedArticle {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= maxBytes else { throw .tooLarge(bytes: bytes.count, limit: maxBytes) }
        if let nul = bytes.firstIndex(of: 0) { throw .binary(reason: "NUL byte at offset \(nul)") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .invalidUTF8(byteOffset: firstInvalidUTF8Offset(bytes))
        }
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        guard body.contains(where: { !$0.isWhitespace }) else { throw .empty }
        return DecodedArticle(text: body, format: .text, embeddedDate: nil)
    }

    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar): offset += UTF8.width(scalar)
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }
}
