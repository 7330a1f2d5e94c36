import ArgumentParser
import ClaimAPI
import ClaimClient
import ClaimModel
import Foundation

struct Watch: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(
        abstract: "Follow what claimd stores and fails, as it happens (like journalctl -f): documents, claims, events, changes.",
        discussion: """
            Runs until claimd stops or the command is interrupted. --json prints the feed's NDJSON as it comes \
            (GET /v1/watch; blank lines are keep-alives). A watcher that does not keep up is dropped with a notice: \
            ingest never waits for one.
            """)

    @ParentCommand var root: Claimctl
    @OptionGroup var connectionOptions: ConnectionOptions
    @Option(help: "Only claims, events and changes of this actor (full name or surname).", completion: .custom(DaemonNames.actors))
    var actor: String?
    @Option(help: "Only claims and changes on this topic.", completion: .custom(DaemonNames.topics)) var topic: String?
    @Flag(help: "The feed's JSON lines as they are.") var json = false

    func run() async throws {
        try await checkKnown(topic: topic, with: connection)
        let target = Route.watch.target([(.actor, actor), (.topic, topic)])
        // The feed goes to a pipe that a thread reads line by line, or with --json straight out.
        var ends: [Int32] = [-1, -1]
        if !json { guard pipe(&ends) == 0 else { throw ExitCode(Status.serverError) } }
        let reader = json ? nil : Thread { [ends] in Self.printLines(from: ends[0]) }
        reader?.start()
        let response: ControlResponse
        do {
            response = try await connection.client.connection.download(target, to: json ? STDOUT_FILENO : ends[1])
        } catch let error as ControlClientError {
            throw ConnectionOptions.exit(for: .unreachable(error))
        }
        if !json { close(ends[1]) }
        while let reader, !reader.isFinished { usleep(10_000) }
        guard (200..<300).contains(response.status) else {
            let error = (try? JSONDecoder().decode(APIError.self, from: Data(response.body))) ?? APIError(.internal, response.text)
            throw ConnectionOptions.exit(for: .refused(status: response.status, error))
        }
    }

    /// Reads NDJSON from `fd` until it closes, printing each item as a line.
    private static func printLines(from fd: Int32) {
        let input = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        var pending = Data()
        while true {
            let chunk = input.availableData
            if chunk.isEmpty { break }
            pending += chunk
            while let newline = pending.firstIndex(of: 0x0A) {
                let line = pending[pending.startIndex..<newline]
                pending = pending[(newline + 1)...]
                guard !line.isEmpty, let item = try? JSONDecoder().decode(WatchItem.self, from: line) else { continue }
                FileHandle.standardOutput.write(Data((describe(item) + "\n").utf8))
            }
        }
    }

    static func describe(_ item: WatchItem) -> String {
        switch item.kind {
        case .document:
            guard let document = item.document else { return "document" }
            return "document  \(document.path), dated \(document.dct.day?.written ?? document.dct.value) (\(document.dct.source.rawValue))"
        case .claim:
            guard let claim = item.claim else { return "claim" }
            return "claim     \(writtenDate(claim.date, of: claim.document))  \(claim.actor.name)  \(claim.topic)  "
                + "\(stanceText(claim.stance, previous: claim.previousStance))  \(claim.text)"
        case .event:
            guard let event = item.event else { return "event" }
            return "event     \(writtenDate(event.date, of: event.document))  \(CAMEO.describe(event.type))  \(event.actors.joined(separator: ", "))"
        case .change:
            guard let change = item.change else { return "change" }
            return "change    \(change.actor.name) on \(change.topic): \(change.from.stance.rawValue) (\(change.from.day.description)) → "
                + "\(change.to.stance.rawValue) (\(change.to.day))"
        case .failure: return "failed    \(item.path ?? ""): \(item.reason ?? "")"
        case .dropped: return "dropped   \(item.reason ?? "")"
        }
    }
}
