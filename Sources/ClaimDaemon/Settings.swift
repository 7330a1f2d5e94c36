import ClaimExtraction
import ClaimSyntax
import Foundation
import TOMLKit

/// The daemon's settings: embedded defaults, overridden by `claimd.toml`, overridden by flags.
///
/// Every key of the file is optional; `Config/claimd.toml` documents them all.
public struct Settings: Sendable, Equatable {
    /// Where state lives: the store, `processed/`, `failed/`, the lock file.
    public var stateDirectory: String = "var"
    /// Where articles are dropped; defaults to `STATE/inbox`.
    public var inbox: String?
    /// The SQLite store; defaults to `STATE/claims.sqlite`.
    public var store: String?
    /// The control socket; defaults to `STATE/claimd.sock`.
    public var socket: String?
    /// Permission bits of the control socket.
    public var socketMode: mode_t = 0o660
    /// Files larger than this go to `failed/` unread.
    public var maxFileBytes: Int = 16 << 20
    /// Read `03/04/2025` as 3 April.
    public var dayFirst: Bool = true
    /// An article that states no date (no header, dateline or published date) goes to
    /// `failed/` instead of being dated by its file's modification time.
    public var requireDate: Bool = false
    /// Claims extracted below this confidence are not stored; nil: the confidence model's own threshold.
    public var minConfidence: Double?
    /// Lexicon files replacing the embedded defaults.
    public var topicsFile: String?
    public var actorsFile: String?
    /// A directory holding `tagger.model` and `parser.model` in place of the shipped ones.
    public var modelsDirectory: String?
    /// Extraction worker processes; 0 means one per core.
    public var workers: Int = 0
    /// CPU time a worker may spend on one article before it is killed.
    public var deadline = ExtractionDeadline()
    /// Connections the control socket holds at once; more get 503.
    public var maxConnections: Int = 4096
    /// How long a connection may sit without a request, take to send a request's head once it
    /// has begun, and take to send its body.
    public var idleTimeout: Duration = .seconds(60)
    public var headerTimeout: Duration = .seconds(10)
    public var bodyTimeout: Duration = .seconds(60)
    /// Groups whose members may ingest through the socket, and use its administrative routes.
    public var ingestGroup: String = "claimd"
    public var adminGroup: String = "claimd-admin"

    public init() {}

