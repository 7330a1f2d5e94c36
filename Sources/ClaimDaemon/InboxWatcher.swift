import Dispatch
import Foundation
import Logging
import NIOPosix
import ServiceLifecycle
import Synchronization

/// Watches the inbox with inotify and hands each finished file to the pipeline, several at a
/// time (up to ``maximumInFlight``): while some are extracted, others are being stored.
///
/// A file counts as finished when its writer closes it (`IN_CLOSE_WRITE`) or when it is renamed
/// or moved in (`IN_MOVED_TO`), so `cp` and write-then-rename both work. Dotfiles and `*.tmp` are
/// a writer's work in progress and are ignored. Files left while the daemon was stopped are
/// picked up by a scan at start-up, after the watch is in place so none slips between the two.
public struct InboxWatcher: Service {
    private let directory: String
    private let pipeline: IngestPipeline
    private let logger: Logger

    public init(directory: String, pipeline: IngestPipeline, logger: Logger) {
        self.directory = directory
        self.pipeline = pipeline
        self.logger = logger
    }

    /// Whether a name in the inbox is an article to ingest (not a dotfile or a temporary file).
    public static func isCandidate(_ name: String) -> Bool {
        !name.hasPrefix(".") && !name.hasSuffix(".tmp") && !name.hasSuffix("~")
    }

    /// A file to ingest; names found by scanning rather than announced by inotify may still be
    /// being written, so they are only taken once they have not changed for a while.
    struct Item: Sendable {
        var name: String
        var mustBeSettled: Bool
    }

    /// How long a scanned file must stay unmodified before it is taken; and the wait before a
    /// file the store could not take is tried again.
    static let settleTime: Duration = .seconds(2)
    /// Files read, extracted or waiting for a commit at once: enough to fill a group commit
    /// while the previous one is written (twice ``GroupCommit``'s largest group, so preparing
    /// never waits for a commit to end), few enough to bound the memory a burst takes (~82 MiB
    /// at the peak of a 100k-file burst). With 64, every group took all the files in flight and
    /// extraction stopped while it was written.
    static let maximumInFlight = 512

    public func run() async throws {
        let events = try InotifyStream(directory: directory)
        let (items, continuation) = AsyncStream.makeStream(of: Item.self)
        let pipeline = self.pipeline
        let directory = self.directory
        @Sendable func enqueue(_ name: String, mustBeSettled: Bool) {
            pipeline.enqueued()
            continuation.yield(Item(name: name, mustBeSettled: mustBeSettled))
        }
        @Sendable func scan() {
            let (names, undecodable) = Self.list(directory)
            for bytes in undecodable { pipeline.quarantine(undecodableName: bytes) }
            for name in names.filter(Self.isCandidate).sorted() { enqueue(name, mustBeSettled: true) }
        }
        let backOff = RetryBackOff()
        events.onName = { name in
            if Self.isCandidate(name) { enqueue(name, mustBeSettled: false) }
        }
        events.onUndecodableName = { bytes in pipeline.quarantine(undecodableName: bytes) }
        events.onOverflow = scan // the kernel dropped events: rescan so that no file is left behind
        events.onGone = { continuation.finish() }
        events.start()
        defer { events.close() }
        scan() // after the watch is in place, so no file slips between the two

        let inFlight = InFlightNames()
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                var running = 0
                for await item in items {
                    if Task.isCancelled { break }
                    if item.mustBeSettled, let age = Self.age(of: directory + "/" + item.name), age < Self.settleTime {
                        pipeline.dequeued()
                        later(Self.settleTime - age) { enqueue(item.name, mustBeSettled: true) }
                        continue
                    }
                    // A second event for a file being ingested: look at the name again afterwards.
                    guard inFlight.begin(item.name) else {
                        pipeline.dequeued()
                        continue
                    }
                    if running >= Self.maximumInFlight {
                        await group.next()
                        running -= 1
                    }
                    running += 1
                    group.addTask {
                        let report = await pipeline.ingestInboxFile(named: item.name)
                        if inFlight.end(item.name) { enqueue(item.name, mustBeSettled: false) }
                        if report?.status == .postponed {
                            later(backOff.delay(after: item.name)) { enqueue(item.name, mustBeSettled: false) }
                        } else {
                            backOff.forget(item.name)
                        }
                    }
                }
                group.cancelAll()
            }
        }
        continuation.finish()
        if events.isGone, !Task.isCancelled {
            throw InboxError.inotify("the inbox \(directory) was deleted or moved away; restart claimd once it is back")
        }
    }

    /// Runs `body` after `delay`, unless the daemon is shutting down by then.
    private func later(_ delay: Duration, _ body: @escaping @Sendable () -> Void) {
        Task {
            try? await Task.sleep(for: delay)
            if !Task.isCancelled { body() }
        }
    }

    /// The names in `directory`, and the raw bytes of those that are not UTF-8 (which
    /// `FileManager` would mangle into names that open nothing).
    static func list(_ directory: String) -> (names: [String], undecodable: [[UInt8]]) {
        guard let stream = opendir(directory) else { return ([], []) }
        defer { closedir(stream) }
        var names: [String] = [], undecodable: [[UInt8]] = []
        while let entry = readdir(stream) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            guard bytes != [UInt8(ascii: ".")], bytes != [UInt8(ascii: "."), UInt8(ascii: ".")] else { continue }
            if let name = String(validating: bytes, as: UTF8.self) { names.append(name) } else { undecodable.append(bytes) }
        }
        return (names, undecodable)
    }

    /// How long ago the file at `path` was last modified, or nil if it is gone.
    static func age(of path: String) -> Duration? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let seconds = Int64(now.tv_sec - info.st_mtim.tv_sec)
        let nanoseconds = Int64(now.tv_nsec - info.st_mtim.tv_nsec)
        return .seconds(seconds) + .nanoseconds(nanoseconds)
    }
}

