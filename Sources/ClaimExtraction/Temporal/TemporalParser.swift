import ClaimModel

/// Walks the pieces once, tries the patterns that can start at each trigger token, and resolves
/// what they match against the DCT, the tense of the clause and the last date the text named.
///
/// Patterns are plain functions over token indices, not regular expressions: the lexicon lookup
/// decides in one step whether a token can start a time expression at all, which keeps the tagger
/// linear and fast on text that has few of them.
struct TemporalParser {
    let pieces: [Piece]
    let words: [TemporalWord?]
    let calendar: TemporalCalendar
    let dayFirst: Bool
    /// The last day, month and year the text resolved: what `the same day`, `later that month`
    /// and `a year earlier` count from. They start at the DCT.
    var anchorDay: CalendarDay
    var anchorMonth: (year: Int, month: Int)
    var anchorYear: Int
    /// The last quarter the text named: "profit rose from a year earlier" compares quarters.
    var anchorQuarter: (year: Int, quarter: Int)?
    /// The tense the sentence's structure gives the clause of a weekday at a piece, when the caller
    /// has a parse (nil: unknown, and the tense cues around the expression decide).
    var clauseTense: (Int) -> TemporalDirection? = { _ in nil }
    /// The day of the last date that stood on a line of its own: a live blog's section heading,
    /// the day of the entries stamped `17:05` below it.
    var headingDay: CalendarDay?

    init(pieces: [Piece], dct: CalendarDay, dayFirst: Bool) {
        self.pieces = pieces
        self.words = pieces.map { $0.kind == .word ? TemporalLexicon.word($0.key) : nil }
        self.calendar = TemporalCalendar(dct: dct)
        self.dayFirst = dayFirst
        self.anchorDay = dct
        self.anchorMonth = (dct.year, dct.month)
        self.anchorYear = dct.year
    }

    var dct: CalendarDay { calendar.dct }

    mutating func parse() -> [FoundTimex] {
        var found: [FoundTimex] = []
        var i = 0
        while i < pieces.count {
            if let f = match(at: i) {
                found.append(f)
                remember(f)
                if let day = f.day, opensLine(f.first), f.end >= pieces.count || pieces[f.end].newlineBefore { headingDay = day }
                i = f.end
            } else {
                i += 1
            }
        }
        return TemporalParser.joinDatesAndTimes(found, pieces: pieces, words: words)
    }

    private mutating func remember(_ f: FoundTimex) {
        guard f.isAnchor else { return }
        if f.granularity == .quarter, let first = CalendarDay.firstDay(ofTimexValue: f.value) {
            anchorQuarter = (first.year, TemporalCalendar.quarter(ofMonth: first.month))
        }
        if let day = f.day { anchorDay = day }
        if let year = f.year {
            anchorYear = year
            if let month = f.month { anchorMonth = (year, month) }
        }
    }

    // MARK: - Token access

    func piece(_ i: Int) -> Piece? { i >= 0 && i < pieces.count ? pieces[i] : nil }
    func word(_ i: Int) -> TemporalWord? { i >= 0 && i < words.count ? words[i] : nil }
    func isWord(_ i: Int, _ key: UInt64) -> Bool { piece(i)?.isWord(key) ?? false }
    func isSymbol(_ i: Int, _ s: Unicode.Scalar) -> Bool { piece(i)?.isSymbol(s) ?? false }
    /// Token `i` exists and touches the token before it.
    func attached(_ i: Int) -> Bool { piece(i).map { !$0.spaceBefore } ?? false }

    /// Piece `i` is the first of its line.
    func opensLine(_ i: Int) -> Bool { i == 0 || (piece(i)?.newlineBefore ?? false) }

    func number(_ i: Int) -> (value: Int, length: Int)? {
        guard let t = piece(i), t.kind == .number, t.number >= 0 else { return nil }
        return (t.number, t.length)
    }

    func unit(_ i: Int) -> (unit: TemporalUnit, plural: Bool)? {
        if case let .unit(u, plural)? = word(i) { return (u, plural) }
        return nil
    }

    /// `st`, `nd`, `rd`, `th` glued to the number before: returns the index after it.
    func skipOrdinalSuffix(_ i: Int) -> Int {
        guard let t = piece(i), t.kind == .word, !t.spaceBefore else { return i }
        let k = t.key
        return k == TemporalLexicon.st || k == TemporalLexicon.nd || k == TemporalLexicon.rd || k == TemporalLexicon.th ? i + 1 : i
    }

    /// A four-digit number that can be a year here: not money, not part of `2,500` or `2.5`,
    /// not a count of something.
    func year(at i: Int) -> Int? {
        guard let (value, length) = number(i), length == 4, value >= 1000, value <= dct.year + 100 else { return nil }
        if !pieces[i].spaceBefore, let prev = piece(i - 1), TemporalParser.continuesNumber(prev) { return nil }
        if let prev = piece(i - 1), prev.kind == .symbol, TemporalParser.currencySymbols.contains(prev.key) { return nil }
        if let next = piece(i + 1), !next.spaceBefore {
            if next.isSymbol("%") || next.isSymbol(":") { return nil }
            if (next.isSymbol(",") || next.isSymbol(".")), let after = piece(i + 2), after.kind == .number, !after.spaceBefore { return nil }
            if next.kind == .number || (next.kind == .word && !next.isWord(TemporalLexicon.s)) { return nil }
        }
        if let next = piece(i + 1), next.kind == .word, TemporalParser.countNouns.contains(next.key) { return nil }
        if value < 1900 {
            switch word(i - 1) {
            case .in?, .since?, .of?, .from?, .until?, .by?, .the?, .modifier?, .during?, .fiscal?: break
            default: return nil
            }
        }
        return value
    }

    /// A token that a number glued to it continues: `A320`, `2,500`, `2.5`, `3/4`, `12:30`.
    static func continuesNumber(_ prev: Piece) -> Bool {
        prev.kind != .symbol || prev.isSymbol(",") || prev.isSymbol(".") || prev.isSymbol(":") || prev.isSymbol("/")
    }

    /// Words that make a weekday part of a newspaper's name: `The Sunday Times`.
    static let mastheads: Set<UInt64> = Set(["times", "telegraph", "mail", "express", "post", "herald", "mirror", "star",
                                            "observer", "independent", "tribune", "journal"].map { WordKey.pack($0) })

    static let spanPrepositions: Set<UInt64> = Set(["for", "lasting", "took", "takes", "spent"].map { WordKey.pack($0) })

    static let currencySymbols: Set<UInt64> = [0x24, 0x20AC, 0xA3, 0xA5, 0x23]
    static let countNouns: Set<UInt64> = Set(["people", "troops", "soldiers", "men", "women", "children", "deaths", "dead",
                                             "killed", "km", "kilometres", "kilometers", "miles", "tonnes", "tons", "votes",
                                             "seats", "jobs", "units", "cases", "points", "members", "workers", "barrels",
                                             "dollars", "euros", "percent", "pounds", "shares", "feet", "metres", "meters"]
        .map { WordKey.pack($0) })

    // MARK: - Dispatch

