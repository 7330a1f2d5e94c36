import ClaimExtraction
import CGlibcExtras
import ClaimModel
import Foundation
import Glibc

/// `claimd worker`: a child of the daemon that decodes, dates and extracts articles, one at a
/// time, read from stdin and answered on stdout (see ``Frames`` and ``WorkerMessages``).
///
/// Extraction runs here, not in the daemon, so that an article that crashes the extractor or
/// makes it run away costs this process, which the daemon kills and replaces, and never the
/// daemon itself.
public enum ExtractionWorker {
    /// The daemon's pid, as it spawned the worker.
    static let parentVariable = "CLAIMD_WORKER_PARENT"
    /// Serves requests until stdin ends; returns the exit status.
    public static func run(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) -> Int32 {
        // Die with the daemon: an orphaned worker would spin on its article with nobody to answer.
        // A daemon that died before this took effect left the worker to init already.
        _ = claimd_die_with_parent()
        if let parent = ProcessInfo.processInfo.environment[parentVariable].flatMap(Int32.init), getppid() != parent { return 0 }
        ExtractionPriority.lowerCallingThread()
        var frames = FrameInput(fd: input)
        guard let first = frames.next() else { return 0 }
        let extractor: Extractor
        let configuration: WorkerConfiguration
        do {
            var reader = WireReader(first)
            configuration = try reader.read()
            extractor = try configuration.makeExtractor()
        } catch {
            FileHandle.standardError.write(Data("claimd worker: cannot start: \(error)\n".utf8))
            return 78
        }
        let faults = TestFaults(environment: ProcessInfo.processInfo.environment)
        while let frame = frames.next() {
            let reply: ExtractionReply
            do {
                var reader = WireReader(frame)
                let request: ExtractionRequest = try reader.read()
                reply = extract(request, with: extractor, configuration: configuration, faults: faults)
            } catch {
                FileHandle.standardError.write(Data("claimd worker: unreadable request: \(error)\n".utf8))
                return 65
            }
            var writer = WireWriter()
            writer.write(reply)
            guard Frames.write(writer.bytes, to: output) else { return 0 }
        }
        return 0
    }

    static func extract(_ request: ExtractionRequest, with extractor: Extractor, configuration: WorkerConfiguration,
                        faults: TestFaults?) -> ExtractionReply {
        if request.isStoredText {
            let text = String(decoding: request.bytes, as: UTF8.self)
            guard let day = request.dct else { return .undecodable(reason: "a stored document without a date") }
            faults?.strike(text)
            let dct = DocumentDate(day: day, source: .argument)
            let document = Document(path: request.path, sha256: request.sha256, format: .text, dct: dct, text: text)
            return .extracted(document, extractor.extract(text, dct: dct), nil)
        }
        let loaded: LoadedArticle
        do {
            loaded = try ArticleLoader.document(bytes: request.bytes, path: request.path, sha256: request.sha256, dct: request.dct,
                                                modified: Date(timeIntervalSince1970: Double(request.modified)),
                                                maxBytes: configuration.maxFileBytes, requireDate: configuration.requireDate)
        } catch .undated {
            return .undated(reason: ArticleLoader.LoadError.undated.description)
        } catch {
            return .undecodable(reason: error.description)
        }
        faults?.strike(loaded.document.text)
        return .extracted(loaded.document, extractor.extract(loaded.document.text, dct: loaded.document.dct), loaded.datingNote)
    }
}

/// `CLAIMD_TEST_FAULTS`: faults the tests plant in extraction to prove that the daemon survives
/// them. `crash:WORD` traps on a document containing WORD, `hang:WORD` spins forever on one;
/// several are separated by commas. Without the variable there is nothing to strike.
struct TestFaults: Sendable {
    static let variable = "CLAIMD_TEST_FAULTS"

    var crashWords: [String] = []
    var hangWords: [String] = []

    /// Nil when the environment plants no fault.
    init?(environment: [String: String]) {
        guard let specification = environment[Self.variable], !specification.isEmpty else { return nil }
        for item in specification.split(separator: ",") {
            let parts = item.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[1].isEmpty else { continue }
            switch parts[0] {
            case "crash": crashWords.append(parts[1])
            case "hang": hangWords.append(parts[1])
            default: continue
            }
        }
    }

    func strike(_ text: String) {
        if let word = crashWords.first(where: { text.contains($0) }) {
            fatalError("\(Self.variable): crash planted on '\(word)'")
        }
        if hangWords.contains(where: { text.contains($0) }) {
            var spins: UInt64 = 0
            while true {
                spins &+= 1
                // An opaque call per turn, so the optimiser keeps the loop.
                withExtendedLifetime(spins) {}
            }
        }
    }
}
