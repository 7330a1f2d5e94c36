import ArgumentParser
import ClaimAPI
import ClaimModel
import Foundation

/// A subcommand that talks to the daemon: `--socket` may come before or after its name.
protocol DaemonCommand {
    var root: Claimctl { get }
    var globals: GlobalOptions { get }
}

extension DaemonCommand {
    var options: GlobalOptions {
        var options = globals
        options.rootSocket = root.socket
        return options
    }
}

struct StatusCommand: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show what the daemon holds and where its files are.")

    @ParentCommand var root: Claimctl
    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        let body = try await options.call(.status)
        try options.output(body, as: DaemonStatus.self) { s in
            """
            claimd \(s.version) (pid \(s.pid)), up \(formatDuration(s.uptimeSeconds))
                 Inbox: \(s.inbox)
                 Store: \(s.store)
                Socket: \(s.socket)
             Documents: \(s.documents)
                Claims: \(s.claims) (\(s.stanceChanges) stance changes)
                Events: \(s.events)
                Actors: \(s.actors)
                Failed: \(s.failed)
                Queued: \(s.queued)

            """
        }
    }
}

/// Filters shared by timeline, claims and search.
struct FilterOptions: ParsableArguments {
    @Option(help: "Actor: full name, alias or surname.") var actor: String?
    @Option(help: "Topic id, such as ceasefire.") var topic: String?
    @Option(help: "support, oppose, conditional or neutral.") var stance: String?
    @Option(help: ArgumentHelp("From this day on (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date")) var since: String?
    @Option(help: ArgumentHelp("Up to this day.", valueName: "date")) var until: String?
    @Option(name: .customLong("min-confidence"), help: ArgumentHelp("Only claims at least this sure (0–1).", valueName: "n")) var minConfidence: Double?
    @Option(help: "At most this many rows, the most recent (default: \(pageSize)).") var limit: Int?

    var items: [(QueryKey, String?)] {
        [(.actor, actor), (.topic, topic), (.stance, stance), (.since, since), (.until, until),
         (.minConfidence, minConfidence.map { "\($0)" }), (.limit, limit.map { "\($0)" })]
    }
}

struct Timeline: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(
        abstract: "Claims and events in date order.",
        discussion: "Example: claimctl timeline --actor Zelensky --since 2024-12")

    @ParentCommand var root: Claimctl
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var filter: FilterOptions

    func run() async throws {
        let body = try await options.call(.timeline, filter.items)
        var shown = 0
        try options.output(body, as: Page<TimelineEntry>.self) { page in
            let entries = page.items
            shown = entries.count
            return Table(headers: ["DATE", "KIND", "ACTOR", "TOPIC", "STANCE", "TEXT"], rows: entries.map { entry in
                if let c = entry.claim {
                    return [c.date.value, "claim", c.actor.name, c.topic, c.stance.rawValue + (c.previousStance.map { " (was \($0.rawValue))" } ?? ""), c.text]
                }
                let e = entry.event!
                return [e.date.value, "event \(e.type)", e.actors.joined(separator: ", "), "", "", e.text]
            }).render(empty: "No claims or events match.")
        }
        options.notePage(shown: shown, limit: filter.limit)
    }
}

struct Claims: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(abstract: "Stance claims, oldest first.")

    @ParentCommand var root: Claimctl
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var filter: FilterOptions

    func run() async throws {
        let body = try await options.call(.claims, filter.items)
        var shown = 0
        try options.output(body, as: Page<StoredClaim>.self) { page in
            shown = page.items.count
            return claimTable(page.items)
        }
        options.notePage(shown: shown, limit: filter.limit)
    }
}

struct Search: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(abstract: "Full-text search over claim texts (every word must match; stems too).")

    @ParentCommand var root: Claimctl
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var filter: FilterOptions
    @Argument(help: "Words to find.") var words: [String]

    func run() async throws {
        let body = try await options.call(.search, filter.items + [(.q, words.joined(separator: " "))])
        var shown = 0
        try options.output(body, as: Page<StoredClaim>.self) { page in
            shown = page.items.count
            return claimTable(page.items)
        }
        options.notePage(shown: shown, limit: filter.limit)
    }
}

/// The daemon's page size when no --limit is given (`limit` of the API).
let pageSize = 100

extension GlobalOptions {
    /// Under a table that filled its page, says on stderr that there may be older rows.
    func notePage(shown: Int, limit: Int?) {
        guard !json, shown == (limit ?? pageSize) else { return }
        fflush(nil) // the table first, then the note
        FileHandle.standardError.write(Data("(The \(shown) most recent; --limit N or --since/--until for others.)\n".utf8))
    }
}

