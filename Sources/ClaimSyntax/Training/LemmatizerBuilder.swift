/// Learns ``Lemmatizer`` tables from gold (form, XPOS, lemma) triples.
///
/// All counting uses dictionaries, but every decision is taken over sorted keys, so the tables
/// written are the same on every run.
struct LemmatizerBuilder {
    private var formCounts: [FormTag: [LemmaRule: Int]] = [:]

    struct FormTag: Hashable, Comparable {
        var form: String
        var xpos: Int
        static func < (a: FormTag, b: FormTag) -> Bool {
            if a.xpos != b.xpos { return a.xpos < b.xpos }
            return Array(a.form.utf8).lexicographicallyPrecedes(Array(b.form.utf8))
        }
    }

    mutating func add(form: String, xpos: Int, lemma: String) {
        let rule = LemmaRule.derive(form: form, lemma: lemma)
        formCounts[FormTag(form: form, xpos: xpos), default: [:]][rule, default: 0] += 1
    }

    private static func best(_ counts: [LemmaRule: Int]) -> LemmaRule {
        counts.sorted { $0.key < $1.key }.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!.key
    }

    /// The sections LRUL, LEXA, LLOW, LSUF.
    func build() -> (rules: [UInt8], exact: [UInt8], lower: [UInt8], suffix: [UInt8]) {
        // Every rule gets an index in sorted order.
        var ruleSet = Set<LemmaRule>()
        for (_, c) in formCounts { ruleSet.formUnion(c.keys) }
        ruleSet.insert(.identity)
        ruleSet.insert(.lowered)
        let rules = ruleSet.sorted()
        var ruleIndex: [LemmaRule: Int] = [:]
        for (i, r) in rules.enumerated() { ruleIndex[r] = i }

        // Lower-cased types.
        var lowerCounts: [FormTag: [LemmaRule: Int]] = [:]
        var typeCounts: [FormTag: [LemmaRule: Int]] = [:]
        for (key, counts) in formCounts {
            let lk = FormTag(form: key.form.lowercased(), xpos: key.xpos)
            for (rule, n) in counts {
                typeCounts[lk, default: [:]][rule, default: 0] += n
                if rule.lowercase || key.form == key.form.lowercased() {
                    lowerCounts[lk, default: [:]][rule, default: 0] += n
                }
            }
            // Keep-case rules of capitalised forms only describe that spelling; they go to the exact table.
            if lowerCounts[lk] == nil { lowerCounts[lk] = [:] }
        }
        let lowerKeys = lowerCounts.keys.sorted()

        // Suffix statistics over types: (xpos, suffix) → rule → number of types.
        struct SuffixKey: Hashable { var xpos: Int; var suffix: [UInt8] }
        var suffixCounts: [SuffixKey: [LemmaRule: Int]] = [:]
        for key in lowerKeys {
            guard let counts = typeCounts[key], !counts.isEmpty else { continue }
            let rule = Self.best(counts)
            let bytes = Array(key.form.utf8)
            let scalars = key.form.unicodeScalars.count
            for k in 0...min(Lemmatizer.maxSuffix, scalars) where rule.strip <= k {
                suffixCounts[SuffixKey(xpos: key.xpos, suffix: Self.suffix(bytes, k)), default: [:]][rule, default: 0] += 1
            }
        }
        let suffixKeys = suffixCounts.keys.sorted {
            if $0.suffix.count != $1.suffix.count { return $0.suffix.count < $1.suffix.count }
            if $0.xpos != $1.xpos { return $0.xpos < $1.xpos }
            return $0.suffix.lexicographicallyPrecedes($1.suffix)
        }
        var stored: [SuffixKey: LemmaRule] = [:]
        func predictBySuffix(_ bytes: [UInt8], _ xpos: Int, below limit: Int) -> LemmaRule? {
            var k = limit
            while k >= 0 {
                if let r = stored[SuffixKey(xpos: xpos, suffix: Self.suffix(bytes, k))] { return r }
                k -= 1
            }
            return nil
        }
        var suffixTableKeys: [UInt64] = []
        var suffixTableValues: [UInt32] = []
        for key in suffixKeys {
            let counts = suffixCounts[key]!
            let k = String(decoding: key.suffix, as: UTF8.self).unicodeScalars.count
            let types = counts.values.reduce(0, +)
            if k > 0 && types < 2 { continue }
            let rule = Self.best(counts)
            if k > 0, predictBySuffix(key.suffix, key.xpos, below: k - 1) == rule { continue }
            stored[key] = rule
            let h = key.suffix.withUnsafeBufferPointer { Lemmatizer.suffixHash($0, k)! }
            suffixTableKeys.append(FeatureKey.make(Lemmatizer.suffixTemplate, UInt64(key.xpos), h))
            suffixTableValues.append(UInt32(ruleIndex[rule]! + 1))
        }
        func suffixPrediction(_ form: String, _ xpos: Int) -> LemmaRule? {
            let bytes = Array(form.utf8)
            return predictBySuffix(bytes, xpos, below: min(Lemmatizer.maxSuffix, form.unicodeScalars.count))
        }

        // Lower-cased exceptions.
        var lowerTableKeys: [UInt64] = [], lowerTableValues: [UInt32] = []
        var lowerRule: [FormTag: LemmaRule] = [:]
        for key in lowerKeys {
            guard let counts = lowerCounts[key], !counts.isEmpty else { continue }
            let rule = Self.best(counts)
            lowerRule[key] = rule
            if suffixPrediction(key.form, key.xpos) == rule { continue }
            lowerTableKeys.append(FeatureKey.make(Lemmatizer.lowerTemplate, StableHash.string(key.form), UInt64(key.xpos)))
            lowerTableValues.append(UInt32(ruleIndex[rule]! + 1))
        }

        // Exact-spelling exceptions.
        var exactTableKeys: [UInt64] = [], exactTableValues: [UInt32] = []
        for key in formCounts.keys.sorted() {
            let rule = Self.best(formCounts[key]!)
            let lk = FormTag(form: key.form.lowercased(), xpos: key.xpos)
            let fallback = lowerRule[lk] ?? suffixPrediction(lk.form, key.xpos)
            if fallback == rule { continue }
            // A different rule that yields the same lemma for this spelling is as good.
            if let f = fallback, f.apply(to: key.form) == rule.apply(to: key.form) { continue }
            exactTableKeys.append(FeatureKey.make(Lemmatizer.exactTemplate, StableHash.string(key.form), UInt64(key.xpos)))
            exactTableValues.append(UInt32(ruleIndex[rule]! + 1))
        }

        var r = ByteWriter()
        r.u32(UInt32(rules.count))
        for rule in rules {
            r.u8(rule.lowercase ? 1 : 0)
            r.u32(UInt32(rule.strip))
            r.string(rule.append)
        }
        return (r.bytes,
                Self.table(exactTableKeys, exactTableValues),
                Self.table(lowerTableKeys, lowerTableValues),
                Self.table(suffixTableKeys, suffixTableValues))
    }

    private static func table(_ keys: [UInt64], _ values: [UInt32]) -> [UInt8] {
        FrozenTableBuilder.values(keys: keys, values: values)
    }

    /// The UTF-8 of the last `k` scalars of `bytes`.
    static func suffix(_ bytes: [UInt8], _ k: Int) -> [UInt8] {
        var i = bytes.count
        var seen = 0
        while seen < k && i > 0 {
            i -= 1
            if bytes[i] & 0xC0 != 0x80 { seen += 1 }
        }
        return Array(bytes[i...])
    }
}
