import ClaimModel
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// How much CPU time a worker may spend on one article before it is killed: a base, plus an
/// allowance per megabyte, since extraction takes time linear in the text.
public struct ExtractionDeadline: Sendable, Equatable {
    public var base: Duration
    public var perMegabyte: Duration

    public init(base: Duration = .seconds(5), perMegabyte: Duration = .seconds(2)) {
        self.base = base
        self.perMegabyte = perMegabyte
    }

    func limit(forBytes count: Int) -> Duration {
        base + perMegabyte * (Double(count) / 1_048_576)
    }
}

/// What became of an article handed to a worker.
enum ExtractionOutcome: Sendable {
    case extracted(Document, Extraction, DatingNote?)
    /// The worker read it and found it is not an article (binary, malformed markup).
    case undecodable(reason: String)
    /// The article states no date, and `require_date` is set.
    case undated(reason: String)
    /// Two workers in a row crashed or overran on it: the article is at fault.
    case failed(reason: String)
    /// No worker could take it (none can be started, or claimd is stopping): try again later.
    case unavailable(reason: String)
}

/// A pool of `claimd worker` processes, each driven by a thread of its own.
///
/// A job runs on one of the pool's threads (blocking I/O included), with a worker to extract
/// with. A worker that crashes or overruns its article's CPU deadline is killed and replaced,
/// and the article is tried once more on the new worker; a second failure is the article's.
/// Workers start when first needed and are replaced after ``reconfigure(_:)`` (a reload).
public final class WorkerPool: Service, Sendable {
    let size: Int
    private let launch: WorkerLaunch
    private let deadline: ExtractionDeadline
    private let logger: Logger
    private let state: Mutex<State>
    private let jobsWaiting = DispatchSemaphore(value: 0)

    private struct Job: @unchecked Sendable {
        var run: (WorkerSlot) -> Void
        var cancel: () -> Void
    }

    private struct State {
        var jobs: [Job] = []
        var nextJob = 0
        var configuration: [UInt8]
        var generation = 0
        var isStopping = false
        var running = 0
        var liveThreads = 0
        var workers: [Int: pid_t] = [:]
        /// When a job last ended, or an attempt on one: what the watchdog calls progress.
        var lastProgress = ContinuousClock.now
    }

    init(size: Int, launch: WorkerLaunch, configuration: WorkerConfiguration, deadline: ExtractionDeadline, logger: Logger) {
        self.size = max(1, size)
        self.launch = launch
        self.deadline = deadline
        self.logger = logger
        var writer = WireWriter()
        writer.write(configuration)
        state = Mutex(State(configuration: writer.bytes))
    }

    /// Starts the pool's threads; workers start with their first job.
    func start() {
        state.withLock { $0.liveThreads = size }
        for index in 0..<size {
            let thread = Thread { [self] in
                serve(slot: WorkerSlot(index: index, pool: self))
                state.withLock { $0.liveThreads -= 1 }
            }
            thread.name = "claimd-worker-\(index)"
            thread.start()
        }
    }

    /// Runs `body` on a pool thread with a worker, once one is free (first come, first served);
    /// nil when the pool stops first.
    func run<Result: Sendable>(_ body: @escaping @Sendable (WorkerSlot) -> Result) async -> Result? {
        await withCheckedContinuation { continuation in
            let job = Job(run: { continuation.resume(returning: body($0)) }, cancel: { continuation.resume(returning: nil) })
            let accepted = state.withLock { state -> Bool in
                guard !state.isStopping else { return false }
                state.jobs.append(job)
                return true
            }
            if accepted { jobsWaiting.signal() } else { job.cancel() }
        }
    }

    /// Workers started from now on extract with `configuration`; running ones finish their
    /// article first.
    func reconfigure(_ configuration: WorkerConfiguration) {
        var writer = WireWriter()
        writer.write(configuration)
        state.withLock {
            $0.configuration = writer.bytes
            $0.generation += 1
        }
    }

    /// Stops the pool: waiting jobs get nil, workers are killed (their articles stay where they
    /// are, for the next start), threads end.
    func stop() {
        let (jobs, workers) = state.withLock { state -> ([Job], [pid_t]) in
            state.isStopping = true
            let waiting = Array(state.jobs[state.nextJob...])
            state.jobs.removeAll()
            state.nextJob = 0
            return (waiting, Array(state.workers.values))
        }
        for job in jobs { job.cancel() }
        for pid in workers { kill(pid, SIGKILL) }
        for _ in 0..<size { jobsWaiting.signal() }
        // The threads notice within one poll interval (50 ms).
        let deadline = ContinuousClock.now + .seconds(2)
        while ContinuousClock.now < deadline, state.withLock({ $0.liveThreads > 0 }) { usleep(5_000) }
    }

