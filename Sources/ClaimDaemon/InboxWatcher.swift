import Dispatch
import Foundation
import Logging
import ServiceLifecycle

/// Watches the inbox with inotify and hands each finished file to the pipeline, one at a time.
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

    public func run() async throws {
        let events = try InotifyStream(directory: directory)
        defer { events.close() }
        let leftover = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter(Self.isCandidate).sorted()
        if !leftover.isEmpty { logger.info("Found \(leftover.count) files left in \(directory)") }
        let (names, continuation) = AsyncStream.makeStream(of: String.self)
        for name in leftover {
            pipeline.enqueued()
            continuation.yield(name)
        }
        events.onName = { name in
            guard Self.isCandidate(name) else { return }
            pipeline.enqueued()
            continuation.yield(name)
        }
        events.onOverflow = { [directory] in
            // The kernel dropped events: rescan so that no file is left behind.
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter(Self.isCandidate).sorted() {
                pipeline.enqueued()
                continuation.yield(name)
            }
        }
        events.start()
        await cancelWhenGracefulShutdown {
            for await name in names {
                if Task.isCancelled { break }
                pipeline.ingestInboxFile(named: name)
            }
        }
        continuation.finish()
    }
}

/// The raw inotify watch on one directory, read by a Dispatch source.
final class InotifyStream: @unchecked Sendable {
    // Mutated only before start() and read on the private queue afterwards.
    var onName: @Sendable (String) -> Void = { _ in }
    var onOverflow: @Sendable () -> Void = {}
    private let fd: Int32
    private let directory: String
    private let source: DispatchSourceRead
    private let queue = DispatchQueue(label: "claimd.inotify")

    init(directory: String) throws {
        self.directory = directory
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw InboxError.inotify("inotify_init1: \(String(cString: strerror(errno)))") }
        // IN_CREATE only matters for what never gets written: directories and symbolic links.
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_Q_OVERFLOW)
        guard inotify_add_watch(fd, directory, mask) >= 0 else {
            let reason = String(cString: strerror(errno))
            Glibc.close(fd)
            throw InboxError.inotify("cannot watch \(directory): \(reason)")
        }
        source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
    }

    func start() {
        source.setEventHandler { [self] in drain() }
        source.resume()
    }

    func close() {
        source.cancel()
        queue.sync {}
        Glibc.close(fd)
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
                if nameLength > 0 {
                    let nameBytes = buffer[(offset + header)..<(offset + header + nameLength)].prefix { $0 != 0 }
                    let name = String(decoding: nameBytes, as: UTF8.self)
                    if mask & UInt32(IN_CREATE) == 0 || !isRegularFile(name) { onName(name) }
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
}

enum InboxError: Error, CustomStringConvertible {
    case inotify(String)

    var description: String {
        switch self {
        case let .inotify(reason): reason
        }
    }
}