/// The wait before a postponed file is tried again: 1 s, doubling with each postponement up
/// to 5 minutes, so that a full disk is not hammered while it stays full.
final class RetryBackOff: Sendable {
    static let first: Duration = .seconds(1)
    static let longest: Duration = .seconds(300)
    private let attempts = Mutex<[String: Int]>([:])

    /// The wait after one more postponement of `name`.
    func delay(after name: String) -> Duration {
        let count = attempts.withLock { attempts -> Int in
            attempts[name, default: 0] += 1
            return attempts[name]!
        }
        return min(Self.longest, Self.first * (1 << min(count - 1, 20)))
    }

    func forget(_ name: String) { _ = attempts.withLock { $0.removeValue(forKey: name) } }
}

/// Names of the inbox files being ingested, so that one file is never ingested twice at once.
final class InFlightNames: Sendable {
    /// Name → whether another event came for it meanwhile.
    private let names = Mutex<[String: Bool]>([:])

    /// Whether `name` can start; if it is in flight already, it is marked to be looked at again.
    func begin(_ name: String) -> Bool {
        names.withLock { names in
            guard names[name] == nil else {
                names[name] = true
                return false
            }
            names[name] = false
            return true
        }
    }

    /// Ends `name`; true when another event came for it meanwhile, so it must be looked at again.
    func end(_ name: String) -> Bool {
        names.withLock { $0.removeValue(forKey: name) ?? false }
    }
}

/// The raw inotify watch on one directory, read by a Dispatch source.
final class InotifyStream: @unchecked Sendable {
    // Mutated only before start() and read on the private queue afterwards.
    var onName: @Sendable (String) -> Void = { _ in }
    var onOverflow: @Sendable () -> Void = {}
    /// A file whose name is not valid UTF-8.
    var onUndecodableName: @Sendable ([UInt8]) -> Void = { _ in }
    /// The watched directory itself was deleted or moved: no more events will come.
    var onGone: @Sendable () -> Void = {}
    private(set) var isGone = false
    private let fd: Int32
    private let directory: String
    private let source: DispatchSourceRead
    private let queue = DispatchQueue(label: "claimd.inotify")

    init(directory: String) throws {
        self.directory = directory
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw InboxError.inotify("inotify_init1: \(String(cString: strerror(errno)))") }
        // IN_CREATE only matters for what never gets written: directories and symbolic links.
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_Q_OVERFLOW | IN_DELETE_SELF | IN_MOVE_SELF)
        guard inotify_add_watch(fd, directory, mask) >= 0 else {
            let reason = String(cString: strerror(errno))
            Glibc.close(fd)
            throw InboxError.inotify("cannot watch \(directory): \(reason)")
        }
        source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
    }

    func start() {
        source.setEventHandler { [self] in drain() }
        source.setCancelHandler { [fd] in Glibc.close(fd) }
        source.resume()
    }

    /// Stops the watch; the descriptor is closed once Dispatch has finished with it.
    func close() {
        source.cancel()
        queue.sync {}
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let (mask, nameLength) = buffer.withUnsafeBytes { raw in
                    (raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                if mask & UInt32(IN_Q_OVERFLOW) != 0 { onOverflow() }
                if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED) != 0, !isGone {
                    isGone = true
                    onGone()
                }
                if nameLength > 0 {
                    let nameBytes = buffer[(offset + header)..<(offset + header + nameLength)].prefix { $0 != 0 }
                    guard let name = String(validating: nameBytes, as: UTF8.self) else {
                        // Not addressable as a String: handled by its bytes, once its writer is done.
                        if mask & UInt32(IN_CREATE) == 0 { onUndecodableName(Array(nameBytes)) }
                        offset += header + nameLength
                        continue
                    }
                    if mask & UInt32(IN_CREATE) == 0 || !isRegularFile(name) || isLinked(name) { onName(name) }
                }
                offset += header + nameLength
            }
        }
    }
}

extension InotifyStream {
    /// A regular file announces itself again with IN_CLOSE_WRITE; anything else only on creation.
    fileprivate func isRegularFile(_ name: String) -> Bool {
        var info = stat()
        return lstat(directory + "/" + name, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// A hard link to an existing file is created whole: no IN_CLOSE_WRITE follows.
    fileprivate func isLinked(_ name: String) -> Bool {
        var info = stat()
        return lstat(directory + "/" + name, &info) == 0 && info.st_nlink > 1
    }
}

enum InboxError: Error, CustomStringConvertible {
    case inotify(String)

    var description: String {
        switch self {
        case let .inotify(reason): reason
        }
    }
}
