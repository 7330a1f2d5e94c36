/// The word lists and sentence templates the synthetic corpus is made of.
///
/// Every country, city and person is invented, so no figure depends on what the gazetteer
/// happens to know; only the topic phrases reuse the taxonomy's cue words, because a claim is
/// only extracted when a statement names a topic. Templates mark their slots with `{…}`:
/// `{speaker}` a titled person (first mention) or their surname, `{country}`, `{demonym}`,
/// `{city}`, `{topic}`, `{when}` a relative or absolute date, `{said}` a verb of saying.
enum Vocabulary {
    struct Country {
        var name: String
        var demonym: String
        var capital: String
    }

    static let countries: [Country] = [
        Country(name: "Veloria", demonym: "Velorian", capital: "Port Alder"),
        Country(name: "Astravia", demonym: "Astravian", capital: "Kessaly"),
        Country(name: "Norland", demonym: "Norlandic", capital: "Hallenmark"),
        Country(name: "Tarsova", demonym: "Tarsovan", capital: "Dunmere"),
        Country(name: "Moravel", demonym: "Moravelian", capital: "Sintra Vale"),
        Country(name: "Ruvenia", demonym: "Ruvenian", capital: "Ost Varen"),
        Country(name: "Ulmeria", demonym: "Ulmerian", capital: "Brisk"),
        Country(name: "Serenth", demonym: "Serenthi", capital: "Callowport"),
        Country(name: "Drovany", demonym: "Drovanian", capital: "Miresk"),
        Country(name: "Palmora", demonym: "Palmoran", capital: "Lisvan"),
        Country(name: "Quelland", demonym: "Quellish", capital: "Ardensby"),
        Country(name: "Zavenia", demonym: "Zavenian", capital: "Korrin"),
    ]

    static let firstNames = [
        "Anna", "Tomas", "Ilse", "Marek", "Sofia", "Viktor", "Lena", "Oskar", "Mira", "Pavel", "Ines", "Jonas",
        "Katja", "Rafael", "Elin", "Dorian", "Nadia", "Henrik", "Yara", "Matteo", "Greta", "Lukas", "Alma", "Stefan",
        "Petra", "Emil", "Vera", "Aurel", "Hanna", "Bruno", "Rosa", "Milan", "Tilde", "Casper", "Irena", "Felix",
        "Dana", "Anton", "Selma", "Nikolai",
    ]

    static let surnames = [
        "Kovar", "Reyne", "Marrow", "Halden", "Ostrava", "Lindqvist", "Quarry", "Doreen", "Castell", "Brennic",
        "Falkov", "Imre", "Jastrow", "Kellner", "Lorant", "Mendel", "Novak", "Orsini", "Pallas", "Quint", "Rudan",
        "Sorel", "Tamsin", "Ulbrecht", "Valen", "Wexley", "Yardan", "Zorich", "Aldane", "Bexley", "Corvin",
        "Dashiel", "Ederly", "Fennick", "Garrow", "Holvik", "Isberg", "Jorvan", "Krall", "Lestrade", "Mavrin",
        "Norcott", "Ostrom", "Pevensey", "Rask", "Stellan", "Torvald", "Umber", "Vantreight", "Wendell",
    ]

    static let titles = [
        "President", "Prime Minister", "Foreign Minister", "Defence Minister", "Finance Minister", "Chancellor",
        "Interior Minister", "Deputy Prime Minister", "Ambassador", "General", "Senator", "Energy Minister",
    ]

    static let agencies = ["Wirepress", "Continental News", "Meridian Wire", "Dispatch Agency"]

    /// Noun phrases naming a topic of the taxonomy.
    static let topics = [
        "a ceasefire", "an immediate ceasefire", "a truce along the northern front", "an end to the fighting",
        "security guarantees", "firm security guarantees", "a mutual defence pact", "peace talks",
        "a negotiated settlement", "the peace plan", "renewed diplomacy", "military aid", "more air defence systems",
        "long-range missiles", "artillery ammunition", "new sanctions", "an oil embargo", "an asset freeze",
        "a peacekeeping force", "sending troops", "NATO membership", "accession talks", "EU membership",
        "territorial concessions", "new tariffs", "a trade deal", "gas supplies", "the pipeline project",
        "uranium enrichment", "humanitarian aid", "reconstruction funds", "engagement with the rebels",
    ]

    static let said = ["said", "told reporters", "said in a statement", "told parliament", "said on television",
                       "insisted", "warned", "added", "told a news conference"]

    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]

    /// Relative dates the tagger must resolve against the document date; `{weekday}` and
    /// `{month}` are filled in as well.
    static let relativeDates = [
        "on {weekday}", "last week", "next month", "two days ago", "in {month}", "earlier this year",
        "by the end of the year", "on {month} 14", "yesterday", "later this month", "last {weekday}",
        "three weeks ago", "next year", "this week", "in the first quarter", "on {weekday} evening",
        "last month", "since {month}", "within two weeks", "at the weekend",
    ]

    /// Statements that carry a claim: a titled speaker (or their surname once introduced), a
    /// verb of saying or of stance, a topic and usually a date.
    static let claimSentences = [
        "\"We will not accept {topic} that rewards aggression,\" {speaker} {said} {when}.",
        "{speaker} {said} {when} that {country} would support {topic} if its partners did the same.",
        "{speaker} urged allies {when} to agree on {topic} before the winter.",
        "{speaker} rejected {topic} {when}, calling the proposal premature.",
        "\"There can be no lasting peace without {topic},\" {speaker} {said}.",
        "{speaker} {said} the government opposed {topic} and would block it at the summit.",
        "Speaking in {city} {when}, {speaker} called for {topic} and for talks to resume.",
        "{speaker} backed {topic} {when}, but said the details still had to be negotiated.",
        "\"{country} is ready to discuss {topic}, but not under pressure,\" {speaker} {said} {when}.",
        "{speaker} warned {when} that {topic} would only prolong the crisis.",
        "{speaker} {said} {when} his country would consider {topic} as part of a wider agreement.",
        "The {demonym} government, {speaker} {said}, remained committed to {topic}.",
    ]

    /// Background sentences with no claim: dates, numbers and names that must not become claims.
    static let distractorSentences = [
        "Heavy rain flooded roads in the north of {country} {when}, cutting power to thousands of homes.",
        "The central bank of {country} left its benchmark rate unchanged at 4.5 percent {when}.",
        "Markets in {city} were closed for a public holiday, and trading resumes {when}.",
        "The {demonym} national football team beat its neighbours 2-1 in a friendly {when}.",
        "Inflation in {country} slowed to 3.2 percent in {month}, the statistics office reported.",
        "A train derailed outside {city} {when}; no one was hurt, the rail operator said.",
        "The city of {city} will host a film festival {when}, organisers announced.",
        "Fuel prices rose by 12 cents a litre over the past month, according to industry figures.",
        "The summit venue was moved to a conference centre on the outskirts of {city}.",
        "Tourist arrivals in {country} rose 8 percent from a year earlier, the tourism board said.",
        "Schools in {city} reopened {when} after a two-week closure for repairs.",
        "The museum in {city} said its restoration of the old harbour wall would finish {when}.",
        "About 2,000 people marched through central {city} {when} to demand higher wages.",
        "The ministry did not give a timetable, and officials declined to comment further.",
    ]

    static let headlines = [
        "{demonym} leader presses partners on {topic}",
        "{country} signals shift on {topic} ahead of summit",
        "Talks in {city} stall over {topic}",
        "{country} and allies divided over {topic}",
        "Pressure mounts on {country} to accept {topic}",
    ]
}
