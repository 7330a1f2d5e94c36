import ClaimModel

/// One synthetic wire article: its plain text and the date its dateline gives.
struct SyntheticArticle {
    var text: String
    var dct: CalendarDay
    var bytes: Int { text.utf8.count }
}

/// Makes wire articles of realistic shape from ``Vocabulary``: a headline, a dated dateline,
/// a lead with a titled speaker, quotes and reported speech from several speakers, relative
/// dates, background sentences, and a reporting credit; 2–8 KB each.
///
/// Article `i` depends only on the seed and `i`, so 100 or 100,000 of them are equally cheap
/// to make, in any order, and every run of the bench reads the same corpus.
struct ArticleGenerator {
    let seed: UInt64
    /// Document dates fall within this many days after `firstDay`.
    static let firstDay = CalendarDay(year: 2024, month: 1, day: 1)!
    static let daySpan = 730
    static let sizeRange = 2048...8192

    func article(_ index: Int) -> SyntheticArticle {
        var random = SeededGenerator(seed: seed, index: index)
        let dct = Self.firstDay.adding(days: Int(random.next() % UInt64(Self.daySpan)))
        let target = Self.sizeRange.lowerBound + Int(random.next() % UInt64(Self.sizeRange.count))
        let home = Vocabulary.countries.pick(&random)
        var cast = Cast(random: &random, home: home)
        var writer = ArticleWriter(random: random, home: home)

        var text = writer.fill(Vocabulary.headlines.pick(&writer.random), speaker: nil) + "\n\n"
        let agency = Vocabulary.agencies.pick(&writer.random)
        let dateline = "\(home.capital.uppercased()), \(Vocabulary.months[dct.month - 1]) \(dct.day), \(dct.year) (\(agency)) - "
        text += dateline + writer.fill(Vocabulary.claimSentences.pick(&writer.random), speaker: cast.next(&writer.random))
        while text.utf8.count < target {
            var paragraph = ""
            for _ in 0..<(1 + Int(writer.random.next() % 3)) {
                let isClaim = writer.random.next() % 5 < 2
                let sentence = isClaim
                    ? writer.fill(Vocabulary.claimSentences.pick(&writer.random), speaker: cast.next(&writer.random))
                    : writer.fill(Vocabulary.distractorSentences.pick(&writer.random), speaker: nil)
                paragraph += (paragraph.isEmpty ? "" : " ") + sentence
            }
            text += "\n\n" + paragraph
        }
        let reporter = "\(Vocabulary.firstNames.pick(&writer.random)) \(Vocabulary.surnames.pick(&writer.random))"
        text += "\n\n(Reporting by \(reporter); Editing by \(Vocabulary.firstNames.pick(&writer.random)) \(Vocabulary.surnames.pick(&writer.random)))\n"
        return SyntheticArticle(text: text, dct: dct)
    }
}

/// The people an article quotes: three to six titled speakers, introduced in full the first
/// time ("Velorian Foreign Minister Anna Kovar") and by surname after that, as wire copy does.
/// Their surnames differ, so "Kovar" names one person.
private struct Cast {
    private var people: [(full: String, surname: String, introduced: Bool)] = []

    init(random: inout SeededGenerator, home: Vocabulary.Country) {
        let size = 3 + Int(random.next() % 4)
        while people.count < size {
            let country = random.next() % 2 == 0 ? home : Vocabulary.countries.pick(&random)
            let surname = Vocabulary.surnames.pick(&random)
            guard !people.contains(where: { $0.surname == surname }) else { continue }
            let full = "\(country.demonym) \(Vocabulary.titles.pick(&random)) \(Vocabulary.firstNames.pick(&random)) \(surname)"
            people.append((full, surname, false))
        }
    }

    mutating func next(_ random: inout SeededGenerator) -> String {
        let index = Int(random.next() % UInt64(people.count))
        defer { people[index].introduced = true }
        return people[index].introduced ? people[index].surname : people[index].full
    }
}

/// Fills the slots of one template.
private struct ArticleWriter {
    var random: SeededGenerator
    let home: Vocabulary.Country

    mutating func fill(_ template: String, speaker: String?) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            result += value(of: rest[rest.index(after: open)..<close], speaker: speaker)
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result.prefix(1).uppercased() + result.dropFirst()
    }

    private mutating func value(of slot: Substring, speaker: String?) -> String {
        let other = random.next() % 3 == 0 ? Vocabulary.countries.pick(&random) : home
        switch slot {
        case "speaker": return speaker ?? "a spokesperson"
        case "country": return other.name
        case "demonym": return other.demonym
        case "city": return other.capital
        case "topic": return Vocabulary.topics.pick(&random)
        case "said": return Vocabulary.said.pick(&random)
        case "when": return fill(Vocabulary.relativeDates.pick(&random), speaker: nil).lowercasedFirst
        case "weekday": return Vocabulary.weekdays.pick(&random)
        case "month": return Vocabulary.months.pick(&random)
        default: preconditionFailure("unknown template slot {\(slot)}")
        }
    }
}

private extension String {
    /// "On Monday" back to "on Monday" when a date is spliced into the middle of a sentence.
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
