import ClaimModel

/// HTML to plain text without a DOM: one pass over the markup that drops scripts, styles,
/// navigation and the head, turns block elements into paragraph breaks, decodes entities, and
/// collects the title and the publication date from `<meta>` or `<time>`.
enum HTMLDecoder {
    struct Result {
        var text: String
        var title: String?
        var metaDate: DocumentDate?
    }

    /// Elements whose content is never article text.
    static let skipped: Set<String> = ["script", "style", "nav", "head", "noscript", "template", "svg", "iframe", "footer", "aside", "form"]
    /// Elements that start a new paragraph.
    static let blocks: Set<String> = ["p", "div", "section", "article", "header", "main", "h1", "h2", "h3", "h4", "h5", "h6",
                                      "li", "ul", "ol", "tr", "table", "blockquote", "figure", "figcaption", "pre", "hr",
                                      "dl", "dt", "dd", "body", "html"]
    /// Meta names and properties that carry the publication date.
    static let dateMeta: Set<String> = ["article:published_time", "og:published_time", "date", "pubdate", "publishdate",
                                        "dc.date", "dc.date.issued", "datepublished", "sailthru.date", "parsely-pub-date"]

    static func decode(_ source: String) -> Result {
        let s = Array(source.unicodeScalars)
        var paragraphs: [String] = []
        var current = ""
        var title: String?
        var metaDate: DocumentDate?
        var skipDepth: [String] = []
        // Where each skipped element's open tags sit in `skipDepth`, so that a closing tag finds
        // its opener without searching the whole stack (thousands of unclosed tags stay linear).
        var openAt: [String: [Int]] = [:]
        // Where `</script` and `</style` were last found: an unclosed one makes every later
        // search run to the end, which is then known to hold none.
        var closingTag: [String: Int?] = [:]
        var inTitle = false
        var titleText = ""
        var i = 0
        func endParagraph() {
            let p = collapse(current)
            if !p.isEmpty { paragraphs.append(p) }
            current = ""
        }
        while i < s.count {
            let c = s[i]
            guard c == "<" else {
                let next = s[i...].firstIndex(of: "<") ?? s.count
                let chunk = String(String.UnicodeScalarView(s[i..<next]))
                if inTitle { titleText += chunk } else if skipDepth.isEmpty { current += chunk }
                i = next
                continue
            }
            if s[i...].starts(with: Array("<!--".unicodeScalars)) {
                i = find("-->", in: s, from: i).map { $0 + 3 } ?? s.count
                continue
            }
            guard let close = s[i...].firstIndex(of: ">") else { break }
            let tag = Tag(String(String.UnicodeScalarView(s[(i + 1)..<close])))
            i = close + 1
            guard let name = tag.name else { continue }
            if name == "title" {
                inTitle = !tag.isClosing
                if tag.isClosing, title == nil {
                    let t = collapse(decodeEntities(titleText))
                    if !t.isEmpty { title = t }
                }
                continue
            }
            if name == "meta", metaDate == nil {
                let key = (tag.attributes["property"] ?? tag.attributes["name"] ?? tag.attributes["itemprop"] ?? "").lowercased()
                if dateMeta.contains(key), let content = tag.attributes["content"], let day = DocumentDateFinder.parseDate(content) {
                    metaDate = DocumentDate(day: day, source: .htmlMeta)
                }
            }
            if name == "time", metaDate == nil, let when = tag.attributes["datetime"], let day = DocumentDateFinder.parseDate(when) {
                metaDate = DocumentDate(day: day, source: .htmlMeta)
            }
            if skipped.contains(name) {
                if tag.isClosing {
                    if let k = openAt[name]?.last {
                        for removed in skipDepth[k...] { openAt[removed]?.removeLast() }
                        skipDepth.removeSubrange(k...)
                    }
                } else if !tag.isSelfClosing {
                    openAt[name, default: []].append(skipDepth.count)
                    skipDepth.append(name)
                    if name == "script" || name == "style" {
                        // Their content is raw text: jump to the closing tag.
                        let known = closingTag[name]
                        let end: Int?
                        if let known, known.map({ $0 >= i }) ?? true {
                            end = known
                        } else {
                            end = find("</\(name)", in: s, from: i, caseInsensitive: true)
                            closingTag[name] = end
                        }
                        if let end { i = end }
                    }
                }
                continue
            }
            guard skipDepth.isEmpty else { continue }
            if name == "br" {
                current += "\n"
            } else if blocks.contains(name) {
                endParagraph()
            }
        }
        endParagraph()
        let text = paragraphs.map(decodeEntities).map(collapse).filter { !$0.isEmpty }.joined(separator: "\n\n")
        return Result(text: text, title: title, metaDate: metaDate)
    }

