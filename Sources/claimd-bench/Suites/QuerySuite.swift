import ClaimAPI
import ClaimStore
import Foundation

/// Query latency through the control socket, and start-up time, on stores of given sizes.
///
/// Each store is filled straight through ClaimStore (``StoreFiller``), then served by a fresh
/// daemon. The requests are the ones claimctl sends, with its default page (100 rows):
/// - timeline: `/v1/timeline?actor=NAME&since=YYYY-MM-01&until=YYYY-MM-DD`, one actor over one month;
///   also with `&limit=1000` (timeline_1000_rows), a page ten times longer;
/// - search: `/v1/search?q=WORD%20COUNTRY`, a topic word and a country name;
/// - actors: `/v1/actors`, every actor with its counts.
/// Actors are drawn with the same skew as the data, so busy actors are asked about most.
struct QuerySuite {
    let context: BenchContext
    static let warmUpRequests = 10

    func run() throws -> [Figure] {
        var figures: [Figure] = []
        for (position, claims) in context.scale.storeClaims.enumerated() {
            figures += try measure(store: claims, isLargest: position == context.scale.storeClaims.count - 1)
        }
        return figures
    }

    private func measure(store claims: Int, isLargest: Bool) throws -> [Figure] {
        let label = sizeLabel(claims)
        let state = context.workDirectory + "/store-\(label)"
        defer { context.discard(state) }
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        context.progress("store \(label): filling with \(claims) claims")
        let start = Monotonic.now()
        let stored = try StoreFiller(seed: context.seed &+ 3).fill(TimelineStore(path: state + "/claims.sqlite"), claims: claims)
        let fillRate = Double(stored) / Monotonic.seconds(since: start)

        let starts = isLargest ? context.scale.readyStarts : 1
        context.progress("store \(label): starting claimd \(starts) times")
        var readyTimes: [Double] = []
        for _ in 1..<starts {
            let daemon = try DaemonUnderTest(binary: context.claimd, stateDirectory: state)
            readyTimes.append(daemon.readyMilliseconds)
            daemon.stop()
        }
        let daemon = try DaemonUnderTest(binary: context.claimd, stateDirectory: state)
        defer { daemon.stop() }
        readyTimes.append(daemon.readyMilliseconds)
        let readyMemory = daemon.memory()

        let client = try SocketHTTPClient(socket: daemon.socket)
        var random = SeededGenerator(seed: context.seed &+ 4)
        let samples = context.scale.querySamples
        context.progress("store \(label): 2 × \(samples.timeline) timeline, \(samples.search) search, \(samples.actors) actor-list requests")
        let timeline = try latencies(of: samples.timeline, client) { timelineTarget(&random) }
        let longPage = try latencies(of: samples.timeline, client) { timelineTarget(&random, limit: 1000) }
        let search = try latencies(of: samples.search, client) { searchTarget(&random) }
        let actors = try latencies(of: samples.actors, client) { Route.actors.target() }

        var figures = [
            Figure(name: "timeline_\(label)_p50_ms", value: timeline.median, unit: "ms"),
            Figure(name: "timeline_\(label)_p99_ms", value: timeline.p99, unit: "ms"),
            Figure(name: "timeline_1000_rows_\(label)_p99_ms", value: longPage.p99, unit: "ms"),
            Figure(name: "search_\(label)_p50_ms", value: search.median, unit: "ms"),
            Figure(name: "search_\(label)_p99_ms", value: search.p99, unit: "ms"),
            Figure(name: "actors_\(label)_p99_ms", value: actors.p99, unit: "ms"),
            Figure(name: "ready_\(label)_ms", value: Percentiles(readyTimes).median, unit: "ms"),
        ]
        if isLargest {
            figures += [
                Figure(name: "store_fill_claims_per_s", value: fillRate, unit: "claims/s"),
                Figure(name: "timeline_p50_ms", value: timeline.median, unit: "ms"),
                Figure(name: "timeline_p99_ms", value: timeline.p99, unit: "ms"),
                Figure(name: "timeline_1000_rows_p99_ms", value: longPage.p99, unit: "ms"),
                Figure(name: "search_p99_ms", value: search.p99, unit: "ms"),
                Figure(name: "actors_p99_ms", value: actors.p99, unit: "ms"),
                Figure(name: "ready_ms", value: Percentiles(readyTimes).median, unit: "ms"),
                Figure(name: "ready_max_ms", value: Percentiles(readyTimes).max, unit: "ms"),
                Figure(name: "rss_ready_\(label)_mb", value: readyMemory.resident, unit: "MiB"),
                Figure(name: "rss_queried_\(label)_mb", value: daemon.memory().resident, unit: "MiB"),
            ]
        }
        return figures
    }

    /// Sends `count` requests (after a few untimed ones) and returns their latencies in ms.
    private func latencies(of count: Int, _ client: SocketHTTPClient, _ target: () -> String) throws -> Percentiles {
        var samples: [Double] = []
        for index in 0..<(Self.warmUpRequests + count) {
            let path = target()
            let start = Monotonic.now()
            let reply = try client.get(path)
            let elapsed = Monotonic.milliseconds(from: start, to: Monotonic.now())
            guard reply.status == 200 else {
                throw BenchError.protocolError("\(path) answered \(reply.status): \(String(decoding: reply.body.prefix(300), as: UTF8.self))")
            }
            if index >= Self.warmUpRequests { samples.append(elapsed) }
        }
        return Percentiles(samples)
    }

    private func timelineTarget(_ random: inout SeededGenerator, limit: Int? = nil) -> String {
        let actor = StoreFiller.actor(&random).name
        let month = ArticleGenerator.firstDay.adding(months: Int(random.next() % UInt64(ArticleGenerator.daySpan / 31)))
        let last = month.adding(months: 1).adding(days: -1)
        return Route.timeline.target(ListingQuery(actor: actor, since: month, until: last, limit: limit).items)
    }

    private func searchTarget(_ random: inout SeededGenerator) -> String {
        let words = Vocabulary.topics.pick(&random).split(separator: " ").filter { $0.count > 3 }
        let word = words.isEmpty ? "ceasefire" : String(words.pick(&random))
        let country = Vocabulary.countries.pick(&random).name
        return Route.search.target(ListingQuery(q: "\(word) \(country)").items)
    }
}
