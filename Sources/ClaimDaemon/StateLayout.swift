import Foundation
import Glibc

/// The daemon's directories and who may use them.
///
/// The state directory is `0710`: the daemon's group may pass through it to the inbox but
/// neither list it nor touch anything else in it. The inbox is `2770`, the one place the group
/// writes (setgid, so files dropped there keep the group). `processed/` and `failed/` are
/// `0750`, for the group to read. The store, its log and the lock are `0600`, and the daemon
/// creates every file of its own under umask `0077`, so nothing else it writes is readable.
struct StateLayout {
    let settings: Settings

    static let stateMode: mode_t = 0o710
    static let inboxMode: mode_t = 0o2770
    static let outboxMode: mode_t = 0o750

    /// Creates what is missing and tightens what an older claimd (or a looser unit) left open.
    func prepare() throws {
        umask(0o077)
        try make(settings.stateDirectory, mode: Self.stateMode)
        try make(settings.inboxPath, mode: Self.inboxMode)
        try make(settings.processedDirectory, mode: Self.outboxMode)
        try make(settings.failedDirectory, mode: Self.outboxMode)
        let socketDirectory = (settings.socketPath as NSString).deletingLastPathComponent
        if !socketDirectory.isEmpty, !FileManager.default.fileExists(atPath: socketDirectory) {
            try make(socketDirectory, mode: 0o755)
        }
        // Files move from the inbox to processed/ and failed/ by rename, which cannot cross file systems.
        var inboxInfo = stat(), stateInfo = stat()
        if stat(settings.inboxPath, &inboxInfo) == 0, stat(settings.stateDirectory, &stateInfo) == 0, inboxInfo.st_dev != stateInfo.st_dev {
            throw DaemonError.configuration("the inbox \(settings.inboxPath) and the state directory \(settings.stateDirectory) must be on the same file system")
        }
        Self.makePrivate(settings.lockPath, settings.inFlightPath)
    }

    /// Creates `path` with `mode` if it is missing; an existing directory of the daemon's own
    /// gets `mode` too (a directory owned by someone else, such as a shared inbox, is left be).
    private func make(_ path: String, mode: mode_t) throws {
        var info = stat()
        if stat(path, &info) != 0 {
            do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw DaemonError.setup("cannot create \(path): \(error.localizedDescription)")
            }
            guard stat(path, &info) == 0 else { throw DaemonError.setup("cannot create \(path)") }
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw DaemonError.setup("\(path) is not a directory") }
        // Under claimd.service (RestrictSUIDSGID=yes) the setgid bit cannot be set here:
        // claimd.tmpfiles makes the inbox so before claimd starts.
        if info.st_uid == geteuid(), info.st_mode & 0o7777 != mode, chmod(path, mode) != 0 { chmod(path, mode & 0o777) }
    }

    /// `0600` for files of the daemon's own that exist.
    static func makePrivate(_ paths: String...) {
        for path in paths {
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid(), info.st_mode & 0o777 != 0o600 {
                chmod(path, 0o600)
            }
        }
    }
}

/// The process's descriptor budget.
enum ProcessLimits {
    /// Raises the soft limit on open files to the hard limit: the socket's connections, the
    /// inbox's files in flight, the store and the workers' pipes all take descriptors, and the
    /// default soft limit (1024) runs out under a flood of idle clients.
    static func raiseDescriptorLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    /// Descriptors kept out of the connection cap's reach, for the inbox (512 files in flight),
    /// the store, the workers and the journal.
    static let reserved = 1024

    /// The connection cap: as configured, but never so high that connections could take the
    /// descriptors the rest of the daemon needs.
    static func connectionCap(configured: Int) -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return configured }
        let available = Int(clamping: limit.rlim_cur) - reserved
        return max(16, min(configured, available))
    }
}
