/// One word's attachment: its head (0 = the root, otherwise the 1-based index of the head word)
/// and the full UD relation label.
public struct DependencyArc: Sendable, Hashable, CustomStringConvertible {
    public var head: Int
    public var relation: DependencyRelation

    public init(head: Int, relation: DependencyRelation) {
        self.head = head
        self.relation = relation
    }

    public var description: String { "\(head):\(relation)" }
}

/// Per-caller scratch for parsing: the configuration arrays plus feature-key and score buffers.
final class ParserScratch {
    let workspace = ParserWorkspace()
    let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: ParserFeatures.count)
    let labelKeys = UnsafeMutablePointer<UInt64>.allocate(capacity: LabelFeatures.maximum)
    let offsets = UnsafeMutablePointer<Int>.allocate(capacity: max(LabelFeatures.maximum, ParserFeatures.count))
    var scores = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    var scoreCapacity = 1
    var analyzer = WordAnalyzer()
    /// Receives the prefetch reads so the optimiser cannot drop them.
    var sink: UInt32 = 0

    func ensureScores(_ n: Int) {
        if n > scoreCapacity {
            scores.deallocate()
            scores = .allocate(capacity: n)
            scoreCapacity = n
        }
    }

    deinit {
        keys.deallocate()
        labelKeys.deallocate()
        offsets.deallocate()
        scores.deallocate()
    }
}

/// Greedy arc-hybrid dependency parser (Kuhlmann et al. 2011) with an averaged-perceptron
/// transition classifier (SHIFT / LEFT / RIGHT) and a second averaged perceptron that labels each
/// arc when it is built, so later decisions can use the labels of built dependents.
///
/// The artificial root sits at the bottom of the stack and may take its dependent only when the
/// buffer is empty, so every parse is a single tree with exactly one root. Output is always
/// projective. Immutable after loading: safe to share between threads; time linear in the input.
public struct DependencyParser: Sendable {
    static let kind = ModelFile.tag("PARS")
    static let labelsTag = ModelFile.tag("PLAB")
    static let actionsTag = ModelFile.tag("PACT")
    static let labelWeightsTag = ModelFile.tag("PLBL")
    static let labelTransitionKeysTag = ModelFile.tag("PLTK")
    static let tagSeed: UInt64 = 0x5441_47
    /// Version of the parser's feature templates; files made for other templates are refused.
    static let featureSet: UInt32 = 2

    let actions: FrozenTable
    let labelWeights: FrozenTable
    /// How many leading transition keys the labeller also uses (0...``ParserFeatures/count``).
    let labelTransitionKeys: Int
    /// The relation for each label id.
    public let relations: [DependencyRelation]
    let rootLabel: Int
    let labelMask: Int
    public let credit: String
    public let provenance: String

    /// Loads and verifies a parser model file.
    public static func load(path: String) throws(ModelFileError) -> DependencyParser {
        try DependencyParser(file: VerifiedModelFile(storage: ModelFile.readFile(path), path: path, kind: kind))
    }

    /// Reads a parser model from bytes already in memory (`path` only names it in errors).
    public static func load(bytes: [UInt8], path: String = "<memory>") throws(ModelFileError) -> DependencyParser {
        let storage = bytes.withUnsafeBytes { ModelBytes($0) }
        return try DependencyParser(file: VerifiedModelFile(storage: storage, path: path, kind: kind))
    }

    init(file: VerifiedModelFile) throws(ModelFileError) {
        credit = file.credit
        provenance = file.provenance
        try file.requireFeatureSet(Self.featureSet)
        var l = try file.section(Self.labelsTag)
        let count = Int(try l.u32("label count"))
        guard count >= 1, count <= 64 else { throw .malformed(path: file.path, reason: "bad label count \(count)") }
        var names: [DependencyRelation] = []
        for _ in 0..<count { names.append(DependencyRelation(try l.string("label"))) }
        guard let root = names.firstIndex(where: { $0.label == "root" }) else {
            throw .malformed(path: file.path, reason: "no root label")
        }
        relations = names
        rootLabel = root
        var a = try file.section(Self.actionsTag)
        actions = try FrozenTable(reader: &a)
        var w = try file.section(Self.labelWeightsTag)
        labelWeights = try FrozenTable(reader: &w)
        guard actions.classCount == 3, actions.layout == 1, labelWeights.layout == 0, labelWeights.classCount == count else {
            throw .malformed(path: file.path, reason: "weight tables do not match the label set")
        }
        labelMask = 63
        if file.has(Self.labelTransitionKeysTag) {
            var t = try file.section(Self.labelTransitionKeysTag)
            let m = Int(try t.u32("labeller transition keys"))
            guard m <= ParserFeatures.count else { throw .malformed(path: file.path, reason: "labeller uses \(m) transition keys") }
            labelTransitionKeys = m
        } else {
            labelTransitionKeys = 0
        }
    }

    /// The tag atom the parser uses for a word: its (UPOS, XPOS) pair. UPOS matters on its own in
    /// UD because XPOS does not separate auxiliaries (attached as `aux`/`cop`) from main verbs.
    static func tagAtom(_ tag: WordTag) -> UInt64 {
        StableHash.string(tag.xpos, seed: tagSeed &+ UInt64(tag.upos.rawValue) &* 0x1_0000)
    }

    /// The coarse (UPOS-only) tag atom.
    static func coarseAtom(_ upos: UniversalTag) -> UInt64 { 0x5550_4F53_0000_0000 | UInt64(upos.rawValue) }

