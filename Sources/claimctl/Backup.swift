import ArgumentParser
import ClaimAPI
import ClaimClient
import Foundation

struct Backup: AsyncParsableCommand, DaemonCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the store, consistently, while claimd runs (SQLite's online backup).",
        discussion: """
            The daemon copies its store into one file and sends it; claimctl writes it to PATH, which must not exist. \
            Takes root, claimd's user or a member of the admin group (claimd-admin). --timeout is the longest wait for \
            more of the file. To restore: stop claimd, put the file in place of the store, start claimd.
            """)

    @ParentCommand var root: Claimctl
    @OptionGroup var connectionOptions: ConnectionOptions
    @Argument(help: ArgumentHelp("Where to write the copy.", valueName: "path")) var path: String

    func run() async throws {
        let partial = path + ".part"
        // O_EXCL: never over an existing file, a backup least of all.
        guard access(path, F_OK) != 0 else { throw UsageError(description: "\(path) exists; give a new file") }
        let fd = open(partial, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            printError("claimctl: cannot create \(partial): \(String(cString: strerror(errno)))")
            throw ExitCode(Status.cannotCreate)
        }
        var keep = false
        defer {
            close(fd)
            if !keep { unlink(partial) }
        }
        let response: ControlResponse
        do {
            response = try await connection.client.connection.download(Route.backup.target(), to: fd)
        } catch let error as ControlClientError {
            throw ConnectionOptions.exit(for: .unreachable(error))
        } catch {
            printError("claimctl: cannot write \(partial): \(error)")
            throw ExitCode(Status.cannotCreate)
        }
        guard (200..<300).contains(response.status) else {
            let error = (try? JSONDecoder().decode(APIError.self, from: Data(response.body))) ?? APIError(.internal, response.text)
            throw ConnectionOptions.exit(for: .refused(status: response.status, error))
        }
        var info = stat()
        fstat(fd, &info)
        var magic = [UInt8](repeating: 0, count: 16)
        guard pread(fd, &magic, 16, 0) == 16, magic == Array("SQLite format 3\0".utf8) else {
            printError("claimctl: what claimd sent is not an SQLite database; nothing written")
            throw ExitCode(Status.serverError)
        }
        guard fsync(fd) == 0, rename(partial, path) == 0 else {
            printError("claimctl: cannot write \(path): \(String(cString: strerror(errno)))")
            throw ExitCode(Status.cannotCreate)
        }
        keep = true
        printError("claimctl: wrote a backup of \(info.st_size) bytes to \(path)")
    }
}