    func match(at i: Int) -> FoundTimex? {
        let t = pieces[i]
        switch t.kind {
        case .symbol: return t.isApostrophe ? decade(apostropheAt: i, first: i) : nil
        case .number: return numberLed(i, first: i)
        case .word: break
        }
        guard let w = words[i] else { return unlistedWordLed(i) }
        switch w {
        case .approx: return approximate(i, countAt: i + 1)
        case .at:
            if isWord(i + 1, TemporalLexicon.least) { return approximate(i, countAt: i + 2) }
            if isWord(i + 1, TemporalLexicon.present) { return .reference(i, i + 2, "PRESENT_REF") }
            if word(i + 1) == .the, isWord(i + 2, TemporalLexicon.moment) { return .reference(i, i + 3, "PRESENT_REF") }
            return nil
        case .modifier: return modified(i, first: i)
        case .fiscal:
            if let y = year(at: i + 1) { return .year(i, i + 2, y) }
            return nil
        case .in:
            // TimeML leaves the preposition out of the extent: `in [recent weeks]`.
            if word(i + 1) == .recent, let u = unit(i + 2), u.plural { return .reference(i + 1, i + 3, "PAST_REF") }
            return nil
        default: return core(i, w, first: i)
        }
    }

    /// Words outside the lexicon that still start expressions: `more than`, `up to`, `Q3`, `H1`,
    /// holidays.
    func unlistedWordLed(_ i: Int) -> FoundTimex? {
        let t = pieces[i]
        let k = t.key
        if k == TemporalLexicon.more || k == TemporalLexicon.less || k == TemporalLexicon.fewer {
            return isWord(i + 1, TemporalLexicon.than) ? approximate(i, countAt: i + 2) : nil
        }
        if k == TemporalLexicon.up, isWord(i + 1, TemporalLexicon.to) { return approximate(i, countAt: i + 2) }
        if (k == TemporalLexicon.q || k == TemporalLexicon.h), t.isCapitalized, attached(i + 1), let (n, len) = number(i + 1), len == 1 {
            let isQuarter = k == TemporalLexicon.q
            guard (1...(isQuarter ? 4 : 2)).contains(n) else { return nil }
            if let next = piece(i + 2), !next.spaceBefore, next.kind != .symbol { return nil }
            var end = i + 2
            var y: Int
            if let explicit = year(at: end) {
                y = explicit
                end += 1
            } else {
                y = calendar.year(ofPart: n, per: isQuarter ? 4 : 2, direction(before: i, after: end))
            }
            return .period(i, end, "\(TemporalCalendar.yearValue(y))-\(isQuarter ? "Q" : "H")\(n)", isQuarter ? .quarter : .half)
        }
        guard t.isCapitalized else { return nil }
        if k == TemporalLexicon.christmas {
            let eve = isWord(i + 1, TemporalLexicon.eve)
            let end = eve || isWord(i + 1, TemporalLexicon.day) ? i + 2 : i + 1
            return holiday(i, end, month: 12, day: eve ? 24 : 25)
        }
        if k == TemporalLexicon.new, isWord(i + 1, TemporalLexicon.year), piece(i + 1)?.isCapitalized == true {
            var end = i + 2
            if piece(end)?.isApostrophe == true, isWord(end + 1, TemporalLexicon.s) { end += 2 }
            if isWord(end, TemporalLexicon.eve) { return holiday(i, end + 1, month: 12, day: 31) }
            if isWord(end, TemporalLexicon.day) { end += 1 }
            return holiday(i, end, month: 1, day: 1)
        }
        if k == TemporalLexicon.thanksgiving {
            let end = isWord(i + 1, TemporalLexicon.day) ? i + 2 : i + 1
            let this = TemporalCalendar.thanksgiving(dct.year)
            let dir = direction(before: i, after: end)
            if dir == .past, this > dct { return .day(i, end, TemporalCalendar.thanksgiving(dct.year - 1)) }
            if dir == .future, this < dct { return .day(i, end, TemporalCalendar.thanksgiving(dct.year + 1)) }
            return .day(i, end, this)
        }
        return nil
    }

    func holiday(_ first: Int, _ end: Int, month: Int, day: Int) -> FoundTimex? {
        var last = end
        if let y = year(at: end) {
            last = end + 1
            return CalendarDay(year: y, month: month, day: day).map { .day(first, last, $0) }
        }
        return calendar.day(month: month, day: day, direction(before: first, after: last)).map { .day(first, last, $0) }
    }

    /// Expressions that start with a word of the lexicon.
    func core(_ i: Int, _ w: TemporalWord, first: Int) -> FoundTimex? {
        switch w {
        case let .month(m, abbreviated): return monthLed(i, month: m, abbreviated: abbreviated, first: first)
        case let .weekday(d): return weekdayLed(i, weekday: d, first: first)
        case let .weekdays(d):
            // `on Mondays`: every Monday.
            guard pieces[i].isCapitalized else { return nil }
            return .set(first, i + 1, "XXXX-WXX-\(d)")
        case .the: return theLed(i, first: first)
        case .last, .this, .next, .past, .coming, .previous, .following, .that, .recent: return relative(i, w, first: first)
        case .earlier, .later: return earlierOrLater(i, first: first)
        case .today, .yesterday, .tomorrow, .tonight: return deictic(i, w, first: first)
        case let .reference(reference):
            // "Now matters more than …" uses now as a noun, not as a point in time.
            if pieces[i].isWord(TemporalLexicon.now), isWord(i + 1, TemporalLexicon.is_) || isWord(i + 1, TemporalLexicon.was) { return nil }
            return .reference(first, i + 1, reference.value)
        case .every: return every(i, first: first)
        case let .setAdverb(u):
            if pieces[i].isCapitalized, let next = piece(i + 1), next.kind == .word, next.isCapitalized { return nil }
            return .set(first, i + 1, u.duration(1))
        case .cardinal(19): return spokenYear(i, first: first) ?? counted(i, first: first)
        case .article, .cardinal, .vagueCount: return counted(i, first: first)
        case .unit(.year, plural: false): return yearEarlier(i, first: first)
        case let .unit(u, plural: true):
            // "for decades", "after months of haggling": an unstated number of units.
            guard let prev = piece(i - 1), prev.kind == .word, word(i - 1) == .after || word(i - 1) == .within
                || TemporalParser.spanPrepositions.contains(prev.key) else { return nil }
            return .duration(first, i + 1, u.duration(nil))
        case let .ordinal(k): return partOfYear(i, ordinal: k, first: first)
        case .noon: return .time(first, i + 1, dct, clock: "12:00")
        case .midnight: return .time(first, i + 1, dct, clock: "24:00")
        case let .season(index):
            guard let y = year(at: i + 1) else { return nil }
            return .period(first, i + 2, "\(TemporalCalendar.yearValue(y))-\(TemporalCalendar.seasons[index])", .season)
        default: return nil
        }
    }

    // MARK: - Numbers

