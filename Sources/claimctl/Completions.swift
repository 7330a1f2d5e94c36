import ArgumentParser
import ClaimAPI
import ClaimClient
import ClaimModel
import Foundation

struct Completions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a shell completion script (bash, zsh or fish).",
        discussion: """
            make install installs them. By hand: claimctl completions bash > /etc/bash_completion.d/claimctl; \
            zsh: into a directory of $fpath as _claimctl; fish: ~/.config/fish/completions/claimctl.fish. \
            Actor and topic names are completed from the running daemon.
            """)

    @Argument(help: "bash, zsh or fish.") var shell: String

    func validate() throws {
        guard CompletionShell(rawValue: shell) != nil else { throw ValidationError("no completions for '\(shell)': bash, zsh or fish") }
    }

    func run() throws {
        print(Claimctl.completionScript(for: CompletionShell(rawValue: shell)!), terminator: "")
    }
}

/// Names the daemon knows, for completing `--actor` and `--topic` while typing: asked of the
/// socket on the command line (or `$CLAIMD_SOCKET`, or the default) within a second; nothing
/// when the daemon does not answer, so completion never hangs.
enum DaemonNames {
    static func actors(_ words: [String], _: Int, _ prefix: String) -> [String] {
        fetch(words) { client in
            let page: Page<ActorSummary> = try await client.call(.actors, ListQuery(name: nil, limit: 1000).items)
            return page.items.map(\.name)
        }.filter { $0.lowercased().hasPrefix(prefix.lowercased()) }
    }

    static func topics(_ words: [String], _: Int, _ prefix: String) -> [String] {
        fetch(words) { client in
            let list: TopicList = try await client.call(.topics)
            return list.topics.map(\.id)
        }.filter { $0.hasPrefix(prefix) }
    }

    private static func fetch(_ words: [String], _ names: @escaping @Sendable (APIClient) async throws -> [String]) -> [String] {
        let socket = words.firstIndex(of: "--socket").flatMap { words.indices.contains($0 + 1) ? words[$0 + 1] : nil }
            ?? ProcessInfo.processInfo.environment["CLAIMD_SOCKET"].flatMap { $0.isEmpty ? nil : $0 } ?? "/run/claimd/claimd.sock"
        let client = APIClient(socketPath: socket, timeout: .seconds(1))
        let result = Names()
        let done = DispatchSemaphore(value: 0)
        Task {
            result.value = (try? await names(client)) ?? []
            done.signal()
        }
        _ = done.wait(timeout: .now() + 2)
        return result.value
    }
}

/// The names a completion task hands back to the thread waiting for it (written before the
/// semaphore is signalled, read after it is waited for).
private final class Names: @unchecked Sendable {
    var value: [String] = []
}
