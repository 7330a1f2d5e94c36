import ArgumentParser
import ClaimDaemon
import ClaimExtraction
import ClaimModel
import ClaimSyntax
import Foundation
import Logging

@main
struct Claimd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claimd",
        abstract: "Turns news articles into a timeline of who said what, when.",
        discussion: """
            Drop articles (plain text, Markdown, HTML or JSON) into the inbox; claimd extracts dated \
            events and stance claims into a SQLite timeline, logs them to the journal and answers \
            queries on a Unix socket (see claimctl).
            """,
        version: ControlAPI.version,
        subcommands: [Run.self, CheckConfig.self, Extract.self, ParseCommand.self, TimexCommand.self, Worker.self],
        defaultSubcommand: Run.self)
}

/// Exit codes from sysexits.h, which systemd and shell scripts understand.
enum SysExit {
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let config: Int32 = 78
}

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the daemon in the foreground: watch the inbox and serve the control socket.",
        discussion: "Without options it uses ./var for its state, inbox, store and socket.")

    @Option(help: ArgumentHelp("Settings file (TOML); every key is optional.", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Directory to watch for articles (default: STATE/inbox).", valueName: "dir"))
    var inbox: String?

    @Option(name: .customLong("state-dir"), help: ArgumentHelp("Directory for the store, processed/ and failed/ (default: ./var).", valueName: "dir"))
    var stateDirectory: String?

    @Option(help: ArgumentHelp("Control socket path (default: STATE/claimd.sock).", valueName: "path"))
    var socket: String?

    func run() async throws {
        LoggingSystem.bootstrap { _ in JournalLogHandler() }
        var logger = Logger(label: "claimd")
        var settings = Settings()
        do {
            if let config { try settings.apply(file: config) }
            if let stateDirectory { settings.stateDirectory = stateDirectory }
            if let inbox { settings.inbox = inbox }
            if let socket { settings.socket = socket }
            settings = settings.absolute(relativeTo: FileManager.default.currentDirectoryPath)
        } catch {
            fatal("Invalid configuration: \(error)", logger: logger)
            throw ExitCode(SysExit.config)
        }
        // Under systemd the journal says all this already; on a terminal it tells where to look.
        if !underServiceManager {
            printBanner(settings)
        }
        do {
            try await Daemon(settings: settings, logger: logger).run()
        } catch let error as DaemonError {
            // A fatal condition while running is the store's file lost under the daemon.
            if case .fatal = error { logger[metadataKey: JournalField.messageID] = "\(JournalMessageID.storeLost)" }
            fatal("\(error)", logger: logger)
            if case .configuration = error { throw ExitCode(SysExit.config) }
            throw ExitCode(1)
        } catch {
            // A store that cannot open, a socket that cannot bind: said plainly, not as a trap.
            fatal("\(error)", logger: logger)
            throw ExitCode(1)
        }
    }

    /// Whether stderr already goes to the journal (systemd sets JOURNAL_STREAM for its services).
    private var underServiceManager: Bool { ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil }

    /// Why claimd cannot run: to the journal, and to the person who started it even when a
    /// journal is reachable, since they are looking at their terminal.
    private func fatal(_ message: String, logger: Logger) {
        logger.critical("\(message)")
        // The log handler already echoes to a terminal, or to stderr when no journal is reachable.
        if !underServiceManager && isatty(STDERR_FILENO) == 0 && JournalLogHandler.isJournalReachable {
            FileHandle.standardError.write(Data("claimd: \(message)\n".utf8))
        }
    }

    private func printBanner(_ settings: Settings) {
        print("""
            claimd \(ControlAPI.version)
              inbox   \(settings.inboxPath)
              store   \(settings.storePath)
              socket  \(settings.socketPath)
            Query with: claimctl --socket \(settings.socketPath) timeline --actor NAME
            """)
        fflush(nil)
    }
}

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the timexes, events, claims and quotes of articles as JSON, without a daemon.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, jsonl }

    @Option(help: ArgumentHelp("Document date (YYYY-MM-DD), overriding what the article says.", valueName: "date"))
    var dct: String?

    @Option(help: "json: pretty-printed; jsonl: one object per line.")
    var format: Format = .json

    @Option(help: ArgumentHelp("Settings file, for its lexicon and extraction options.", valueName: "file"))
    var config: String?

    @Argument(help: "Article files.")
    var files: [String]

    func validate() throws {
        if let dct, CalendarDay(dct) == nil { throw ValidationError("--dct must be YYYY-MM-DD, got '\(dct)'") }
        if files.isEmpty { throw ValidationError("give at least one FILE") }
    }

    func run() throws {
        var settings = Settings()
        if let config { try settings.apply(file: config) }
        let syntax: SyntaxModels
        do { syntax = try settings.loadSyntaxModels() } catch {
            FileHandle.standardError.write(Data("claimd extract: cannot load the tagger and parser models: \(error)\n".utf8))
            throw ExitCode(SysExit.config)
        }
        let extractor = Extractor(lexicon: try settings.loadLexicon(), syntax: syntax, options: settings.extractionOptions)
        let encoder = JSONEncoder()
        encoder.outputFormatting = format == .json ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        var reports: [ExtractReport] = []
        var failure: Int32 = 0
        for file in files {
            do {
                let (bytes, modified) = try ArticleLoader.read(path: file, maxBytes: settings.maxFileBytes)
                let loaded = try ArticleLoader.document(bytes: bytes, path: file, dct: dct.flatMap { CalendarDay($0) },
                                                        modified: modified, maxBytes: settings.maxFileBytes)
                let (document, article) = (loaded.document, loaded.article)
                let extraction = extractor.extract(document.text, dct: document.dct)
                let report = ExtractReport(path: file, sha256: document.sha256, article: article, dct: document.dct, extraction: extraction)
                if format == .jsonl {
                    print(String(decoding: try encoder.encode(report), as: UTF8.self))
                } else {
                    reports.append(report)
                }
            } catch let error as ArticleLoader.LoadError {
                FileHandle.standardError.write(Data("claimd extract: \(file): \(error)\n".utf8))
                failure = error == .notFound ? SysExit.noInput : SysExit.dataError
            }
        }
        if format == .json, !reports.isEmpty {
            let data = reports.count == 1 ? try encoder.encode(reports[0]) : try encoder.encode(reports)
            print(String(decoding: data, as: UTF8.self))
        }
        if failure != 0 { throw ExitCode(failure) }
    }
}

