import ArgumentParser
import ClaimAPI
import ClaimModel

/// The filters of the listings and exports: what a person types, turned into a ``ListingQuery``.
struct FilterOptions: ParsableArguments {
    @Option(help: "Actor: full name, alias or surname.", completion: .custom(DaemonNames.actors)) var actor: String?
    @Flag(help: "With --actor: every actor it matches, when it matches several (a surname two people share).") var allMatches = false
    @Option(help: "Topic id, such as ceasefire (claimctl topics lists them).", completion: .custom(DaemonNames.topics)) var topic: String?
    @Option(help: "support, oppose, conditional or neutral.", completion: .list(Stance.allCases.map(\.rawValue))) var stance: String?
    // Parsed unconditionally, so that `--since -7d` is a value, not an unknown option.
    @Option(parsing: .unconditional,
            help: ArgumentHelp("From this day on: YYYY[-MM[-DD]], today, yesterday, -7d, -2w, 3 months ago, last week.", valueName: "date"))
    var since: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Up to this day (the same forms; a month or year means its last day).", valueName: "date"))
    var until: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Only this day, month or year (the same forms).", valueName: "date"))
    var on: String?
    @Option(name: .customLong("min-confidence"), help: ArgumentHelp("Only claims at least this sure (0–1).", valueName: "n"))
    var minConfidence: Double?
    @Option(help: "At most this many rows, the most recent (default: \(ListingQuery.defaultLimit)).") var limit: Int?

    var days: DayFilter { DayFilter(since: since, until: until, on: on) }

    func validate() throws {
        try validateLimit(limit)
        if let minConfidence, !(0...1).contains(minConfidence) { throw ValidationError("--min-confidence must be in [0, 1]") }
        try days.validate()
    }

    /// The query these filters make, dates resolved against today.
    func query(today: CalendarDay = .today) -> ListingQuery {
        var query = ListingQuery(actor: actor, topic: topic, stance: stance.flatMap(Stance.init(rawValue:)), minConfidence: minConfidence, limit: limit)
        days.apply(to: &query, today: today)
        return query
    }

    /// Checks `--topic` and `--stance` against what the daemon knows, so a misspelling is an
    /// error with a suggestion rather than an empty result.
    func check(with connection: ConnectionOptions) async throws {
        try await checkKnown(topic: topic, stance: stance, with: connection)
        try await checkOneActor(actor, allMatches: allMatches, with: connection)
    }
}

/// An `--actor` that matches several actors (two people with one surname) would silently mix
/// them: it is a usage error that lists them, unless `--all-matches` asks for all.
func checkOneActor(_ actor: String?, allMatches: Bool, with connection: ConnectionOptions) async throws {
    guard let actor, !allMatches else { return }
    let matches: Page<ActorSummary> = try await connection.decoded(.actors, ListQuery(name: actor, limit: 20).items)
    guard matches.items.count > 1 else { return }
    throw UsageError(description: "--actor '\(actor)' matches \(matches.items.count) actors: "
                     + matches.items.map(\.name).joined(separator: ", ") + "; name one, or add --all-matches for all of them")
}

/// A `--topic` or `--stance` the daemon does not know is a usage error with a suggestion.
func checkKnown(topic: String?, stance: String? = nil, with connection: ConnectionOptions) async throws {
    guard topic != nil || stance != nil else { return }
    let known: TopicList = try await connection.decoded(.topics)
    if let stance, !known.stances.map(\.rawValue).contains(stance) {
        throw UsageError(description: unknownValue("stance", stance, among: known.stances.map(\.rawValue)))
    }
    if let topic, !known.topics.map(\.id).contains(topic) {
        throw UsageError(description: unknownValue("topic", topic, among: known.topics.map(\.id)) + " (claimctl topics lists them)")
    }
}

/// "unknown topic 'cesefire'; did you mean 'ceasefire'?", or the list when nothing is close.
func unknownValue(_ kind: String, _ value: String, among known: [String]) -> String {
    let scored = known.map { ($0, editDistance($0.lowercased(), value.lowercased())) }.sorted { $0.1 < $1.1 }
    if let best = scored.first, best.1 <= max(2, value.count / 3) {
        return "unknown \(kind) '\(value)'; did you mean '\(best.0)'?"
    }
    return "unknown \(kind) '\(value)'; known: \(known.joined(separator: ", "))"
}

/// Levenshtein distance, in characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
        var current = [i + 1] + Array(repeating: 0, count: b.count)
        for (j, y) in b.enumerated() {
            current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}

/// The filters of listings that are not of claims alone (events, changes): an actor, days and
/// a limit, sent as the parameters `route` takes.
struct ActorDayOptions: ParsableArguments {
    @Option(help: "Actor: full name, alias or surname.", completion: .custom(DaemonNames.actors)) var actor: String?
    @Flag(help: "With --actor: every actor it matches, when it matches several (a surname two people share).") var allMatches = false
    @Option(parsing: .unconditional, help: ArgumentHelp("From this day on (the forms of timeline --since).", valueName: "date")) var since: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Up to this day.", valueName: "date")) var until: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Only this day, month or year.", valueName: "date")) var on: String?
    @Option(help: "At most this many rows, the most recent (default: \(ListingQuery.defaultLimit)).") var limit: Int?

    func validate() throws {
        try validateLimit(limit)
        try DayFilter(since: since, until: until, on: on).validate()
    }

    func items(for route: Route, topic: String? = nil) -> [(QueryKey, String?)] {
        var query = ListingQuery(actor: actor, topic: topic, limit: limit)
        DayFilter(since: since, until: until, on: on).apply(to: &query, today: .today)
        return query.items.filter { route.parameters.contains($0.0) }
    }
}

/// `--since`, `--until` and `--on` as typed, checked and resolved to days.
struct DayFilter {
    var since: String?
    var until: String?
    var on: String?

    func validate() throws {
        if on != nil, since != nil || until != nil { throw ValidationError("--on cannot be combined with --since or --until") }
        for (name, value) in [("since", since), ("until", until), ("on", on)] {
            if let value, DayExpression.days(value, today: .today) == nil {
                throw ValidationError("--\(name) '\(value)' is not a date: use YYYY, YYYY-MM, YYYY-MM-DD, today, yesterday, "
                                      + "-7d / -2w / -3m / -1y, '2 weeks ago' or 'last month'")
            }
        }
    }

    func apply(to query: inout ListingQuery, today: CalendarDay) {
        if let on, let days = DayExpression.days(on, today: today) { (query.since, query.until) = (days.lowerBound, days.upperBound) }
        if let since { query.since = DayExpression.days(since, today: today)?.lowerBound }
        if let until { query.until = DayExpression.days(until, today: today)?.upperBound }
    }
}

func validateLimit(_ limit: Int?) throws {
    if let limit, !(1...ListingQuery.maximumLimit).contains(limit) {
        throw ValidationError("--limit must be 1…\(ListingQuery.maximumLimit), got \(limit)")
    }
}