func claimTable(_ claims: [StoredClaim]) -> String {
    Table(headers: ["DATE", "ACTOR", "TOPIC", "STANCE", "MODE", "CONF", "TEXT"], rows: claims.map { c in
        [c.date.value, c.actor.name, c.topic, c.stance.rawValue + (c.previousStance.map { " (was \($0.rawValue))" } ?? ""), c.mode.rawValue,
         String(format: "%.2f", c.confidence), c.text]
    }).render(empty: "No claims match.")
}

struct Events: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(abstract: "Dated events, oldest first.")

    @ParentCommand var root: Claimctl
    @OptionGroup var globals: GlobalOptions
    @Option(help: "Actor: full name, alias or surname.") var actor: String?
    @Option(help: ArgumentHelp("From this day on.", valueName: "date")) var since: String?
    @Option(help: ArgumentHelp("Up to this day.", valueName: "date")) var until: String?
    @Option(help: "At most this many rows, the most recent (default: \(pageSize)).") var limit: Int?

    func run() async throws {
        let body = try await options.call(.events, [(.actor, actor), (.since, since), (.until, until), (.limit, limit.map { "\($0)" })])
        var shown = 0
        try options.output(body, as: Page<StoredEvent>.self) { page in
            shown = page.items.count
            return Table(headers: ["DATE", "TYPE", "ACTORS", "TEXT"], rows: page.items.map { e in
                [e.date.value, e.type, e.actors.joined(separator: ", "), e.text]
            }).render(empty: "No events match.")
        }
        options.notePage(shown: shown, limit: limit)
    }
}

struct Actors: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(abstract: "Actors in the store, most claims first.")

    @ParentCommand var root: Claimctl
    @OptionGroup var globals: GlobalOptions
    @Option(help: "Only actors with this name, alias or surname.") var name: String?
    @Option(help: "At most this many rows.") var limit: Int?

    func run() async throws {
        let body = try await options.call(.actors, [(.name, name), (.limit, limit.map { "\($0)" })])
        try options.output(body, as: Page<ActorSummary>.self) { page in
            Table(headers: ["NAME", "KIND", "ROLE", "CLAIMS", "EVENTS", "FIRST", "LAST"], rows: page.items.map { a in
                [a.name, a.kind.rawValue, [a.role, a.affiliation].compactMap { $0 }.joined(separator: ", "), "\(a.claims)", "\(a.events)",
                 a.firstDay ?? "", a.lastDay ?? ""]
            }).render(empty: "No actors yet.")
        }
    }
}

struct Failed: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(abstract: "Inputs that could not be ingested, newest first, with the reason.")

    @ParentCommand var root: Claimctl
    @OptionGroup var globals: GlobalOptions
    @Option(help: "At most this many rows.") var limit: Int?

    func run() async throws {
        let body = try await options.call(.failures, [(.limit, limit.map { "\($0)" })])
        try options.output(body, as: Page<FailureRecord>.self) { page in
            Table(headers: ["WHEN", "PATH", "REASON"], rows: page.items.map { [$0.failedAt, $0.path, $0.reason] })
                .render(empty: "No failed inputs.")
        }
    }
}

struct Ingest: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send an article to the daemon (instead of dropping it in the inbox).",
        discussion: "The file stays where it is. Its content is stored once: sending it again reports a duplicate.")

    @ParentCommand var root: Claimctl
    @OptionGroup var globals: GlobalOptions
    @Option(help: ArgumentHelp("Document date, YYYY-MM-DD.", valueName: "date")) var dct: String?
    @Argument(help: "The article file.") var file: String

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            printError("claimctl: cannot read \(file)")
            throw ExitCode(Status.usage)
        }
        let name = (file as NSString).lastPathComponent
        let body = try await options.call(.documents, [(.name, name), (.dct, dct)], body: [UInt8](data))
        try options.output(body, as: IngestReport.self) { r in
            switch r.status {
            case .duplicate: "\(file): already stored (as \(r.document?.path ?? "?")); nothing added\n"
            default: "\(file): stored \(r.claims) claims and \(r.events) events, dated \(r.document?.dct.value ?? "?")"
                + (r.stanceChanges > 0 ? "; \(r.stanceChanges) stance changes" : "") + "\n"
            }
        }
    }
}

func formatDuration(_ seconds: Double) -> String {
    let s = Int(seconds)
    return s < 60 ? "\(s)s" : s < 3600 ? "\(s / 60)m \(s % 60)s" : "\(s / 3600)h \(s / 60 % 60)m"
}