    /// Worker processes to run: ``workers``, or one per core.
    public var workerCount: Int {
        workers > 0 ? workers : max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    public var inboxPath: String { inbox ?? stateDirectory + "/inbox" }
    public var storePath: String { store ?? stateDirectory + "/claims.sqlite" }
    public var socketPath: String { socket ?? stateDirectory + "/claimd.sock" }
    public var processedDirectory: String { stateDirectory + "/processed" }
    public var failedDirectory: String { stateDirectory + "/failed" }
    public var lockPath: String { stateDirectory + "/claimd.lock" }
    /// Which articles were being extracted (see ``InFlightLedger``).
    public var inFlightPath: String { stateDirectory + "/in-flight" }

    /// The same settings with every relative path made absolute against `directory`, so that
    /// journal entries and `status` name files unambiguously.
    public func absolute(relativeTo directory: String) -> Settings {
        func resolve(_ path: String) -> String { path.hasPrefix("/") ? path : directory + "/" + path }
        var copy = self
        copy.stateDirectory = resolve(stateDirectory)
        copy.inbox = inbox.map(resolve)
        copy.store = store.map(resolve)
        copy.socket = socket.map(resolve)
        return copy
    }

    /// Applies the keys of a `claimd.toml`; relative paths in it are relative to the file's folder.
    /// Throws the first problem; ``apply(toml:relativeTo:problems:)`` gathers them all.
    public mutating func apply(toml: String, relativeTo base: String) throws {
        var problems: [SettingsError] = []
        apply(toml: toml, relativeTo: base, problems: &problems)
        if let first = problems.first { throw first }
    }

    /// Applies every valid key of a `claimd.toml` and adds a problem for each one that is not,
    /// so that `claimd check-config` can report them all at once.
    public mutating func apply(toml: String, relativeTo base: String, problems: inout [SettingsError]) {
        let table: TOMLTable
        do { table = try TOMLTable(string: toml) } catch let error as TOMLParseError {
            return problems.append(.syntax(line: error.source.begin.line, reason: error.description))
        } catch {
            return problems.append(.syntax(line: 1, reason: "\(error)"))
        }
        problems += Settings.unknownKeys(in: table)
        /// The value at `section.key` as `T`; a key of the wrong type is an error, not a default.
        func value<T>(_ section: String, _ key: String, _ type: String, _ read: (any TOMLValueConvertible) -> T?) throws -> T? {
            guard let raw = table[section]?.table?[key] else { return nil }
            guard let typed = read(raw) else { throw SettingsError.invalid(key: "\(section).\(key)", reason: "must be \(type)") }
            return typed
        }
        /// Runs one key's reading; its problem is recorded and the others still read.
        func each(_ read: () throws -> Void) {
            do { try read() } catch let error as SettingsError { problems.append(error) } catch { problems.append(.invalid(key: "?", reason: "\(error)")) }
        }
        func path(_ section: String, _ key: String) throws -> String? {
            guard let path = try value(section, key, "a path string", { $0.string }) else { return nil }
            return path.hasPrefix("/") ? path : base + "/" + path
        }
        each { stateDirectory = try path("paths", "state_dir") ?? stateDirectory }
        each { inbox = try path("paths", "inbox") ?? inbox }
        each { store = try path("paths", "store") ?? store }
        each { socket = try path("paths", "socket") ?? socket }
        each {
            if let mode = try value("socket", "mode", "an octal string such as \"0660\"", { $0.string }) {
                guard let bits = mode_t(mode, radix: 8), bits <= 0o777 else { throw SettingsError.invalid(key: "socket.mode", reason: "'\(mode)' is not an octal mode") }
                socketMode = bits
            }
        }
        each {
            if let bytes = try value("inbox", "max_file_bytes", "a whole number of bytes", { $0.int }) {
                guard bytes > 0 else { throw SettingsError.invalid(key: "inbox.max_file_bytes", reason: "must be positive") }
                maxFileBytes = bytes
            }
        }
        each { dayFirst = try value("extraction", "day_first", "true or false", { $0.bool }) ?? dayFirst }
        each { requireDate = try value("extraction", "require_date", "true or false", { $0.bool }) ?? requireDate }
        each {
            if let minimum = try value("extraction", "min_confidence", "a number", { $0.double ?? $0.int.map(Double.init) }) {
                guard (0...1).contains(minimum) else { throw SettingsError.invalid(key: "extraction.min_confidence", reason: "must be in [0, 1]") }
                minConfidence = minimum
            }
        }
        each { topicsFile = try path("extraction", "topics") ?? topicsFile }
        each { actorsFile = try path("extraction", "actors") ?? actorsFile }
        each { modelsDirectory = try path("extraction", "models") ?? modelsDirectory }
        each {
            if let count = try value("extraction", "workers", "a whole number", { $0.int }) {
                guard (0...256).contains(count) else { throw SettingsError.invalid(key: "extraction.workers", reason: "must be 0 (one per core) to 256") }
                workers = count
            }
        }
        func seconds(_ section: String, _ key: String, minimum: Double) throws -> Duration? {
            guard let value = try value(section, key, "a number of seconds", { $0.double ?? $0.int.map(Double.init) }) else { return nil }
            guard value >= minimum, value <= 86_400 else {
                throw SettingsError.invalid(key: "\(section).\(key)", reason: "must be between \(minimum) and 86400 seconds")
            }
            return .milliseconds(Int64(value * 1000))
        }
        each { deadline.base = try seconds("extraction", "deadline_seconds", minimum: 0.1) ?? deadline.base }
        each { deadline.perMegabyte = try seconds("extraction", "deadline_seconds_per_mb", minimum: 0) ?? deadline.perMegabyte }
        each {
            if let count = try value("socket", "max_connections", "a whole number", { $0.int }) {
                guard count >= 1 else { throw SettingsError.invalid(key: "socket.max_connections", reason: "must be at least 1") }
                maxConnections = count
            }
        }
        each { idleTimeout = try seconds("socket", "idle_timeout_seconds", minimum: 0.1) ?? idleTimeout }
        each { headerTimeout = try seconds("socket", "header_timeout_seconds", minimum: 0.1) ?? headerTimeout }
        each { bodyTimeout = try seconds("socket", "body_timeout_seconds", minimum: 0.1) ?? bodyTimeout }
        each { ingestGroup = try value("access", "ingest_group", "a group name", { $0.string }) ?? ingestGroup }
        each { adminGroup = try value("access", "admin_group", "a group name", { $0.string }) ?? adminGroup }
    }

    /// Every key a settings file may hold, by section.
    static let knownKeys: [String: Set<String>] = [
        "paths": ["state_dir", "inbox", "store", "socket"],
        "socket": ["mode", "max_connections", "idle_timeout_seconds", "header_timeout_seconds", "body_timeout_seconds"],
        "inbox": ["max_file_bytes"],
        "extraction": ["day_first", "require_date", "min_confidence", "topics", "actors", "models", "workers", "deadline_seconds", "deadline_seconds_per_mb"],
        "access": ["ingest_group", "admin_group"],
    ]

    /// A misspelt key would otherwise be ignored silently and its default used.
    static func unknownKeys(in table: TOMLTable) -> [SettingsError] {
        var problems: [SettingsError] = []
        for section in table.keys.sorted() {
            guard let known = knownKeys[section] else {
                problems.append(.invalid(key: section, reason: "is not a section (known: \(knownKeys.keys.sorted().joined(separator: ", ")))"))
                continue
            }
            for key in (table[section]?.table?.keys ?? []).sorted() where !known.contains(key) {
                problems.append(.invalid(key: "\(section).\(key)", reason: "is not a setting (known: \(known.sorted().joined(separator: ", ")))"))
            }
        }
        return problems
    }

    /// Reads and applies a settings file.
    public mutating func apply(file: String) throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw SettingsError.unreadable(path: file) }
        let base = (file as NSString).deletingLastPathComponent
        try apply(toml: String(decoding: data, as: UTF8.self), relativeTo: base.isEmpty ? "." : base)
    }

    /// The lexicon: the embedded defaults, with `topicsFile` / `actorsFile` replacing either part.
    public func loadLexicon() throws -> Lexicon {
        try readLexiconSource().lexicon()
    }

    /// The directory of the tagger and parser models: ``modelsDirectory``, else the shipped ones.
    public func resolvedModelsDirectory() throws(ModelFileError) -> String {
        if let modelsDirectory { return modelsDirectory }
        let candidates = SyntaxModels.shippedDirectories()
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/" + SyntaxModels.taggerFileName) }) else {
            throw .missing(path: candidates.joined(separator: " or "))
        }
        return found
    }

    /// The tagger and parser, loaded and verified.
    public func loadSyntaxModels() throws(ModelFileError) -> SyntaxModels {
        try SyntaxModels.load(directory: try resolvedModelsDirectory())
    }

    /// The text of the lexicon files the settings name (nil for an embedded default).
    public func readLexiconSource() throws -> LexiconSource {
        func read(_ path: String) throws -> String {
            guard let data = FileManager.default.contents(atPath: path) else { throw SettingsError.unreadable(path: path) }
            return String(decoding: data, as: UTF8.self)
        }
        return LexiconSource(topicsTOML: try topicsFile.map(read), actorsTOML: try actorsFile.map(read),
                             topicsPath: topicsFile, actorsPath: actorsFile)
    }

    public var extractionOptions: ExtractionOptions {
        ExtractionOptions(temporal: TemporalOptions(dayFirst: dayFirst), minConfidence: minConfidence)
    }
}