    func numberLed(_ i: Int, first: Int) -> FoundTimex? {
        let t = pieces[i]
        if t.length == 4, let f = isoDate(i, first: first) { return f }
        if t.length <= 2, let f = numericDate(i, first: first) { return f }
        if !t.spaceBefore, let prev = piece(i - 1), TemporalParser.continuesNumber(prev) { return nil }
        if let prev = piece(i - 1), prev.kind == .symbol, TemporalParser.currencySymbols.contains(prev.key) { return nil }
        if let next = piece(i + 1), !next.spaceBefore, next.isSymbol(",") || next.isSymbol("."), attached(i + 2), piece(i + 2)?.kind == .number {
            return nil
        }
        if let f = clock(i, first: first) { return f }
        if t.length == 4 {
            if isWord(i + 1, TemporalLexicon.s), attached(i + 1), t.number % 10 == 0 {
                return .period(first, i + 2, String(t.number / 10), .decade)
            }
            if let y = year(at: i) { return .year(first, i + 1, y) }
            return nil
        }
        if t.length <= 2 {
            let afterSuffix = skipOrdinalSuffix(i + 1)
            if let f = dayMonth(i, first: first) { return f }
            if afterSuffix > i + 1, let f = partOfYear(afterSuffix - 1, ordinal: t.number, first: first) { return f }
        }
        return counted(i, first: first)
    }

    /// `2024-12-19`, `2024-12-19T15:30Z`, `2024-12-19T15:30:00+01:00`.
    func isoDate(_ i: Int, first: Int) -> FoundTimex? {
        guard isSymbol(i + 1, "-"), attached(i + 1), attached(i + 2), let (m, ml) = number(i + 2), ml == 2,
              isSymbol(i + 3, "-"), attached(i + 3), attached(i + 4), let (d, dl) = number(i + 4), dl == 2,
              let day = CalendarDay(year: pieces[i].number, month: m, day: d) else { return nil }
        if isWord(i + 5, TemporalLexicon.t), attached(i + 5), attached(i + 6), let (h, hl) = number(i + 6), hl == 2,
           isSymbol(i + 7, ":"), attached(i + 8), let (mi, mil) = number(i + 8), mil == 2, h < 24, mi < 60 {
            var end = i + 9
            if isSymbol(end, ":"), attached(end), attached(end + 1), number(end + 1)?.length == 2 { end += 2 }
            if isWord(end, TemporalLexicon.z), attached(end) {
                end += 1
            } else if (isSymbol(end, "+") || isSymbol(end, "-")), attached(end), attached(end + 1), number(end + 1) != nil {
                end += 2
                if isSymbol(end, ":"), attached(end), number(end + 1) != nil { end += 2 }
            }
            return .time(first, end, day, clock: "\(CalendarDay.pad(h, 2)):\(CalendarDay.pad(mi, 2))")
        }
        return .day(first, i + 5, day)
    }

    /// `19/12/2024`, `12/19/2024`, `19.12.2024`, `19/12/24`: day first by the options unless only
    /// month first makes a date.
    func numericDate(_ i: Int, first: Int) -> FoundTimex? {
        guard let sep = piece(i + 1), sep.isSymbol("/") || sep.isSymbol("."), !sep.spaceBefore, attached(i + 2),
              let (b, bl) = number(i + 2), bl <= 2, let sep2 = piece(i + 3), sep2.key == sep.key, !sep2.spaceBefore,
              attached(i + 4), let (c, cl) = number(i + 4), cl == 4 || cl == 2 else { return nil }
        if let next = piece(i + 5), !next.spaceBefore, next.kind == .number || next.isSymbol("/") { return nil }
        let a = pieces[i].number
        let y = cl == 4 ? c : (c < 50 ? 2000 + c : 1900 + c)
        let dayFirstDate = CalendarDay(year: y, month: b, day: a)
        let monthFirstDate = CalendarDay(year: y, month: a, day: b)
        guard let day = dayFirst ? (dayFirstDate ?? monthFirstDate) : (monthFirstDate ?? dayFirstDate) else { return nil }
        return .day(first, i + 5, day)
    }

    /// `3 pm`, `3:30 p.m.`, `15:00 GMT`, `0500 GMT`, `at 15:30`: a time on the DCT, which a
    /// neighbouring date may replace.
    func clock(_ i: Int, first: Int) -> FoundTimex? {
        let t = pieces[i]
        var hour = t.number
        var minute = 0
        var end = i + 1
        var meridiem: Bool?
        var zone = false
        if t.length == 4 {
            guard let next = piece(end), next.isCapitalized || isWord(end, TemporalLexicon.hours),
                  word(end) == .timeZone || isWord(end, TemporalLexicon.hours) else { return nil }
            minute = hour % 100
            hour /= 100
            end += 1
            zone = true
        } else {
            guard t.length <= 2 else { return nil }
            var hasMinutes = false
            if isSymbol(end, ":"), attached(end), attached(end + 1), let (mi, ml) = number(end + 1), ml == 2 {
                minute = mi
                end += 2
                hasMinutes = true
                if isSymbol(end, ":"), attached(end), attached(end + 1), number(end + 1)?.length == 2 { end += 2 }
            }
            if case let .meridiem(pm)? = word(end) {
                meridiem = pm
                end += 1
            } else if let letter = piece(end), letter.kind == .word, letter.isWord(TemporalLexicon.a) || letter.isWord(TemporalLexicon.p),
                      isSymbol(end + 1, "."), attached(end + 1), isWord(end + 2, TemporalLexicon.m), attached(end + 2) {
                meridiem = letter.isWord(TemporalLexicon.p)
                end += 3
                if isSymbol(end, "."), attached(end) { end += 1 }
            }
            if word(end) == .timeZone, piece(end)?.isCapitalized == true {
                zone = true
                end += 1
                if isWord(end, TemporalLexicon.time) { end += 1 }
            }
            // `09:40 Ministers arrive`: a live blog's entry, on the day of its section heading.
            if meridiem == nil, !zone, hasMinutes, first == i, opensLine(i), let title = piece(end), !title.newlineBefore,
               title.kind == .word, title.isCapitalized, hour <= 23, minute < 60 {
                return .time(first, end, headingDay ?? dct, clock: "\(CalendarDay.pad(hour, 2)):\(CalendarDay.pad(minute, 2))")
            }
            if meridiem == nil, !zone {
                guard hasMinutes else { return nil }
                switch word(first - 1) {
                case .at?, .by?, .until?, .from?, .approx?, .before?, .after?, .since?: break
                default: return nil
                }
            }
        }
        if let pm = meridiem {
            guard hour >= 1, hour <= 12 else { return nil }
            if pm, hour < 12 { hour += 12 }
            if !pm, hour == 12 { hour = 0 }
        }
        guard hour <= 24, minute < 60 else { return nil }
        return .time(first, end, dct, clock: "\(CalendarDay.pad(hour, 2)):\(CalendarDay.pad(minute, 2))")
    }

    /// `19 December 2024`, `19th of Dec.`, `19 December`.
    func dayMonth(_ i: Int, first: Int) -> FoundTimex? {
        let d = pieces[i].number
        guard d >= 1, d <= 31 else { return nil }
        var j = skipOrdinalSuffix(i + 1)
        if word(j) == .of, j > i + 1 { j += 1 }
        guard case let .month(m, abbreviated)? = word(j), pieces[j].isCapitalized else { return nil }
        var end = j + 1
        if abbreviated, isSymbol(end, "."), attached(end) { end += 1 }
        if let y = year(at: end) ?? (isSymbol(end, ",") ? year(at: end + 1).map { $0 } : nil) {
            end += isSymbol(end, ",") ? 2 : 1
            return CalendarDay(year: y, month: m, day: d).map { .day(first, end, $0) }
        }
        return calendar.nearDay(month: m, day: d, direction(before: first, after: end)).map { .day(first, end, $0) }
    }

