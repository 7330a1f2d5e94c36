/// A proleptic Gregorian calendar day with no time zone, the unit of document dates.
///
/// Arithmetic is done on a day count, so it needs no `Calendar` and no clock.
public struct CalendarDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Returns nil when the fields do not name a real day (for example 2025-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CalendarDay.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (negative before it).
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> CalendarDay { CalendarDay(dayNumber: dayNumber + days) }

    /// Adds months, clamping the day to the target month's length.
    public func adding(months: Int) -> CalendarDay {
        let index = year * 12 + (month - 1) + months
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        let m = index - y * 12 + 1
        return CalendarDay(year: y, month: m, day: min(day, CalendarDay.daysIn(month: m, year: y)))!
    }

    /// ISO weekday: Monday = 1 … Sunday = 7.
    public var isoWeekday: Int {
        let w = (dayNumber % 7 + 7 + 3) % 7 // 1970-01-01 was a Thursday (index 3 from Monday)
        return w + 1
    }

    /// ISO 8601 week-numbering year and week.
    public var isoWeek: (year: Int, week: Int) {
        let thursday = adding(days: 4 - isoWeekday)
        let jan1 = CalendarDay(year: thursday.year, month: 1, day: 1)!
        return (thursday.year, (thursday.dayNumber - jan1.dayNumber) / 7 + 1)
    }

    /// `YYYY-Www`, the TIMEX3 value of the ISO week that contains this day.
    public var isoWeekValue: String {
        let (y, w) = isoWeek
        return "\(CalendarDay.pad(y, 4))-W\(CalendarDay.pad(w, 2))"
    }

    public var description: String {
        guard (0...9999).contains(year) else {
            return "\(CalendarDay.pad(year, 4))-\(CalendarDay.pad(month, 2))-\(CalendarDay.pad(day, 2))"
        }
        // Written digit by digit: the store formats a day for every claim it writes.
        let digits = [year / 1000, year / 100 % 10, year / 10 % 10, year % 10, -3, month / 10, month % 10, -3, day / 10, day % 10]
        return String(decoding: digits.map { UInt8(48 + $0) }, as: UTF8.self)
    }

    /// `YYYY-MM-DD` exactly, read from its bytes; nil for anything else.
    static func isoDay(utf8 bytes: String.UTF8View) -> CalendarDay? {
        guard bytes.count == 10 else { return nil }
        var numbers = (year: 0, month: 0, day: 0)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard (48...57).contains(byte) else { return nil }
            let digit = Int(byte) - 48
            switch index {
            case 0..<4: numbers.year = numbers.year * 10 + digit
            case 5..<7: numbers.month = numbers.month * 10 + digit
            default: numbers.day = numbers.day * 10 + digit
            }
        }
        return CalendarDay(year: numbers.year, month: numbers.month, day: numbers.day)
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool { lhs.dayNumber < rhs.dayNumber }

    public static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(abs(n))
        let padded = s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        return n < 0 ? "-" + padded : padded
    }

    /// The first day covered by a TIMEX3 value: `2024` → 2024-01-01, `2024-W51` → its Monday,
    /// `2024-Q2` → 2024-04-01, `2024-12-19T15:00` → 2024-12-19. Nil for references and durations.
    public static func firstDay(ofTimexValue value: String) -> CalendarDay? {
        // Most values are plain days; the store reads one per claim, so they skip the splitting below.
        if let day = isoDay(utf8: value.utf8) { return day }
        let v = value.prefix(while: { $0 != "T" || value.hasPrefix("T") })
        let parts = v.split(separator: "-")
        guard let first = parts.first, first.count == 4, let year = Int(first) else {
            if let first = parts.first, first.count == 3, let decade = Int(first) { // 199 = the 1990s
                return CalendarDay(year: decade * 10, month: 1, day: 1)
            }
            if let first = parts.first, first.count == 2, let century = Int(first) {
                return CalendarDay(year: century * 100, month: 1, day: 1)
            }
            return nil
        }
        guard parts.count > 1 else { return CalendarDay(year: year, month: 1, day: 1) }
        let second = parts[1]
        if second.hasPrefix("W"), let w = Int(second.dropFirst()) {
            let jan4 = CalendarDay(year: year, month: 1, day: 4)!
            return jan4.adding(days: 1 - jan4.isoWeekday + (w - 1) * 7)
        }
        if second.hasPrefix("Q"), let q = Int(second.dropFirst()), (1...4).contains(q) {
            return CalendarDay(year: year, month: (q - 1) * 3 + 1, day: 1)
        }
        if second.hasPrefix("H"), let h = Int(second.dropFirst()), (1...2).contains(h) {
            return CalendarDay(year: year, month: h == 1 ? 1 : 7, day: 1)
        }
        let seasons = ["SP": 3, "SU": 6, "FA": 9, "WI": 12]
        if let m = seasons[String(second)] { return CalendarDay(year: year, month: m, day: 1) }
        guard let month = Int(second) else { return nil }
        if parts.count > 2, let day = Int(parts[2].prefix(2)) {
            return CalendarDay(year: year, month: month, day: day)
        }
        return CalendarDay(year: year, month: month, day: 1)
    }
}
