/// A calendar unit that durations, sets and relative expressions count in.
enum TemporalUnit: Sendable, Hashable {
    case second, minute, hour, day, week, weekend, fortnight, month, quarter, year, decade, century

    /// `count` and a half units, in the next smaller designator: `P2Y6M`, `PT5H30M`; nil where
    /// no exact value exists.
    func durationAndAHalf(_ count: Int) -> String? {
        switch self {
        case .year: return "P\(count)Y6M"
        case .day: return "P\(count)DT12H"
        case .hour: return "PT\(count)H30M"
        case .minute: return "PT\(count)M30S"
        case .decade: return "P\(count * 10 + 5)Y"
        case .century: return "P\(count * 100 + 50)Y"
        case .week: return "P\(count * 7 + 3)DT12H"
        case .month, .quarter, .second, .weekend, .fortnight: return nil
        }
    }

    /// The TIMEX3 duration designator: `P3Y`, `PT2H`, …
    func duration(_ count: Int?) -> String {
        let n = count.map(String.init) ?? "X"
        switch self {
        case .second: return "PT\(n)S"
        case .minute: return "PT\(n)M"
        case .hour: return "PT\(n)H"
        case .day: return "P\(n)D"
        case .week: return "P\(n)W"
        case .weekend: return count.map { "P\($0 * 2)D" } ?? "PXWE"
        case .fortnight: return count.map { "P\($0 * 2)W" } ?? "PXW"
        case .month: return "P\(n)M"
        case .quarter: return count.map { "P\($0 * 3)M" } ?? "PXQ"
        case .year: return "P\(n)Y"
        case .decade: return count.map { "P\($0 * 10)Y" } ?? "PXDE"
        case .century: return count.map { "P\($0 * 100)Y" } ?? "PXCE"
        }
    }
}

/// The tense a cue word gives the clause around a time expression.
enum TemporalDirection: Sendable, Hashable {
    case past, future
}

/// A part of the day, by its TIMEX3 code.
enum PartOfDay: String, Sendable, Hashable {
    case morning = "MO", afternoon = "AF", evening = "EV", night = "NI"
}

/// A direction in time that names no point: `now`, `recently`, `in the future`.
enum TemporalReference: Sendable, Hashable {
    case present, past, future

    var value: String {
        switch self {
        case .present: "PRESENT_REF"
        case .past: "PAST_REF"
        case .future: "FUTURE_REF"
        }
    }
}

/// What a word can contribute to a time expression.
enum TemporalWord: Sendable, Hashable {
    case month(Int, abbreviated: Bool)
    case weekday(Int)
    /// `Mondays`: a set of days.
    case weekdays(Int)
    case unit(TemporalUnit, plural: Bool)
    case cardinal(Int)
    /// `a`, `an`, `one`: a count of one that also reads as an article.
    case article
    /// `several`, `few`, `couple`, `many`: a count with no value.
    case vagueCount
    case ordinal(Int)
    case last, this, next, past, coming, previous, following, same, that, recent, latest
    case earlier, later, ago, before, after
    case today, yesterday, tomorrow, tonight
    case partOfDay(PartOfDay)
    /// An index into ``TemporalCalendar/seasons``.
    case season(Int)
    /// `early`, `late`, `mid`, `end`, `beginning`, `start`, `middle`: narrows a period; the
    /// value stays the period's.
    case modifier
    case reference(TemporalReference)
    case setAdverb(TemporalUnit)
    case every
    case quarterWord
    case halfWord
    case noon, midnight
    case timeZone
    case meridiem(pm: Bool)
    /// Words that only matter as tense cues.
    case cue(TemporalDirection)
    case the, of, `in`, on, at, since, until, by, within, during, over, per, from, fiscal, approx
}

/// The immutable word table of the tagger.
enum TemporalLexicon {
    static func word(_ key: UInt64) -> TemporalWord? { table[key] }

