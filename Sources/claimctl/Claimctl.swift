import ArgumentParser
import ClaimAPI
import ClaimClient
import Foundation

/// Exit statuses: 0 success, 1 the daemon answered with an error, 2 usage error, 69 daemon unreachable.
enum Status {
    static let serverError: Int32 = 1
    static let usage: Int32 = 2
    static let unavailable: Int32 = 69 // EX_UNAVAILABLE
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
            Exit status: 0 success, 1 the daemon reported an error, 2 usage error, 69 daemon not reachable.
            """,
        version: claimdVersion,
        subcommands: [StatusCommand.self, Timeline.self, Claims.self, Events.self, Actors.self, Search.self, Ingest.self, Failed.self])

    @Option(help: ArgumentHelp("Control socket of the daemon.", valueName: "path"))
    var socket: String?
}

/// Options every subcommand takes; `--socket` may also come before the subcommand.
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Control socket of the daemon.", valueName: "path"))
    var socket: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: ArgumentHelp("Give up on the daemon after this many seconds (exit status 69).", valueName: "seconds"))
    var timeout: Double = 30

    /// `--socket` given before the subcommand (set by the subcommand from its parent).
    var rootSocket: String?

    enum CodingKeys: CodingKey { case socket, json, timeout }

    var socketPath: String {
        socket ?? rootSocket ?? ProcessInfo.processInfo.environment["CLAIMD_SOCKET"].flatMap { $0.isEmpty ? nil : $0 } ?? "/run/claimd/claimd.sock"
    }

    /// Calls `route` and returns the body of a 2xx response; exits 1 or 69 otherwise.
    func call(_ route: Route, _ items: [(QueryKey, String?)] = [], body: [UInt8]? = nil) async throws -> [UInt8] {
        let client = APIClient(socketPath: socketPath, timeout: .milliseconds(Int64(timeout * 1000)))
        do {
            return try await client.raw(route, items, body: body)
        } catch {
            printError("claimctl: \(error)")
            if case .unreachable = error { throw ExitCode(Status.unavailable) }
            throw ExitCode(Status.serverError)
        }
    }

    /// Prints a JSON body as it came, or decodes it and renders it with `table`.
    func output<T: Decodable>(_ body: [UInt8], as type: T.Type, table: (T) -> String) throws {
        if json {
            print(String(decoding: body, as: UTF8.self), terminator: body.last == 0x0A ? "" : "\n")
        } else {
            print(table(try JSONDecoder().decode(T.self, from: Data(body))), terminator: "")
        }
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