    /// `the 1990s`, `the '90s`, `'80s`.
    func decade(apostropheAt i: Int, first: Int) -> FoundTimex? {
        guard let (yy, len) = number(i + 1), len == 2, attached(i + 1), yy % 10 == 0, isWord(i + 2, TemporalLexicon.s), attached(i + 2) else {
            return nil
        }
        let century = 2000 + yy <= dct.year ? 200 : 190
        return .period(first, i + 3, String(century + yy / 10), .decade)
    }

    // MARK: - Counts: durations, `ago`, `later`

    /// `three years`, `18 months`, `a decade`, `two-week`, `a few days`, `three years ago`,
    /// `two days later`, `in three days`, `$5 billion a year`.
    func counted(_ i: Int, first: Int) -> FoundTimex? {
        guard piece(i) != nil else { return nil }
        var count: Int?
        var j = i + 1
        var isArticle = false
        var half = false
        switch (pieces[i].kind, word(i)) {
        case (.number, _):
            guard pieces[i].length <= 4 else { return nil }
            count = pieces[i].number
            // `5 1/2 hours`
            if number(j)?.value == 1, pieces[j].spaceBefore, isSymbol(j + 1, "/"), attached(j + 1), attached(j + 2), number(j + 2)?.value == 2 {
                half = true
                j += 3
            }
        case (_, .article?):
            isArticle = true
            count = 1
            if word(j) == .vagueCount {
                // "a couple of years" counts two; "a few years" has no count.
                count = isWord(j, TemporalLexicon.couple) ? 2 : nil
                j += 1
                if word(j) == .of { j += 1 }
            }
        case let (_, .cardinal(n)?):
            count = n
            if let t = piece(j), t.isDash, !t.spaceBefore, attached(j + 1), case let .cardinal(units)? = word(j + 1), units < 10 {
                count = n + units
                j += 2
            }
        case (_, .vagueCount?):
            if isWord(i, TemporalLexicon.couple) { count = 2 }
            if word(j) == .of { j += 1 }
        default: return nil
        }
        // `two and a half years`
        if !half, count != nil, isAndAHalf(j) {
            half = true
            j += 3
        }
        var hyphenated = false
        if let t = piece(j), t.isDash, !t.spaceBefore, attached(j + 1) {
            j += 1
            hyphenated = true
        }
        guard let (u, plural) = unit(j) else { return nil }
        if isArticle, plural, count == 1 { return nil }
        // "three quarters of the votes" is a fraction.
        if u == .quarter, word(j + 1) == .of { return nil }
        // "a 6-year-old boy" is an age, not a time.
        if hyphenated, piece(j + 1)?.isDash == true, isWord(j + 2, TemporalLexicon.old) || isWord(j + 2, TemporalLexicon.olds) { return nil }
        var end = j + 1
        // `a year and a half`
        if !half, !hyphenated, count != nil, isAndAHalf(end) {
            half = true
            end += 3
        }
        if half, let count, let value = u.durationAndAHalf(count) {
            return .duration(first, end, value)
        }
        // `a week or so ago`, `the next year or so`: TimeML keeps the approximation in the extent.
        if !hyphenated, isWord(end, TemporalLexicon.or), isWord(end + 1, TemporalLexicon.so) { end += 2 }
        if !hyphenated {
            switch word(end) {
            case .ago?:
                return shifted(first, end + 1, from: .document, unit: u, by: -(count ?? 0), vague: count == nil, direction: .past)
            case .earlier?, .before?:
                if word(end) == .before, piece(end + 1)?.kind == .word, !(piece(end + 1)?.isCapitalized ?? false) { break }
                return shifted(first, end + 1, from: .anchor, unit: u, by: -(count ?? 0), vague: count == nil, direction: .past)
            case .later?, .after?:
                // "two years after the flood", "two years after Tarvia built the dam": counted from an
                // event, so only the duration is known; "two days after Christmas" counts from a date.
                if word(end) == .after, let next = piece(end + 1), next.kind == .word, !next.isCapitalized || word(end + 1) == nil { break }
                return shifted(first, end + 1, from: .anchor, unit: u, by: count ?? 0, vague: count == nil, direction: .future)
            case .from?:
                if isWord(end + 1, TemporalLexicon.now) {
                    return shifted(first, end + 2, from: .document, unit: u, by: count ?? 0, vague: count == nil, direction: .future)
                }
            default: break
            }
            if word(i - 1) == .in, count != nil {
                return shifted(first, end, from: .document, unit: u, by: count ?? 0, vague: false, direction: .future)
            }
            if isArticle, !plural, let prev = piece(i - 1), prev.kind == .number || TemporalParser.rateWords.contains(prev.key) {
                return .set(first, end, u.duration(1))
            }
        }
        return .duration(first, end, u.duration(count))
    }

    /// `and a half` at token `j`.
    func isAndAHalf(_ j: Int) -> Bool {
        isWord(j, TemporalLexicon.and) && word(j + 1) == .article && word(j + 2) == .halfWord
    }

    static let rateWords: Set<UInt64> = Set(["million", "billion", "trillion", "times", "twice", "once", "thrice", "percent", "dollars", "euros"]
        .map { WordKey.pack($0) })

    enum Base { case document, anchor }

    /// A date `count` units away from the DCT or the anchor; units below a day stay durations.
    func shifted(_ first: Int, _ end: Int, from base: Base, unit: TemporalUnit, by count: Int, vague: Bool, direction: TemporalDirection) -> FoundTimex? {
        if vague { return .reference(first, end, direction == .past ? "PAST_REF" : "FUTURE_REF") }
        if unit == .year, count == -1, let (y, q) = anchorQuarter {
            var comparison = FoundTimex.period(first, end, "\(TemporalCalendar.yearValue(y - 1))-Q\(q)", .quarter)
            comparison.isAnchor = false
            return comparison
        }
        let day = base == .document ? dct : anchorDay
        let year = base == .document ? dct.year : anchorYear
        let month = base == .document ? (dct.year, dct.month) : anchorMonth
        switch unit {
        case .day: return .day(first, end, day.adding(days: count))
        case .week, .fortnight:
            return .week(first, end, containing: day.adding(days: count * (unit == .week ? 7 : 14)))
        case .weekend: return .weekend(first, end, containing: day.adding(days: count * 7))
        case .month:
            let (y, m) = TemporalCalendar.shift(month.0, month.1, by: count)
            return .month(first, end, y, m)
        case .quarter:
            let (y, m) = TemporalCalendar.shift(month.0, month.1, by: count * 3)
            return .period(first, end, "\(TemporalCalendar.yearValue(y))-Q\(TemporalCalendar.quarter(ofMonth: m))", .quarter)
        case .year: return .year(first, end, year + count)
        case .decade: return .year(first, end, year + count * 10)
        case .century: return .year(first, end, year + count * 100)
        case .hour, .minute, .second: return .duration(first, end - 1, unit.duration(abs(count)))
        }
    }

