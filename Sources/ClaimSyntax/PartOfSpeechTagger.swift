/// The tags and lemma of one word, as predicted by ``PartOfSpeechTagger``.
public struct WordTag: Sendable, Hashable, CustomStringConvertible {
    /// Universal part of speech.
    public var upos: UniversalTag
    /// Language-specific tag; for English EWT the Penn Treebank tag (`NN`, `VBD`, `-LRB-`, ...).
    public var xpos: String
    /// The lemma (EWT conventions: `was` → `be`, `n't` → `not`, proper nouns keep their case).
    public var lemma: String

    public init(upos: UniversalTag, xpos: String, lemma: String) {
        self.upos = upos
        self.xpos = xpos
        self.lemma = lemma
    }

    public var description: String { "\(upos)/\(xpos)/\(lemma)" }
}

/// Per-caller scratch memory for tagging, reused across sentences so that tagging allocates
/// (almost) nothing per token. Not shared between threads: each caller owns one.
struct TaggerScratch {
    var analyzer = WordAnalyzer()
    /// Padded atoms: index i + 2 is word i.
    var atoms: [WordAtoms] = []
    /// Lower-cased UTF-8 of all words, back to back, and where each word starts (n + 1 entries).
    var lowered: [UInt8] = []
    var loweredStart: [Int] = []
    /// The sentence's capitalisation profile (``TaggerFeatures/caseProfile(_:count:)``).
    var profile: UInt64 = 0
    var keys = [UInt64](repeating: 0, count: TaggerFeatures.secondCount)
    var offsets = [Int](repeating: 0, count: TaggerFeatures.secondCount)
    var scores: [Int32] = []
    /// Predicted class per word.
    var classes: [Int] = []
    /// First-pass classes, padded like ``atoms`` (index i + 2 is word i).
    var first: [UInt64] = []
    /// Per word: the class fixed by the tag dictionary (frequent words that always had one
    /// class), or -1.
    var fixed: [Int] = []
    /// Per word: the first pass's margin (best minus second-best score); `Int32.max` when fixed.
    var margins: [Int32] = []
    /// Receives the prefetch reads so the optimiser cannot drop them.
    var sink: UInt32 = 0

    /// Analyses `words` into ``atoms``, ``lowered`` and ``fixed``; `dictionary` maps a
    /// lower-cased form's hash to its tag-dictionary entry (0 if none; see
    /// ``PartOfSpeechTagger/decode(_:)``).
    mutating func analyze(_ words: [String], dictionary: (UInt64) -> UInt32) {
        let n = words.count
        atoms.removeAll(keepingCapacity: true)
        atoms.append(.start); atoms.append(.start)
        lowered.removeAll(keepingCapacity: true)
        loweredStart.removeAll(keepingCapacity: true)
        fixed.removeAll(keepingCapacity: true)
        var a = WordAtoms()
        for w in words {
            analyzer.analyze(w, into: &a)
            let (ambiguity, fixedClass) = PartOfSpeechTagger.decode(dictionary(a.lower))
            a.ambiguity = ambiguity
            fixed.append(fixedClass)
            atoms.append(a)
            loweredStart.append(lowered.count)
            lowered.append(contentsOf: analyzer.lastLowered)
        }
        loweredStart.append(lowered.count)
        atoms.append(.end); atoms.append(.end)
        profile = atoms.withUnsafeBufferPointer { TaggerFeatures.caseProfile($0, count: n) }
    }

    /// Copies ``classes`` into ``first`` (padded) before a second pass.
    mutating func keepFirstPass(count n: Int) {
        first.removeAll(keepingCapacity: true)
        first.append(TaggerFeatures.startClass); first.append(TaggerFeatures.startClass)
        for i in 0..<n { first.append(UInt64(classes[i])) }
        first.append(TaggerFeatures.endClass); first.append(TaggerFeatures.endClass)
    }
}

