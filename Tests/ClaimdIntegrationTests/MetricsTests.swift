import Foundation
import Testing

/// Prometheus' text exposition format, read back: `name{labels} value` samples by series.
struct Exposition {
    var samples: [String: Double] = [:]
    var types: [String: String] = [:]

    init(_ text: String) {
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                if parts.count == 4 { types[String(parts[2])] = String(parts[3]) }
                continue
            }
            guard !line.hasPrefix("#"), let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
    }

    subscript(_ series: String) -> Double? { samples[series] }
}

@Suite("GET /metrics through the live daemon", .serialized)
struct MetricsTests {
    @Test("the exposition parses, and its counters, histograms and gauges move with ingest")
    func countersMove() throws {
        let daemon = try DaemonProcess()
        func scrape() throws -> Exposition {
            let reply = try daemon.request("GET", "/metrics")
            #expect(reply.status == 200)
            return Exposition(reply.text)
        }
        let before = try scrape()
        #expect(before["claimd_documents_ingested_total"] == 0)
        #expect(before["claimd_documents_failed_total{reason=\"undecodable\"}"] == 0, "every reason is there from the start")
        #expect(before.types["claimd_extraction_seconds"] == "histogram" && before.types["claimd_queue_depth"] == "gauge")
        #expect(before["claimd_queue_depth"] == 0)
        #expect((before["claimd_store_bytes"] ?? 0) > 0)

        let first = "Foreign Minister Ilka Brannock said on 2031-03-04 that her country supported new sanctions against the regime.\n"
        let second = "Foreign Minister Ilka Brannock said on 2031-03-20 that her country opposed any new sanctions against the regime.\n"
        try daemon.drop("first.txt", contents: Data(first.utf8))
        #expect(eventually { daemon.count("documents") == 1 })
        try daemon.drop("second.txt", contents: Data(second.utf8))
        #expect(eventually { daemon.count("documents") == 2 })
        try daemon.drop("again.txt", contents: Data(second.utf8))
        try daemon.drop("binary.bin", contents: Data([0, 1, 2, 3]))
        #expect(eventually { daemon.count("documents") == 2 && daemon.count("failed") == 1 })
        #expect(eventually { (try? scrape()["claimd_documents_duplicate_total"]) == 1 }, "the duplicate is counted once committed")

        let after = try scrape()
        #expect(after["claimd_documents_ingested_total"] == 2)
        #expect(after["claimd_documents_failed_total{reason=\"undecodable\"}"] == 1)
        #expect(after["claimd_stance_changes_total"] == 1)
        #expect(after["claimd_claims_stored_total"] == Double(daemon.count("claims")))
        // Three inputs went through a worker; the duplicate, dropped once its twin was stored, was
        // known by its hash before.
        #expect(after["claimd_extraction_seconds_count"] == 3)
        #expect((after["claimd_commit_seconds_count"] ?? 0) >= 2)
        #expect(after["claimd_commit_seconds_bucket{le=\"+Inf\"}"] == after["claimd_commit_seconds_count"])
        #expect((after["claimd_store_bytes"] ?? 0) >= (before["claimd_store_bytes"] ?? 0))
    }
}