    /// Runs of white space become one space, except line breaks from `<br>`; lines are trimmed.
    static func collapse(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).joined(separator: " ") }
            .filter { !$0.isEmpty }
            .joined(separator: "\n")
    }

    static func find(_ needle: String, in s: [Unicode.Scalar], from start: Int, caseInsensitive: Bool = false) -> Int? {
        let n = Array(needle.lowercased().unicodeScalars)
        guard n.count <= s.count else { return nil }
        var i = start
        while i + n.count <= s.count {
            var match = true
            for k in 0..<n.count {
                let a = caseInsensitive ? lower(s[i + k]) : s[i + k]
                if a != n[k] {
                    match = false
                    break
                }
            }
            if match { return i }
            i += 1
        }
        return nil
    }

    static func lower(_ c: Unicode.Scalar) -> Unicode.Scalar {
        c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(c.value + 0x20)! : c
    }

    /// A start or end tag: its lowercased name and attributes.
    struct Tag {
        var name: String?
        var isClosing = false
        var isSelfClosing = false
        var attributes: [String: String] = [:]

        init(_ body: String) {
            var rest = Substring(body)
            if rest.first == "/" {
                isClosing = true
                rest = rest.dropFirst()
            }
            if rest.last == "/" {
                isSelfClosing = true
                rest = rest.dropLast()
            }
            let nameEnd = rest.firstIndex(where: { $0.isWhitespace }) ?? rest.endIndex
            let n = rest[..<nameEnd].lowercased()
            guard let first = n.first, first.isLetter else { return }
            name = n
            var attrs = rest[nameEnd...]
            while true {
                attrs = attrs.drop(while: { $0.isWhitespace })
                guard !attrs.isEmpty else { break }
                let keyEnd = attrs.firstIndex(where: { $0 == "=" || $0.isWhitespace }) ?? attrs.endIndex
                let key = attrs[..<keyEnd].lowercased()
                attrs = attrs[keyEnd...].drop(while: { $0.isWhitespace })
                guard attrs.first == "=" else {
                    if !key.isEmpty { attributes[key] = "" } else { attrs = attrs.dropFirst() }
                    continue
                }
                attrs = attrs.dropFirst().drop(while: { $0.isWhitespace })
                let value: Substring
                if let quote = attrs.first, quote == "\"" || quote == "'" {
                    let body = attrs.dropFirst()
                    let end = body.firstIndex(of: quote) ?? body.endIndex
                    value = body[..<end]
                    attrs = end < body.endIndex ? body[body.index(after: end)...] : body[end...]
                } else {
                    let end = attrs.firstIndex(where: { $0.isWhitespace }) ?? attrs.endIndex
                    value = attrs[..<end]
                    attrs = attrs[end...]
                }
                attributes[key] = HTMLDecoder.decodeEntities(String(value))
            }
        }
    }

    static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "rsquo": "\u{2019}", "lsquo": "\u{2018}",
        "rdquo": "\u{201D}", "ldquo": "\u{201C}", "ndash": "\u{2013}", "mdash": "\u{2014}", "hellip": "\u{2026}",
        "eacute": "é", "egrave": "è", "aacute": "á", "agrave": "à", "oacute": "ó", "iacute": "í", "uacute": "ú",
        "ouml": "ö", "uuml": "ü", "auml": "ä", "ccedil": "ç", "ntilde": "ñ", "szlig": "ß", "euro": "€", "pound": "£",
        "copy": "©", "reg": "®", "deg": "°", "middot": "·", "bull": "•", "laquo": "«", "raquo": "»", "times": "×",
        "shy": "", "zwj": "", "zwnj": "", "thinsp": " ", "ensp": " ", "emsp": " ", "prime": "′", "trade": "™",
    ]

    /// `&amp;`, `&rsquo;`, `&#8217;`, `&#x2019;`; unknown entities stay as written.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(10).firstIndex(of: ";") {
                let name = after[..<semi]
                var replacement: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    replacement = entities[String(name)]
                }
                if let replacement {
                    out += replacement
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        out += rest
        return out
    }
}
