import ClaimModel

/// Calendar arithmetic on TIMEX3 periods that ``CalendarDay`` leaves to its callers: months,
/// quarters, seasons, weekends and the tense-driven choice between a past and a future occurrence.
struct TemporalCalendar: Sendable {
    /// The document creation time.
    let dct: CalendarDay

    static func monthValue(_ year: Int, _ month: Int) -> String {
        "\(CalendarDay.pad(year, 4))-\(CalendarDay.pad(month, 2))"
    }

    static func yearValue(_ year: Int) -> String { CalendarDay.pad(year, 4) }

    /// The year and month `offset` months after (`year`, `month`).
    static func shift(_ year: Int, _ month: Int, by offset: Int) -> (year: Int, month: Int) {
        let index = year * 12 + month - 1 + offset
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        return (y, index - y * 12 + 1)
    }

    /// The occurrence of `weekday` (ISO, Monday = 1) that the tense points to: the DCT itself when it
    /// falls on that weekday, otherwise the last one before it (past, the default in news) or the next.
    func weekday(_ weekday: Int, _ direction: TemporalDirection?) -> CalendarDay {
        let diff = weekday - dct.isoWeekday
        if diff == 0 { return dct }
        if direction == .future { return dct.adding(days: (diff + 7) % 7) }
        return dct.adding(days: -((7 - diff) % 7))
    }

    /// `last Friday` (strictly before the DCT) and `next Friday` (strictly after it).
    func weekday(_ weekday: Int, strictly direction: TemporalDirection) -> CalendarDay {
        let diff = weekday - dct.isoWeekday
        if direction == .future { return dct.adding(days: diff > 0 ? diff : diff + 7) }
        return dct.adding(days: diff < 0 ? diff : diff - 7)
    }

    /// The year of a month named without one: the same year when it is the DCT's month, else the
    /// last past one or the next future one by tense, else the nearest.
    func year(ofMonth month: Int, _ direction: TemporalDirection?) -> Int {
        let diff = month - dct.month
        switch direction {
        case .past: return diff > 0 ? dct.year - 1 : dct.year
        case .future: return diff < 0 ? dct.year + 1 : dct.year
        case nil: return diff > 6 ? dct.year - 1 : diff < -6 ? dct.year + 1 : dct.year
        }
    }

    /// The year of a day and month named without one, chosen like ``year(ofMonth:_:)`` but at day precision.
    func day(month: Int, day: Int, _ direction: TemporalDirection?) -> CalendarDay? {
        let candidates = [dct.year - 1, dct.year, dct.year + 1].compactMap { CalendarDay(year: $0, month: month, day: day) }
        switch direction {
        case .past: return candidates.last { $0 <= dct } ?? candidates.first
        case .future: return candidates.first { $0 >= dct } ?? candidates.last
        case nil: return candidates.min { abs($0.dayNumber - dct.dayNumber) < abs($1.dayNumber - dct.dayNumber) }
        }
    }

    /// A day and month named without a year, close to the DCT: the tense decides only between
    /// occurrences within about five months; beyond that the nearest wins, because reported speech
    /// often carries a tense that is not the date's ("said on Feb. 3 that ships would …").
    func nearDay(month: Int, day: Int, _ direction: TemporalDirection?) -> CalendarDay? {
        guard let nearest = self.day(month: month, day: day, nil) else { return nil }
        guard let direction, let tensed = self.day(month: month, day: day, direction) else { return nearest }
        // A past clause reaches back most of a year ("was shot on Oct. 23", read in May); a future one
        // only a few months, since reported speech lends its past tense to plans.
        return abs(tensed.dayNumber - dct.dayNumber) <= (direction == .past ? 300 : 150) ? tensed : nearest
    }

    /// `last March` is the latest March before the DCT's month; `next March` the first after it.
    func year(ofMonth month: Int, strictly direction: TemporalDirection) -> Int {
        direction == .past ? (month < dct.month ? dct.year : dct.year - 1) : (month > dct.month ? dct.year : dct.year + 1)
    }

    /// `2025-W30-WE`: the weekend of `day`'s ISO week.
    static func weekendValue(_ day: CalendarDay) -> String { day.isoWeekValue + "-WE" }

    /// The weekend the tense points to: the one containing the DCT, else the last (past, the default) or the next.
    func weekend(_ direction: TemporalDirection?) -> CalendarDay {
        if dct.isoWeekday >= 6 || direction == .future { return dct }
        return dct.adding(days: -7)
    }

    static func quarter(ofMonth month: Int) -> Int { (month - 1) / 3 + 1 }

    /// The year of a quarter or half named without one: a later part of the year than the DCT's in
    /// past tense is last year's.
    func year(ofPart part: Int, per year: Int, _ direction: TemporalDirection?) -> Int {
        let current = (dct.month - 1) / (12 / year) + 1
        // Only the past moves the year: "third-quarter results will" still means this year's.
        return direction == .past && part > current ? dct.year - 1 : dct.year
    }

    /// TIMEX3 season codes in calendar order; winter belongs to the year it starts in.
    static let seasons = ["SP", "SU", "FA", "WI"]

    /// The season the DCT is in, as (year, index into ``seasons``).
    var currentSeason: (year: Int, index: Int) {
        switch dct.month {
        case 1, 2: return (dct.year - 1, 3)
        case 12: return (dct.year, 3)
        default: return (dct.year, (dct.month - 3) / 3)
        }
    }

    /// The year of a season: relative (`last`/`next`, strictly) or by tense (which keeps the current one).
    func year(ofSeason index: Int, _ direction: TemporalDirection?, strictly: Bool) -> Int {
        let (y, current) = currentSeason
        if !strictly, index == current { return y }
        switch direction {
        case .past: return index < current ? y : y - 1
        case .future: return index > current ? y : y + 1
        case nil: return index == 3 ? y : dct.year
        }
    }

    /// Thanksgiving (US): the fourth Thursday of November.
    static func thanksgiving(_ year: Int) -> CalendarDay {
        let first = CalendarDay(year: year, month: 11, day: 1)!
        return first.adding(days: (4 - first.isoWeekday + 7) % 7 + 21)
    }
}
