import ArgumentParser
import ClaimAPI
import ClaimModel
import Foundation

/// DOC, as the daemon takes it.
let documentHelp = ArgumentHelp("The document: its id, its sha256 (or 8+ digits of it), or the stored file's path or name.",
                                valueName: "doc")

struct Documents: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Correct stored documents: re-date one, or forget one with all that came from it.",
        subcommands: [Redate.self, Forget.self])

    struct Redate: AsyncParsableCommand, DaemonCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a document another date and extract it again against it (its claims, events and changes follow).",
            discussion: "Example: claimctl documents redate 3f2a9c41 2031-02-27")

        @ParentCommand var root: Claimctl
        @OptionGroup var connectionOptions: ConnectionOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: documentHelp) var document: String
        @Argument(help: ArgumentHelp("The document's date, YYYY-MM-DD.", valueName: "date")) var date: String

        func validate() throws {
            if CalendarDay(date) == nil { throw ValidationError("the date must be YYYY-MM-DD, got '\(date)'") }
        }

        func run() async throws {
            let body = try await connection.call(.redate, DocumentActionQuery(documents: [document], dct: CalendarDay(date)).items)
            try printChange(body, output: output) { "\($0.document.path): dated \($0.document.dct.day?.written ?? $0.document.dct.value), "
                + "\($0.claims) claims and \($0.events) events" }
        }
    }

    struct Forget: AsyncParsableCommand, DaemonCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a document and everything that came from it: claims, events, stance changes, search entries.")

        @ParentCommand var root: Claimctl
        @OptionGroup var connectionOptions: ConnectionOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: documentHelp) var document: String

        func run() async throws {
            let body = try await connection.call(.forget, DocumentActionQuery(documents: [document]).items)
            try printChange(body, output: output) { "\($0.document.path): forgotten, with all that came from it" }
        }
    }
}

/// A ``DocumentChange`` as JSON, or a line and the stance changes it made.
private func printChange(_ body: [UInt8], output: OutputOptions, line: (DocumentChange) -> String) throws {
    switch output.resolved {
    case .json, .jsonl: print(String(decoding: body, as: UTF8.self), terminator: body.last == 0x0A ? "" : "\n")
    default:
        let change = try JSONDecoder().decode(DocumentChange.self, from: Data(body))
        print(line(change) + (change.stanceChanges.isEmpty ? "" : "; \(change.stanceChanges.count) stance changes found:"))
        for found in change.stanceChanges {
            print("  \(found.actor.name) on \(found.topic): \(found.from.stance.rawValue) (\(found.from.day)) → \(found.to.stance.rawValue) (\(found.to.day))")
        }
    }
}

struct Reprocess: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract stored documents again with the current lexicon and models, in the background.",
        discussion: """
            After claimctl reload (or systemctl reload claimd) with a better lexicon, or a model update: each \
            document's claims and events are replaced at once, and stance changes worked out again. \
            claimctl status shows the progress; --wait waits for the end.
            """)

    @ParentCommand var root: Claimctl
    @OptionGroup var connectionOptions: ConnectionOptions
    @Flag(help: "Every stored document.") var all = false
    @Option(parsing: .unconditional, help: ArgumentHelp("Documents dated from this day on (the forms of timeline --since).", valueName: "date"))
    var since: String?
    @Flag(help: "Wait until every document is done, then say how it went.") var wait = false
    @Argument(help: documentHelp) var documents: [String] = []

    func validate() throws {
        guard [all, since != nil, !documents.isEmpty].filter({ $0 }).count == 1 else {
            throw ValidationError("give one of --all, --since DATE or DOC...")
        }
        try DayFilter(since: since, until: nil, on: nil).validate()
    }

    func run() async throws {
        var query = ListingQuery()
        DayFilter(since: since, until: nil, on: nil).apply(to: &query, today: .today)
        let started: ReprocessStarted = try await connection.decoded(
            .reprocess, DocumentActionQuery(documents: documents, since: query.since, all: all).items)
        print("Extracting \(started.documents) documents again in the background; claimctl status shows how far it got.")
        guard wait else { return }
        while true {
            let status: DaemonStatus = try await connection.decoded(.status)
            if let run = status.reprocess, !run.running {
                print("Done: \(run.done - run.failed) extracted again, \(run.failed) failed.")
                if run.failed > 0 { throw ExitCode(Status.serverError) }
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
