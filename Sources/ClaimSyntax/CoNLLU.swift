/// The ID column of a CoNLL-U line, which decides what the line is.
///
/// Only `.word` lines are syntactic words that get tags and heads; multiword-token ranges (`1-2`)
/// and empty nodes (`1.1`) are carried along so that a file can be written back unchanged, but the
/// tagger, the parser and the scorer skip them, as the CoNLL 2018 evaluation does.
public enum CoNLLUID: Sendable, Hashable, CustomStringConvertible {
    /// A syntactic word, numbered from 1 within the sentence.
    case word(Int)
    /// A multiword token spanning words `first...last` (e.g. `don't` = `do` + `n't`).
    case range(Int, Int)
    /// An empty node `major.minor` of the enhanced graph.
    case empty(Int, Int)

    public var description: String {
        switch self {
        case .word(let n): return String(n)
        case .range(let a, let b): return "\(a)-\(b)"
        case .empty(let a, let b): return "\(a).\(b)"
        }
    }

    /// Parses `7`, `3-4` or `5.1`; `nil` when the text is none of these.
    public init?(_ text: Substring) {
        if let dash = text.firstIndex(of: "-") {
            guard let a = Int(text[..<dash]), let b = Int(text[text.index(after: dash)...]) else { return nil }
            self = .range(a, b)
        } else if let dot = text.firstIndex(of: ".") {
            guard let a = Int(text[..<dot]), let b = Int(text[text.index(after: dot)...]) else { return nil }
            self = .empty(a, b)
        } else {
            guard let n = Int(text), n > 0 else { return nil }
            self = .word(n)
        }
    }
}

/// One token line of a CoNLL-U sentence, all ten columns kept as written.
///
/// Columns stay strings (with `_` for empty) so that reading and writing a file is lossless;
/// ``headIndex`` gives the HEAD column as a number where the tools need one.
public struct CoNLLULine: Sendable, Hashable {
    public var id: CoNLLUID
    public var form: String
    public var lemma: String
    public var upos: String
    public var xpos: String
    public var feats: String
    public var head: String
    public var deprel: String
    public var deps: String
    public var misc: String

    public init(id: CoNLLUID, form: String, lemma: String = "_", upos: String = "_", xpos: String = "_",
                feats: String = "_", head: String = "_", deprel: String = "_", deps: String = "_", misc: String = "_") {
        self.id = id; self.form = form; self.lemma = lemma; self.upos = upos; self.xpos = xpos
        self.feats = feats; self.head = head; self.deprel = deprel; self.deps = deps; self.misc = misc
    }

    /// True for a syntactic word (not a multiword range, not an empty node).
    public var isWord: Bool { if case .word = id { return true } else { return false } }

    /// The HEAD column as a number (0 = root), or `nil` for `_` or anything unparsable.
    public var headIndex: Int? { Int(head) }
}

/// One sentence: its comment lines (each starting with `#`) and its token lines in file order.
public struct CoNLLUSentence: Sendable, Hashable {
    /// Comment lines exactly as read, including the leading `#`.
    public var comments: [String]
    /// Every token line: words, multiword ranges and empty nodes, in file order.
    public var lines: [CoNLLULine]

    public init(comments: [String] = [], lines: [CoNLLULine]) {
        self.comments = comments
        self.lines = lines
    }

    /// Builds a sentence of bare words (IDs 1...n, other columns `_`), e.g. for tests and tools.
    public init(words: [String], comments: [String] = []) {
        self.comments = comments
        self.lines = words.enumerated().map { CoNLLULine(id: .word($0.offset + 1), form: $0.element) }
    }

    /// Positions in ``lines`` of the syntactic words, in order (word `k` is at `wordLineIndices[k-1]`).
    public var wordLineIndices: [Int] {
        lines.indices.filter { lines[$0].isWord }
    }

    /// The syntactic words only (what taggers, parsers and the scorer see).
    public var words: [CoNLLULine] { lines.filter(\.isWord) }

    /// The FORM of each syntactic word.
    public var wordForms: [String] { lines.compactMap { $0.isWord ? $0.form : nil } }
}

/// Why a CoNLL-U text could not be read.
public struct CoNLLUError: Error, CustomStringConvertible, Sendable {
    public let line: Int
    public let reason: String
    public var description: String { "CoNLL-U line \(line): \(reason)" }
}

/// Reading and writing CoNLL-U (universaldependencies.org/format.html).
///
/// Reading keeps everything needed to write the text back byte for byte (comments, multiword
/// ranges, empty nodes, all columns); a sentence ends at a blank line or at the end of the text.
public enum CoNLLU {
    /// Parses CoNLL-U text. Throws ``CoNLLUError`` on a token line without ten tab-separated
    /// columns or with an unreadable ID.
    public static func parse(_ text: String) throws(CoNLLUError) -> [CoNLLUSentence] {
        var sentences: [CoNLLUSentence] = []
        var comments: [String] = []
        var lines: [CoNLLULine] = []
        var lineNumber = 0
        // "\r\n" is one Character in Swift, so it is matched as a separator in its own right.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty || line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !lines.isEmpty || !comments.isEmpty {
                    sentences.append(CoNLLUSentence(comments: comments, lines: lines))
                    comments = []
                    lines = []
                }
                continue
            }
            if line.hasPrefix("#") {
                comments.append(String(line))
                continue
            }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 10 else {
                throw CoNLLUError(line: lineNumber, reason: "expected 10 tab-separated columns, found \(columns.count)")
            }
            guard let id = CoNLLUID(columns[0]) else {
                throw CoNLLUError(line: lineNumber, reason: "unreadable ID '\(columns[0])'")
            }
            lines.append(CoNLLULine(
                id: id, form: String(columns[1]), lemma: String(columns[2]), upos: String(columns[3]),
                xpos: String(columns[4]), feats: String(columns[5]), head: String(columns[6]),
                deprel: String(columns[7]), deps: String(columns[8]), misc: String(columns[9])))
        }
        if !lines.isEmpty || !comments.isEmpty {
            sentences.append(CoNLLUSentence(comments: comments, lines: lines))
        }
        return sentences
    }

    /// Formats sentences as CoNLL-U: comments, token lines, and a blank line after each sentence.
    public static func format(_ sentences: [CoNLLUSentence]) -> String {
        var out = ""
        for sentence in sentences { append(sentence, to: &out) }
        return out
    }

    /// Appends one sentence (with its terminating blank line) to `out`.
    public static func append(_ sentence: CoNLLUSentence, to out: inout String) {
        for comment in sentence.comments {
            out += comment
            out += "\n"
        }
        for l in sentence.lines {
            out += l.id.description; out += "\t"
            out += l.form; out += "\t"
            out += l.lemma; out += "\t"
            out += l.upos; out += "\t"
            out += l.xpos; out += "\t"
            out += l.feats; out += "\t"
            out += l.head; out += "\t"
            out += l.deprel; out += "\t"
            out += l.deps; out += "\t"
            out += l.misc; out += "\n"
        }
        out += "\n"
    }
}
