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
        header(in: text) ?? dateline(in: text)
    }

    /// `Date: 2024-12-19`, `Published: 19 December 2024`, `date: Thu, 19 Dec 2024 15:30:00 +0000`.
    public static func header(in text: String) -> DocumentDate? {
        for line in text.split(whereSeparator: \.isNewline).prefix(headerLines) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].strippingSpaces.lowercased()
            guard headerNames.contains(name) else { continue }
            let value = line[line.index(after: colon)...].strippingSpaces.stripping("\"'")
            if let day = parseDate(value) { return DocumentDate(day: day, source: .header) }
        }
        return nil
    }

    /// `WASHINGTON, Dec. 19, 2024 (Reuters) -`: only a dateline with a full date gives one; the
    /// usual `WASHINGTON, Feb 27 (Reuters) -` lacks the year and gives none.
    public static func dateline(in text: String) -> DocumentDate? {
        for line in text.split(whereSeparator: \.isNewline).prefix(headerLines) {
            guard let end = datelineEnd(line) else { continue }
            if let day = parseDate(line[..<end]) { return DocumentDate(day: day, source: .dateline) }
        }
        return nil
    }

    /// Where the place-and-date part of a dateline ends: before `(Agency)` or a dash.
    static func datelineEnd(_ line: Substring) -> Substring.Index? {
        guard let first = line.first, first.isUppercase else { return nil }
        if let paren = line.firstIndex(of: "("), line[paren...].contains(")") { return paren }
        for dash in [" - ", " — ", " – ", " -- "] {
            if let r = line.range(of: dash) { return r.lowerBound }
        }
        return nil
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
