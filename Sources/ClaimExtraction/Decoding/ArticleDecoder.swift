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
///
/// Plain text is kept byte for byte (only a UTF-8 byte-order mark goes), so offsets into the
/// decoded text are offsets into the file. The other formats are reduced to their text.
public enum ArticleDecoder {
    /// Decodes `bytes`; `fileName` (its extension) hints at the format, else the content is sniffed.
    public static func decode(_ bytes: [UInt8], fileName: String? = nil, maxBytes: Int = 16 << 20) throws(ArticleDecodingError) -> DecodedArticle {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= maxBytes else { throw .tooLarge(bytes: bytes.count, limit: maxBytes) }
        if let nul = bytes.firstIndex(of: 0) { throw .binary(reason: "NUL byte at offset \(nul)") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .invalidUTF8(byteOffset: firstInvalidUTF8Offset(bytes))
        }
        let body = text.hasPrefix("\u{FEFF}") ? String(text.unicodeScalars.dropFirst()) : text
        guard body.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else { throw .empty }
        if let reason = controlCharacterReason(body) { throw .binary(reason: reason) }
        switch format(fileName: fileName, text: body) {
        case .text:
            return DecodedArticle(text: body, format: .text, embeddedDate: DocumentDateFinder.find(in: body))
        case .markdown:
            let md = MarkdownDecoder.decode(body)
            guard md.text.contains(where: { !$0.isWhitespace }) else { throw .empty }
            return DecodedArticle(text: md.text, format: .markdown, title: md.title,
                                  embeddedDate: md.frontMatterDate ?? DocumentDateFinder.find(in: md.text))
        case .html:
            let html = HTMLDecoder.decode(body)
            guard html.text.contains(where: { !$0.isWhitespace }) else { throw .empty }
            return DecodedArticle(text: html.text, format: .html, title: html.title,
                                  embeddedDate: DocumentDateFinder.find(in: html.text) ?? html.metaDate)
        case .json:
            return try JSONArticleDecoder.decode(Array(body.utf8))
        }
    }

    /// The format the extension names, else what the content looks like.
    static func format(fileName: String?, text: String) -> DocumentFormat {
        if let name = fileName?.lowercased(), let dot = name.lastIndex(of: ".") {
            switch name[name.index(after: dot)...] {
            case "md", "markdown", "mdown", "mkd": return .markdown
            case "html", "htm", "xhtml": return .html
            case "json": return .json
            case "txt", "text": return .text
            default: break
            }
        }
        let head = text.unicodeScalars.drop(while: { $0.properties.isWhitespace }).prefix(1024)
        let start = String(String.UnicodeScalarView(head)).lowercased()
        if start.hasPrefix("{") || start.hasPrefix("[{") { return .json }
        if start.hasPrefix("<!doctype html") || start.hasPrefix("<html") || start.hasPrefix("<?xml")
            || (start.hasPrefix("<") && (start.contains("<body") || start.contains("<p>") || start.contains("<div"))) {
            return .html
        }
        return .text
    }

    /// A text made mostly of control characters (other than tab, line feed, carriage return and
    /// form feed) is a binary file that happens to be valid UTF-8.
    static func controlCharacterReason(_ text: String) -> String? {
        // Counted on UTF-8 bytes (C1 controls are C2 80–C2 9F): iterating scalars cost more
        // than the check itself.
        var total = 0
        var control = 0
        var previous: UInt8 = 0
        for b in text.utf8 {
            if b & 0xC0 != 0x80 {
                if total == 65_536 { break }
                total += 1
                if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C) || b == 0x7F { control += 1 }
            } else if previous == 0xC2, b < 0xA0 {
                control += 1
            }
            previous = b
        }
        return control * 10 > total ? "\(control) of the first \(total) characters are control characters" : nil
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