/// Greedy left-to-right averaged-perceptron tagger predicting UPOS and XPOS jointly (each class is
/// a (UPOS, XPOS) pair seen in training, so the two never contradict each other), plus lemmas.
///
/// Two passes when the model has second-pass weights: the first tags the sentence left to right;
/// the second tags it again, still left to right, with the first pass's tags of the next two
/// words as extra features (stacking). The second pass was trained on first-pass tags of
/// held-out folds, so it learns how far to trust them.
///
/// Immutable after loading: any number of threads may call ``tag(_:)`` on one shared value.
/// Time is linear in the number of words.
public struct PartOfSpeechTagger: Sendable {
    static let kind = ModelFile.tag("TAGR")
    static let classesTag = ModelFile.tag("TCLS")
    static let weightsTag = ModelFile.tag("TWGT")
    static let rulesTag = ModelFile.tag("LRUL")
    static let exactTag = ModelFile.tag("LEXA")
    static let lowerTag = ModelFile.tag("LLOW")
    static let suffixTag = ModelFile.tag("LSUF")
    static let dictionaryTag = ModelFile.tag("TDIC")
    static let secondWeightsTag = ModelFile.tag("TWG2")
    static let gateTag = ModelFile.tag("TGAT")
    static let featureSetTag = ModelFile.tag("FSET")
    /// Version of the tagger's feature templates; files made for other templates are refused.
    static let featureSet: UInt32 = 2
    static let dictionaryTemplate: UInt64 = 0x5444_4943
    /// Ambiguity atom of words the tag dictionary does not know.
    static let unknownAmbiguity: UInt64 = 0x554E_4B4E_4F57_4E00

    let weights: FrozenTable
    /// Second-pass weights, if the model has them.
    let secondWeights: FrozenTable?
    /// The second pass re-tags only words whose first-pass margin is below this (in the first
    /// table's quantised units); the others are already certain enough.
    let gate: Int32
    /// Lower-cased form hash → ambiguity-class atom, for words seen often enough in training.
    let dictionary: FrozenTable
    let classUPOS: [UniversalTag]
    let classXPOS: [Int]
    /// The XPOS tag set, indexed as in the model.
    public let xposNames: [String]
    let lemmatizer: Lemmatizer
    /// The training data's credit line stored in the model file.
    public let credit: String
    /// How the model was trained (files, epochs, seed).
    public let provenance: String
    let scoreSize: Int

    /// Loads and verifies a tagger model file.
    public static func load(path: String) throws(ModelFileError) -> PartOfSpeechTagger {
        try PartOfSpeechTagger(file: VerifiedModelFile(storage: ModelFile.readFile(path), path: path, kind: kind))
    }

    /// Reads a tagger model from bytes already in memory (`path` only names it in errors).
    public static func load(bytes: [UInt8], path: String = "<memory>") throws(ModelFileError) -> PartOfSpeechTagger {
        let storage = bytes.withUnsafeBytes { ModelBytes($0) }
        return try PartOfSpeechTagger(file: VerifiedModelFile(storage: storage, path: path, kind: kind))
    }