    static let table: [UInt64: TemporalWord] = {
        var t: [UInt64: TemporalWord] = [:]
        func add(_ w: StaticString, _ v: TemporalWord) { t[WordKey.pack(w)] = v }
        let months: [(StaticString, [StaticString])] = [
            ("january", ["jan"]), ("february", ["feb"]), ("march", ["mar"]), ("april", ["apr"]), ("may", []),
            ("june", ["jun"]), ("july", ["jul"]), ("august", ["aug"]), ("september", ["sep", "sept"]),
            ("october", ["oct"]), ("november", ["nov"]), ("december", ["dec"]),
        ]
        for (i, (full, abbrevs)) in months.enumerated() {
            add(full, .month(i + 1, abbreviated: false))
            for a in abbrevs { add(a, .month(i + 1, abbreviated: true)) }
        }
        let weekdays: [StaticString] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        for (i, w) in weekdays.enumerated() { add(w, .weekday(i + 1)) }
        let pluralWeekdays: [StaticString] = ["mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays"]
        for (i, w) in pluralWeekdays.enumerated() { add(w, .weekdays(i + 1)) }
        let units: [(StaticString, StaticString, TemporalUnit)] = [
            ("second", "seconds", .second), ("minute", "minutes", .minute), ("hour", "hours", .hour), ("day", "days", .day),
            ("week", "weeks", .week), ("weekend", "weekends", .weekend), ("fortnight", "fortnights", .fortnight),
            ("month", "months", .month), ("year", "years", .year), ("decade", "decades", .decade),
            ("century", "centuries", .century),
        ]
        for (s, p, u) in units {
            add(s, .unit(u, plural: false))
            add(p, .unit(u, plural: true))
        }
        // Only the plural: the singular `quarter` is a part of the year (`the third quarter`).
        add("quarters", .unit(.quarter, plural: true))
        add("mins", .unit(.minute, plural: true))
        add("hrs", .unit(.hour, plural: true))
        add("yr", .unit(.year, plural: false))
        add("yrs", .unit(.year, plural: true))
        let cardinals: [(StaticString, Int)] = [
            ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7), ("eight", 8), ("nine", 9),
            ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13), ("fourteen", 14), ("fifteen", 15),
            ("sixteen", 16), ("seventeen", 17), ("eighteen", 18), ("nineteen", 19), ("twenty", 20), ("thirty", 30),
            ("forty", 40), ("fifty", 50), ("sixty", 60), ("seventy", 70), ("eighty", 80), ("ninety", 90),
            ("hundred", 100), ("dozen", 12),
        ]
        for (w, n) in cardinals { add(w, .cardinal(n)) }
        add("a", .article)
        add("an", .article)
        add("one", .article)
        for w: StaticString in ["several", "few", "couple", "many", "some"] { add(w, .vagueCount) }
        let ordinals: [(StaticString, Int)] = [
            ("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("fifth", 5), ("sixth", 6), ("seventh", 7),
            ("eighth", 8), ("ninth", 9), ("tenth", 10), ("eleventh", 11), ("twelfth", 12), ("thirteenth", 13),
            ("fourteenth", 14), ("fifteenth", 15), ("sixteenth", 16), ("seventeenth", 17), ("eighteenth", 18),
            ("nineteenth", 19), ("twentieth", 20), ("twentyfirst", 21),
        ]
        for (w, n) in ordinals { add(w, .ordinal(n)) }
        add("last", .last)
        add("this", .this)
        add("next", .next)
        add("past", .past)
        add("coming", .coming)
        add("upcoming", .coming)
        add("previous", .previous)
        // "the current year", "current quarter"; `current` alone names no time.
        add("current", .this)
        add("preceding", .previous)
        add("prior", .previous)
        add("following", .following)
        add("same", .same)
        add("that", .that)
        add("recent", .recent)
        add("latest", .latest)
        add("earlier", .earlier)
        add("later", .later)
        add("ago", .ago)
        add("before", .before)
        add("after", .after)
        add("today", .today)
        add("yesterday", .yesterday)
        add("tomorrow", .tomorrow)
        add("tonight", .tonight)
        add("morning", .partOfDay(.morning))
        add("afternoon", .partOfDay(.afternoon))
        add("evening", .partOfDay(.evening))
        add("night", .partOfDay(.night))
        add("overnight", .partOfDay(.night))
        add("spring", .season(0))
        add("summer", .season(1))
        add("autumn", .season(2))
        add("fall", .season(2))
        add("winter", .season(3))
        for w: StaticString in ["early", "late", "mid", "end", "beginning", "start", "middle", "close"] { add(w, .modifier) }
        add("now", .reference(.present))
        add("currently", .reference(.present))
        add("presently", .reference(.present))
        add("nowadays", .reference(.present))
        add("recently", .reference(.past))
        add("lately", .reference(.past))
        add("formerly", .reference(.past))
        add("daily", .setAdverb(.day))
        add("nightly", .setAdverb(.day))
        add("weekly", .setAdverb(.week))
        add("monthly", .setAdverb(.month))
        add("annually", .setAdverb(.year))
        add("yearly", .setAdverb(.year))
        add("hourly", .setAdverb(.hour))
        add("every", .every)
        add("each", .every)
        add("quarter", .quarterWord)
        add("half", .halfWord)
        add("noon", .noon)
        add("midday", .noon)
        add("midnight", .midnight)
        for w: StaticString in ["gmt", "utc", "cet", "cest", "est", "edt", "et", "pst", "pdt", "pt", "bst", "eet", "eest", "msk", "z", "local"] {
            add(w, .timeZone)
        }
        add("am", .meridiem(pm: false))
        add("pm", .meridiem(pm: true))
        for w: StaticString in ["will", "shall", "ll", "would", "expected", "scheduled", "due", "be",
                                "ahead", "starting", "going"] {
            add(w, .cue(.future))
        }
        for w: StaticString in ["said", "says", "told", "was", "were", "had", "did", "met", "took", "came", "went", "held",
                                "made", "gave", "began", "saw", "spoke", "wrote", "left", "sent", "won", "lost", "fell",
                                "rose", "hit", "struck", "began", "became", "thought", "felt", "kept", "led", "paid", "put",
                                "ran", "sold", "bought", "brought", "built", "caught", "chose", "drew", "drove", "flew",
                                "found", "fought", "forgot", "got", "grew", "heard", "knew", "meant", "read", "rang",
                                "shot", "shut", "sat", "slid", "stood", "spent", "stole", "swore", "taught", "threw",
                                "woke", "wore", "been"] {
            add(w, .cue(.past))
        }
        add("the", .the)
        add("of", .of)
        add("in", .in)
        add("on", .on)
        add("at", .at)
        add("since", .since)
        add("until", .until)
        add("till", .until)
        add("by", .by)
        add("within", .within)
        add("during", .during)
        add("over", .over)
        add("per", .per)
        add("from", .from)
        add("fiscal", .fiscal)
        for w: StaticString in ["about", "around", "nearly", "almost", "roughly", "over", "under", "some"] {
            if t[WordKey.pack(w)] == nil { add(w, .approx) }
        }
        return t
    }()

    /// Keys the parser compares against directly.
    static let more = WordKey.pack("more")
    static let less = WordKey.pack("less")
    static let fewer = WordKey.pack("fewer")
    static let than = WordKey.pack("than")
    static let least = WordKey.pack("least")
    static let late = WordKey.pack("late")
    static let up = WordKey.pack("up")
    static let to = WordKey.pack("to")
    static let s = WordKey.pack("s")
    static let th = WordKey.pack("th")
    static let st = WordKey.pack("st")
    static let nd = WordKey.pack("nd")
    static let rd = WordKey.pack("rd")
    static let t = WordKey.pack("t")
    static let z = WordKey.pack("z")
    static let q = WordKey.pack("q")
    static let h = WordKey.pack("h")
    static let a = WordKey.pack("a")
    static let p = WordKey.pack("p")
    static let m = WordKey.pack("m")
    static let day = WordKey.pack("day")
    static let eve = WordKey.pack("eve")
    static let year = WordKey.pack("year")
    static let new = WordKey.pack("new")
    static let christmas = WordKey.pack("christmas")
    static let thanksgiving = WordKey.pack("thanksgiving")
    static let near = WordKey.pack("near")
    static let couple = WordKey.pack("couple")
    static let other = WordKey.pack("other")
    static let or = WordKey.pack("or")
    static let so = WordKey.pack("so")
    static let and = WordKey.pack("and")
    static let pluralPartsOfDay: [UInt64: PartOfDay] = [WordKey.pack("mornings"): .morning, WordKey.pack("afternoons"): .afternoon,
                                                        WordKey.pack("evenings"): .evening, WordKey.pack("nights"): .night]
    static let as_ = WordKey.pack("as")
    static let early_ = WordKey.pack("early")
    static let soon = WordKey.pack("soon")
    static let long = WordKey.pack("long")
    static let short = WordKey.pack("short")
    static let medium = WordKey.pack("medium")
    static let term = WordKey.pack("term")
    static let future = WordKey.pack("future")
    static let present = WordKey.pack("present")
    static let moment = WordKey.pack("moment")
    static let time = WordKey.pack("time")
    static let hours = WordKey.pack("hours")
    static let now = WordKey.pack("now")
    static let is_ = WordKey.pack("is")
    static let are = WordKey.pack("are")
    static let ll = WordKey.pack("ll")
    static let was = WordKey.pack("was")
    static let old = WordKey.pack("old")
    static let olds = WordKey.pack("olds")
    static let period = WordKey.pack("period")
    static let through = WordKey.pack("through")
    /// `plans to`, `intended to`: future only before `to`.
    static let intentions: Set<UInt64> = Set(["plans", "planning", "intends", "hopes", "wants", "aims", "seeks",
                                             "expects", "prepares", "promises", "vows", "pledges", "threatens", "set"].map { WordKey.pack($0) })
    /// Past and base forms of intention verbs: future only before `to` ("planned to leave Friday").
    /// (Base forms that are also nouns, `plan`, `hope`, `aim`, are left out: "a plan to curb exports".)
    static let pastIntentions: Set<UInt64> = Set(["planned", "intend", "intended", "hoped", "aimed", "wanted", "sought",
                                                 "expect", "prepared", "promised", "vowed", "pledged", "threatened",
                                                 "decided", "agreed"].map { WordKey.pack($0) })
    /// Forms of `be` that make a following participle passive.
    static let beForms: Set<UInt64> = Set(["be", "is", "are", "being", "been", "am"].map { WordKey.pack($0) })
    /// The low ten bits of a key that ends in `ed`: the regular past tense.
    static let edSuffix: UInt64 = (5 << 5) | 4
}
