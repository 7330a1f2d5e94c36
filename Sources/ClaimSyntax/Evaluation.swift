/// Counts of correct predictions over syntactic words, CoNLL 2018 style with gold tokenization.
///
/// Only `.word` lines count (multiword ranges and empty nodes are skipped); punctuation is
/// included; LAS compares the head and the universal part of the relation (`nsubj:pass` and
/// `nsubj` match); a gold lemma of `_` matches any predicted lemma, as in the official script.
public struct Evaluation: Sendable, Equatable, CustomStringConvertible {
    public var words = 0
    public var uposCorrect = 0
    public var xposCorrect = 0
    public var lemmaCorrect = 0
    public var headCorrect = 0
    public var labeledCorrect = 0

    public init() {}

    public var upos: Double { ratio(uposCorrect) }
    public var xpos: Double { ratio(xposCorrect) }
    public var lemma: Double { ratio(lemmaCorrect) }
    /// Unlabeled attachment score: share of words with the correct head.
    public var uas: Double { ratio(headCorrect) }
    /// Labeled attachment score: correct head and correct universal relation.
    public var las: Double { ratio(labeledCorrect) }

    private func ratio(_ n: Int) -> Double { words == 0 ? 0 : Double(n) / Double(words) }

    public var description: String {
        "words \(words)  UPOS \(Self.percent(upos))  XPOS \(Self.percent(xpos))  lemma \(Self.percent(lemma))  UAS \(Self.percent(uas))  LAS \(Self.percent(las))"
    }

    /// A ratio as a percentage with two decimals, e.g. `94.87`.
    public static func percent(_ x: Double) -> String {
        let v = (x * 10000).rounded() / 100
        let whole = Int(v)
        let frac = Int(((v - Double(whole)) * 100).rounded())
        return "\(whole)." + (frac < 10 ? "0" : "") + "\(frac)"
    }

    /// Scores `system` against `gold`; both must have the same sentences and words in the same order.
    public static func score(gold: [CoNLLUSentence], system: [CoNLLUSentence]) throws(EvaluationError) -> Evaluation {
        guard gold.count == system.count else {
            throw .sentenceCountMismatch(gold: gold.count, system: system.count)
        }
        var e = Evaluation()
        for (s, (g, p)) in zip(gold, system).enumerated() {
            try e.add(gold: g, system: p, sentence: s)
        }
        return e
    }

    /// Adds one sentence pair to the counts.
    public mutating func add(gold: CoNLLUSentence, system: CoNLLUSentence, sentence: Int = 0) throws(EvaluationError) {
        let g = gold.words, p = system.words
        guard g.count == p.count else {
            throw .wordCountMismatch(sentence: sentence, gold: g.count, system: p.count)
        }
        for (gw, pw) in zip(g, p) {
            guard gw.form == pw.form else {
                throw .formMismatch(sentence: sentence, gold: gw.form, system: pw.form)
            }
            words += 1
            if gw.upos == pw.upos { uposCorrect += 1 }
            if gw.xpos == pw.xpos { xposCorrect += 1 }
            if gw.lemma == "_" || gw.lemma == pw.lemma { lemmaCorrect += 1 }
            if let gh = gw.headIndex, let ph = pw.headIndex, gh == ph {
                headCorrect += 1
                if Self.universal(gw.deprel) == Self.universal(pw.deprel) { labeledCorrect += 1 }
            }
        }
    }

    static func universal(_ label: String) -> Substring {
        if let colon = label.firstIndex(of: ":") { return label[..<colon] }
        return label[...]
    }
}

/// Why two files could not be scored against each other.
public enum EvaluationError: Error, CustomStringConvertible, Sendable, Equatable {
    case sentenceCountMismatch(gold: Int, system: Int)
    case wordCountMismatch(sentence: Int, gold: Int, system: Int)
    case formMismatch(sentence: Int, gold: String, system: String)

    public var description: String {
        switch self {
        case .sentenceCountMismatch(let g, let s):
            return "gold has \(g) sentences, system output \(s)"
        case .wordCountMismatch(let n, let g, let s):
            return "sentence \(n + 1): gold has \(g) words, system output \(s) (tokenization must be the gold one)"
        case .formMismatch(let n, let g, let s):
            return "sentence \(n + 1): gold word '\(g)' but system word '\(s)'"
        }
    }
}
