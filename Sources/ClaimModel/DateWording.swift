extension TimeValue {
    /// The value as a person reads it, for tables: `27 Feb 2031`, `week of 24 Feb 2031`,
    /// `Feb 2031`, `Q1 2031`, `summer 2031`, `2030s`, `27 Feb 2031 15:00`. A reference is
    /// written against the document's date (`documentDay`, `YYYY-MM-DD`): `PRESENT_REF` as
    /// `as of 27 Feb 2031`, `PAST_REF` as `before …`, `FUTURE_REF` as `after …`. A value it
    /// cannot read is shown as it is.
    public func written(documentDay: String?) -> String {
        switch value {
        case "PRESENT_REF": return documentDay.flatMap(CalendarDay.init).map { "as of \($0.written)" } ?? value
        case "PAST_REF": return documentDay.flatMap(CalendarDay.init).map { "before \($0.written)" } ?? value
        case "FUTURE_REF": return documentDay.flatMap(CalendarDay.init).map { "after \($0.written)" } ?? value
        default: break
        }
        guard let first = firstDay else { return value }
        let year = String(first.year)
        switch granularity {
        case .day: return CalendarDay(value.prefix(10)).map(\.written) ?? value
        case .time:
            guard let day = CalendarDay(value.prefix(10)), let clock = value.split(separator: "T").dropFirst().first else { return value }
            return "\(day.written) \(clock)"
        case .week: return "week of \(first.written)"
        case .month: return "\(CalendarDay.monthAbbreviations[first.month - 1]) \(year)"
        case .quarter: return "Q\((first.month - 1) / 3 + 1) \(year)"
        case .half: return "H\(first.month <= 6 ? 1 : 2) \(year)"
        case .season: return "\(CalendarDay.seasons[first.month] ?? "season of") \(year)"
        case .year: return year
        case .decade: return "\(year)s"
        case .century: return "\(year)s"
        case .reference: return value
        }
    }
}

extension CalendarDay {
    /// `27 Feb 2031`: day, month and year in an order no reader mistakes.
    public var written: String { "\(day) \(CalendarDay.monthAbbreviations[month - 1]) \(year)" }

    static let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    /// The first month of each TIMEX3 season (`SP`, `SU`, `FA`, `WI`), as ``firstDay(ofTimexValue:)`` reads them.
    static let seasons = [3: "spring", 6: "summer", 9: "autumn", 12: "winter"]
}
