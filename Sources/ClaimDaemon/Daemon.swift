import ClaimExtraction
import ClaimStore
import CSystemd
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// Why the daemon could not start.
public enum DaemonError: Error, CustomStringConvertible {
    case alreadyRunning(lock: String)
    case setup(String)
    /// The settings cannot work (exit status 78, EX_CONFIG).
    case configuration(String)

    public var description: String {
        switch self {
        case let .alreadyRunning(lock): "another claimd holds \(lock); stop it first or use another --state-dir"
        case let .setup(reason): reason
        case let .configuration(reason): reason
        }
    }
}

/// `claimd run`: the inbox watcher and the control API as services of one group, until
/// SIGTERM or SIGINT ends them gracefully.
public struct Daemon {
    let settings: Settings
    let logger: Logger

    public init(settings: Settings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    public func run() async throws {
        for directory in [settings.stateDirectory, settings.inboxPath, settings.processedDirectory, settings.failedDirectory,
                          (settings.socketPath as NSString).deletingLastPathComponent] where !directory.isEmpty {
            do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                throw DaemonError.setup("cannot create \(directory): \(error.localizedDescription)")
            }
        }
        // Files move from the inbox to processed/ and failed/ by rename, which cannot cross file systems.
        var inboxInfo = stat(), stateInfo = stat()
        if stat(settings.inboxPath, &inboxInfo) == 0, stat(settings.stateDirectory, &stateInfo) == 0, inboxInfo.st_dev != stateInfo.st_dev {
            throw DaemonError.configuration("the inbox \(settings.inboxPath) and the state directory \(settings.stateDirectory) must be on the same file system")
        }
        let lock = try StateLock(path: settings.lockPath)
        defer { lock.release() }

        let store = try TimelineStore(path: settings.storePath) {
            logger.notice("upgrading the store's schema in \(settings.storePath); large stores take a while")
            ServiceNotifier.extendStartup(by: 600, status: "Upgrading the store's schema")
        }
        let lexicon: Lexicon
        do { lexicon = try settings.loadLexicon() } catch {
            throw DaemonError.configuration("invalid lexicon: \(error)")
        }
        let extractor = Extractor(lexicon: lexicon, options: settings.extractionOptions)
        let pipeline = IngestPipeline(settings: settings, store: store, extractor: extractor, logger: logger)
        let api = ControlAPI(settings: settings, store: store, pipeline: pipeline)
        let watcher = InboxWatcher(directory: settings.inboxPath, pipeline: pipeline, logger: logger)
        let reloader = LexiconReloader(settings: settings, pipeline: pipeline, logger: logger)

        let counts = try store.counts()
        let summary = "\(counts.documents) documents, \(counts.claims) claims; watching \(settings.inboxPath)"
        let listener = try makeListener(api: api, summary: summary)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: listener.service), .init(service: watcher), .init(service: reloader)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        defer {
            ServiceNotifier.stopping()
            if listener.ownsSocketFile { unlink(settings.socketPath) }
        }
        try await group.run()
        logger.notice("claimd stopped")
    }
}

extension Daemon {
    /// The control API's server: on the socket systemd passed (socket activation), else on a
    /// socket file of our own at `settings.socketPath`.
    func makeListener(api: ControlAPI, summary: String) throws -> (service: any Service, ownsSocketFile: Bool) {
        let logger = self.logger
        let passed = sd_listen_fds(1)
        if passed > 0 {
            let descriptor = SD_LISTEN_FDS_START
            guard sd_is_socket_unix(descriptor, SOCK_STREAM_VALUE, 1, nil, 0) > 0 else {
                throw DaemonError.setup("the socket passed by systemd is not a listening Unix stream socket")
            }
            let server = ActivatedSocketServer(descriptor: descriptor, responder: api.router().buildResponder(), logger: logger) {
                logger.notice("claimd ready on the socket passed by systemd: \(summary)")
                ServiceNotifier.ready(status: summary)
            }
            return (server, false)
        }
        let socketPath = settings.socketPath
        let socketMode = settings.socketMode
        // The socket is created under the umask: keep it private until chmod sets the configured mode.
        let previousMask = umask(0o177)
        let app = Application(
            router: api.router(),
            configuration: .init(address: .unixDomainSocket(path: socketPath), serverName: "claimd"),
            onServerRunning: { _ in
                umask(previousMask)
                chmod(socketPath, socketMode)
                logger.notice("claimd ready on \(socketPath): \(summary)")
                ServiceNotifier.ready(status: summary)
            },
            logger: logger)
        return (app, true)
    }
}

/// `SOCK_STREAM` as the `Int32` libsystemd takes (Glibc imports it as an enum).
private let SOCK_STREAM_VALUE = Int32(SOCK_STREAM.rawValue)

/// Re-reads the lexicon files on SIGHUP (`systemctl reload claimd`), keeping the old lexicon
/// when the new files do not parse.
struct LexiconReloader: Service {
    let settings: Settings
    let pipeline: IngestPipeline
    let logger: Logger

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            ServiceNotifier.reloading()
            do {
                let lexicon = try settings.loadLexicon()
                pipeline.replaceExtractor(Extractor(lexicon: lexicon, options: settings.extractionOptions))
                logger.notice("Reloaded the lexicon: \(lexicon.topics.count) topics, \(lexicon.actors.count) actors")
            } catch {
                logger.error("Reload failed, keeping the previous lexicon: \(error)")
            }
            ServiceNotifier.ready(status: "Reloaded")
        }
    }
}

/// An exclusive `flock` on `STATE/claimd.lock`, held for the daemon's lifetime.
///
/// Binding the socket removes any existing socket file, so without this lock a second daemon
/// would silently take over a running one's socket.
struct StateLock {
    private let fd: Int32

    init(path: String) throws {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DaemonError.setup("cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw DaemonError.alreadyRunning(lock: path)
        }
        let pid = "\(getpid())\n"
        ftruncate(fd, 0)
        _ = pid.withCString { write(fd, $0, strlen($0)) }
    }

    func release() {
        close(fd)
    }
}
