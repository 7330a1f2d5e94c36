import ArgumentParser
import Foundation

@main
struct ClaimdBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claimd-bench",
        abstract: "Measures claimd against its performance targets, on a synthetic corpus it generates.",
        discussion: """
            `claimd-bench` (the `run` subcommand) runs every benchmark and prints a table of figures \
            beside their targets; BENCH_FORMAT=lines (or --format lines) prints one `name value unit` \
            line per figure instead. BENCH_SCALE=full|small|smoke (or --scale) sets the sizes: full \
            measures the targets as stated (about 12 minutes on 2 cores), small takes \
            about 3 minutes, smoke seconds. \
            Benchmarks/README.md explains every figure.
            """,
        subcommands: [RunBenchmarks.self, Measure.self, WriteCorpus.self],
        defaultSubcommand: RunBenchmarks.self)
}

/// Every suite, each daemon measurement against a fresh `claimd run`.
struct RunBenchmarks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the benchmark suites and print their figures.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, lines }

    enum SuiteName: String, ExpressibleByArgument, CaseIterable { case extract, parse, timex, store, latency, ingest, query }

    @Option(help: "Sizes: full, small or smoke (default: $BENCH_SCALE, else full).")
    var scale: Scale?

    @Option(help: "table: for people; lines: `name value unit` per figure (default: $BENCH_FORMAT, else table).")
    var format: Format?

    @Option(parsing: .upToNextOption, help: "Run only these suites (default: all): \(SuiteName.allCases.map(\.rawValue).joined(separator: ", ")).")
    var only: [SuiteName] = []

    @Option(help: ArgumentHelp("The claimd binary to measure (default: the one beside this program).", valueName: "path"))
    var claimd: String?

    @Option(help: ArgumentHelp("Scratch directory; must be short enough for a socket path (default: a new one in /tmp).", valueName: "dir"))
    var workDir: String?

    @Flag(help: "Keep the scratch directory (stores, logs) after the run.")
    var keep = false

    @Option(help: "Seed of the synthetic corpus and stores.")
    var seed: UInt64 = 5

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let scale: Scale = try scale ?? environment["BENCH_SCALE"].map { try Self.parse($0) } ?? .full
        let format: Format = try format ?? environment["BENCH_FORMAT"].map { try Self.parse($0) } ?? .table
        let binary = claimd ?? Self.sibling("claimd")
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw ValidationError("no claimd at \(binary); build it (swift build -c release) or pass --claimd")
        }
        let work = workDir ?? "/tmp/claimd-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let context = BenchContext(claimd: binary, workDirectory: work, scale: scale, seed: seed, keep: keep)
        defer { context.discard(work) }
        let suites = only.isEmpty ? SuiteName.allCases : only
        let started = Monotonic.now()

        var figures: [Figure] = []
        for suite in suites {
            switch suite {
            case .extract: figures += try Measure.inChildProcess(.extract, documents: scale.cpuDocuments, seed: seed, context: context)
            case .parse: figures += try Measure.inChildProcess(.parse, documents: scale.cpuDocuments, seed: seed, context: context)
            case .timex: figures += try Measure.inChildProcess(.timex, documents: scale.cpuDocuments, seed: seed, context: context)
            case .store: figures += try Measure.inChildProcess(.store, documents: scale.cpuDocuments, seed: seed, context: context)
            case .latency: figures += try LatencySuite(context: context).run()
            case .ingest: figures += try IngestSuite(context: context).run()
            case .query: figures += try QuerySuite(context: context).run()
            }
        }
        context.progress("done in \(Int(Monotonic.seconds(since: started))) s")
        switch format {
        case .lines: for figure in figures { print(figure.line) }
        case .table: print(Report(figures: figures, scale: scale).table)
        }
    }

    /// A value of `BENCH_SCALE` or `BENCH_FORMAT`, checked like the option it stands for.
    private static func parse<T: ExpressibleByArgument & CaseIterable & RawRepresentable>(_ value: String) throws -> T where T.RawValue == String {
        guard let parsed = T(argument: value) else {
            throw ValidationError("'\(value)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return parsed
    }

    /// A program installed beside this one (`.build/release/claimd` next to `claimd-bench`).
    static func sibling(_ name: String) -> String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent(name).path
    }
}

/// One single-threaded measurement in this process; also the entry point for profiling, e.g.
/// `valgrind --tool=callgrind claimd-bench measure extract --documents 50`.
struct Measure: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure extraction, tagger or store throughput in this process; print `name value unit` lines.")

    enum What: String, ExpressibleByArgument, CaseIterable { case extract, parse, timex, store }

    @Argument(help: "extract (the whole extractor), parse (the tagger and parser alone), timex (the temporal tagger alone) or store (TimelineStore.ingest of extracted articles, one transaction each).")
    var what: What

    @Option(help: "Articles in the corpus.")
    var documents = 500

    @Option(help: "Seed of the synthetic corpus.")
    var seed: UInt64 = 5

    func run() throws {
        let measurement = ThroughputMeasurement(documents: documents, seed: seed)
        let figures: [Figure]
        switch what {
        case .extract: figures = measurement.extraction()
        case .parse: figures = measurement.parsing()
        case .timex: figures = measurement.temporalTagging()
        case .store:
            let directory = "/tmp/claimd-bench-store-\(getpid())"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            figures = try measurement.storing(in: directory)
        }
        for figure in figures { print(figure.line) }
    }

    /// Runs `claimd-bench measure` as a child process, so the measurement has a process to itself.
    static func inChildProcess(_ what: What, documents: Int, seed: UInt64, context: BenchContext) throws -> [Figure] {
        context.progress("\(what.rawValue) throughput on \(documents) articles, one core")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        process.arguments = ["measure", what.rawValue, "--documents", "\(documents)", "--seed", "\(seed)"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError.daemon("claimd-bench measure \(what.rawValue) failed") }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap(Figure.init(line:))
    }
}

/// Writes the synthetic corpus to a folder, to read it or to profile `claimd extract` on it.
struct WriteCorpus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Write synthetic wire articles to a directory (the corpus the benchmarks use).")

    @Option(help: "How many articles.")
    var count = 100

    @Option(help: "Seed of the synthetic corpus.")
    var seed: UInt64 = 5

    @Argument(help: "Directory to write wire-N.txt files into (created if needed).")
    var directory: String

    func run() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let generator = ArticleGenerator(seed: seed)
        for index in 0..<count {
            try Data(generator.article(index).text.utf8).write(to: URL(fileURLWithPath: "\(directory)/wire-\(index).txt"))
        }
    }
}
