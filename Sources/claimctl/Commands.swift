import ArgumentParser
import ClaimAPI
import ClaimExport
import ClaimModel
import Foundation

struct StatusCommand: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show what the daemon holds and where its files are.")

    @ParentCommand var root: Claimctl
    @OptionGroup var connectionOptions: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let body = try await connection.call(.status)
        let s = try JSONDecoder().decode(DaemonStatus.self, from: Data(body))
        let fields: [(String, String)] = [
            ("Version", s.version), ("PID", "\(s.pid)"), ("Uptime", formatDuration(s.uptimeSeconds)), ("Inbox", s.inbox),
            ("Store", s.store), ("Socket", s.socket), ("Documents", "\(s.documents)"), ("Claims", "\(s.claims)"),
            ("Stance changes", "\(s.stanceChanges)"), ("Events", "\(s.events)"), ("Actors", "\(s.actors)"),
            ("Failed", "\(s.failed)"), ("Queued", "\(s.queued)"),
        ] + (s.reprocess.map { run in
            [("Reprocess", "\(run.done) of \(run.total) documents" + (run.running ? ", running" : ", done") + (run.failed > 0 ? ", \(run.failed) failed" : ""))]
        } ?? [])
        switch output.resolved {
        case .json, .jsonl:
            FileHandle.standardOutput.write(Data(body + (body.last == 0x0A ? [] : [0x0A])))
        case .csv:
            FileHandle.standardOutput.write(Data((csvRecord(["field", "value"]) + fields.map { csvRecord([$0.0.lowercased(), $0.1]) }.joined()).utf8))
        case .table, .wide:
            let width = fields.map(\.0.count).max() ?? 0
            print("claimd \(s.version) (pid \(s.pid)), up \(formatDuration(s.uptimeSeconds))")
            for (name, value) in fields.dropFirst(3) {
                print(String(repeating: " ", count: width - name.count) + name + ": " + value)
            }
        }
    }
}

struct Timeline: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(
        abstract: "Claims and events in date order.",
        discussion: "Example: claimctl timeline --actor Zelensky --since '3 months ago'")

    @ParentCommand var root: Claimctl
    @OptionGroup var connectionOptions: ConnectionOptions
    @OptionGroup var filter: FilterOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await filter.check(with: connection)
        let body = try await connection.call(.timeline, filter.query().items)
        let page = try output.print(body, as: TimelineEntry.self, columns: timelineColumns, empty: "No claims or events match.")
        output.notePage(page)
    }
}

// The listings are the default subcommands of `claims` and `actors`, beside the corrections: a
// parent's own options would take the subcommands' same-named ones (--stance, --socket, --json).
struct Claims: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stance claims, oldest first (claims list, the default); claims reject and claims set correct one.",
        subcommands: [ClaimList.self, RejectClaim.self, SetClaim.self], defaultSubcommand: ClaimList.self)
}

struct ClaimList: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Stance claims, oldest first.",
        discussion: "A changed stance shows (was …): the stance of the actor's previous claim on the topic in another article.")

    @ParentCommand var root: Claimctl
    @OptionGroup var connectionOptions: ConnectionOptions
    @OptionGroup var filter: FilterOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await filter.check(with: connection)
        let body = try await connection.call(.claims, filter.query().items)
        output.notePage(try output.print(body, as: StoredClaim.self, columns: claimColumns, empty: "No claims match."))
    }
}

struct Changes: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stance changes, oldest first: an actor's claim on a topic whose stance differs from their previous one.",
        discussion: """
            Each change has both claims: FROM (the earlier stance, SINCE its day) and TO (the new one, on DATE). \
            An article arriving late can make a change in the past or split one in two; both are listed. \
            --since, --until and --on select by the day of the new stance.
            Example: claimctl changes --actor Brannock --since 2031
            """)

    @ParentCommand var root: Claimctl
    @OptionGroup var connectionOptions: ConnectionOptions
    @Option(help: "Topic id, such as ceasefire (claimctl topics lists them).", completion: .custom(DaemonNames.topics)) var topic: String?
    @OptionGroup var filter: ActorDayOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await checkKnown(topic: topic, with: connection)
        try await checkOneActor(filter.actor, allMatches: filter.allMatches, with: connection)
        let body = try await connection.call(.changes, filter.items(for: .changes, topic: topic))
        output.notePage(try output.print(body, as: StanceChange.self, columns: changeColumns, empty: "No stance changes match."))
    }
}

struct Search: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(abstract: "Full-text search over claim texts (every word must match; stems too).")

    @ParentCommand var root: Claimctl
    @OptionGroup var connectionOptions: ConnectionOptions
    @OptionGroup var filter: FilterOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Words to find.") var words: [String]

    func run() async throws {
        try await filter.check(with: connection)
        var query = filter.query()
        query.q = words.joined(separator: " ")
        let body = try await connection.call(.search, query.items)
        output.notePage(try output.print(body, as: StoredClaim.self, columns: claimColumns, empty: "No claims match."))
    }
}

