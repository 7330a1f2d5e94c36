/// An edit that turns a word form into its lemma: optionally lower-case the form, remove `strip`
/// characters (Unicode scalars) from its end, then append `append` (UDPipe-style suffix rules).
///
/// Rules rather than stored lemmas: one rule ("strip 1": dogs → dog) covers thousands of words,
/// so the same few hundred rules serve both the known-word table and unknown-word guessing.
struct LemmaRule: Hashable, Sendable, Comparable {
    var lowercase: Bool
    var strip: Int
    var append: String

    static let identity = LemmaRule(lowercase: false, strip: 0, append: "")
    static let lowered = LemmaRule(lowercase: true, strip: 0, append: "")

    /// The cheapest rule mapping `form` to `lemma` (ties go to lower-casing, which generalises to
    /// capitalised sentence-initial words).
    static func derive(form: String, lemma: String) -> LemmaRule {
        let target = Array(lemma.unicodeScalars)
        func attempt(_ source: [Unicode.Scalar], _ lower: Bool) -> (LemmaRule, Int) {
            var common = 0
            while common < source.count && common < target.count && source[common] == target[common] { common += 1 }
            var appended = String.UnicodeScalarView()
            appended.append(contentsOf: target[common...])
            let rule = LemmaRule(lowercase: lower, strip: source.count - common, append: String(appended))
            return (rule, rule.strip + (target.count - common))
        }
        let lower = attempt(Array(form.lowercased().unicodeScalars), true)
        let keep = attempt(Array(form.unicodeScalars), false)
        return keep.1 < lower.1 ? keep.0 : lower.0
    }

    /// Applies the rule; `nil` when it would strip more characters than the form has.
    func apply(to form: String) -> String? {
        if strip == 0 && append.isEmpty { return lowercase ? form.lowercased() : form }
        let source = lowercase ? form.lowercased() : form
        let scalars = source.unicodeScalars
        guard strip <= scalars.count else { return nil }
        var out = String(String.UnicodeScalarView(scalars.prefix(scalars.count - strip)))
        out += append
        return out
    }

    static func < (a: LemmaRule, b: LemmaRule) -> Bool {
        if a.lowercase != b.lowercase { return a.lowercase && !b.lowercase }
        if a.strip != b.strip { return a.strip < b.strip }
        return Array(a.append.utf8).lexicographicallyPrecedes(Array(b.append.utf8))
    }
}

/// Lemmatiser: exceptions for known words, learned suffix rules per XPOS for everything else.
///
/// Lookup order for a word with predicted XPOS `t`: (exact form, t) → (lower-cased form, t) →
/// the longest suffix (up to ``maxSuffix`` characters) of the lower-cased form seen with `t` →
/// "lower-case unless it is a proper noun". The known-word tables only store words whose rule
/// differs from what the next step would give, which keeps them small.
struct Lemmatizer: Sendable {
    static let maxSuffix = 6
    static let exactTemplate: UInt64 = 0x4C45_5841
    static let lowerTemplate: UInt64 = 0x4C4C_4F57
    static let suffixTemplate: UInt64 = 0x4C53_5546

    let exact: FrozenTable
    let lower: FrozenTable
    let suffixes: FrozenTable
    let rules: [LemmaRule]
    /// XPOS indices whose default keeps capitalisation (proper nouns).
    let properNounTags: Set<Int>

    /// Hash of the last `k` characters of lower-cased UTF-8 (`k` = 0 is the empty suffix).
    static func suffixHash(_ lowered: UnsafeBufferPointer<UInt8>, _ k: Int) -> UInt64? {
        var i = lowered.count
        var seen = 0
        while seen < k {
            if i == 0 { return nil }
            i -= 1
            if lowered[i] & 0xC0 != 0x80 { seen += 1 }
        }
        return StableHash.bytes(UnsafeBufferPointer(rebasing: lowered[i...]), seed: 0x4C00 &+ UInt64(k))
    }

    /// The rule for a word by suffix alone (`nil` if no suffix of it was seen with this tag).
    static func suffixRule(_ table: (UInt64) -> UInt32, lowered: UnsafeBufferPointer<UInt8>, xpos: Int) -> Int? {
        var k = maxSuffix
        while k >= 0 {
            if let h = suffixHash(lowered, k) {
                let v = table(FeatureKey.make(suffixTemplate, UInt64(xpos), h))
                if v != 0 { return Int(v - 1) }
            }
            k -= 1
        }
        return nil
    }

    /// The lemma of `form` tagged `xpos`; `atoms` and `lowered` are the word's analysis.
    func lemma(form: String, atoms: WordAtoms, lowered: UnsafeBufferPointer<UInt8>, xpos: Int) -> String {
        var rule: Int? = nil
        let e = exact.value(FeatureKey.make(Self.exactTemplate, atoms.form, UInt64(xpos)))
        if e != 0 { rule = Int(e - 1) }
        if rule == nil {
            let l = lower.value(FeatureKey.make(Self.lowerTemplate, atoms.lower, UInt64(xpos)))
            if l != 0 { rule = Int(l - 1) }
        }
        if rule == nil { rule = Self.suffixRule({ suffixes.value($0) }, lowered: lowered, xpos: xpos) }
        if let r = rule, r < rules.count, let out = rules[r].apply(to: form) { return out }
        return properNounTags.contains(xpos) ? form : form.lowercased()
    }
}
