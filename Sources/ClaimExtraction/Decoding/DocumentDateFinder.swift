import ClaimModel

/// Finds the date an article carries itself, in the order the sources are trusted: a header or
/// front-matter line near the top, then a dateline that states a full date. (HTML meta and JSON
/// fields are read by their decoders; `--dct` and the file time are the caller's.)
public enum DocumentDateFinder {
    /// Header names that carry the publication date, lowercased.
    static let headerNames: Set<String> = ["date", "published", "publication date", "pubdate", "published at", "dateline",
                                           "posted", "updated", "date published", "datepublished"]

    /// How many lines from the top a header or dateline may sit on.
    static let headerLines = 20

    /// The embedded date of a plain-text or Markdown article.
    public static func find(in text: String) -> DocumentDate? {
        let lines = leadingLines(of: text)
        return header(in: lines) ?? dateline(in: lines)
    }


    /// `Date: 2024-12-19`, `Published: 19 December 2024`, `date: Thu, 19 Dec 2024 15:30:00 +0000`.
    private static func header(in lines: [Substring]) -> DocumentDate? {
        for line in lines {
            // A header name is a word or two: a colon further in belongs to prose.
            guard let colon = line.utf8.prefix(maxHeaderNameLength).firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = line[..<colon].strippingSpaces.lowercased()
            guard headerNames.contains(name) else { continue }
            let value = line[line.index(after: colon)...].strippingSpaces.stripping("\"'")
            if let day = parseDate(value) { return DocumentDate(day: day, source: .header) }
        }
        return nil
    }

    /// `WASHINGTON, Dec. 19, 2024 (Reuters) -`: only a dateline with a full date gives one; the
    /// usual `BRENMOOR, Feb 9 (Reuters) -` lacks the year and gives none.
    private static func dateline(in lines: [Substring]) -> DocumentDate? {
        for line in lines {
            guard let end = datelineEnd(line) else { continue }
            if let day = parseDate(line[..<end]) { return DocumentDate(day: day, source: .dateline) }
        }
        return nil
    }

    /// Bytes before the colon of the longest header name, with some spaces.
    static let maxHeaderNameLength = 24

