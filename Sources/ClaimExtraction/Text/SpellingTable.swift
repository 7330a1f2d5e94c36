/// The distinct spellings of one document, each with its lowercased form, lemma and word
/// classes, looked up by the token's scalars without building a String first.
///
/// News repeats its words; a hit costs an FNV hash over a few scalars and one comparison,
/// where a `[String: …]` lookup would first allocate the key and then SipHash it.
struct SpellingTable {
    struct Entry {
        var lower: String
        var lemma: String
        var classes: WordClass
        /// Where the spelling first occurred in the document's scalars.
        var start = 0
        var end = 0
        var hash: UInt32 = 0
    }

    private(set) var entries: [Entry] = []
    /// Open addressing: entry index + 1, 0 for an empty slot.
    private var slots: [Int32]
    private var mask: Int

    init(expectedCount: Int) {
        var capacity = 64
        while capacity < expectedCount * 2 { capacity <<= 1 }
        slots = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        entries.reserveCapacity(expectedCount)
    }

    /// The index in ``entries`` of the spelling `scalars[start..<end]`, made by `make` the first
    /// time. An index, not the entry: copying an entry out costs a retain per string.
    mutating func index(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int, make: () -> Entry) -> Int {
        var hash: UInt32 = 2_166_136_261
        for i in start..<end { hash = (hash ^ scalars[i].value) &* 16_777_619 }
        var slot = Int(hash) & mask
        while slots[slot] != 0 {
            let index = Int(slots[slot]) - 1
            if entries[index].hash == hash, entries[index].end - entries[index].start == end - start,
               Self.sameScalars(scalars, entries[index].start, start, count: end - start) { return index }
            slot = (slot + 1) & mask
        }
        var made = make()
        made.start = start
        made.end = end
        made.hash = hash
        entries.append(made)
        slots[slot] = Int32(entries.count)
        if entries.count * 2 > slots.count { grow() }
        return entries.count - 1
    }

    private static func sameScalars(_ scalars: [Unicode.Scalar], _ a: Int, _ b: Int, count: Int) -> Bool {
        for k in 0..<count where scalars[a + k] != scalars[b + k] { return false }
        return true
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for (index, e) in entries.enumerated() {
            var slot = Int(e.hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }
}
