import ClaimModel

/// Markdown to plain text: front matter becomes metadata, heading markers, emphasis markers and
/// link targets go, paragraphs stay where they were.
enum MarkdownDecoder {
    struct Result {
        var text: String
        var title: String?
        var frontMatterDate: DocumentDate?
    }

    static func decode(_ source: String) -> Result {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        var title: String?
        var date: DocumentDate?
        if lines.first?.strippingSpaces == "---", let close = lines.dropFirst().firstIndex(where: { $0.strippingSpaces == "---" || $0.strippingSpaces == "..." }) {
            for line in lines[1..<close] {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let key = line[..<colon].strippingSpaces.lowercased()
                let value = line[line.index(after: colon)...].strippingSpaces.stripping("\"'")
                if key == "title", !value.isEmpty { title = String(value) }
                if DocumentDateFinder.headerNames.contains(key), date == nil, let day = DocumentDateFinder.parseDate(value) {
                    date = DocumentDate(day: day, source: .header)
                }
            }
            lines.removeSubrange(0...close)
            while lines.first?.strippingSpaces.isEmpty == true { lines.removeFirst() }
        }
        var out: [String] = []
        out.reserveCapacity(lines.count)
        for raw in lines {
            var line = Substring(raw)
            if line.strippingSpaces.hasPrefix("```") { continue }
            if line.first == "#" {
                let level = line.prefix(while: { $0 == "#" }).count
                if level <= 6, line.dropFirst(level).first == " " {
                    line = line.dropFirst(level + 1)
                    while line.last == "#" || line.last == " " { line = line.dropLast() }
                    if title == nil, level == 1 { title = inline(line) }
                }
            }
            while line.first == ">" { line = line.dropFirst().drop(while: { $0 == " " }) }
            if line.hasPrefix("* ") || line.hasPrefix("+ ") { line = "- " + line.dropFirst(2) }
            out.append(inline(line))
        }
        return Result(text: out.joined(separator: "\n"), title: title, frontMatterDate: date)
    }

    /// Inline markup to text: `[text](url)` and `![alt](url)` keep the text, `**`, `__`, `*`, `_`
    /// and backticks that mark emphasis or code go; an underscore inside a word stays.
    static func inline(_ line: Substring) -> String {
        let chars = Array(line)
        var out = ""
        out.reserveCapacity(chars.count)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "!", i + 1 < chars.count, chars[i + 1] == "[" {
                i += 1
                continue
            }
            if c == "[", let close = chars[i...].firstIndex(of: "]"), close + 1 < chars.count, chars[close + 1] == "(",
               let paren = chars[(close + 1)...].firstIndex(of: ")") {
                out += inline(Substring(String(chars[(i + 1)..<close])))
                i = paren + 1
                continue
            }
            if c == "*" || c == "`" {
                i += 1
                continue
            }
            if c == "_" {
                let before = i > 0 && (chars[i - 1].isLetter || chars[i - 1].isNumber)
                let after = i + 1 < chars.count && (chars[i + 1].isLetter || chars[i + 1].isNumber)
                if !(before && after) {
                    i += 1
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }
}
