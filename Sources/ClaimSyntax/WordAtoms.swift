/// The per-word hashes that tagger and parser features are built from, computed once per token.
///
/// Computing these once (lower-cased form, affixes, shape) and then combining 64-bit atoms is what
/// keeps feature extraction free of string work: a template combines a few atoms into a key.
@usableFromInline
struct WordAtoms: Sendable {
    /// Hash of the lower-cased form.
    @usableFromInline var lower: UInt64 = 0
    /// Hash of the form as written (keeps capitalisation).
    @usableFromInline var form: UInt64 = 0
    /// Hashes of the last 1...4 characters of the lower-cased form (fewer if the word is shorter:
    /// then the longer ones repeat the whole word, marked by the length).
    @usableFromInline var suffix1: UInt64 = 0, suffix2: UInt64 = 0, suffix3: UInt64 = 0, suffix4: UInt64 = 0
    /// Hashes of the first 1...3 characters of the lower-cased form.
    @usableFromInline var prefix1: UInt64 = 0, prefix2: UInt64 = 0, prefix3: UInt64 = 0
    /// Hash of the collapsed character shape (`Xx`, `d.d`, `x-x`, ...).
    @usableFromInline var shape: UInt64 = 0
    /// The word's ambiguity class: a hash of the set of tags it had in training (a constant for
    /// words seen too rarely). Filled by the tagger from its tag dictionary, not by the analyzer.
    @usableFromInline var ambiguity: UInt64 = 0
    /// Orthographic flags and a length bucket (see ``WordAnalyzer/flagBits``): initial capital,
    /// all capitals, inner capital, digit, hyphen, period, other symbol, starts with a letter.
    @usableFromInline var flags: UInt64 = 0

    /// Atoms for the padding positions before the first and after the last word.
    static let start: WordAtoms = .constant(0x5354_4152_5400_0001)
    static let end: WordAtoms = .constant(0x454E_4400_0000_0002)

    static func constant(_ v: UInt64) -> WordAtoms {
        var a = WordAtoms()
        a.lower = v; a.form = v; a.suffix1 = v; a.suffix2 = v; a.suffix3 = v; a.suffix4 = v
        a.prefix1 = v; a.prefix2 = v; a.prefix3 = v; a.shape = v; a.ambiguity = v; a.flags = v
        return a
    }
}

/// Computes ``WordAtoms`` from UTF-8 with a reusable byte buffer (no allocation for ASCII words).
@usableFromInline
struct WordAnalyzer {
    private var lowered: [UInt8] = []
    private var shapeBytes: [UInt8] = []

    init() {
        lowered.reserveCapacity(64)
        shapeBytes.reserveCapacity(64)
    }