    /// `more than two years`, `about a decade`, `at least 18 months`: the qualifier joins a duration.
    func approximate(_ first: Int, countAt i: Int) -> FoundTimex? {
        guard let t = piece(i) else { return nil }
        if t.kind == .number { return counted(i, first: first) }
        switch word(i) {
        case .article?, .cardinal?, .vagueCount?: return counted(i, first: first)
        default: return nil
        }
    }

    // MARK: - Months, weekdays, parts of the year

    /// `December 19, 2024`, `Dec. 19`, `Feb 27`, `March 2022`, `in March`.
    func monthLed(_ i: Int, month m: Int, abbreviated: Bool, first: Int) -> FoundTimex? {
        guard pieces[i].isCapitalized else { return nil }
        var j = i + 1
        var dotted = false
        if abbreviated, isSymbol(j, "."), attached(j) {
            j += 1
            dotted = true
        }
        // `May 3:30` is a clock; `Oct. 26: The murder …` is a date before a colon.
        if let (d, len) = number(j), len <= 2, (1...31).contains(d), !(isSymbol(j + 1, ":") && attached(j + 1) && attached(j + 2)) {
            if let next = piece(j + 1), !next.spaceBefore, next.isSymbol(",") || next.isSymbol("."), attached(j + 2), piece(j + 2)?.kind == .number {
                return nil
            }
            var end = skipOrdinalSuffix(j + 1)
            if isSymbol(end, ","), let y = year(at: end + 1) {
                end += 2
                return CalendarDay(year: y, month: m, day: d).map { .day(first, end, $0) }
            }
            if let y = year(at: end) {
                return CalendarDay(year: y, month: m, day: d).map { .day(first, end + 1, $0) }
            }
            return calendar.nearDay(month: m, day: d, direction(before: first, after: end)).map { .day(first, end, $0) }
        }
        if let y = year(at: j) { return .month(first, j + 1, y, m) }
        if isSymbol(j, ","), let y = year(at: j + 1) { return .month(first, j + 2, y, m) }
        if word(j) == .of, let y = year(at: j + 1) { return .month(first, j + 2, y, m) }
        if abbreviated { return nil }
        if dotted { return nil }
        // "June last year", "March next year": the month of the year named after it.
        if let w = word(j), let u = unit(j + 1), u.unit == .year, !u.plural, let y = relativeUnit(j, j + 2, w, .year)?.year {
            return .month(first, j + 2, y, m)
        }
        if m == 3 || m == 5 {
            switch word(i - 1) {
            case .in?, .since?, .until?, .by?, .from?, .during?, .of?, .modifier?, .before?, .after?, .last?, .this?, .next?: break
            default:
                guard piece(i - 1)?.isDash == true, attached(i) else { return nil }
            }
        }
        let y = calendar.year(ofMonth: m, direction(before: first, after: j))
        return .month(first, j, y, m)
    }

    /// `Thursday`, `Sunday's`, `Friday, Oct. 23`, `Wednesday night`.
    func weekdayLed(_ i: Int, weekday: Int, first: Int) -> FoundTimex? {
        guard pieces[i].isCapitalized else { return nil }
        if let next = piece(i + 1), next.kind == .word, next.isCapitalized, TemporalParser.mastheads.contains(next.key) { return nil }
        var j = i + 1
        if isSymbol(j, ",") { j += 1 }
        if case let .month(m, abbreviated)? = word(j), let f = monthLed(j, month: m, abbreviated: abbreviated, first: first), f.granularity == .day {
            return f
        }
        if number(j) != nil, let f = dayMonth(j, first: first) { return f }
        // `Tuesday nights`: every Tuesday night.
        if let next = piece(i + 1), next.kind == .word, let part = TemporalLexicon.pluralPartsOfDay[next.key] {
            return .set(first, i + 2, "XXXX-WXX-\(weekday)T\(part.rawValue)")
        }
        let day = calendar.weekday(weekday, clauseTense(i) ?? direction(before: first, after: i + 1))
        // News corpora annotate "Friday night" with the day's value more often than with `TNI`.
        if case .partOfDay? = word(i + 1) { return .day(first, i + 2, day) }
        return .day(first, i + 1, day)
    }

    /// `the third quarter`, `third-quarter`, `the first half of 2025`, `the 21st century`.
    func partOfYear(_ i: Int, ordinal k: Int, first: Int) -> FoundTimex? {
        var u = i + 1
        if let t = piece(u), t.isDash, !t.spaceBefore { u += 1 }
        let perYear: Int
        switch word(u) {
        case .quarterWord?: perYear = 4
        case .halfWord?: perYear = 2
        case .unit(.century, false)?:
            guard k >= 1 else { return nil }
            return .period(first, u + 1, CalendarDay.pad(k - 1, 2), .century)
        default: return nil
        }
        guard k >= 1, k <= perYear else { return nil }
        var end = u + 1
        var y: Int?
        if word(end) == .of {
            if let explicit = year(at: end + 1) {
                y = explicit
                end += 2
            } else if let w = word(end + 1), let f = relative(end + 1, w, first: end + 1), f.granularity == .year, let fy = f.year {
                y = fy
                end = f.end
            } else if word(end + 1) == .the, unit(end + 2)?.unit == .year, unit(end + 2)?.plural == false {
                y = dct.year
                end += 3
            }
        } else if let explicit = year(at: end) {
            y = explicit
            end += 1
        } else if let prior = year(at: first - 1) {
            y = prior
        }
        let resolved = y ?? calendar.year(ofPart: k, per: perYear, direction(before: first, after: end))
        return .period(first, end, "\(TemporalCalendar.yearValue(resolved))-\(perYear == 4 ? "Q" : "H")\(k)", perYear == 4 ? .quarter : .half)
    }

    // MARK: - Relative expressions

