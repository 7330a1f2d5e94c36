import ClaimAPI
import ClaimModel
import Foundation
import ServiceLifecycle
import Synchronization

/// The live feed of `GET /v1/watch`: what the daemon stores and fails, as NDJSON lines, to
/// every watcher whose filter it passes.
///
/// Ingest only ever hands a line to each watcher's bounded buffer, which never waits: a slow
/// or stuck watcher whose buffer fills is dropped (its stream ends with a notice line) rather
/// than slowing ingest or holding memory.
final class WatchHub: Sendable {
    /// Lines a watcher may have waiting before it is dropped.
    static let bufferLines = 1024

    struct Filter: Sendable {
        var actor: String?
        var topic: String?

        /// Whether an item about `actors` and `topic` is wanted: an actor by full name, surname
        /// or the name as typed, case-insensitive (as the listings match, without aliases).
        func passes(actors: [String], topic itemTopic: String?) -> Bool {
            if let topic, itemTopic != topic { return false }
            guard let actor = actor?.lowercased() else { return true }
            return actors.contains { name in
                let name = name.lowercased()
                return name == actor || name.hasSuffix(" " + actor)
            }
        }
    }

    private struct Watcher {
        let filter: Filter
        let continuation: AsyncStream<[UInt8]>.Continuation
    }

    private let watchers = Mutex<[UInt64: Watcher]>([:])
    private let dropped = Mutex<Set<UInt64>>([])
    private let nextID = Atomic<UInt64>(0)

    var count: Int { watchers.withLock { $0.count } }

    /// A new watcher's lines, and its id.
    func subscribe(_ filter: Filter) -> (id: UInt64, lines: AsyncStream<[UInt8]>) {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingOldest(Self.bufferLines))
        watchers.withLock { $0[id] = Watcher(filter: filter, continuation: continuation) }
        return (id, stream)
    }

    func unsubscribe(_ id: UInt64) {
        watchers.withLock { $0.removeValue(forKey: id) }?.continuation.finish()
        _ = dropped.withLock { $0.remove(id) }
    }

    /// Whether `id` was dropped for falling behind (then removed from the record).
    func wasDropped(_ id: UInt64) -> Bool { dropped.withLock { $0.remove(id) != nil } }

    /// A blank line for each watcher, so that an idle feed's connection is known to be alive.
    func heartbeat(_ id: UInt64) {
        guard let watcher = watchers.withLock({ $0[id] }) else { return }
        deliver([0x0A], to: id, watcher)
    }

    /// Ends every feed: claimd is stopping.
    func finishAll() {
        for watcher in watchers.withLock({ state in defer { state.removeAll() }; return Array(state.values) }) { watcher.continuation.finish() }
    }

    func publish(_ item: WatchItem) {
        let wanted = watchers.withLock { $0.filter { $0.value.filter.passes(actors: item.actors, topic: item.topic) } }
        guard !wanted.isEmpty else { return }
        var line = (try? Self.encoder.encode(item)).map(Array.init) ?? []
        line.append(0x0A)
        for (id, watcher) in wanted { deliver(line, to: id, watcher) }
    }

    private func deliver(_ line: [UInt8], to id: UInt64, _ watcher: Watcher) {
        if case .dropped = watcher.continuation.yield(line) {
            // Full: the watcher is not reading. Its stream ends after what it has buffered.
            dropped.withLock { _ = $0.insert(id) }
            watchers.withLock { _ = $0.removeValue(forKey: id) }
            watcher.continuation.finish()
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

extension WatchItem {
    /// The actors an item is about, for the watchers' filters.
    var actors: [String] {
        switch kind {
        case .claim: claim.map { [$0.actor.name] } ?? []
        case .event: event?.actors ?? []
        case .change: change.map { [$0.actor.name] } ?? []
        case .document, .failure, .dropped: []
        }
    }

    var topic: String? { claim?.topic ?? change?.topic }
}

/// Ends the watchers' feeds when claimd stops, so that their responses end and the server can.
struct WatchHubService: Service {
    let hub: WatchHub

    func run() async throws {
        try? await gracefulShutdown()
        hub.finishAll()
    }
}
