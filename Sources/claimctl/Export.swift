import ArgumentParser
import ClaimAPI
import ClaimExport
import ClaimModel
import Foundation

struct Export: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export claims and events: CSV, JSONL, TimelineJS, GraphML networks or an HTML timeline.",
        discussion: """
            Every claim and event the filters select, all pages of them. csv and jsonl: one row per claim and per event, \
            every field. timelinejs: TimelineJS 3 JSON. graphml: a discourse network for Gephi (--network affiliation: \
            actors and topics, edges weighted by claims and stance; congruence / conflict: actors joined by the topics \
            they agree / disagree on). html: a self-contained timeline page, one lane per actor.
            Examples:
              claimctl export --format html --since 2024 -o timeline.html
              claimctl export --format graphml --network conflict --topic sanctions -o conflict.graphml
            """)

    enum Format: String, CaseIterable, ExpressibleByArgument { case csv, jsonl, timelinejs, graphml, html }

    @ParentCommand var root: Claimctl
    @OptionGroup var connectionOptions: ConnectionOptions
    @Option(help: "csv, jsonl, timelinejs, graphml or html.") var format: Format
    @Option(help: "The GraphML network: affiliation (actors–topics), congruence or conflict (actors–actors).")
    var network: DiscourseNetwork.Kind = .affiliation
    @Option(help: "The title of an HTML page or a TimelineJS timeline.") var title = "Who said what, when"
    @OptionGroup var filter: FilterOptions
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        if filter.limit != nil { throw ValidationError("export takes every row the filters select: no --limit") }
        if network != .affiliation && format != .graphml { throw ValidationError("--network applies to --format graphml") }
    }

    func run() async throws {
        try await filter.check(with: connection)
        let data = try await fetch()
        let text: String
        switch format {
        case .csv: text = FlatRows.csv(data)
        case .jsonl: text = FlatRows.jsonl(data)
        case .timelinejs: text = try TimelineJS.json(data, title: title)
        case .graphml: text = GraphML.document(DiscourseNetwork.build(network, from: data))
        case .html: text = TimelinePage.html(data, title: title)
        }
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            // Written beside the target and renamed over it: a reader never sees half a file.
            let temporary = output + ".claimctl-\(getpid()).tmp"
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, output) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw UsageError(description: reason)
            }
        } catch {
            printError("claimctl: cannot write \(output): \(error.localizedDescription)")
            throw ExitCode(Status.cannotCreate)
        }
        printError("claimctl: wrote \(data.claims.count) claims and \(data.events.count) events to \(output)")
    }

    /// Every page of the claims and, when no claim-only filter is set (as the timeline does),
    /// of the events.
    private func fetch() async throws -> ExportData {
        var query = filter.query()
        query.limit = ListingQuery.maximumLimit
        let client = connection.client
        do {
            let claims = try await client.allPages(.claims, query.items, of: StoredClaim.self).flatMap(\.items)
            let claimOnly = query.topic != nil || query.stance != nil || query.minConfidence != nil
            let events = claimOnly ? [] : try await client.allPages(.events, query.items.filter { Route.events.parameters.contains($0.0) },
                                                                   of: StoredEvent.self).flatMap(\.items)
            return ExportData(claims: claims, events: events)
        } catch {
            throw ConnectionOptions.exit(for: error)
        }
    }
}

extension DiscourseNetwork.Kind: ExpressibleByArgument {}