/// The lexicon as its files say it: what workers are given, so that they parse what the daemon checked.
public struct LexiconSource: Sendable, Equatable {
    public var topicsTOML: String?
    public var actorsTOML: String?
    var topicsPath: String?
    var actorsPath: String?

    public init(topicsTOML: String?, actorsTOML: String?, topicsPath: String? = nil, actorsPath: String? = nil) {
        self.topicsTOML = topicsTOML
        self.actorsTOML = actorsTOML
        self.topicsPath = topicsPath
        self.actorsPath = actorsPath
    }

    /// The lexicon, refused when it names no topic: every claim needs one, so such a lexicon
    /// (an empty or truncated topics file) would silently stop all claims.
    public func lexicon() throws -> Lexicon {
        var lexicon = Lexicon.embeddedDefault()
        if let topicsTOML { lexicon.topics = try Lexicon.parseTopics(topicsTOML) }
        if let actorsTOML { lexicon.actors = try Lexicon.parseActors(actorsTOML) }
        guard !lexicon.topics.isEmpty else {
            throw SettingsError.invalid(key: "extraction.topics", reason: "(\(topicsPath ?? "topics")) defines no [[topic]]: no claim could be found")
        }
        return lexicon
    }
}

public enum SettingsError: Error, CustomStringConvertible, Equatable {
    case syntax(line: Int, reason: String)
    case invalid(key: String, reason: String)
    case unreadable(path: String)

    public var description: String {
        switch self {
        case let .syntax(line, reason): "claimd.toml line \(line): \(reason)"
        case let .invalid(key, reason): "claimd.toml: \(key) \(reason)"
        case let .unreadable(path): "cannot read \(path)"
        }
    }
}
