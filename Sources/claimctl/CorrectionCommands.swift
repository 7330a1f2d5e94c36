import ArgumentParser
import ClaimAPI
import ClaimModel
import Foundation

// Corrections: stored as overrides (who, when, why) and applied to every extraction and
// re-extraction, so that they survive `claimctl reprocess`; listed and undone with
// `claimctl corrections`.

/// `--reason`, kept with the correction.
struct ReasonOption: ParsableArguments {
    @Option(help: "Why, kept with the correction.") var reason: String?
}

/// Sends a correction and says what it did.
private func send(_ query: CorrectionQuery, on connection: ConnectionOptions, output: OutputOptions) async throws {
    let body = try await connection.call(.correct, query.items)
    try printCorrections(body, output: output, verb: "Made")
}

private func printCorrections(_ body: [UInt8], output: OutputOptions, verb: String) throws {
    switch output.resolved {
    case .json, .jsonl: print(String(decoding: body, as: UTF8.self), terminator: body.last == 0x0A ? "" : "\n")
    default:
        let report = try JSONDecoder().decode(CorrectionReport.self, from: Data(body))
        for correction in report.corrections { print("\(verb) correction \(correction.id): \(correction.summary)") }
        print("\(report.documents) documents extracted again.")
    }
}

struct MergeActors: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "The actors FROM are one with INTO: their claims and events become INTO's, their names its aliases.",
        discussion: "Example: claimctl actors merge 'Former Obama' Obama 'Barack Obama'")

    @ParentCommand var root: Claimctl
    @OptionGroup var connectionOptions: ConnectionOptions
    @OptionGroup var why: ReasonOption
    @OptionGroup var output: OutputOptions
    @Argument(help: ArgumentHelp("The actors to merge, then the actor they are.", valueName: "from... into")) var names: [String]

    func validate() throws {
        if names.count < 2 { throw ValidationError("give at least one actor to merge and the actor to merge into") }
    }

    func run() async throws {
        try await send(CorrectionQuery(kind: .merge, subjects: Array(names.dropLast()), value: names.last, reason: why.reason),
                       on: connection, output: output)
    }
}

struct RenameActor: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Call an actor by another name (the old one stays an alias).")

    @ParentCommand var root: Claimctl
    @OptionGroup var connectionOptions: ConnectionOptions
    @OptionGroup var why: ReasonOption
    @OptionGroup var output: OutputOptions
    @Argument(help: "The actor.") var actor: String
    @Argument(help: "Its new name.") var name: String

    func run() async throws {
        try await send(CorrectionQuery(kind: .rename, subjects: [actor], value: name, reason: why.reason), on: connection, output: output)
    }
}

struct AliasActor: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(
        commandName: "alias", abstract: "Another name of an actor: queries find the actor by it, and text naming it means the actor.")

    @ParentCommand var root: Claimctl
    @OptionGroup var connectionOptions: ConnectionOptions
    @OptionGroup var why: ReasonOption
    @OptionGroup var output: OutputOptions
    @Argument(help: "The actor.") var actor: String
    @Argument(help: "The other name.") var alias: String

    func run() async throws {
        try await send(CorrectionQuery(kind: .alias, subjects: [actor], value: alias, reason: why.reason), on: connection, output: output)
    }
}

struct RejectClaim: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject", abstract: "A wrong claim: removed now, and not stored when its article is extracted again.",
        discussion: "The claim's ID is in claimctl claims -o wide.")

    @ParentCommand var root: Claimctl
    @OptionGroup var connectionOptions: ConnectionOptions
    @OptionGroup var why: ReasonOption
    @OptionGroup var output: OutputOptions
    @Argument(help: "The claim's id.") var id: Int64

    func run() async throws {
        try await send(CorrectionQuery(kind: .reject, subjects: ["\(id)"], reason: why.reason), on: connection, output: output)
    }
}

struct SetClaim: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Give a claim another topic, stance or actor, for good.")

    @ParentCommand var root: Claimctl
    @OptionGroup var connectionOptions: ConnectionOptions
    @Option(help: "Topic id (claimctl topics lists them).", completion: .custom(DaemonNames.topics)) var topic: String?
    @Option(help: "support, oppose, conditional or neutral.", completion: .list(Stance.allCases.map(\.rawValue))) var stance: String?
    @Option(help: "The actor who made it.") var actor: String?
    @OptionGroup var why: ReasonOption
    @OptionGroup var output: OutputOptions
    @Argument(help: "The claim's id.") var id: Int64

    func validate() throws {
        if topic == nil, stance == nil, actor == nil { throw ValidationError("give --topic, --stance or --actor") }
        if let stance, Stance(rawValue: stance) == nil { throw ValidationError("--stance must be support, oppose, conditional or neutral") }
    }

    func run() async throws {
        try await checkKnown(topic: topic, with: connection)
        try await send(CorrectionQuery(kind: .set, subjects: ["\(id)"], topic: topic, stance: stance.flatMap(Stance.init(rawValue:)), actor: actor,
                                       reason: why.reason), on: connection, output: output)
    }
}

struct CorrectionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corrections", abstract: "The corrections in force, oldest first: who made each, when and why.",
        subcommands: [CorrectionList.self, UndoCorrection.self], defaultSubcommand: CorrectionList.self)
}

struct CorrectionList: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The corrections in force, oldest first.")

    @ParentCommand var root: Claimctl
    @OptionGroup var connectionOptions: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let body = try await connection.call(.corrections)
        output.notePage(try output.print(body, as: Correction.self, columns: correctionColumns, empty: "No corrections."))
    }
}

struct UndoCorrection: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(commandName: "undo", abstract: "Take a correction back; what it concerned is extracted again.")

    @ParentCommand var root: Claimctl
    @OptionGroup var connectionOptions: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The correction's id (claimctl corrections lists them).") var id: Int64

    func run() async throws {
        let body = try await connection.call(.undoCorrection, [(.id, "\(id)")])
        try printCorrections(body, output: output, verb: "Took back")
    }
}

let correctionColumns: [ListingColumn<Correction>] = [
    ListingColumn(header: "ID") { "\($0.id)" },
    ListingColumn(header: "WHEN") { $0.madeAt },
    ListingColumn(header: "BY") { $0.madeBy.map { "uid \($0.uid)" } ?? "" },
    ListingColumn(header: "CORRECTION", cap: 50) { $0.summary },
    ListingColumn(header: "WHY", wraps: true) { $0.reason ?? "" },
]