    init(file: VerifiedModelFile) throws(ModelFileError) {
        credit = file.credit
        provenance = file.provenance
        try file.requireFeatureSet(Self.featureSet)
        var c = try file.section(Self.classesTag)
        let xposCount = Int(try c.u32("XPOS count"))
        guard xposCount > 0, xposCount < 4096 else { throw .malformed(path: file.path, reason: "bad XPOS count \(xposCount)") }
        var names: [String] = []
        for _ in 0..<xposCount { names.append(try c.string("XPOS name")) }
        let classCount = Int(try c.u32("class count"))
        guard classCount > 0, classCount < 4096 else { throw .malformed(path: file.path, reason: "bad class count \(classCount)") }
        var upos: [UniversalTag] = []
        var xpos: [Int] = []
        for _ in 0..<classCount {
            guard let u = UniversalTag(rawValue: try c.u8("class UPOS")) else {
                throw .malformed(path: file.path, reason: "unknown UPOS id in class table")
            }
            let x = Int(try c.u16("class XPOS"))
            guard x < xposCount else { throw .malformed(path: file.path, reason: "XPOS index out of range") }
            upos.append(u)
            xpos.append(x)
        }
        xposNames = names
        classUPOS = upos
        classXPOS = xpos
        var w = try file.section(Self.weightsTag)
        weights = try FrozenTable(reader: &w)
        guard weights.classCount == classCount, weights.layout == 0 else {
            throw .malformed(path: file.path, reason: "weight table has \(weights.classCount) classes, expected \(classCount)")
        }
        if file.has(Self.secondWeightsTag) {
            var w2 = try file.section(Self.secondWeightsTag)
            let t = try FrozenTable(reader: &w2)
            guard t.classCount == classCount, t.layout == 0 else {
                throw .malformed(path: file.path, reason: "second-pass table has \(t.classCount) classes, expected \(classCount)")
            }
            secondWeights = t
        } else {
            secondWeights = nil
        }
        if file.has(Self.gateTag) {
            var g = try file.section(Self.gateTag)
            gate = Int32(truncatingIfNeeded: try g.u32("second-pass gate"))
        } else {
            gate = Int32.max
        }
        var d = try file.section(Self.dictionaryTag)
        dictionary = try FrozenTable(reader: &d)
        var size = 1
        while size < classCount { size *= 2 }
        scoreSize = size

        var r = try file.section(Self.rulesTag)
        let ruleCount = Int(try r.u32("rule count"))
        guard ruleCount < 1 << 20 else { throw .malformed(path: file.path, reason: "bad rule count") }
        var rules: [LemmaRule] = []
        rules.reserveCapacity(ruleCount)
        for _ in 0..<ruleCount {
            let lower = try r.u8("rule case") != 0
            let strip = Int(try r.u32("rule strip"))
            rules.append(LemmaRule(lowercase: lower, strip: strip, append: try r.string("rule suffix")))
        }
        var e = try file.section(Self.exactTag)
        var l = try file.section(Self.lowerTag)
        var s = try file.section(Self.suffixTag)
        let proper = Set(zip(upos, xpos).filter { $0.0 == .propn }.map(\.1))
        lemmatizer = Lemmatizer(exact: try FrozenTable(reader: &e), lower: try FrozenTable(reader: &l),
                                suffixes: try FrozenTable(reader: &s), rules: rules, properNounTags: proper)
    }

    /// Tags and lemmatises one sentence of UD tokens. Never fails; an empty input gives `[]`.
    public func tag(_ words: [String]) -> [WordTag] {
        var scratch = TaggerScratch()
        return tag(words, scratch: &scratch)
    }

    func tag(_ words: [String], scratch: inout TaggerScratch) -> [WordTag] {
        scratch.analyze(words, dictionary: dictionaryEntry)
        predict(count: words.count, scratch: &scratch)
        var out: [WordTag] = []
        out.reserveCapacity(words.count)
        for i in 0..<words.count {
            out.append(wordTag(words[i], index: i, scratch: scratch))
        }
        return out
    }

    /// The tag-dictionary entry of a lower-cased form hash (0 if the word is not in it).
    @inline(__always)
    func dictionaryEntry(_ lowerHash: UInt64) -> UInt32 {
        dictionary.value(FeatureKey.make(Self.dictionaryTemplate, lowerHash))
    }

    /// A dictionary entry holds the ambiguity-class atom in its low 24 bits (bit 0 set) and, in
    /// its high 8 bits, 1 + the class of a frequent word that always had that one class (0 if
    /// not). Returns the atom and the fixed class (-1 if none).
    @inline(__always)
    static func decode(_ v: UInt32) -> (UInt64, Int) {
        if v == 0 { return (unknownAmbiguity, -1) }
        return (UInt64(v & 0xFF_FFFF), Int(v >> 24) - 1)
    }

    static func encode(ambiguity: UInt32, fixedClass: Int) -> UInt32 {
        (ambiguity & 0xFF_FFFF) | 1 | UInt32(fixedClass + 1 < 256 ? fixedClass + 1 : 0) << 24
    }