/// `claimd parse`: the tagger and parser's output as CoNLL-U, on raw text or on given tokens.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print the sentences of articles tokenized, tagged, lemmatized and parsed, as CoNLL-U.",
        discussion: """
            Without --tokenized, FILE is an article (decoded as claimd decodes it) and its sentences are \
            split and tokenized as the extractor does. With --tokenized, FILE is CoNLL-U: its tokens \
            (columns 1-2) are kept and UPOS, XPOS, LEMMA, HEAD and DEPREL filled in, so that the output \
            can be scored against the file with the CoNLL 2018 evaluation.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case conllu }

    @Option(help: "Output format.")
    var format: Format = .conllu

    @Flag(help: "Read CoNLL-U and keep its tokens instead of tokenizing raw text.")
    var tokenized = false

    @Option(help: ArgumentHelp("Settings file, for its models directory.", valueName: "file"))
    var config: String?

    @Argument(help: "Article or CoNLL-U files.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one FILE") }
    }

    func run() throws {
        var settings = Settings()
        if let config { try settings.apply(file: config) }
        let syntax: SyntaxModels
        do { syntax = try settings.loadSyntaxModels() } catch {
            FileHandle.standardError.write(Data("claimd parse: cannot load the tagger and parser models: \(error)\n".utf8))
            throw ExitCode(SysExit.config)
        }
        var failure: Int32 = 0
        for file in files {
            do {
                let sentences = tokenized ? try given(file, syntax: syntax) : try raw(file, syntax: syntax)
                var out = ""
                for sentence in sentences {
                    CoNLLU.append(sentence, to: &out)
                    if out.utf8.count > 1 << 20 {
                        FileHandle.standardOutput.write(Data(out.utf8))
                        out = ""
                    }
                }
                FileHandle.standardOutput.write(Data(out.utf8))
            } catch let error as ArticleLoader.LoadError {
                FileHandle.standardError.write(Data("claimd parse: \(file): \(error)\n".utf8))
                failure = error == .notFound ? SysExit.noInput : SysExit.dataError
            } catch {
                FileHandle.standardError.write(Data("claimd parse: \(file): \(error)\n".utf8))
                failure = SysExit.dataError
            }
        }
        if failure != 0 { throw ExitCode(failure) }
    }

    private func raw(_ file: String, syntax: SyntaxModels) throws -> [CoNLLUSentence] {
        let (bytes, modified) = try ArticleLoader.read(path: file, maxBytes: Settings().maxFileBytes)
        let document = try ArticleLoader.document(bytes: bytes, path: file, dct: nil, modified: modified, maxBytes: Settings().maxFileBytes).document
        return SyntaxReport.sentences(of: document.text, syntax: syntax)
    }

    private func given(_ file: String, syntax: SyntaxModels) throws -> [CoNLLUSentence] {
        guard FileManager.default.fileExists(atPath: file) else { throw ArticleLoader.LoadError.notFound }
        let analyzer = SyntaxAnalyzer(models: syntax)
        return try CoNLLU.read(path: file).map { $0.filled(with: analyzer.analyze($0.wordForms)) }
    }
}

/// `claimd worker`: started by the daemon, one per core, to extract articles it sends over a
/// pipe; not for use by hand.
struct Worker: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract articles sent by the daemon over stdin (started by claimd run).",
        shouldDisplay: false)

    func run() throws {
        let status = ExtractionWorker.run()
        if status != 0 { throw ExitCode(status) }
    }
}

struct TimexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timex",
        abstract: "Print the temporal expressions of a phrase as JSON, resolved against a document date.")

    @Option(help: ArgumentHelp("Document date, YYYY-MM-DD or YYYY-MM-DDTHH:MM.", valueName: "date"))
    var dct: String

    @Flag(help: "Read 03/04/2025 as March 4 (month first).")
    var monthFirst = false

    @Argument(help: "The text to tag.")
    var text: [String]

    func validate() throws {
        if CalendarDay(dct.prefix(10)) == nil { throw ValidationError("--dct must be YYYY-MM-DD[THH:MM], got '\(dct)'") }
    }

    func run() throws {
        let tagger = TemporalTagger(options: TemporalOptions(dayFirst: !monthFirst))
        let timexes = tagger.tag(text.joined(separator: " "), dct: CalendarDay(dct.prefix(10))!)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(timexes), as: UTF8.self))
    }
}

/// `claimd check-config`: every problem of the settings and lexicon files, with file and line.
struct CheckConfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check a claimd.toml and the lexicon files it names; print every problem with its file and line.",
        discussion: """
            Without --config, /etc/claimd/claimd.toml if it exists (else the embedded defaults alone). \
            Exit status: 0 no error (warnings may be printed), 78 (EX_CONFIG) one error or more.
            """)

    @Option(help: ArgumentHelp("The settings file to check.", valueName: "file"))
    var config: String?

    func run() throws {
        let file = config ?? (FileManager.default.fileExists(atPath: "/etc/claimd/claimd.toml") ? "/etc/claimd/claimd.toml" : nil)
        let problems = ConfigCheck.problems(configFile: file)
        for problem in problems { print(problem) }
        let errors = problems.count { !$0.isWarning }, warnings = problems.count - errors
        let checked = file ?? "the embedded defaults"
        FileHandle.standardError.write(Data("\(checked): \(errors) errors, \(warnings) warnings\n".utf8))
        if errors > 0 { throw ExitCode(SysExit.config) }
    }
}