    /// `last week`, `this year`, `next Monday`, `last March`, `this summer`, `that day`,
    /// `the past two years`, `recent weeks`, `last night`.
    func relative(_ i: Int, _ w: TemporalWord, first: Int) -> FoundTimex? {
        let j = i + 1
        guard let next = piece(j) else { return nil }
        if next.kind == .number {
            guard w == .past || w == .last || w == .next || w == .coming || w == .previous || w == .following else { return nil }
            return counted(j, first: first).flatMap { $0.type == .duration ? $0 : nil }
        }
        guard let nw = word(j) else { return nil }
        switch nw {
        case let .weekday(d):
            guard next.isCapitalized else { return nil }
            switch w {
            case .last, .previous: return .day(first, j + 1, calendar.weekday(d, strictly: .past))
            case .next, .coming, .following: return .day(first, j + 1, calendar.weekday(d, strictly: .future))
            case .this: return .day(first, j + 1, calendar.weekday(d, direction(before: first, after: j + 1) ?? .future))
            default: return nil
            }
        case let .month(m, abbreviated):
            guard next.isCapitalized, !abbreviated else { return nil }
            switch w {
            case .last: return .month(first, j + 1, calendar.year(ofMonth: m, strictly: .past), m)
            case .next, .coming: return .month(first, j + 1, calendar.year(ofMonth: m, strictly: .future), m)
            case .this: return .month(first, j + 1, dct.year, m)
            default: return nil
            }
        case let .season(index):
            let code = TemporalCalendar.seasons[index]
            let y: Int
            switch w {
            case .last, .past: y = calendar.year(ofSeason: index, .past, strictly: true)
            case .next, .coming: y = calendar.year(ofSeason: index, .future, strictly: true)
            case .this: y = calendar.year(ofSeason: index, nil, strictly: false)
            default: return nil
            }
            return .period(first, j + 1, "\(TemporalCalendar.yearValue(y))-\(code)", .season)
        case let .partOfDay(part):
            switch w {
            case .this: return .time(first, j + 1, dct, clock: part.rawValue)
            case .last where part == .night || part == .evening: return .time(first, j + 1, dct.adding(days: -1), clock: part.rawValue)
            case .that: return .time(first, j + 1, anchorDay, clock: part.rawValue)
            // `the next morning`, `the following evening`, `the previous night`: from the anchor day.
            case .next where first < i, .following: return .time(first, j + 1, anchorDay.adding(days: 1), clock: part.rawValue)
            case .previous: return .time(first, j + 1, anchorDay.adding(days: -1), clock: part.rawValue)
            default: return nil
            }
        case let .unit(u, plural):
            if plural {
                switch w {
                case .recent: return .reference(first, j + 1, "PAST_REF")
                case .past, .last, .coming, .next: return .duration(first, j + 1, u.duration(nil))
                default: return nil
                }
            }
            return relativeUnit(first, j + 1, w, u)
        case .article, .cardinal, .vagueCount:
            guard w == .past || w == .last || w == .next || w == .coming || w == .previous || w == .following else { return nil }
            return counted(j, first: first).flatMap { $0.type == .duration ? $0 : nil }
        case .quarterWord:
            return relativeUnit(first, j + 1, w, .quarter)
        default: return nil
        }
    }

    /// `last week`, `next month`, `that year`, `the following day` (with `the` given by the caller).
    func relativeUnit(_ first: Int, _ end: Int, _ w: TemporalWord, _ u: TemporalUnit) -> FoundTimex? {
        let offset: Int
        let fromAnchor: Bool
        switch w {
        case .last: (offset, fromAnchor) = (-1, false)
        case .this: (offset, fromAnchor) = (0, false)
        case .coming: (offset, fromAnchor) = (u == .weekend ? 0 : 1, false)
        case .next: (offset, fromAnchor) = (1, false)
        case .that, .same: (offset, fromAnchor) = (0, true)
        case .following: (offset, fromAnchor) = (1, true)
        case .previous: (offset, fromAnchor) = (-1, true)
        case .past: return .duration(first, end, u.duration(1))
        default: return nil
        }
        let day = fromAnchor ? anchorDay : dct
        switch u {
        case .day:
            guard fromAnchor else { return nil }
            return .day(first, end, day.adding(days: offset))
        case .week: return .week(first, end, containing: day.adding(days: offset * 7))
        case .weekend:
            if w == .last { return .weekend(first, end, containing: dct.adding(days: -7)) }
            if w == .next { return .weekend(first, end, containing: dct.isoWeekday >= 5 ? dct.adding(days: 7) : dct) }
            return .weekend(first, end, containing: day)
        case .month:
            let base = fromAnchor ? anchorMonth : (dct.year, dct.month)
            let (y, m) = TemporalCalendar.shift(base.0, base.1, by: offset)
            return .month(first, end, y, m)
        case .quarter:
            let base = fromAnchor ? anchorMonth : (dct.year, dct.month)
            let (y, m) = TemporalCalendar.shift(base.0, base.1, by: offset * 3)
            return .period(first, end, "\(TemporalCalendar.yearValue(y))-Q\(TemporalCalendar.quarter(ofMonth: m))", .quarter)
        case .year: return .year(first, end, (fromAnchor ? anchorYear : dct.year) + offset)
        case .decade:
            let y = (fromAnchor ? anchorYear : dct.year) + offset * 10
            return .period(first, end, String(y / 10), .decade)
        case .century:
            let y = (fromAnchor ? anchorYear : dct.year) + offset * 100
            return .period(first, end, CalendarDay.pad(y / 100, 2), .century)
        case .hour, .minute, .second, .fortnight: return nil
        }
    }

    /// `earlier this month`, `later this week`, `later that month`.
    func earlierOrLater(_ i: Int, first: Int) -> FoundTimex? {
        guard let w = word(i + 1) else { return nil }
        switch w {
        case .this, .that, .next, .last: return relative(i + 1, w, first: first)
        default: return nil
        }
    }

    /// `today`, `yesterday morning`, `tomorrow`, `tonight`.
    func deictic(_ i: Int, _ w: TemporalWord, first: Int) -> FoundTimex? {
        let day: CalendarDay
        switch w {
        case .yesterday: day = dct.adding(days: -1)
        case .tomorrow: day = dct.adding(days: 1)
        case .tonight: return .time(first, i + 1, dct, clock: "NI")
        default: day = dct
        }
        if case let .partOfDay(part)? = word(i + 1) { return .time(first, i + 2, day, clock: part.rawValue) }
        return .day(first, i + 1, day)
    }

    /// `the quarter`, `the latest quarter`: the quarter the text last named, else (as in business
    /// news) the last completed quarter when the clause is in the past tense, else the current one.
    func reportedQuarter(_ j: Int, first: Int) -> FoundTimex? {
        var q = j
        if word(q) == .latest { q += 1 }
        guard word(q) == .quarterWord else { return nil }
        if q == j, let (y, n) = anchorQuarter {
            return FoundTimex(first: first, end: q + 1, type: .date, value: "\(TemporalCalendar.yearValue(y))-Q\(n)", granularity: .quarter)
        }
        let latest = q > j || direction(before: first, after: q + 1) == .past
        let (y, m) = TemporalCalendar.shift(dct.year, dct.month, by: latest ? -3 : 0)
        return .period(first, q + 1, "\(TemporalCalendar.yearValue(y))-Q\(TemporalCalendar.quarter(ofMonth: m))", .quarter)
    }

    /// `year-earlier`, `the year-ago quarter`: the same period a year before the one the text is
    /// about (the quarter it last named, else the DCT's year).
    func yearEarlier(_ i: Int, first: Int) -> FoundTimex? {
        guard let dash = piece(i + 1), dash.isDash, !dash.spaceBefore, attached(i + 2),
              word(i + 2) == .earlier || word(i + 2) == .ago else { return nil }
        var end = i + 3
        if word(end) == .quarterWord || isWord(end, TemporalLexicon.period) { end += 1 }
        guard let (y, q) = anchorQuarter else { return .year(first, end, dct.year - 1) }
        var comparison = FoundTimex.period(first, end, "\(TemporalCalendar.yearValue(y - 1))-Q\(q)", .quarter)
        comparison.isAnchor = false
        return comparison
    }

