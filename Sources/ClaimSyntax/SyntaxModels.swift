import Foundation

/// The tagger and parser models together: what a caller loads once and shares.
///
/// A value type holding immutable models, so it is `Sendable`: load it once at start-up and use
/// it from any number of threads. For many sentences on one thread, wrap it in a
/// ``SyntaxAnalyzer``, which reuses its scratch memory.
public struct SyntaxModels: Sendable {
    public static let taggerFileName = "tagger.model"
    public static let parserFileName = "parser.model"

    public let tagger: PartOfSpeechTagger
    public let parser: DependencyParser

    public init(tagger: PartOfSpeechTagger, parser: DependencyParser) {
        self.tagger = tagger
        self.parser = parser
    }

    /// Loads `tagger.model` and `parser.model` from a directory, verifying both.
    public static func load(directory: String) throws(ModelFileError) -> SyntaxModels {
        let dir = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        return SyntaxModels(
            tagger: try PartOfSpeechTagger.load(path: dir + "/" + taggerFileName),
            parser: try DependencyParser.load(path: dir + "/" + parserFileName))
    }

    /// Loads the models shipped with claimd (see ``shippedDirectories(executable:)``).
    public static func bundled() throws(ModelFileError) -> SyntaxModels {
        let candidates = shippedDirectories()
        guard let directory = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/" + taggerFileName) }) else {
            throw .missing(path: candidates.joined(separator: " or "))
        }
        return try load(directory: directory)
    }

    /// Where the shipped models are looked for, in order: the installed layout beside the
    /// executable (`BIN/../share/claimd/models`, what `make install` makes), then the build
    /// layout SwiftPM makes of this target's resources (`BIN/claimd_ClaimSyntax.resources/Models`).
    ///
    /// Not `Bundle.module`: it traps when neither its bundle nor the build folder it was built
    /// in exists, and a missing model must be an error a daemon can report.
    public static func shippedDirectories(executable: String? = nil) -> [String] {
        let binary = executable ?? (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let directory = (binary as NSString).deletingLastPathComponent
        return [(directory as NSString).appendingPathComponent("../share/claimd/models"),
                (directory as NSString).appendingPathComponent("claimd_ClaimSyntax.resources/Models")]
            .map { ($0 as NSString).standardizingPath }
    }

    /// Tags and parses one sentence of UD tokens (convenience; allocates scratch per call).
    public func analyze(_ words: [String]) -> AnalyzedSentence {
        let analyzer = SyntaxAnalyzer(models: self)
        return analyzer.analyze(words)
    }
}

/// Tags and arcs for one sentence; `tags[i]` and `arcs[i]` belong to word `i + 1`.
public struct AnalyzedSentence: Sendable, Hashable {
    public var tags: [WordTag]
    public var arcs: [DependencyArc]

    public init(tags: [WordTag] = [], arcs: [DependencyArc] = []) {
        self.tags = tags
        self.arcs = arcs
    }
}

/// Tags and parses many sentences on one thread without re-allocating per sentence.
///
/// Holds scratch buffers, so it is a class and not `Sendable`: give each thread (or task) its
/// own analyzer over the shared ``SyntaxModels``. Tagger output feeds the parser without
/// re-hashing words, which makes this the fastest path.
public final class SyntaxAnalyzer {
    public let models: SyntaxModels
    private var tagScratch = TaggerScratch()
    private let parseScratch = ParserScratch()
    /// Parser tag atoms per tagger class, computed once.
    private let classTagAtoms: [UInt64]
    private let classCoarseAtoms: [UInt64]

    public init(models: SyntaxModels) {
        self.models = models
        let t = models.tagger
        classTagAtoms = t.classUPOS.indices.map {
            DependencyParser.tagAtom(WordTag(upos: t.classUPOS[$0], xpos: t.xposNames[t.classXPOS[$0]], lemma: ""))
        }
        classCoarseAtoms = t.classUPOS.map { DependencyParser.coarseAtom($0) }
    }

    /// Tags and parses one sentence.
    public func analyze(_ words: [String]) -> AnalyzedSentence {
        var out = AnalyzedSentence()
        analyze(words, into: &out)
        return out
    }

    /// Tags and parses one sentence into `result`, reusing its arrays' storage.
    public func analyze(_ words: [String], into result: inout AnalyzedSentence) {
        let tagger = models.tagger
        let n = words.count
        tagScratch.analyze(words, dictionary: tagger.dictionaryEntry)
        tagger.predict(count: n, scratch: &tagScratch)
        result.tags.removeAll(keepingCapacity: true)
        for i in 0..<n { result.tags.append(tagger.wordTag(words[i], index: i, scratch: tagScratch)) }
        let ws = parseScratch.workspace
        ws.reset(count: n)
        for i in 0..<n {
            let a = tagScratch.atoms[i + 2]
            let c = tagScratch.classes[i]
            ws.word[i + 1] = a.lower
            ws.suffix[i + 1] = a.suffix3
            ws.tag[i + 1] = classTagAtoms[c]
            ws.coarse[i + 1] = classCoarseAtoms[c]
        }
        ws.finishInput()
        models.parser.run(parseScratch)
        result.arcs.removeAll(keepingCapacity: true)
        models.parser.appendArcs(ws, to: &result.arcs)
    }

    /// Tags only (no parse), reusing scratch.
    public func tag(_ words: [String]) -> [WordTag] {
        models.tagger.tag(words, scratch: &tagScratch)
    }
}
