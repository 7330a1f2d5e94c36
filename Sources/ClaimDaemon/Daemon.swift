import ClaimAPI
import ClaimExtraction
import ClaimStore
import ClaimSyntax
import CSystemd
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// Why the daemon could not start, or had to stop.
public enum DaemonError: Error, CustomStringConvertible {
    case alreadyRunning(lock: String)
    case setup(String)
    /// The settings cannot work (exit status 78, EX_CONFIG).
    case configuration(String)
    /// Running on would lose data (the store's file vanished): stop, and let the service manager decide.
    case fatal(String)

    public var description: String {
        switch self {
        case let .alreadyRunning(lock): "another claimd holds \(lock); stop it first or use another --state-dir and --inbox"
        case let .setup(reason): reason
        case let .configuration(reason): reason
        case let .fatal(reason): reason
        }
    }
}

/// `claimd run`: the inbox watcher, the control API, the reloader and the watchdog as services
/// of one group, until SIGTERM or SIGINT ends them gracefully, or a fatal condition ends them.
public struct Daemon {
    let settings: Settings
    let logger: Logger
    let workerLaunch: WorkerLaunch

    public init(settings: Settings, logger: Logger, workerLaunch: WorkerLaunch = .currentExecutable) {
        self.settings = settings
        self.logger = logger
        self.workerLaunch = workerLaunch
    }

    public func run() async throws {
        // A worker that dies mid-write must cost an EPIPE, not the daemon.
        signal(SIGPIPE, SIG_IGN)
        ProcessLimits.raiseDescriptorLimit()
        let endpoint = self.endpoint
        try StateLayout(settings: settings).prepare()
        let lock = try StateLock(path: settings.lockPath)
        defer { lock.release() }
        let inboxLock = try InboxLock(path: settings.inboxPath)
        defer { inboxLock.release() }

        let lexiconSource: LexiconSource
        let lexicon: Lexicon
        do {
            lexiconSource = try settings.readLexiconSource()
            lexicon = try lexiconSource.lexicon()
        } catch {
            throw DaemonError.configuration("invalid lexicon: \(error)")
        }
        // Checked here once, so that a missing or damaged model stops claimd at start with the
        // reason, instead of every worker failing on its first article.
        let modelsDirectory: String
        do {
            modelsDirectory = try settings.resolvedModelsDirectory()
            _ = try SyntaxModels.load(directory: modelsDirectory)
        } catch {
            throw DaemonError.configuration("cannot load the tagger and parser models: \(error)")
        }
        let store = try TimelineStore(path: settings.storePath) {
            logger.notice("upgrading the store's schema in \(settings.storePath); large stores take a while")
            ServiceNotifier.extendStartup(by: 600, status: "Upgrading the store's schema")
        }
        StateLayout.makePrivate(settings.storePath, settings.storePath + "-wal", settings.storePath + "-shm")
        let ledger = try InFlightLedger(path: settings.inFlightPath)
        let workers = WorkerPool(size: settings.workerCount, launch: workerLaunch,
                                 configuration: WorkerConfiguration(settings: settings, lexicon: lexiconSource, modelsDirectory: modelsDirectory),
                                 deadline: settings.deadline, logger: logger)
        workers.start()
        defer { workers.stop() }
        let fatal = FatalCondition()
        let pipeline = IngestPipeline(settings: settings, store: store, workers: workers, ledger: ledger, lexicon: lexicon,
                                      logger: logger) { reason in fatal.raise(reason) }
        let reloader = LexiconReloader(settings: settings, modelsDirectory: modelsDirectory, pipeline: pipeline, logger: logger)
        let api = ControlAPI(settings: settings, store: store, pipeline: pipeline,
                             access: AccessPolicy(ingestGroup: settings.ingestGroup, adminGroup: settings.adminGroup), reloader: reloader)
        let watcher = InboxWatcher(directory: settings.inboxPath, pipeline: pipeline, logger: logger)

        let counts = try store.counts()
        let summary = "\(counts.documents) documents, \(counts.claims) claims; watching \(settings.inboxPath)"
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: try makeServer(api: api, endpoint: endpoint, summary: summary)), .init(service: watcher),
                       .init(service: SignalReloader(reloader: reloader)), .init(service: WatchHubService(hub: pipeline.watch)),
                       // Without a watchdog (no WatchdogSec=) it has nothing to do and ends at once.
                       .init(service: WatchdogPinger(pipeline: pipeline), successTerminationBehavior: .ignore),
                       .init(service: fatal, successTerminationBehavior: .gracefullyShutdownGroup,
                             failureTerminationBehavior: .gracefullyShutdownGroup),
                       // Last, so that it is the first to stop: the watcher then finds no worker to wait for.
                       .init(service: workers)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        defer {
            ServiceNotifier.stopping()
            if case .path = endpoint { unlink(settings.socketPath) }
        }
        try await group.run()
        workers.stop()
        if let reason = fatal.reason { throw DaemonError.fatal(reason) }
        ledger.close()
        logger.notice("claimd stopped", metadata: [JournalField.messageID: "\(JournalMessageID.daemonStopped)"])
    }

    /// The socket systemd passed (socket activation), else a socket file of claimd's own.
    private var endpoint: ControlServer<RouterResponder<ControlContext>>.Endpoint {
        sd_listen_fds(0) > 0 ? .inherited(descriptor: SD_LISTEN_FDS_START) : .path(settings.socketPath)
    }

    /// The control API's server, which says READY once it accepts.
    func makeServer(api: ControlAPI, endpoint: ControlServer<RouterResponder<ControlContext>>.Endpoint, summary: String) throws -> some Service {
        let logger = self.logger
        if case let .inherited(descriptor) = endpoint {
            guard sd_is_socket_unix(descriptor, SOCK_STREAM_VALUE, 1, nil, 0) > 0 else {
                throw DaemonError.setup("the socket passed by systemd is not a listening Unix stream socket")
            }
        }
        let socketPath = settings.socketPath, socketMode = settings.socketMode
        // A socket file is created under the umask: kept private until chmod sets the configured mode.
        let previousMask = umask(0o177)
        let limits = ControlServer<RouterResponder<ControlContext>>.Limits(
            maxConnections: ProcessLimits.connectionCap(configured: settings.maxConnections), idleTimeout: settings.idleTimeout,
            headerTimeout: settings.headerTimeout, bodyTimeout: settings.bodyTimeout)
        return ControlServer(endpoint: endpoint, limits: limits, responder: api.router().buildResponder(), logger: logger) {
            umask(previousMask)
            if case .path = endpoint { chmod(socketPath, socketMode) }
            logger.notice("claimd ready on \(socketPath): \(summary)", metadata: [JournalField.messageID: "\(JournalMessageID.daemonReady)"])
            ServiceNotifier.ready(status: summary)
        }
    }
}

