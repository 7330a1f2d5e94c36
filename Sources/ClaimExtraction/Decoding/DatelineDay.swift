import ClaimModel

/// The month and day of a news dateline that states no year: `WASHINGTON, Feb 27 (Reuters) -`,
/// `OSTREL/PORT ALDER, Aug. 20 (Wire) —`. Wire copy dates itself this way; the year is the
/// caller's to choose (see ``latest(notAfter:)``).
public struct DatelineDay: Sendable, Hashable {
    public let month: Int
    public let day: Int

    /// The dateline's month and day, when the first lines of `text` hold a dateline that names
    /// them after its place; nil for one with a full date (``DocumentDateFinder/find(in:)``
    /// reads those) or none.
    public static func find(in text: String) -> DatelineDay? {
        for line in DocumentDateFinder.leadingLines(of: text) {
            guard let end = DocumentDateFinder.datelineEnd(line) else { continue }
            return monthAndDay(line[..<end])
        }
        return nil
    }

    /// The latest day with this month and day that is not after `limit`: a dateline is written
    /// on the day it names, and the file that carries it cannot be older than its writing.
    /// Nil only for 29 February when no leap year comes within eight years.
    public func latest(notAfter limit: CalendarDay) -> CalendarDay? {
        for year in stride(from: limit.year, through: limit.year - 8, by: -1) {
            if let candidate = CalendarDay(year: year, month: month, day: day), candidate <= limit { return candidate }
        }
        return nil
    }

    /// `PLACE, Mon[.] DD` (or `PLACE, DD Mon`): the part after the place's comma, which must be
    /// a month and a day of it and nothing else, so that a headline's numbers are never read.
    private static func monthAndDay(_ head: Substring) -> DatelineDay? {
        guard let comma = head.lastIndex(of: ",") else { return nil }
        let words = head[head.index(after: comma)...].split { $0 == " " || $0 == "." || $0 == "\t" }
        guard words.count == 2 else { return nil }
        let (first, second) = (String(words[0]), String(words[1]))
        if let month = DocumentDateFinder.monthNumber(first), let day = dayNumber(second) {
            return DatelineDay(month: month, day: day)
        }
        if let day = dayNumber(first), let month = DocumentDateFinder.monthNumber(second) {
            return DatelineDay(month: month, day: day)
        }
        return nil
    }

    private static func dayNumber(_ word: String) -> Int? {
        guard word.count <= 2, word.allSatisfy(\.isASCII), let day = Int(word), (1...31).contains(day) else { return nil }
        return day
    }

    /// Months have at most 31 days; 31 April is no day of any year.
    public init?(month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CalendarDay.daysIn(month: month, year: 2024) else { return nil }
        self.month = month
        self.day = day
    }
}
