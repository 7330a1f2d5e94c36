/// A read-mostly map from words to values, hashed with FNV-1a over UTF-8.
///
/// The extractor looks a word up several times per token; Swift's `Dictionary` seeds and
/// runs SipHash for every lookup, which cost more than all the rules together. Word keys are
/// short, and FNV over their bytes plus one string comparison is several times cheaper.
struct WordTable<Value: Sendable>: Sendable {
    private(set) var keys: [String] = []
    /// Each key's hash, compared before the key: most probes meet a different word.
    private var hashes: [UInt32] = []
    private var values: [Value] = []
    /// Open addressing: key index + 1, 0 for an empty slot.
    private var slots: [Int32] = Array(repeating: 0, count: 16)

    init() {}

    init<S: Sequence>(_ pairs: S) where S.Element == (String, Value) {
        for (key, value) in pairs { self[key] = value }
    }

    var isEmpty: Bool { keys.isEmpty }

    subscript(key: String) -> Value? {
        get { slot(of: key, hash: Self.hash(key)).index.map { values[$0] } }
        set {
            let hash = Self.hash(key)
            let (index, slot) = slot(of: key, hash: hash)
            if let index {
                if let newValue { values[index] = newValue }
                return
            }
            guard let newValue else { return }
            keys.append(key)
            hashes.append(hash)
            values.append(newValue)
            slots[slot] = Int32(keys.count)
            if keys.count * 2 > slots.count { rehash() }
        }
    }

    subscript(key: String, default fallback: @autoclosure () -> Value) -> Value {
        get { self[key] ?? fallback() }
        set { self[key] = newValue }
    }

    /// The key's index if present, and the slot it occupies or would occupy.
    private func slot(of key: String, hash: UInt32) -> (index: Int?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot] != 0 {
            let index = Int(slots[slot]) - 1
            if hashes[index] == hash, keys[index] == key { return (index, slot) }
            slot = (slot + 1) & mask
        }
        return (nil, slot)
    }

    private mutating func rehash() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }

    static func hash(_ key: String) -> UInt32 {
        var key = key
        return key.withUTF8 { bytes in
            var h: UInt32 = 2_166_136_261
            for b in bytes { h = (h ^ UInt32(b)) &* 16_777_619 }
            return h
        }
    }
}