    static let unknownTagAtom = StableHash.string("_", seed: tagSeed)

    /// Parses one sentence given its words and their tags (as from ``PartOfSpeechTagger``).
    /// Never fails: an empty sentence gives `[]`; if `tags` is shorter than `words`, missing tags
    /// count as unknown.
    public func parse(_ words: [String], tags: [WordTag]) -> [DependencyArc] {
        let scratch = ParserScratch()
        let ws = scratch.workspace
        ws.reset(count: words.count)
        for (i, w) in words.enumerated() {
            let (lower, suffix) = WordAnalyzer.lowerAndSuffixHash(w)
            ws.word[i + 1] = lower
            ws.suffix[i + 1] = suffix
            ws.tag[i + 1] = i < tags.count ? Self.tagAtom(tags[i]) : Self.unknownTagAtom
            ws.coarse[i + 1] = i < tags.count ? Self.coarseAtom(tags[i].upos) : Self.unknownTagAtom
        }
        ws.finishInput()
        run(scratch)
        return arcs(ws)
    }

    /// The arcs found in `ws` after ``run(_:)``.
    func arcs(_ ws: ParserWorkspace) -> [DependencyArc] {
        var out: [DependencyArc] = []
        out.reserveCapacity(ws.n)
        appendArcs(ws, to: &out)
        return out
    }

    func appendArcs(_ ws: ParserWorkspace, to out: inout [DependencyArc]) {
        guard ws.n > 0 else { return }
        for i in 1...ws.n {
            let h = Int(ws.head[i])
            let l = Int(ws.label[i])
            out.append(DependencyArc(head: max(0, h), relation: l < relations.count ? relations[l] : "dep"))
        }
    }

    /// Runs the parser on a prepared workspace (words and tags filled in).
    func run(_ scratch: ParserScratch) {
        let ws = scratch.workspace
        let keys = scratch.keys, lkeys = scratch.labelKeys
        scratch.ensureScores(256)
        let scores = scratch.scores
        let labelCount = relations.count
        while !ws.isTerminal {
            let canShift = ws.canShift, canLeft = ws.canLeft, canRight = ws.canRight
            if canShift && !canLeft && !canRight {
                ws.shift()
                continue
            }
            ParserFeatures.extract(ws, into: keys)
            var action = 0
            if canShift && (canLeft || canRight) || canLeft && canRight {
                var sShift: Int32 = 0, sLeft: Int32 = 0, sRight: Int32 = 0
                var t: UInt32 = 0
                for j in 0..<ParserFeatures.count { t ^= actions.touch(keys[j]) }
                scratch.sink ^= t
                for j in 0..<ParserFeatures.count {
                    actions.addDense(keys[j], &sShift, &sLeft, &sRight)
                }
                var best = Int32.min
                if canShift { best = sShift; action = 0 }
                if canLeft && sLeft > best { best = sLeft; action = 1 }
                if canRight && sRight > best { best = sRight; action = 2 }
            } else {
                action = canLeft ? 1 : 2
            }
            if action == 0 {
                ws.shift()
                continue
            }
            let toRoot = action == 2 && ws.stackCount == 2
            var label = rootLabel
            if !toRoot {
                let d = Int(ws.stackItem(0))
                let h = action == 1 ? ws.bufferFront : Int(ws.stackItem(1))
                LabelFeatures.extract(ws, head: h, dependent: d, left: action == 1, transitionKeys: keys,
                                      transitionKeyCount: labelTransitionKeys, into: lkeys)
                for c in 0..<64 { scores[c] = 0 }
                scratch.sink ^= labelWeights.addSparse(lkeys, count: LabelFeatures.count + labelTransitionKeys, offsets: scratch.offsets,
                                                       into: scores, classMask: labelMask)
                var best = Int32.min
                label = rootLabel == 0 ? 1 : 0
                for c in 0..<labelCount where c != rootLabel && scores[c] > best {
                    best = scores[c]
                    label = c
                }
            }
            if action == 1 { ws.left(label) } else { ws.right(label) }
        }
    }
}

extension WordAnalyzer {
    /// Hashes of the lower-cased form and of its last three characters (the parser's word atoms).
    static func lowerAndSuffixHash(_ word: String) -> (UInt64, UInt64) {
        var isASCII = true
        for b in word.utf8 where b >= 0x80 { isASCII = false; break }
        if isASCII {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for b in word.utf8 { h = (h ^ UInt64(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)) &* 0x0000_0100_0000_01B3 }
            var s: UInt64 = 0xCBF2_9CE4_8422_2325 ^ 0x5333
            let n = word.utf8.count
            var i = 0
            for b in word.utf8 {
                if i >= n - 3 { s = (s ^ UInt64(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)) &* 0x0000_0100_0000_01B3 }
                i += 1
            }
            return (StableHash.finalize(h), StableHash.finalize(s))
        }
        let lower = Array(word.lowercased().utf8)
        var start = lower.count
        var seen = 0
        while start > 0 && seen < 3 {
            start -= 1
            if lower[start] & 0xC0 != 0x80 { seen += 1 }
        }
        return (StableHash.bytes(lower), StableHash.bytes(lower[start...], seed: 0x5333))
    }

    /// Hash of the lower-cased form only (what the parser needs), without the other atoms.
    static func lowerHash(_ word: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in word.utf8 {
            if b >= 0x80 { return StableHash.string(word.lowercased()) }
            h = (h ^ UInt64(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)) &* 0x0000_0100_0000_01B3
        }
        return StableHash.finalize(h)
    }
}
