import ClaimAPI
import Foundation

/// Sustained ingest through the real daemon and inbox, and its memory during and after.
///
/// For each burst size a fresh daemon is started; the articles are first written to a staging
/// folder on the same file system (not timed), then renamed into the inbox as fast as possible.
/// The rate is files / (last commit − first rename), commits seen as arrivals in `processed/`.
struct IngestSuite {
    let context: BenchContext
    /// How long a burst may take before the bench gives up: at least this rate.
    static let slowestRate = 20.0
    /// Settling time before the memory after a burst is read.
    static let settleSeconds: UInt32 = 3

    func run() throws -> [Figure] {
        var figures: [Figure] = []
        for (position, count) in context.scale.ingestBursts.enumerated() {
            let isLargest = position == context.scale.ingestBursts.count - 1
            figures += try burst(of: count, isLargest: isLargest)
        }
        return figures
    }

    private func burst(of count: Int, isLargest: Bool) throws -> [Figure] {
        let label = sizeLabel(count)
        let staging = context.workDirectory + "/staging-\(label)"
        let state = context.workDirectory + "/ingest-\(label)"
        defer {
            context.discard(staging)
            context.discard(state)
        }
        context.progress("ingest burst: writing \(count) articles")
        let bytes = try stage(count, in: staging)
        let daemon = try DaemonUnderTest(binary: context.claimd, stateDirectory: state)
        defer { daemon.stop() }
        let watch = try ArrivalWatch(directory: daemon.processed)
        defer { watch.stop() }

        context.progress("ingest burst: dropping \(count) files (\(bytes / 1_000_000) MB) into the inbox")
        var peakResident = 0.0
        var lastReport = Monotonic.now()
        let cpuBefore = daemon.cpuTime()
        let start = Monotonic.now()
        for index in 0..<count {
            let name = Self.name(index)
            guard rename(staging + "/" + name, daemon.inbox + "/" + name) == 0 else { throw BenchError.system("rename into the inbox") }
        }
        let timeout = Double(count) / Self.slowestRate + 60
        guard let end = watch.arrival(ofFile: count, timeout: timeout, progress: { arrived in
            peakResident = max(peakResident, daemon.memory().resident)
            if Monotonic.seconds(since: lastReport) >= 15 {
                context.progress("ingest burst: \(arrived)/\(count) committed")
                lastReport = Monotonic.now()
            }
        }) else {
            throw BenchError.daemon("only \(watch.arrived) of \(count) files were committed within \(Int(timeout)) s")
        }
        let seconds = Double(end &- start) / 1e9
        let cpu = daemon.cpuTime().spent(since: cpuBefore)
        let duringBurst = daemon.memory()
        let status = try daemonStatus(daemon)
        sleep(Self.settleSeconds)
        let after = daemon.memory()
        context.progress("ingest burst: \(count) files in \(Figure.format(seconds)) s; \(status.claims) claims, \(status.failed) failed")
        if status.failed > 0 { context.progress("warning: \(status.failed) files failed; see \(state)/failed") }

        var figures = [
            Figure(name: "ingest_\(label)_docs_per_s", value: Double(count) / seconds, unit: "docs/s"),
            Figure(name: "ingest_\(label)_mb_per_s", value: Double(bytes) / 1e6 / seconds, unit: "MB/s"),
            // What bounds the rate: all the CPU the daemon spent on the burst, and its busiest
            // thread's share (the store's writer, which cannot be spread over cores).
            Figure(name: "ingest_\(label)_cpu_ms_per_doc", value: cpu.total * 1000 / Double(count), unit: "ms/doc"),
            Figure(name: "ingest_\(label)_busiest_thread_ms_per_doc", value: cpu.busiestThread * 1000 / Double(count), unit: "ms/doc"),
        ]
        if isLargest {
            figures += [
                Figure(name: "ingest_docs_per_s", value: Double(count) / seconds, unit: "docs/s"),
                Figure(name: "ingest_claims_per_doc", value: Double(status.claims) / Double(count), unit: "claims"),
                Figure(name: "ingest_failed", value: Double(status.failed), unit: "files"),
                Figure(name: "rss_burst_mb", value: duringBurst.peak, unit: "MiB"),
                Figure(name: "rss_burst_sampled_mb", value: max(peakResident, duringBurst.resident), unit: "MiB"),
                Figure(name: "rss_after_mb", value: after.resident, unit: "MiB"),
            ]
        }
        return figures
    }

    /// Writes `count` articles into `directory`; returns their total size in bytes.
    private func stage(_ count: Int, in directory: String) throws -> Int {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let generator = ArticleGenerator(seed: context.seed &+ 2 &+ UInt64(count))
        var bytes = 0
        for index in 0..<count {
            let data = Data(generator.article(index).text.utf8)
            try data.write(to: URL(fileURLWithPath: directory + "/" + Self.name(index)))
            bytes += data.count
        }
        return bytes
    }

    private static func name(_ index: Int) -> String { "wire-\(index).txt" }

    private func daemonStatus(_ daemon: DaemonUnderTest) throws -> (claims: Int, failed: Int) {
        let reply = try SocketHTTPClient(socket: daemon.socket).get(Route.status.target())
        let status = try JSONDecoder().decode(DaemonStatus.self, from: Data(reply.body))
        return (status.claims, status.failed)
    }
}
