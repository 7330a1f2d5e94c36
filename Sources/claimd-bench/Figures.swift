import Foundation

/// One measured number, named the same in every run so a script can track it.
struct Figure {
    var name: String
    var value: Double
    var unit: String

    var target: Target? { Target.byFigure[name] }

    /// `name value unit`: the line format, one figure per line.
    var line: String { "\(name) \(Figure.format(value)) \(unit)" }

    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "nan" }
        if value >= 100 { return String(format: "%.0f", value) }
        if value >= 10 { return String(format: "%.1f", value) }
        return String(format: "%.3g", value)
    }

    /// Parses a `name value unit` line, as printed by `claimd-bench measure`.
    init?(line: Substring) {
        let parts = line.split(separator: " ")
        guard parts.count == 3, let value = Double(parts[1]) else { return nil }
        self.init(name: String(parts[0]), value: value, unit: String(parts[2]))
    }

    init(name: String, value: Double, unit: String) {
        self.name = name
        self.value = value
        self.unit = unit
    }
}

/// A performance target of claimd on the reference machine (2 cores).
enum Target {
    case atLeast(Double)
    case atMost(Double)

    func isMet(by value: Double) -> Bool {
        switch self {
        case let .atLeast(bound): value >= bound
        case let .atMost(bound): value <= bound
        }
    }

    var description: String {
        switch self {
        case let .atLeast(bound): "≥ \(String(format: "%g", bound))"
        case let .atMost(bound): "≤ \(String(format: "%g", bound))"
        }
    }

    /// The targets of issues 5 and 21, by figure name. Query and start-up targets are stated for a
    /// million claims; at smaller scales they are shown for the largest store measured.
    static let byFigure: [String: Target] = [
        "extract_mb_per_s": .atLeast(1.5),
        "parse_tokens_per_s": .atLeast(150_000),
        "timex_mb_per_s": .atLeast(20),
        "ingest_docs_per_s": .atLeast(300),
        "drop_to_commit_p99_ms": .atMost(100),
        "timeline_p99_ms": .atMost(5),
        "rss_idle_mb": .atMost(60),
        "rss_burst_mb": .atMost(150),
        "ready_ms": .atMost(500),
    ]
}

/// Percentiles of a set of latency samples (nearest rank).
struct Percentiles {
    private let sorted: [Double]

    init(_ samples: [Double]) {
        sorted = samples.sorted()
    }

    func at(_ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(sorted.count - 1, Swift.max(0, rank - 1))]
    }

    var median: Double { at(0.5) }
    var p99: Double { at(0.99) }
    var max: Double { sorted.last ?? .nan }
}

/// `1k`, `10k`, `1m`: a count as it appears in a figure's name.
func sizeLabel(_ count: Int) -> String {
    if count >= 1_000_000, count % 1_000_000 == 0 { return "\(count / 1_000_000)m" }
    if count >= 1000, count % 1000 == 0 { return "\(count / 1000)k" }
    return "\(count)"
}
