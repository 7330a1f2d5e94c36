import Foundation

/// Drop-to-committed latency at idle, and the idle daemon's memory.
///
/// Each file is written under a dot name (which the daemon ignores), then renamed into the
/// inbox; the clock runs from that rename to the file's arrival in `processed/`, which the
/// daemon does right after the document's transaction commits. One file at a time, with a
/// pause between, so each one finds the daemon idle.
struct LatencySuite {
    let context: BenchContext
    static let pauseMicroseconds: UInt32 = 20_000

    func run() throws -> [Figure] {
        let daemon = try DaemonUnderTest(binary: context.claimd, stateDirectory: context.workDirectory + "/latency")
        defer { daemon.stop() }
        sleep(2)
        let idle = daemon.memory()
        let watch = try ArrivalWatch(directory: daemon.processed)
        defer { watch.stop() }
        let generator = ArticleGenerator(seed: context.seed &+ 1)
        var samples: [Double] = []
        context.progress("drop-to-commit: \(context.scale.latencySamples) files, one at a time")
        for index in 0..<context.scale.latencySamples {
            let name = "latency-\(index).txt"
            let staged = daemon.inbox + "/." + name
            try Data(generator.article(index).text.utf8).write(to: URL(fileURLWithPath: staged))
            let dropped = Monotonic.now()
            guard rename(staged, daemon.inbox + "/" + name) == 0 else { throw BenchError.system("rename into the inbox") }
            guard let committed = watch.arrival(of: name, timeout: 30) else {
                throw BenchError.daemon("\(name) was not committed within 30 s")
            }
            samples.append(Monotonic.milliseconds(from: dropped, to: committed))
            usleep(Self.pauseMicroseconds)
        }
        let latency = Percentiles(samples)
        return [
            Figure(name: "drop_to_commit_p50_ms", value: latency.median, unit: "ms"),
            Figure(name: "drop_to_commit_p99_ms", value: latency.p99, unit: "ms"),
            Figure(name: "drop_to_commit_max_ms", value: latency.max, unit: "ms"),
            Figure(name: "rss_idle_mb", value: idle.resident, unit: "MiB"),
        ]
    }
}