/// `SOCK_STREAM` as the `Int32` libsystemd takes (Glibc imports it as an enum).
private let SOCK_STREAM_VALUE = Int32(SOCK_STREAM.rawValue)

/// A condition under which running on would lose data: raised from anywhere, it ends the
/// service group, and ``Daemon/run()`` throws ``DaemonError/fatal(_:)``.
final class FatalCondition: Service, Sendable {
    private let state = Mutex<(reason: String?, continuation: CheckedContinuation<Void, Never>?)>((nil, nil))

    var reason: String? { state.withLock { $0.reason } }

    /// The first reason wins; later ones add nothing.
    func raise(_ reason: String) {
        let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.reason == nil else { return nil }
            state.reason = reason
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume()
    }

    func run() async throws {
        await withGracefulShutdownHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> Bool in
                    guard state.reason == nil else { return true }
                    state.continuation = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onGracefulShutdown: {
            let continuation = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.continuation = nil }
                return state.continuation
            }
            continuation?.resume()
        }
    }
}

/// Re-reads the lexicon files, on SIGHUP (`systemctl reload claimd`) or `POST /v1/reload`,
/// keeping the old lexicon when the new files do not parse or name no topic.
public final class LexiconReloader: Sendable {
    let settings: Settings
    let modelsDirectory: String
    let pipeline: IngestPipeline
    let logger: Logger
    private let serial = Mutex(())

    init(settings: Settings, modelsDirectory: String, pipeline: IngestPipeline, logger: Logger) {
        self.settings = settings
        self.modelsDirectory = modelsDirectory
        self.pipeline = pipeline
        self.logger = logger
    }

    func reload() -> Result<ReloadSummary, any Error> {
        serial.withLock { _ in
            ServiceNotifier.reloading()
            defer { ServiceNotifier.ready(status: "Reloaded") }
            do {
                let source = try settings.readLexiconSource()
                let lexicon = try source.lexicon()
                pipeline.reconfigure(WorkerConfiguration(settings: settings, lexicon: source, modelsDirectory: modelsDirectory), lexicon: lexicon)
                logger.notice("Reloaded the lexicon: \(lexicon.topics.count) topics, \(lexicon.actors.count) actors",
                              metadata: [JournalField.messageID: "\(JournalMessageID.lexiconReloaded)"])
                return .success(ReloadSummary(topics: lexicon.topics.count, actors: lexicon.actors.count))
            } catch {
                logger.error("Reload failed, keeping the previous lexicon: \(error)",
                             metadata: [JournalField.messageID: "\(JournalMessageID.lexiconRefused)", JournalField.reason: "\(error)"])
                return .failure(error)
            }
        }
    }
}

/// SIGHUP → ``LexiconReloader/reload()``.
struct SignalReloader: Service {
    let reloader: LexiconReloader

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            _ = reloader.reload()
        }
    }
}

/// Tells systemd's watchdog (`WatchdogSec=`) that claimd is alive, every half period, but only
/// while the pipeline is idle or finishing documents: a pipeline wedged with work waiting gets
/// no ping, and systemd restarts the service.
struct WatchdogPinger: Service {
    let pipeline: IngestPipeline

    func run() async throws {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return }
        let period = Duration.microseconds(Int64(microseconds))
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            if pipeline.isMakingProgress(within: period) { ServiceNotifier.watchdog() }
            // Half a period can be half a minute: a stop must not wait for it.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: period / 2) }
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
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DaemonError.setup("cannot open \(path): \(String(cString: strerror(errno)))") }
        // Only the daemon's user may hold it, or a reader could block every start with a lock of its own.
        fchmod(fd, 0o600)
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

/// An exclusive `flock` on the inbox directory itself: two daemons with different state
/// directories on one inbox would each store the same files.
struct InboxLock {
    private let fd: Int32

    init(path: String) throws {
        fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw DaemonError.setup("cannot open the inbox \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw DaemonError.alreadyRunning(lock: path + " (the inbox)")
        }
    }

    func release() { close(fd) }
}