    /// Expressions that start with `the`.
    func theLed(_ i: Int, first: Int) -> FoundTimex? {
        let j = i + 1
        guard let t = piece(j) else { return nil }
        if t.kind == .number {
            if t.length == 4, isWord(j + 1, TemporalLexicon.s), attached(j + 1), t.number % 10 == 0 {
                return .period(first, j + 2, String(t.number / 10), .decade)
            }
            return countedSpan(j, first: first)
        }
        if t.isApostrophe { return decade(apostropheAt: j, first: first) }
        guard let w = word(j) else {
            if isWord(j, TemporalLexicon.future) { return .reference(first, j + 1, "FUTURE_REF") }
            if isWord(j, TemporalLexicon.near) || isWord(j, TemporalLexicon.long) || isWord(j, TemporalLexicon.short) || isWord(j, TemporalLexicon.medium),
               isWord(j + 1, TemporalLexicon.term) || isWord(j + 1, TemporalLexicon.future) {
                return .reference(first, j + 2, "FUTURE_REF")
            }
            return nil
        }
        switch w {
        case let .ordinal(k):
            // `the first nine months`: a duration whose extent keeps the article and `first`.
            return partOfYear(j, ordinal: k, first: first) ?? (k == 1 ? countedSpan(j + 1, first: first) : nil)
        case .cardinal: return countedSpan(j, first: first)
        case .this:
            // `the current year`: the extent keeps the article, as with `the same day`.
            if case .unit(_, false)? = word(j + 1) { return relative(j, w, first: first) }
            if word(j + 1) == .quarterWord { return relative(j, w, first: first) }
            return nil
        case .same, .following, .previous, .next:
            if let (u, plural) = unit(j + 1), !plural { return relativeUnit(first, j + 2, w == .next ? .following : w, u) }
            return relative(j, w, first: first)
        case .past:
            return relative(j, w, first: first) ?? .reference(first, j + 1, "PAST_REF")
        case .last, .coming:
            return relative(j, w, first: first).flatMap { $0.type == .duration ? $0 : nil }
                ?? unit(j + 1).map { .duration(first, j + 2, $0.unit.duration($0.plural ? nil : 1)) }
        case .quarterWord:
            return reportedQuarter(j, first: first)
        case .latest:
            return reportedQuarter(j, first: first) ?? countedSpan(j + 1, first: first)
        case .unit(.year, false):
            return yearEarlier(j, first: first)
        case .unit(.day, false):
            if word(j + 1) == .before { return .day(first, j + 2, anchorDay.adding(days: -1)) }
            if word(j + 1) == .after { return .day(first, j + 2, anchorDay.adding(days: 1)) }
            return nil
        case .unit(.weekend, false):
            return .weekend(first, j + 1, containing: calendar.weekend(direction(before: first, after: j + 1)))
        case let .season(index):
            let code = TemporalCalendar.seasons[index]
            if word(j + 1) == .of, let y = year(at: j + 2) {
                return .period(first, j + 3, "\(TemporalCalendar.yearValue(y))-\(code)", .season)
            }
            let y = calendar.year(ofSeason: index, direction(before: first, after: j + 1), strictly: false)
            return .period(first, j + 1, "\(TemporalCalendar.yearValue(y))-\(code)", .season)
        case .modifier: return modified(j, first: first)
        case .recent:
            return word(j + 1) == .past ? .reference(first, j + 2, "PAST_REF") : nil
        default: return nil
        }
    }

    /// `nineteen ninety-six`, `nineteen eighty`: a year as broadcast transcripts spell it.
    func spokenYear(_ i: Int, first: Int) -> FoundTimex? {
        guard case let .cardinal(tens)? = word(i + 1), tens >= 20, tens <= 90, tens % 10 == 0 else { return nil }
        var end = i + 2
        var units = 0
        if let dash = piece(end), dash.isDash, !dash.spaceBefore, attached(end + 1), case let .cardinal(u)? = word(end + 1), u < 10 {
            units = u
            end += 2
        } else if piece(end)?.isDash == false, case let .cardinal(u)? = word(end), u < 10 {
            units = u
            end += 1
        }
        // "nineteen twenty-year-olds" counts people, not a year.
        if unit(end) != nil || (piece(end)?.isDash == true && unit(end + 1) != nil) { return nil }
        return .year(first, end, 1900 + tens + units)
    }

    /// `the nine months`, `the first six months`: a counted duration after the article keeps it in
    /// its extent, as TimeBank does; a counted date (`the three days later`) is left to the count.
    func countedSpan(_ j: Int, first: Int) -> FoundTimex? {
        guard let f = counted(j, first: first), f.type == .duration else { return nil }
        return f
    }

    /// `early 2025`, `mid-April`, `late Wednesday`, `the end of the year`, `the beginning of next month`:
    /// the modifier narrows the period but TIMEX3 keeps the period's value.
    func modified(_ i: Int, first: Int) -> FoundTimex? {
        var j = i + 1
        if let t = piece(j), t.isDash, !t.spaceBefore { j += 1 }
        if word(j) == .of {
            j += 1
            if word(j) == .the || word(j) == .this, let (u, plural) = unit(j + 1), !plural {
                switch u {
                case .year: return .year(first, j + 2, dct.year)
                case .month: return .month(first, j + 2, dct.year, dct.month)
                case .week: return .week(first, j + 2, containing: dct)
                case .day: return .day(first, j + 2, dct)
                default: return nil
                }
            }
        } else if word(j) == .on || word(j) == .in {
            // "late on Friday"; but in "the talks end on Friday" the modifier is a verb.
            guard case .weekday? = word(j + 1), isWord(i, TemporalLexicon.early_) || isWord(i, TemporalLexicon.late) else { return nil }
            j += 1
        }
        guard let t = piece(j) else { return nil }
        let inner: FoundTimex?
        if t.kind == .number {
            inner = numberLed(j, first: first)
        } else if let w = word(j) {
            switch w {
            case .modifier, .at, .fiscal: inner = nil
            case .in: inner = nil
            default: inner = core(j, w, first: first)
            }
        } else {
            inner = nil
        }
        guard let f = inner, f.type == .date || f.type == .time else { return nil }
        return f
    }

    /// `every week`, `each year`, `every two years`, `every Monday`.
    func every(_ i: Int, first: Int) -> FoundTimex? {
        var j = i + 1
        switch word(j) {
        case let .weekday(d)?:
            // `every Monday night`: the part of the day joins the set.
            if case let .partOfDay(part)? = word(j + 1) { return .set(first, j + 2, "XXXX-WXX-\(d)T\(part.rawValue)") }
            return .set(first, j + 1, "XXXX-WXX-\(d)")
        case let .month(m, false)? where pieces[j].isCapitalized:
            return .set(first, j + 1, "XXXX-\(CalendarDay.pad(m, 2))")
        case let .season(index)?:
            return .set(first, j + 1, "XXXX-\(TemporalCalendar.seasons[index])")
        case let .partOfDay(part)?:
            return .set(first, j + 1, "XXXX-XX-XXT\(part.rawValue)")
        default: break
        }
        var count = 1
        // `every other week`: every second one.
        if isWord(j, TemporalLexicon.other) {
            count = 2
            j += 1
        } else if let (n, _) = number(j) {
            count = n
            j += 1
        } else if case let .cardinal(n)? = word(j) {
            count = n
            j += 1
        }
        guard let (u, _) = unit(j) else { return nil }
        return .set(first, j + 1, u.duration(count))
    }