    /// Fills `atoms` for `word`.
    mutating func analyze(_ word: String, into atoms: inout WordAtoms) {
        lowered.removeAll(keepingCapacity: true)
        shapeBytes.removeAll(keepingCapacity: true)
        var asciiOnly = true
        var formHash: UInt64 = 0xCBF2_9CE4_8422_2325
        var lastShape: UInt8 = 0
        var run = 0
        var upper = 0, lowerCount = 0, digits = 0, hyphen = false, period = false, other = false, chars = 0
        var first: UInt8 = 0
        for b in word.utf8 {
            formHash = (formHash ^ UInt64(b)) &* 0x0000_0100_0000_01B3
            if chars == 0 { first = b }
            if b & 0xC0 != 0x80 { chars += 1 }
            if b >= 0x41 && b <= 0x5A { upper += 1 }
            else if b >= 0x61 && b <= 0x7A { lowerCount += 1 }
            else if b >= 0x30 && b <= 0x39 { digits += 1 }
            else if b == 0x2D { hyphen = true }
            else if b == 0x2E { period = true }
            else if b < 0x80 { other = true }
            var s: UInt8
            if b >= 0x41 && b <= 0x5A { s = 0x58 }        // X
            else if b >= 0x61 && b <= 0x7A { s = 0x78 }   // x
            else if b >= 0x30 && b <= 0x39 { s = 0x64 }   // d
            else if b >= 0x80 {
                asciiOnly = false
                if b & 0xC0 == 0x80 { continue }           // continuation byte
                s = 0x55                                    // U: any non-ASCII character
            } else { s = b }
            if s == lastShape { run += 1 } else { run = 0; lastShape = s }
            if run < 2 { shapeBytes.append(s) }             // keep at most two of a kind in a row
        }
        if asciiOnly {
            for b in word.utf8 { lowered.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
        } else {
            lowered.append(contentsOf: word.lowercased().utf8)
        }
        atoms.form = StableHash.finalize(formHash)
        let initialUpper = first >= 0x41 && first <= 0x5A
        var f: UInt64 = 0
        if initialUpper { f |= 1 }
        if upper >= 2 && lowerCount == 0 { f |= 2 }
        if upper > (initialUpper ? 1 : 0) && lowerCount > 0 { f |= 4 }
        if digits > 0 { f |= 8 }
        if hyphen { f |= 16 }
        if period { f |= 32 }
        if other { f |= 64 }
        if initialUpper || (first >= 0x61 && first <= 0x7A) || first >= 0xC0 { f |= 128 }
        let lengthBucket: UInt64 = chars <= 3 ? UInt64(chars) : chars <= 5 ? 4 : chars <= 8 ? 5 : chars <= 12 ? 6 : 7
        atoms.flags = f | lengthBucket << 8
        atoms.shape = StableHash.bytes(shapeBytes, seed: 0x5348)
        lowered.withUnsafeBufferPointer { l in
            let n = l.count
            atoms.lower = StableHash.bytes(l)
            // Byte offsets at which the last k characters start (character = Unicode scalar).
            var starts = (n, n, n, n)
            var found = 0
            var i = n - 1
            while i >= 0 && found < 4 {
                if l[i] & 0xC0 != 0x80 {
                    switch found {
                    case 0: starts.0 = i
                    case 1: starts.1 = i
                    case 2: starts.2 = i
                    default: starts.3 = i
                    }
                    found += 1
                }
                i -= 1
            }
            if found < 4 { starts.3 = 0 }
            if found < 3 { starts.2 = 0 }
            if found < 2 { starts.1 = 0 }
            if found < 1 { starts.0 = 0 }
            atoms.suffix1 = StableHash.bytes(UnsafeBufferPointer(rebasing: l[starts.0..<n]), seed: 0x5331)
            atoms.suffix2 = StableHash.bytes(UnsafeBufferPointer(rebasing: l[starts.1..<n]), seed: 0x5332)
            atoms.suffix3 = StableHash.bytes(UnsafeBufferPointer(rebasing: l[starts.2..<n]), seed: 0x5333)
            atoms.suffix4 = StableHash.bytes(UnsafeBufferPointer(rebasing: l[starts.3..<n]), seed: 0x5334)
            var ends = (n, n, n)
            var seen = 0
            var j = 1
            while j <= n && seen < 3 {
                if j == n || l[j] & 0xC0 != 0x80 {
                    switch seen {
                    case 0: ends.0 = j
                    case 1: ends.1 = j
                    default: ends.2 = j
                    }
                    seen += 1
                }
                j += 1
            }
            atoms.prefix1 = StableHash.bytes(UnsafeBufferPointer(rebasing: l[0..<ends.0]), seed: 0x5031)
            atoms.prefix2 = StableHash.bytes(UnsafeBufferPointer(rebasing: l[0..<ends.1]), seed: 0x5032)
            atoms.prefix3 = StableHash.bytes(UnsafeBufferPointer(rebasing: l[0..<ends.2]), seed: 0x5033)
        }
    }

    /// The lower-cased UTF-8 of the last analysed word (valid until the next call).
    var lastLowered: [UInt8] { lowered }
}