    var isStopping: Bool { state.withLock { $0.isStopping } }

    /// As a service, the pool stops at the start of a graceful shutdown: the articles its
    /// workers hold stay in the inbox, so SIGTERM never waits for an extraction.
    public func run() async throws {
        try? await gracefulShutdown()
        stop()
    }

    /// Whether the pool has nothing to do, and when it last made progress.
    var activity: (isIdle: Bool, lastProgress: ContinuousClock.Instant) {
        state.withLock { ($0.running == 0 && $0.nextJob == $0.jobs.count, $0.lastProgress) }
    }

    fileprivate func noteProgress() { state.withLock { $0.lastProgress = .now } }

    fileprivate var configuration: (bytes: [UInt8], generation: Int) {
        state.withLock { ($0.configuration, $0.generation) }
    }

    fileprivate func register(worker pid: pid_t?, slot: Int) {
        state.withLock { $0.workers[slot] = pid }
    }

    fileprivate func limit(forBytes count: Int) -> Duration { deadline.limit(forBytes: count) }

    fileprivate var launchSpecification: WorkerLaunch { launch }
    fileprivate var log: Logger { logger }

    private func serve(slot: WorkerSlot) {
        while true {
            jobsWaiting.wait()
            let job = state.withLock { state -> Job? in
                guard !state.isStopping, state.nextJob < state.jobs.count else { return nil }
                let job = state.jobs[state.nextJob]
                state.nextJob += 1
                if state.nextJob == state.jobs.count {
                    state.jobs.removeAll(keepingCapacity: true)
                    state.nextJob = 0
                }
                state.running += 1
                return job
            }
            guard let job else {
                if isStopping {
                    slot.retire()
                    return
                }
                continue
            }
            job.run(slot)
            state.withLock {
                $0.running -= 1
                $0.lastProgress = .now
            }
        }
    }
}

/// A pool thread's worker, used by one job at a time.
final class WorkerSlot: @unchecked Sendable {
    let index: Int
    private unowned let pool: WorkerPool
    private var worker: WorkerProcess?
    private var generation = -1

    fileprivate init(index: Int, pool: WorkerPool) {
        self.index = index
        self.pool = pool
    }

    /// Extracts `request`, retrying once on a fresh worker if the first one crashes or overruns.
    func extract(_ request: ExtractionRequest) -> ExtractionOutcome {
        var writer = WireWriter(capacity: request.bytes.count + 256)
        writer.write(request)
        let limit = pool.limit(forBytes: request.bytes.count)
        var failures: [String] = []
        for _ in 0..<2 {
            let worker: WorkerProcess
            do { worker = try current() } catch {
                return .unavailable(reason: error.description)
            }
            switch worker.exchange(writer.bytes, limit: limit, isStopping: { pool.isStopping }) {
            case let .success(frame):
                var reader = WireReader(frame)
                do {
                    switch try reader.read(ExtractionReply.self) {
                    case let .extracted(document, extraction, note): return .extracted(document, extraction, note)
                    case let .undecodable(reason): return .undecodable(reason: reason)
                    case let .undated(reason): return .undated(reason: reason)
                    }
                } catch {
                    failures.append("the worker's reply was unreadable: \(error)")
                }
            case let .failure(failure):
                if pool.isStopping { return .unavailable(reason: "claimd is stopping") }
                switch failure {
                case let .died(how): failures.append("the extraction worker was \(how)")
                case let .overran(how): failures.append("the extraction worker \(how)")
                case let .garbled(what): failures.append("the extraction worker sent \(what)")
                }
            }
            pool.log.warning("Extraction of \(request.path) failed, attempt \(failures.count) of 2: \(failures.last!)",
                             metadata: [JournalField.messageID: "\(JournalMessageID.workerLost)", JournalField.documentPath: "\(request.path)",
                                        JournalField.reason: "\(failures.last!)"])
            pool.noteProgress()
            replace()
        }
        return .failed(reason: failures.last! + (failures.count > 1 ? ", twice" : ""))
    }

    /// The slot's worker, started (or restarted after a reload) if needed.
    private func current() throws(WorkerSpawnError) -> WorkerProcess {
        let (configuration, generation) = pool.configuration
        if let worker, generation == self.generation { return worker }
        replace()
        let started = try WorkerProcess(launch: pool.launchSpecification, configuration: configuration)
        worker = started
        self.generation = generation
        pool.register(worker: started.pid, slot: index)
        return started
    }

    private func replace() {
        worker?.stop()
        worker = nil
        pool.register(worker: nil, slot: index)
    }

    fileprivate func retire() { replace() }
}