    /// The full tag of word `index` after ``predict(count:scratch:)``.
    func wordTag(_ word: String, index i: Int, scratch: TaggerScratch) -> WordTag {
        let c = scratch.classes[i]
        let x = classXPOS[c]
        let lemma = scratch.lowered.withUnsafeBufferPointer { l in
            lemmatizer.lemma(form: word, atoms: scratch.atoms[i + 2],
                             lowered: UnsafeBufferPointer(rebasing: l[scratch.loweredStart[i]..<scratch.loweredStart[i + 1]]), xpos: x)
        }
        return WordTag(upos: classUPOS[c], xpos: xposNames[x], lemma: lemma)
    }

    /// Predicts a class for each of the `n` analysed words into `scratch.classes` (both passes).
    func predict(count n: Int, scratch: inout TaggerScratch) {
        runPass(weights, second: false, count: n, scratch: &scratch)
        if let secondWeights {
            scratch.keepFirstPass(count: n)
            runPass(secondWeights, second: true, count: n, scratch: &scratch)
        }
    }

    /// One greedy left-to-right pass with `table`; the second pass reads `scratch.first`.
    func runPass(_ table: FrozenTable, second: Bool, count n: Int, scratch: inout TaggerScratch) {
        if scratch.scores.count < scoreSize { scratch.scores = [Int32](repeating: 0, count: scoreSize) }
        scratch.classes.removeAll(keepingCapacity: true)
        if !second { scratch.margins.removeAll(keepingCapacity: true) }
        let classCount = classUPOS.count
        let mask = scoreSize - 1
        let keyCount = second ? TaggerFeatures.secondCount : TaggerFeatures.count
        let profile = scratch.profile
        var p1 = TaggerFeatures.startClass, p2 = TaggerFeatures.startClass
        var sink: UInt32 = 0
        defer { scratch.sink = sink }
        scratch.atoms.withUnsafeBufferPointer { atoms in
          scratch.first.withUnsafeBufferPointer { first in
          scratch.offsets.withUnsafeMutableBufferPointer { offsets in
            scratch.keys.withUnsafeMutableBufferPointer { keys in
                scratch.scores.withUnsafeMutableBufferPointer { scores in
                    for i in 0..<n {
                        let f = scratch.fixed[i]
                        if f >= 0 || (second && scratch.margins[i] >= gate) {
                            // Fixed by the dictionary, or certain after the first pass.
                            let c = f >= 0 ? f : Int(first[i + 2])
                            scratch.classes.append(c)
                            if !second { scratch.margins.append(Int32.max) }
                            p2 = p1
                            p1 = UInt64(c)
                            continue
                        }
                        if second {
                            TaggerFeatures.extractSecond(atoms.baseAddress!, i, previous1: p1, previous2: p2, profile: profile,
                                                         first: first.baseAddress!, into: keys.baseAddress!)
                        } else {
                            TaggerFeatures.extract(atoms.baseAddress!, i, previous1: p1, previous2: p2, profile: profile,
                                                   into: keys.baseAddress!)
                        }
                        for c in 0..<classCount { scores[c] = 0 }
                        sink ^= table.addSparse(UnsafePointer(keys.baseAddress!), count: keyCount, offsets: offsets.baseAddress!,
                                                into: scores.baseAddress!, classMask: mask)
                        var best = 0
                        var bestScore = scores[0]
                        var secondScore = Int32.min
                        for c in 1..<max(1, classCount) {
                            let v = scores[c]
                            if v > bestScore {
                                secondScore = bestScore
                                best = c
                                bestScore = v
                            } else if v > secondScore {
                                secondScore = v
                            }
                        }
                        scratch.classes.append(best)
                        if !second { scratch.margins.append(bestScore &- max(secondScore, bestScore &- Int32.max / 2)) }
                        p2 = p1
                        p1 = UInt64(best)
                    }
                }
            }
          }
          }
        }
    }

    /// The XPOS index of each predicted class (for the parser's features).
    func xposIndex(ofClass c: Int) -> Int { classXPOS[c] }
    func upos(ofClass c: Int) -> UniversalTag { classUPOS[c] }
}
