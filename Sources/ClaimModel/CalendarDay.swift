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
        // Written digit by digit into the string: the store formats a day for every claim it writes.
        return String(unsafeUninitializedCapacity: 10) { buffer in
            let digits = (year / 1000, year / 100 % 10, year / 10 % 10, year % 10, month / 10, month % 10, day / 10, day % 10)
            buffer[0] = UInt8(48 + digits.0); buffer[1] = UInt8(48 + digits.1)
            buffer[2] = UInt8(48 + digits.2); buffer[3] = UInt8(48 + digits.3)
            buffer[4] = UInt8(ascii: "-")
            buffer[5] = UInt8(48 + digits.4); buffer[6] = UInt8(48 + digits.5)
            buffer[7] = UInt8(ascii: "-")
            buffer[8] = UInt8(48 + digits.6); buffer[9] = UInt8(48 + digits.7)
            return 10
        }
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
        // The store reads one per claim and event it writes: read from the bytes, with no
        // substrings, so a month or a year costs what a day does.
        var value = value
        return value.withUTF8 { firstDay(ofTimexBytes: $0) }
    }

    private static func firstDay(ofTimexBytes bytes: UnsafeBufferPointer<UInt8>) -> CalendarDay? {
        // The date before a time ("…T15:00"), unless the value is a time alone; then up to three
        // of its non-empty parts between hyphens.
        let end = bytes.first == UInt8(ascii: "T") ? bytes.count : bytes.firstIndex(of: UInt8(ascii: "T")) ?? bytes.count
        var parts: (Range<Int>, Range<Int>, Range<Int>) = (0..<0, 0..<0, 0..<0)
        var count = 0, start = 0
        for index in 0...end where index == end || bytes[index] == UInt8(ascii: "-") {
            if index > start {
                switch count {
                case 0: parts.0 = start..<index
                case 1: parts.1 = start..<index
                case 2: parts.2 = start..<index
                default: break
                }
                count += 1
            }
            start = index + 1
        }
        func number(_ range: Range<Int>) -> Int? {
            guard !range.isEmpty, range.count <= 9 else { return nil }
            var n = 0
            for byte in bytes[range] {
                guard (48...57).contains(byte) else { return nil }
                n = n * 10 + Int(byte) - 48
            }
            return n
        }
        guard count > 0 else { return nil }
        guard parts.0.count == 4, let year = number(parts.0) else {
            switch (parts.0.count, number(parts.0)) {
            case let (3, decade?): return CalendarDay(year: decade * 10, month: 1, day: 1) // 199 = the 1990s
            case let (2, century?): return CalendarDay(year: century * 100, month: 1, day: 1)
            default: return nil
            }
        }
        guard count > 1 else { return CalendarDay(year: year, month: 1, day: 1) }
        let second = parts.1
        let letter = bytes[second.lowerBound], rest = second.dropFirst()
        switch (letter, number(rest)) {
        case let (UInt8(ascii: "W"), week?):
            let jan4 = CalendarDay(year: year, month: 1, day: 4)!
            return jan4.adding(days: 1 - jan4.isoWeekday + (week - 1) * 7)
        case let (UInt8(ascii: "Q"), quarter?) where (1...4).contains(quarter):
            return CalendarDay(year: year, month: (quarter - 1) * 3 + 1, day: 1)
        case let (UInt8(ascii: "H"), half?) where (1...2).contains(half):
            return CalendarDay(year: year, month: half == 1 ? 1 : 7, day: 1)
        default: break
        }
        if second.count == 2 {
            switch (letter, bytes[rest.lowerBound]) {
            case (UInt8(ascii: "S"), UInt8(ascii: "P")): return CalendarDay(year: year, month: 3, day: 1)
            case (UInt8(ascii: "S"), UInt8(ascii: "U")): return CalendarDay(year: year, month: 6, day: 1)
            case (UInt8(ascii: "F"), UInt8(ascii: "A")): return CalendarDay(year: year, month: 9, day: 1)
            case (UInt8(ascii: "W"), UInt8(ascii: "I")): return CalendarDay(year: year, month: 12, day: 1)
            default: break
            }
        }
        guard let month = number(second) else { return nil }
        if count > 2, let day = number(parts.2.prefix(2)) {
            return CalendarDay(year: year, month: month, day: day)
        }
        return CalendarDay(year: year, month: month, day: 1)
    }
}
