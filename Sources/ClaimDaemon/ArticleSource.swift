import ClaimModel
import Foundation

/// Where an article was published and by whom, as the article itself says: a `URL:` / `Source:`
/// header or front-matter line, HTML `<link rel="canonical">` and Open Graph `<meta>` tags, or a
/// JSON article's top-level fields. Also its title, for formats whose decoder found none.
///
/// Runs in the extraction workers beside decoding, on untrusted bytes: every scan is one pass
/// over a bounded prefix of the file, so a hostile article costs no more than reading it.
public struct ArticleSource: Equatable, Sendable {
    public var url: String?
    public var source: String?
    public var title: String?

    public init(url: String? = nil, source: String? = nil, title: String? = nil) {
        self.url = url
        self.source = source
        self.title = title
    }

    /// How far into a file the header block and the HTML head are looked for.
    static let scanLimit = 256 * 1024

    public static func find(in bytes: [UInt8], format: DocumentFormat) -> ArticleSource {
        switch format {
        case .html: html(bytes.prefix(scanLimit))
        case .json: json(bytes)
        case .text, .markdown: headers(bytes.prefix(scanLimit))
        }
    }

    // MARK: - Header lines

    static let urlKeys: Set<String> = ["url", "link", "source-url", "source_url", "canonical", "canonical-url", "canonical_url"]
    static let sourceKeys: Set<String> = ["source", "publisher", "outlet", "publication", "site", "site-name", "site_name"]
    static let titleKeys: Set<String> = ["title", "headline"]

    /// `Key: value` lines of the block that opens the article (inside `---` front matter, or up
    /// to the first blank line), at most 40 of them.
    static func headers(_ bytes: ArraySlice<UInt8>) -> ArticleSource {
        var found = ArticleSource()
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\n", maxSplits: 41, omittingEmptySubsequences: false).prefix(41).map {
            $0.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\r\u{FEFF}")))
        }
        if lines.first == "---" { lines.removeFirst() }
        for line in lines.prefix(40) {
            if line.isEmpty || line == "---" { break }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
                value = String(value.dropFirst().dropLast())
            }
            found.take(key: key, value: value)
        }
        return found
    }

    /// Keeps the first usable value of each kind.
    mutating func take(key: String, value: String) {
        if Self.urlKeys.contains(key), url == nil { url = Self.webAddress(value) }
        else if Self.sourceKeys.contains(key), source == nil { source = Self.name(value) }
        else if Self.titleKeys.contains(key), title == nil { title = Self.name(value) }
    }

    /// An http(s) address of reasonable length, else nil: a `Source:` line holding a path or a
    /// note is not a place to link to.
    static func webAddress(_ value: String) -> String? {
        let lower = value.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), value.utf8.count <= 2048,
              !value.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" }) else { return nil }
        return value
    }

    static func name(_ value: String) -> String? {
        let collapsed = value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !collapsed.isEmpty, collapsed.count <= 300 else { return nil }
        return collapsed
    }

    // MARK: - HTML

    /// `<link rel="canonical" href>`, `<meta property="og:url|og:site_name|og:title" content>` and
    /// their `name=` forms (`twitter:`, `application-name`), in one pass over the tags.
    static func html(_ bytes: ArraySlice<UInt8>) -> ArticleSource {
        var found = ArticleSource()
        var canonical: String?
        var index = bytes.startIndex
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            guard let close = bytes[open...].firstIndex(of: UInt8(ascii: ">")) else { break }
            index = close + 1
            let tag = bytes[(open + 1)..<close]
            let name = tagName(tag)
            guard name == "meta" || name == "link" else {
                if name == "/head" || name == "body" { break }
                continue
            }
            let attributes = Self.attributes(tag.dropFirst(name.utf8.count))
            if name == "link" {
                if attributes["rel"]?.lowercased().split(separator: " ").contains("canonical") == true, let href = attributes["href"] {
                    canonical = canonical ?? webAddress(href)
                }
                continue
            }
            guard let key = (attributes["property"] ?? attributes["name"])?.lowercased(), let content = attributes["content"] else { continue }
            switch key {
            case "og:url", "twitter:url": found.url = found.url ?? webAddress(content)
            case "og:site_name", "application-name", "publisher", "article:publisher":
                // article:publisher is often the outlet's page rather than its name.
                if webAddress(content) == nil { found.source = found.source ?? Self.name(content) }
            case "og:title", "twitter:title": found.title = found.title ?? Self.name(content)
            default: break
            }
        }
        found.url = canonical ?? found.url
        return found
    }

    /// `meta`, `link`, `/head`: the tag's name, lower-cased, with the slash of a closing tag.
    private static func tagName(_ tag: ArraySlice<UInt8>) -> String {
        let closing = tag.first == UInt8(ascii: "/")
        let body = closing ? tag.dropFirst() : tag
        let end = body.firstIndex { [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "/")].contains($0) } ?? body.endIndex
        return (closing ? "/" : "") + String(decoding: body[..<end], as: UTF8.self).lowercased()
    }

    /// `name="value"`, `name='value'` and `name=value` pairs, names lower-cased, entities in
    /// values decoded (the few a URL or a name carries).
    static func attributes(_ text: ArraySlice<UInt8>) -> [String: String] {
        var result: [String: String] = [:]
        var index = text.startIndex
        func skipSpace() { while index < text.endIndex, [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "/")].contains(text[index]) { index += 1 } }
        while true {
            skipSpace()
            let nameStart = index
            while index < text.endIndex, ![0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "="), UInt8(ascii: "/")].contains(text[index]) { index += 1 }
            guard index > nameStart else { break }
            let name = String(decoding: text[nameStart..<index], as: UTF8.self).lowercased()
            skipSpace()
            guard index < text.endIndex, text[index] == UInt8(ascii: "=") else {
                result[name] = result[name] ?? ""
                continue
            }
            index += 1
            skipSpace()
            guard index < text.endIndex else { break }
            let value: ArraySlice<UInt8>
            if text[index] == UInt8(ascii: "\"") || text[index] == UInt8(ascii: "'") {
                let quote = text[index]
                let start = index + 1
                let end = text[start...].firstIndex(of: quote) ?? text.endIndex
                value = text[start..<end]
                index = min(end + 1, text.endIndex)
            } else {
                let start = index
                while index < text.endIndex, ![0x20, 0x09, 0x0A, 0x0D].contains(text[index]) { index += 1 }
                value = text[start..<index]
            }
            result[name] = result[name] ?? decodeEntities(String(decoding: value, as: UTF8.self))
        }
        return result
    }

    private static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    // MARK: - JSON

    /// A JSON article's top-level `url` / `link` / `canonical_url` and `source` / `publisher` /
    /// `site_name` (a string, or an object with a `name`), and its `title` / `headline`.
    static func json(_ bytes: [UInt8]) -> ArticleSource {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return ArticleSource() }
        var found = ArticleSource()
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            let normalised = key.lowercased().replacingOccurrences(of: "canonicalurl", with: "canonical_url")
                .replacingOccurrences(of: "sitename", with: "site_name")
            if let text = value as? String {
                found.take(key: normalised, value: text)
            } else if sourceKeys.contains(normalised), let nested = value as? [String: Any], let name = nested["name"] as? String {
                found.take(key: normalised, value: name)
            }
        }
        return found
    }
}
