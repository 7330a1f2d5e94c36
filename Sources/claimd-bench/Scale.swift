import ArgumentParser
import Foundation

/// How big the benchmark runs: `full` measures the targets as stated (about 12 minutes today),
/// `small` the same things on smaller data, `smoke` only checks that every step still works.
enum Scale: String, CaseIterable, ExpressibleByArgument {
    case full, small, smoke

    /// Articles the extraction and tagger throughput are measured on.
    var cpuDocuments: Int {
        switch self {
        case .full: 2000
        case .small: 500
        case .smoke: 40
        }
    }

    /// Files dropped one at a time, at idle, for the drop-to-commit latency.
    var latencySamples: Int {
        switch self {
        case .full: 1000
        case .small: 200
        case .smoke: 10
        }
    }

    /// Bursts of files dropped all at once, each into a fresh daemon.
    var ingestBursts: [Int] {
        switch self {
        case .full: [1000, 10000, 100_000]
        case .small: [1000, 10000]
        case .smoke: [100]
        }
    }

    /// Claims in the stores queried through the socket (and the largest one started cold).
    var storeClaims: [Int] {
        switch self {
        case .full: [10000, 1_000_000]
        case .small: [10000, 100_000]
        case .smoke: [1000, 5000]
        }
    }

    /// Requests per query kind (timeline, search, actors) on each store.
    var querySamples: (timeline: Int, search: Int, actors: Int) {
        switch self {
        case .full: (1000, 300, 50)
        case .small: (300, 100, 30)
        case .smoke: (30, 10, 5)
        }
    }

    /// Daemon starts timed on the largest store; the median is `ready_ms`.
    var readyStarts: Int {
        switch self {
        case .full: 5
        case .small: 3
        case .smoke: 2
        }
    }
}

/// What every suite needs: the binary under test, a scratch directory and the corpus seed.
struct BenchContext {
    let claimd: String
    let workDirectory: String
    let scale: Scale
    let seed: UInt64
    /// Keep stores, staged articles and daemon logs for a look after the run.
    let keep: Bool

    /// Removes a suite's scratch files as soon as it is done with them (100k articles and a
    /// million-claim store take gigabytes), unless asked to keep them.
    func discard(_ path: String) {
        if !keep { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Progress goes to stderr, so stdout carries only the figures.
    func progress(_ message: String) {
        FileHandle.standardError.write(Data("claimd-bench: \(message)\n".utf8))
    }
}