struct Events: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(abstract: "Dated events with their CAMEO type, oldest first.")

    @ParentCommand var root: Claimctl
    @OptionGroup var connectionOptions: ConnectionOptions
    @OptionGroup var filter: ActorDayOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await checkOneActor(filter.actor, allMatches: filter.allMatches, with: connection)
        let body = try await connection.call(.events, filter.items(for: .events))
        output.notePage(try output.print(body, as: StoredEvent.self, columns: eventColumns, empty: "No events match."))
    }
}

struct Actors: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Actors in the store, most claims first (actors list, the default); actors merge, rename and alias correct them.",
        subcommands: [ActorList.self, MergeActors.self, RenameActor.self, AliasActor.self], defaultSubcommand: ActorList.self)
}

struct ActorList: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Actors in the store, most claims first.")

    @ParentCommand var root: Claimctl
    @OptionGroup var connectionOptions: ConnectionOptions
    @Option(help: "Only actors with this name, alias or surname.", completion: .custom(DaemonNames.actors)) var name: String?
    @Option(help: "At most this many rows.") var limit: Int?
    @OptionGroup var output: OutputOptions

    func validate() throws { try validateLimit(limit) }

    func run() async throws {
        let body = try await connection.call(.actors, ListQuery(name: name, limit: limit).items)
        output.notePage(try output.print(body, as: ActorSummary.self, columns: actorColumns, empty: "No actors yet."))
    }
}

struct Topics: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(abstract: "The topic taxonomy claims are sorted into, and what each stance means.")

    @ParentCommand var root: Claimctl
    @OptionGroup var connectionOptions: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let list: TopicList = try await connection.decoded(.topics)
        // Printed as a page, so that every format treats it as the listings do.
        let body = try JSONEncoder().encode(Page(items: list.topics))
        if output.resolved == .json {
            print(String(decoding: try await connection.call(.topics), as: UTF8.self), terminator: "")
        } else {
            try output.print(Array(body), as: TopicList.Topic.self, columns: topicColumns, empty: "No topics.")
        }
    }
}

struct Failed: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(abstract: "Inputs that could not be ingested, newest first, with the reason.")

    @ParentCommand var root: Claimctl
    @OptionGroup var connectionOptions: ConnectionOptions
    @Option(help: "At most this many rows.") var limit: Int?
    @OptionGroup var output: OutputOptions

    func validate() throws { try validateLimit(limit) }

    func run() async throws {
        let body = try await connection.call(.failures, ListQuery(limit: limit).items)
        output.notePage(try output.print(body, as: FailureRecord.self, columns: failureColumns, empty: "No failed inputs."))
    }
}

struct Ingest: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send an article to the daemon (instead of dropping it in the inbox).",
        discussion: "The file stays where it is. Its content is stored once: sending it again reports a duplicate.")

    @ParentCommand var root: Claimctl
    @OptionGroup var connectionOptions: ConnectionOptions
    @Option(help: ArgumentHelp("Document date, YYYY-MM-DD.", valueName: "date")) var dct: String?
    @Option(help: ArgumentHelp("Where the article was published (http or https).", valueName: "url")) var url: String?
    @Option(help: "The article's headline.") var title: String?
    @Option(help: ArgumentHelp("The outlet that published it.", valueName: "name")) var source: String?
    @OptionGroup var output: OutputOptions
    @Argument(help: "The article file.") var file: String

    func validate() throws {
        if let dct, CalendarDay(dct) == nil { throw ValidationError("--dct must be YYYY-MM-DD, got '\(dct)'") }
    }

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw UsageError(description: "cannot read \(file)") }
        let query = DocumentQuery(dct: dct.flatMap(CalendarDay.init), name: (file as NSString).lastPathComponent, url: url, title: title, source: source)
        let body = try await connection.call(.documents, query.items, body: [UInt8](data))
        let report = try JSONDecoder().decode(IngestReport.self, from: Data(body))
        switch output.resolved {
        case .json, .jsonl: print(String(decoding: body, as: UTF8.self), terminator: body.last == 0x0A ? "" : "\n")
        default:
            switch report.status {
            case .duplicate: print("\(file): already stored (as \(report.document?.path ?? "?")); nothing added")
            default:
                print("\(file): stored \(report.claims) claims and \(report.events) events, dated \(report.document?.dct.value ?? "?")"
                      + (report.stanceChanges > 0 ? "; \(report.stanceChanges) stance changes" : ""))
            }
        }
    }
}

func formatDuration(_ seconds: Double) -> String {
    let s = Int(seconds)
    return s < 60 ? "\(s)s" : s < 3600 ? "\(s / 60)m \(s % 60)s" : "\(s / 3600)h \(s / 60 % 60)m"
}
