/// The tagger's feature templates (greedy left-to-right averaged perceptron, Collins 2002 style).
///
/// The same functions build the keys during training and at run time, so the two can never drift
/// apart. `atoms` is padded: `atoms[i + 2]` is word `i`, and two start/end pads sit on each side,
/// so templates read neighbours without bounds checks. `previous1`/`previous2` are the predicted
/// classes of the two preceding words (``startClass`` before the sentence).
///
/// Two passes: the first pass sees only its own decisions on the left. The second pass sees the
/// same templates plus the first pass's classes of the word itself and of the two words to its
/// right (``secondCount`` keys), so it can use right-hand tag context, which a left-to-right
/// tagger otherwise lacks (``PartOfSpeechTagger``).
@usableFromInline
enum TaggerFeatures {
    /// Keys of the first pass.
    static let count = 44
    /// Keys of the second pass (the first-pass templates plus the right-context ones).
    static let secondCount = count + 10
    static let startClass: UInt64 = 0xFFFF
    static let endClass: UInt64 = 0xFFFE

    /// A coarse description of a sentence's capitalisation (set by ``TaggerScratch/analyze``):
    /// headlines in title case, all-capitals shouting and all-lower-case chat each change what a
    /// capital letter says about proper nouns.
    static func caseProfile(_ atoms: UnsafeBufferPointer<WordAtoms>, count n: Int) -> UInt64 {
        var letters = 0, capitals = 0, shouting = 0
        var firstLower: UInt64 = 0
        for i in 0..<n {
            let f = atoms[i + 2].flags
            guard f & 128 != 0 else { continue }
            if i == 0 {
                if f & 1 == 0 { firstLower = 8 }
                continue
            }
            letters += 1
            if f & 1 != 0 { capitals += 1 }
            if f & 2 != 0 { shouting += 1 }
        }
        guard letters > 0 else { return 0 | firstLower }
        let p: UInt64
        if shouting * 5 >= letters * 3 { p = 5 }
        else if capitals == 0 { p = 1 }
        else if capitals * 10 < letters * 3 { p = 2 }
        else if capitals * 10 < letters * 6 { p = 3 }
        else { p = 4 }
        return p | firstLower
    }

    @inline(__always)
    static func extract(_ atoms: UnsafePointer<WordAtoms>, _ i: Int, previous1 p1: UInt64, previous2 p2: UInt64,
                        profile: UInt64, into k: UnsafeMutablePointer<UInt64>) {
        let w = atoms[i + 2], l1 = atoms[i + 1], l2 = atoms[i], r1 = atoms[i + 3], r2 = atoms[i + 4]
        k[0] = FeatureKey.make(1, 0)
        k[1] = FeatureKey.make(2, w.lower)
        k[2] = FeatureKey.make(3, w.form)
        k[3] = FeatureKey.make(4, w.suffix1)
        k[4] = FeatureKey.make(5, w.suffix2)
        k[5] = FeatureKey.make(6, w.suffix3)
        k[6] = FeatureKey.make(7, w.suffix4)
        k[7] = FeatureKey.make(8, w.prefix1)
        k[8] = FeatureKey.make(9, w.prefix2)
        k[9] = FeatureKey.make(10, w.prefix3)
        k[10] = FeatureKey.make(11, w.shape)
        k[11] = FeatureKey.make(12, p1)
        k[12] = FeatureKey.make(13, p2)
        k[13] = FeatureKey.make(14, p1, p2)
        k[14] = FeatureKey.make(15, p1, w.lower)
        k[15] = FeatureKey.make(16, l1.lower)
        k[16] = FeatureKey.make(17, l2.lower)
        k[17] = FeatureKey.make(18, r1.lower)
        k[18] = FeatureKey.make(19, r2.lower)
        k[19] = FeatureKey.make(20, l1.suffix3)
        k[20] = FeatureKey.make(21, r1.suffix3)
        k[21] = FeatureKey.make(22, l1.shape)
        k[22] = FeatureKey.make(23, r1.shape)
        k[23] = FeatureKey.make(24, l1.lower, w.lower)
        k[24] = FeatureKey.make(25, w.lower, r1.lower)
        k[25] = FeatureKey.make(26, p1, r1.lower)
        k[26] = FeatureKey.make(27, i == 0 ? 1 : 0, w.shape)
        k[27] = FeatureKey.make(28, p1, w.suffix3)
        k[28] = FeatureKey.make(29, r2.suffix3)
        k[29] = FeatureKey.make(30, r1.lower, r2.lower)
        k[30] = FeatureKey.make(31, w.ambiguity)
        k[31] = FeatureKey.make(32, r1.ambiguity)
        k[32] = FeatureKey.make(33, p1, w.ambiguity)
        k[33] = FeatureKey.make(34, w.ambiguity, r1.ambiguity)
        k[34] = FeatureKey.make(35, r2.ambiguity)
        // Orthography, sentence capitalisation and case context (proper nouns, unknown words).
        let first: UInt64 = i == 0 ? 1 : 0
        k[35] = FeatureKey.make(36, w.flags)
        k[36] = FeatureKey.make(37, w.flags & 0xFF, profile, first)
        k[37] = FeatureKey.make(38, p1, w.shape)
        k[38] = FeatureKey.make(39, l1.form)
        k[39] = FeatureKey.make(40, r1.form)
        k[40] = FeatureKey.make(41, l1.flags & 0xFF, w.flags & 0xFF, r1.flags & 0xFF)
        k[41] = FeatureKey.make(42, w.ambiguity, w.flags & 0xFF, first)
        k[42] = FeatureKey.make(43, w.suffix3, w.flags & 0xFF)
        k[43] = FeatureKey.make(44, p1, p2, w.ambiguity)
    }

    /// The second pass: the first-pass keys plus the first pass's classes `first[i + 2]` (word
    /// `i`; padded like `atoms`) of the word and its right-hand neighbours.
    @inline(__always)
    static func extractSecond(_ atoms: UnsafePointer<WordAtoms>, _ i: Int, previous1 p1: UInt64, previous2 p2: UInt64,
                              profile: UInt64, first: UnsafePointer<UInt64>, into k: UnsafeMutablePointer<UInt64>) {
        extract(atoms, i, previous1: p1, previous2: p2, profile: profile, into: k)
        let w = atoms[i + 2]
        let c0 = first[i + 2], r1 = first[i + 3], r2 = first[i + 4]
        let e = k + count
        e[0] = FeatureKey.make(101, c0)
        e[1] = FeatureKey.make(102, r1)
        e[2] = FeatureKey.make(103, r2)
        e[3] = FeatureKey.make(104, r1, r2)
        e[4] = FeatureKey.make(105, p1, r1)
        e[5] = FeatureKey.make(106, w.lower, r1)
        e[6] = FeatureKey.make(107, c0, r1)
        e[7] = FeatureKey.make(108, p1, c0, r1)
        e[8] = FeatureKey.make(109, w.ambiguity, r1)
        e[9] = FeatureKey.make(110, w.suffix3, r1, r2)
    }
}
