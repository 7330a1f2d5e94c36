import CoreMetrics
import Metrics
import Foundation
import Prometheus

/// Why an input went to `failed/`, as the `reason` label of `claimd_documents_failed_total`:
/// a handful of kinds an operator can alert on, where the journal keeps each full reason.
public enum FailureKind: String, CaseIterable, Sendable {
    /// A symbolic link, a directory, a device.
    case notAFile = "not-a-file"
    case tooLarge = "too-large"
    /// Empty, binary, invalid UTF-8 or malformed: not an article.
    case undecodable
    case unreadable
    case hardLinks = "hard-links"
    /// A file name that is not UTF-8.
    case fileName = "file-name"
    /// Two workers in a row crashed or overran their deadline on it.
    case extraction
    /// claimd itself died twice while extracting it.
    case interrupted
    /// Stored, but the file could not be moved out of the inbox.
    case unmovable
    /// No date in its text while `require_date` is set.
    case undated
}

/// The daemon's metrics, through swift-metrics into a Prometheus registry of its own, served as
/// `GET /metrics` in the text exposition format.
///
/// Counters move as documents are committed or set aside; the queue depth and the store's size
/// are read when scraped, so an idle daemon does no work for them.
public final class DaemonMetrics: Sendable {
    private let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory

    let documentsStored: CoreMetrics.Counter
    let duplicates: CoreMetrics.Counter
    let postponed: CoreMetrics.Counter
    let claimsStored: CoreMetrics.Counter
    let eventsStored: CoreMetrics.Counter
    let stanceChanges: CoreMetrics.Counter
    private let failures: [FailureKind: CoreMetrics.Counter]
    /// Time a worker took to decode, date and extract one article.
    let extraction: CoreMetrics.Timer
    /// Time one group commit took in the store, whatever the number of documents in it.
    let commit: CoreMetrics.Timer
    private let queueDepth: CoreMetrics.Gauge
    private let storeBytes: CoreMetrics.Gauge

    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Extraction: milliseconds for a short article up to the default deadline and past it.
        factory.durationHistogramBuckets["claimd_extraction_seconds"] = [
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30),
        ]
        // A commit: one article at idle is about a millisecond, a burst's group tens of them.
        factory.durationHistogramBuckets["claimd_commit_seconds"] = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
        ]
        self.registry = registry
        self.factory = factory
        documentsStored = CoreMetrics.Counter(label: "claimd_documents_ingested_total", factory: factory)
        duplicates = CoreMetrics.Counter(label: "claimd_documents_duplicate_total", factory: factory)
        postponed = CoreMetrics.Counter(label: "claimd_documents_postponed_total", factory: factory)
        claimsStored = CoreMetrics.Counter(label: "claimd_claims_stored_total", factory: factory)
        eventsStored = CoreMetrics.Counter(label: "claimd_events_stored_total", factory: factory)
        stanceChanges = CoreMetrics.Counter(label: "claimd_stance_changes_total", factory: factory)
        // Every reason from the start, at zero, so that a rate over a new reason has a baseline.
        failures = Dictionary(uniqueKeysWithValues: FailureKind.allCases.map { kind in
            (kind, CoreMetrics.Counter(label: "claimd_documents_failed_total", dimensions: [("reason", kind.rawValue)], factory: factory))
        })
        extraction = CoreMetrics.Timer(label: "claimd_extraction_seconds", factory: factory)
        commit = CoreMetrics.Timer(label: "claimd_commit_seconds", factory: factory)
        queueDepth = CoreMetrics.Gauge(label: "claimd_queue_depth", factory: factory)
        storeBytes = CoreMetrics.Gauge(label: "claimd_store_bytes", factory: factory)
    }

    func failed(_ kind: FailureKind) { failures[kind]?.increment() }

    /// The text exposition of every metric, with the gauges read now.
    func exposition(queued: Int, storePath: String) -> [UInt8] {
        queueDepth.record(queued)
        storeBytes.record(Self.size(of: storePath) + Self.size(of: storePath + "-wal"))
        return registry.emitToBuffer()
    }

    private static func size(of path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}
