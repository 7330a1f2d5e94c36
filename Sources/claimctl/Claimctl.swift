import ArgumentParser
import ClaimAPI
import ClaimClient
import ClaimModel
import Foundation

/// Exit statuses, as sysexits and systemd's tools use them.
enum Status {
    /// The daemon answered with an error (other than a bad request).
    static let serverError: Int32 = 1
    /// Usage: a bad option or value, a misspelt topic or stance, or a request the daemon called bad.
    static let usage: Int32 = 2
    /// The daemon could not be reached or did not answer in time (EX_UNAVAILABLE).
    static let unavailable: Int32 = 69
    /// A file could not be written (EX_CANTCREAT).
    static let cannotCreate: Int32 = 73
}

/// A usage error found while running (a value the daemon does not know): one line, exit 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String
}

@main
enum Main {
    static func main() async {
        do {
            var command = try Claimctl.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as UsageError {
            printError("claimctl: \(error)")
            exit(Status.usage)
        } catch {
            let code = Claimctl.exitCode(for: error)
            if code == .success || error is ExitCode {
                Claimctl.exit(withError: error)
            }
            FileHandle.standardError.write(Data((Claimctl.fullMessage(for: error) + "\n").utf8))
            // Parsing and validation errors are usage errors (2); anything else went wrong at run time (1).
            exit(code == .validationFailure ? Status.usage : Status.serverError)
        }
    }
}

struct Claimctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claimctl",
        abstract: "Query and feed a running claimd over its control socket.",
        discussion: """
            The socket is --socket, else $CLAIMD_SOCKET, else /run/claimd/claimd.sock.
            Listings print -o table (the default), wide, json, jsonl or csv; tables fit the terminal and \
            go through $PAGER when taller than it (--no-pager). Colour only on a terminal, never with NO_COLOR.
            Exit status: 0 success, 1 the daemon reported an error, 2 usage error (including a topic or \
            stance the daemon does not know), 69 daemon not reachable, 73 output file not writable.
            """,
        version: claimdVersion,
        subcommands: [StatusCommand.self, Timeline.self, Claims.self, Changes.self, Events.self, Actors.self, Topics.self, Search.self,
                      Ingest.self, Documents.self, Reprocess.self, CorrectionsCommand.self, Watch.self, Failed.self, Export.self, Backup.self, Completions.self])

    @Option(help: ArgumentHelp("Control socket of the daemon.", valueName: "path"))
    var socket: String?
}

/// How to reach the daemon; `--socket` may also come before the subcommand.
struct ConnectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Control socket of the daemon.", valueName: "path"))
    var socket: String?

    @Option(help: ArgumentHelp("Give up on the daemon after this many seconds (exit status 69).", valueName: "seconds"))
    var timeout: Double = 30

    /// `--socket` given before the subcommand (set by the subcommand from its parent).
    var rootSocket: String?

    enum CodingKeys: CodingKey { case socket, timeout }

    var socketPath: String {
        socket ?? rootSocket ?? ProcessInfo.processInfo.environment["CLAIMD_SOCKET"].flatMap { $0.isEmpty ? nil : $0 } ?? "/run/claimd/claimd.sock"
    }

    var client: APIClient { APIClient(socketPath: socketPath, timeout: .milliseconds(Int64(timeout * 1000))) }

    /// Calls `route` and returns the body of a 2xx response; exits 2, 1 or 69 otherwise.
    func call(_ route: Route, _ items: [(QueryKey, String?)] = [], body: [UInt8]? = nil) async throws -> [UInt8] {
        do {
            return try await client.raw(route, items, body: body)
        } catch {
            throw Self.exit(for: error)
        }
    }

    /// Calls `route` and decodes the answer; exits as ``call(_:_:body:)`` does.
    func decoded<T: Decodable>(_ route: Route, _ items: [(QueryKey, String?)] = [], as type: T.Type = T.self) async throws -> T {
        do {
            return try await client.call(route, items)
        } catch {
            throw Self.exit(for: error)
        }
    }

    /// Says what went wrong on stderr, and the exit status that goes with it.
    static func exit(for error: APICallError) -> ExitCode {
        printError("claimctl: \(error)")
        switch error {
        case .unreachable: return ExitCode(Status.unavailable)
        case let .refused(status, _) where status == 400: return ExitCode(Status.usage)
        default: return ExitCode(Status.serverError)
        }
    }
}

/// A subcommand that talks to the daemon: `--socket` may come before or after its name.
protocol DaemonCommand {
    var root: Claimctl { get }
    var connectionOptions: ConnectionOptions { get }
}

extension DaemonCommand {
    var connection: ConnectionOptions {
        var options = connectionOptions
        options.rootSocket = root.socket
        return options
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

extension CalendarDay {
    /// Today in the machine's time zone: what `yesterday` and `-7d` count from.
    static var today: CalendarDay {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CalendarDay(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