    // MARK: - Tense

    /// The direction of the nearest tense cue in the clause around pieces `first..<end`: backward
    /// up to 12 pieces, forward up to 8, never past a sentence end, a line break or a word that
    /// opens another clause (`that`, `while`, …). Forward, a comma ends the clause too unless the
    /// expression opens its sentence (`On Friday, he will …`).
    func direction(before first: Int, after end: Int) -> TemporalDirection? {
        var backward: (TemporalDirection, Int)?
        var opensSentence = first == 0
        var j = first - 1
        var distance = 1
        while j >= 0, distance <= 12 {
            if isBoundary(j) || opensClause(j) {
                opensSentence = distance <= 2
                break
            }
            if let d = cue(j, precedesExpression: true) {
                backward = (d, distance)
                break
            }
            if pieces[j].newlineBefore {
                opensSentence = distance <= 2
                break
            }
            j -= 1
            distance += 1
        }
        if word(first - 1) == .since { return .past }
        // "as early as Tuesday", "as soon as Friday": a deadline ahead.
        if isWord(first - 1, TemporalLexicon.as_), let w = piece(first - 2), w.isWord(TemporalLexicon.early_) || w.isWord(TemporalLexicon.soon),
           isWord(first - 3, TemporalLexicon.as_) { return .future }
        j = end
        distance = 1
        while j < pieces.count, distance <= 8, distance < (backward?.1 ?? 99) {
            if pieces[j].newlineBefore || isBoundary(j) || opensClause(j) { break }
            if pieces[j].isSymbol(","), !opensSentence { break }
            // After the expression, a regular `-ed` form is as often an adjective or a reduced
            // relative ("markets untouched by …") as a verb: it speaks only when nothing before did.
            if let d = cue(j), backward == nil || opensSentence || !isRegularPast(j) { return d }
            j += 1
            distance += 1
        }
        if backward == nil, word(first - 1) == .until || isWord(first - 1, TemporalLexicon.through) { return .future }
        return backward?.0
    }

    /// A full stop ends a sentence unless it ends an abbreviation (`U.S.`, `Dec.`, `Gen.`).
    func isBoundary(_ j: Int) -> Bool {
        let t = pieces[j]
        guard t.isClauseBoundary else { return false }
        guard t.isSymbol("."), let prev = piece(j - 1), !t.spaceBefore else { return true }
        if prev.kind == .word { return prev.length > 1 && !TemporalParser.abbreviations.contains(prev.key) }
        return true
    }

    static let abbreviations: Set<UInt64> = Set(["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                                                "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "jr",
                                                "sr", "inc", "corp", "co", "ltd", "no", "vs", "prof", "capt", "maj", "adm", "rev"]
        .map { WordKey.pack($0) })

    /// Words that start a subordinate or coordinate clause, whose tense is not the expression's.
    func opensClause(_ j: Int) -> Bool {
        let t = pieces[j]
        return t.kind == .word && TemporalParser.clauseOpeners.contains(t.key)
    }

    static let clauseOpeners: Set<UInt64> = Set(["that", "which", "who", "whom", "while", "whereas", "because", "but", "although",
                                                "though", "unless", "whether"]
        .map { WordKey.pack($0) })

    /// The tense token `j` gives; `precedesExpression` when the expression comes after it.
    func cue(_ j: Int, precedesExpression: Bool = false) -> TemporalDirection? {
        let t = pieces[j]
        guard t.kind == .word else { return nil }
        if let w = words[j] {
            switch w {
            case .cue(.past):
                // A participle after a form of "be" is passive voice, not past tense: "to be repaid in June".
                if let prev = piece(j - 1), prev.kind == .word, TemporalLexicon.beForms.contains(prev.key) { return nil }
                return .past
            case let .cue(d): return d
            case .last, .ago, .yesterday, .earlier: return .past
            case .next, .coming, .tomorrow: return .future
            default: return nil
            }
        }
        if t.key == TemporalLexicon.ll, piece(j - 1)?.isApostrophe == true { return .future }
        if TemporalLexicon.intentions.contains(t.key) { return isWord(j + 1, TemporalLexicon.to) ? .future : nil }
        // "planned to leave on Thursday": a past plan for a later time, when the expression follows
        // it; "On Tuesday he promised to …" dates the promise, and without `to` it is a past verb.
        if precedesExpression, TemporalLexicon.pastIntentions.contains(t.key), isWord(j + 1, TemporalLexicon.to) { return .future }
        // "is to resume trading Tuesday": be + to announces a plan.
        if t.key == TemporalLexicon.to, let prev = piece(j - 1), prev.isWord(TemporalLexicon.is_) || prev.isWord(TemporalLexicon.are) { return .future }
        if isRegularPast(j) {
            if let prev = piece(j - 1), prev.kind == .word, TemporalLexicon.beForms.contains(prev.key) { return nil }
            return .past
        }
        return nil
    }

    /// A lowercase word of four letters or more ending in `ed` that the lexicon does not list.
    func isRegularPast(_ j: Int) -> Bool {
        let t = pieces[j]
        return t.kind == .word && words[j] == nil && !t.isCapitalized && t.length >= 4 && t.key != WordKey.overflow
            && t.key & 0x3FF == TemporalLexicon.edSuffix
    }

    // MARK: - Joining

    /// `Monday at 3 pm`, `3 pm on Monday`, `yesterday at 15:00`: a date and a time of day next to
    /// each other make one TIME on that date.
    static func joinDatesAndTimes(_ found: [FoundTimex], pieces: [Piece], words: [TemporalWord?]) -> [FoundTimex] {
        guard found.count > 1 else { return found }
        var out: [FoundTimex] = []
        out.reserveCapacity(found.count)
        var k = 0
        while k < found.count {
            let a = found[k]
            if k + 1 < found.count {
                let b = found[k + 1]
                let gap = b.first - a.end
                let joinable = gap <= 2 && !pieces[b.first].newlineBefore && (a.end..<b.first).allSatisfy { j in
                    switch words[j] {
                    case .at?, .on?, .by?, .approx?, .from?: return true
                    default: return pieces[j].isSymbol(",")
                    }
                }
                if joinable, a.type == .date, a.granularity == .day, let day = a.day, b.type == .time, let clock = b.clock,
                   isClockOnly(b, pieces: pieces, words: words) {
                    out.append(.time(a.first, b.end, day, clock: clock))
                    k += 2
                    continue
                }
                if joinable, a.type == .time, let clock = a.clock, isClockOnly(a, pieces: pieces, words: words),
                   b.type == .date, b.granularity == .day, let day = b.day {
                    out.append(.time(a.first, b.end, day, clock: clock))
                    k += 2
                    continue
                }
            }
            out.append(a)
            k += 1
        }
        return out
    }

    /// A time that names no day of its own (`3 pm`, `noon`), as opposed to `Monday night`.
    static func isClockOnly(_ f: FoundTimex, pieces: [Piece], words: [TemporalWord?]) -> Bool {
        switch words[f.first] {
        case .noon?, .midnight?, .approx?: return true
        default: return pieces[f.first].kind == .number
        }
    }
}