    /// The first ``headerLines`` non-empty lines, each cut to ``headerLength`` characters: a
    /// header or dateline is short, and the rest of a paragraph need not be scanned.
    static func leadingLines(of text: String) -> [Substring] {
        var text = text
        // Line boundaries as byte offsets, found on the contiguous UTF-8 in one pass.
        let spans: [(Int, Int)] = text.withUTF8 { bytes in
            var spans: [(Int, Int)] = []
            var start = 0
            for i in bytes.indices where bytes[i] == 0x0A || bytes[i] == 0x0D {
                if start < i { spans.append((start, i)) }
                start = i + 1
                if spans.count == headerLines { return spans }
            }
            if start < bytes.count { spans.append((start, bytes.count)) }
            return spans
        }
        // Each line cut to ``headerLength`` bytes, where a scalar starts.
        let utf8 = text.utf8
        return spans.map { start, end in
            var limit = min(end, start + headerLength)
            while limit < end, limit > start, utf8[utf8.index(utf8.startIndex, offsetBy: limit)] & 0xC0 == 0x80 { limit -= 1 }
            return text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: limit)]
        }
    }

    /// How many characters of a line can hold a header or a dateline.
    static let headerLength = 120

    /// Where the place-and-date part of a dateline ends: before `(Agency)` or a spaced dash.
    /// Scanned by scalar: `range(of:)` goes through NSString and cost a fifth of extraction time.
    static func datelineEnd(_ line: Substring) -> Substring.Index? {
        guard let first = line.unicodeScalars.first, first.properties.isUppercase else { return nil }
        let bytes = line.utf8
        if let paren = bytes.firstIndex(of: UInt8(ascii: "(")), bytes[paren...].contains(UInt8(ascii: ")")) { return paren }
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == UInt8(ascii: " "), let after = dashEnd(bytes, from: bytes.index(after: i)),
               after < bytes.endIndex, bytes[after] == UInt8(ascii: " ") {
                return i
            }
            i = bytes.index(after: i)
        }
        return nil
    }

    /// After a dash at `i`: `-`, `--`, an en or an em dash.
    private static func dashEnd(_ bytes: Substring.UTF8View, from i: Substring.Index) -> Substring.Index? {
        guard i < bytes.endIndex else { return nil }
        if bytes[i] == UInt8(ascii: "-") {
            let next = bytes.index(after: i)
            return next < bytes.endIndex && bytes[next] == UInt8(ascii: "-") ? bytes.index(after: next) : next
        }
        // U+2013 and U+2014 are E2 80 93 and E2 80 94 in UTF-8.
        guard bytes[i] == 0xE2, let end = bytes.index(i, offsetBy: 3, limitedBy: bytes.endIndex) else { return nil }
        let tail = bytes[bytes.index(after: i)..<end]
        return tail.elementsEqual([0x80, 0x93]) || tail.elementsEqual([0x80, 0x94]) ? end : nil
    }

    /// A full calendar date in any common written form: ISO `2024-12-19[T…]`, `2024/12/19`,
    /// `19 December 2024`, `December 19, 2024`, RFC 2822 `Thu, 19 Dec 2024 15:30:00 +0000`,
    /// `19/12/2024` (day first unless only month first is a date). Nil without a year, month and day.
    public static func parseDate(_ text: some StringProtocol) -> CalendarDay? {
        let s = String(text)
        if let iso = CalendarDay(s.prefix(10)) { return iso }
        var numbers: [(value: Int, digits: Int)] = []
        var month: Int?
        var word = ""
        var digits = ""
        func flush() {
            if !digits.isEmpty, let n = Int(digits) { numbers.append((n, digits.count)) }
            digits = ""
            if !word.isEmpty, month == nil, let m = monthNumber(word) { month = m }
            word = ""
        }
        for c in s {
            if c.isASCII, c.isNumber {
                if !word.isEmpty { flush() }
                digits.append(c)
            } else if c.isASCII, c.isLetter {
                if !digits.isEmpty { flush() }
                word.append(c)
            } else {
                flush()
                if c == ":" { break } // the clock part of RFC 2822 and friends
            }
        }
        flush()
        if let month {
            guard let year = numbers.first(where: { $0.digits == 4 })?.value,
                  let day = numbers.first(where: { $0.digits <= 2 })?.value else { return nil }
            return CalendarDay(year: year, month: month, day: day)
        }
        guard numbers.count >= 3 else { return nil }
        let (a, b, c) = (numbers[0], numbers[1], numbers[2])
        if a.digits == 4 { return CalendarDay(year: a.value, month: b.value, day: c.value) }
        guard c.digits == 4 else { return nil }
        return CalendarDay(year: c.value, month: b.value, day: a.value) ?? CalendarDay(year: c.value, month: a.value, day: b.value)
    }

    static func monthNumber(_ word: String) -> Int? {
        let w = word.lowercased()
        guard w.count >= 3 else { return nil }
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                     "november", "december"]
        if let i = names.firstIndex(where: { $0 == w || ($0.hasPrefix(w) && w.count <= 4) }) { return i + 1 }
        return w == "sept" ? 9 : nil
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var strippingSpaces: Substring {
        let chars = Substring(self)
        guard let start = chars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        let end = chars.lastIndex(where: { $0 != " " && $0 != "\t" })!
        return chars[start...end]
    }

    /// The text without leading and trailing characters of `set`.
    func stripping(_ set: String) -> Substring {
        let chars = Substring(self)
        guard let start = chars.firstIndex(where: { !set.contains($0) }) else { return "" }
        let end = chars.lastIndex(where: { !set.contains($0) })!
        return chars[start...end]
    }
}
