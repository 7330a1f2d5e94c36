/// A read-only open-addressing hash table of feature weights, used in place from model bytes.
///
/// Slots hold a 32-bit fingerprint of the 64-bit feature key (its low half; 0 marks an empty
/// slot) and a payload; the slot's position comes from the key's high half, so a lookup checks
/// about 32 + log2(capacity) bits of the key and a false match is a one-in-billions event. Two
/// slot kinds keep the file small and the lookups to one cache line:
///
/// * *dense*, 8 bytes: a 16-bit fingerprint and three Int16 weights (the parser's SHIFT / LEFT /
///   RIGHT). Eight slots fill a cache line exactly, so a probe never straddles two lines; the
///   shorter fingerprint lets an absent key match by chance about once in 65,000 probes, which
///   only adds one stray weight to one decision;
/// * *narrow*, 8 bytes: fingerprint and a UInt32, either a value (lemma rule, ambiguity class)
///   or, for *sparse* rows, 1 + the offset of the row in the entry array. A row there is a count
///   followed by packed (class, Int16 weight) entries, because a tagger or labeller feature has
///   non-zero weights for only a few of its classes.
///
/// The capacity is any size (load factor about 0.7; slots are found by multiply-shift range
/// reduction, not masking) and lookups probe linearly at most the longest run recorded when the
/// table was built, so even a damaged table cannot loop or read outside its section. Layout:
///
///     UInt64 capacity   UInt32 longest probe   UInt32 class count
///     UInt64 entry count (UInt32 units)   UInt32 slot size (8)   UInt32 layout (0 narrow, 1 dense)
///     capacity × slot   entry count × UInt32 (count, then low 16 bits class, high 16 bits weight)
@usableFromInline
struct FrozenTable: @unchecked Sendable {
    @usableFromInline let storage: ModelBytes
    @usableFromInline let slots: UnsafeRawPointer
    @usableFromInline let entries: UnsafeRawPointer
    @usableFromInline let entryCount: Int
    @usableFromInline let capacity: Int
    @usableFromInline let maxProbe: Int
    @usableFromInline let slotSize: Int
    /// 0: narrow slots (value or sparse row); 1: dense slots.
    @usableFromInline let layout: Int
    /// Number of classes the weights are for.
    @usableFromInline let classCount: Int

    /// Maps a table section; checks only its header sizes (not the entries), so loading is O(1).
    init(reader: inout ByteReader) throws(ModelFileError) {
        let cap = try reader.u64("table capacity")
        let probe = try reader.u32("table probe length")
        let classes = try reader.u32("table class count")
        let entries = try reader.u64("table entry count")
        let size = try reader.u32("table slot size")
        let layout = try reader.u32("table layout")
        guard cap >= 4, cap <= 1 << 30, UInt64(probe) <= cap, classes >= 1, classes <= 4096, entries < 1 << 31,
              size == 8, layout <= 1, layout == 0 || (classes == 3 && entries == 0) else {
            throw .malformed(path: reader.path, reason: "weight table header is inconsistent")
        }
        storage = reader.storage
        let slotOffset = try reader.skip(Int(cap) * Int(size), alignment: 16, "weight table slots")
        let entryOffset = try reader.skip(Int(entries) * 4, alignment: 4, "weight table entries")
        slots = UnsafeRawPointer(storage.base + slotOffset)
        self.entries = UnsafeRawPointer(storage.base + entryOffset)
        entryCount = Int(entries)
        capacity = Int(cap)
        maxProbe = Int(probe)
        slotSize = Int(size)
        self.layout = Int(layout)
        classCount = Int(classes)
    }

    @inlinable @inline(__always)
    static func home(_ key: UInt64, _ capacity: Int) -> Int {
        Int(truncatingIfNeeded: ((key &>> 32) &* UInt64(truncatingIfNeeded: capacity)) &>> 32)
    }

    @inlinable @inline(__always)
    static func fingerprint(_ key: UInt64) -> UInt32 {
        let f = UInt32(truncatingIfNeeded: key)
        return f == 0 ? 1 : f
    }

    /// Reads the first word of `key`'s home slot and returns it. Calling this for a whole batch of
    /// keys before looking any of them up lets the processor fetch the cache lines in parallel
    /// instead of one miss after another; callers fold the results into a value they store.
    @inlinable @inline(__always)
    func touch(_ key: UInt64) -> UInt32 {
        slots.load(fromByteOffset: Self.home(key, capacity) &* slotSize, as: UInt32.self)
    }

    /// The payload of a narrow slot for `key`, or 0 when the key is absent.
    @inlinable @inline(__always)
    func value(_ key: UInt64) -> UInt32 {
        let fp = Self.fingerprint(key)
        var i = Self.home(key, capacity)
        var n = 0
        while true {
            let o = i &<< 3
            let f = UInt32(littleEndian: slots.load(fromByteOffset: o, as: UInt32.self))
            if f == fp { return UInt32(littleEndian: slots.load(fromByteOffset: o &+ 4, as: UInt32.self)) }
            if f == 0 || n >= maxProbe { return 0 }
            i &+= 1
            if i == capacity { i = 0 }
            n &+= 1
        }
    }

    /// The 16-bit fingerprint of a dense slot (never 0, which marks an empty slot).
    @inlinable @inline(__always)
    static func fingerprint16(_ key: UInt64) -> UInt64 {
        let f = key & 0xFFFF
        return f == 0 ? 1 : f
    }

    /// Adds the dense weights stored for `key` to `s0...s2`.
    @inlinable @inline(__always)
    func addDense(_ key: UInt64, _ s0: inout Int32, _ s1: inout Int32, _ s2: inout Int32) {
        let fp = Self.fingerprint16(key)
        var i = Self.home(key, capacity)
        var n = 0
        while true {
            let v = UInt64(littleEndian: slots.load(fromByteOffset: i &<< 3, as: UInt64.self))
            let f = v & 0xFFFF
            if f == fp {
                s0 &+= Int32(Int16(truncatingIfNeeded: v &>> 16))
                s1 &+= Int32(Int16(truncatingIfNeeded: v &>> 32))
                s2 &+= Int32(Int16(truncatingIfNeeded: v &>> 48))
                return
            }
            if f == 0 || n >= maxProbe { return }
            i &+= 1
            if i == capacity { i = 0 }
            n &+= 1
        }
    }

    /// The entry offset of `key`'s sparse row, or -1 when the key is absent or the row damaged.
    @inlinable @inline(__always)
    func rowOffset(_ key: UInt64) -> Int {
        let v = value(key)
        if v == 0 { return -1 }
        let offset = Int(v) &- 1
        return offset < entryCount ? offset : -1
    }

    /// Reads the first word of a row (its count) so that a batch of rows can be fetched in
    /// parallel before they are added (see ``touch(_:)``).
    @inlinable @inline(__always)
    func touchRow(_ offset: Int) -> UInt32 {
        entries.load(fromByteOffset: offset &<< 2, as: UInt32.self)
    }

    /// Adds the row at `offset` (from ``rowOffset(_:)``, not -1) into `scores`, masked by `classMask`.
    @inlinable @inline(__always)
    func addRow(_ offset: Int, into scores: UnsafeMutablePointer<Int32>, classMask: Int) {
        let count = Int(UInt32(littleEndian: entries.load(fromByteOffset: offset &<< 2, as: UInt32.self)))
        if count > entryCount &- offset &- 1 { return }
        var j = offset &+ 1
        let end = j &+ count
        while j < end {
            let e = UInt32(littleEndian: entries.load(fromByteOffset: j &<< 2, as: UInt32.self))
            scores[Int(truncatingIfNeeded: e & 0xFFFF) & classMask] &+= Int32(Int16(truncatingIfNeeded: e &>> 16))
            j &+= 1
        }
    }

    /// Looks up all `keys` and adds their sparse rows into `scores`, in three sweeps so that the
    /// cache misses of one sweep overlap: touch every home slot, resolve every row and touch its
    /// start, then add the rows. `offsets` is scratch space for `keys.count` integers.
    @inlinable @inline(__always)
    func addSparse(_ keys: UnsafePointer<UInt64>, count: Int, offsets: UnsafeMutablePointer<Int>,
                   into scores: UnsafeMutablePointer<Int32>, classMask: Int) -> UInt32 {
        var t: UInt32 = 0
        for j in 0..<count { t ^= touch(keys[j]) }
        for j in 0..<count {
            let o = rowOffset(keys[j])
            offsets[j] = o
            if o >= 0 { t ^= touchRow(o) }
        }
        for j in 0..<count where offsets[j] >= 0 {
            addRow(offsets[j], into: scores, classMask: classMask)
        }
        return t
    }

    /// Adds the sparse weights stored for `key` into `scores` (indexed by class, masked by
    /// `classMask` so that a damaged entry can never write outside the buffer).
    @inlinable @inline(__always)
    func addSparse(_ key: UInt64, into scores: UnsafeMutablePointer<Int32>, classMask: Int) {
        let v = value(key)
        if v == 0 { return }
        let offset = Int(v) &- 1
        if offset >= entryCount { return }
        addRow(offset, into: scores, classMask: classMask)
    }
}

/// Writes ``FrozenTable`` sections. Rows are inserted in ascending key order, so the bytes depend
/// only on the (key, weights) set and never on the order a training run happened to create rows.
enum FrozenTableBuilder {
    static let loadFactor = 0.7

    /// A dense table: `weights` holds three Int16 values per row.
    static func dense(keys: [UInt64], weights: [Int16]) -> [UInt8] {
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        let count = keys.count
        let capacity = max(4, Int((Double(count) / loadFactor).rounded(.up)))
        var slots = [UInt8](repeating: 0, count: capacity * 8)
        var longest = 0
        for r in order {
            let k = keys[r]
            var i = FrozenTable.home(k, capacity)
            var n = 0
            while slots[i * 8] | slots[i * 8 + 1] != 0 {
                i += 1
                if i == capacity { i = 0 }
                n += 1
            }
            longest = max(longest, n)
            var v = FrozenTable.fingerprint16(k)
            for c in 0..<3 { v |= UInt64(UInt16(bitPattern: weights[r * 3 + c])) << (16 * UInt64(c + 1)) }
            put(&slots, i * 8, v, 8)
        }
        return header(capacity: capacity, longest: longest, classes: 3, entries: [], slotSize: 8, layout: 1, slots: slots)
    }

    /// A narrow table mapping keys to non-zero UInt32 values.
    static func values(keys: [UInt64], values: [UInt32], classCount: Int = 1) -> [UInt8] {
        narrow(keys: keys, values: values, classCount: classCount, entries: [])
    }

    /// A sparse table: row `r` has the (class, weight) pairs `rows[r]`; rows with none are dropped.
    static func sparse(keys: [UInt64], rows: [[(UInt16, Int16)]], classCount: Int) -> [UInt8] {
        let order = keys.indices.filter { !rows[$0].isEmpty }.sorted { keys[$0] < keys[$1] }
        var entries: [UInt32] = []
        var values: [UInt32] = []
        for r in order {
            values.append(UInt32(entries.count + 1))
            entries.append(UInt32(rows[r].count))
            for (c, w) in rows[r].sorted(by: { $0.0 < $1.0 }) {
                entries.append(UInt32(c) | UInt32(UInt16(bitPattern: w)) << 16)
            }
        }
        return narrow(keys: order.map { keys[$0] }, values: values, classCount: classCount, entries: entries)
    }

    private static func narrow(keys: [UInt64], values: [UInt32], classCount: Int, entries: [UInt32]) -> [UInt8] {
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        let capacity = max(4, Int((Double(keys.count) / loadFactor).rounded(.up)))
        var slots = [UInt8](repeating: 0, count: capacity * 8)
        var longest = 0
        for r in order {
            let k = keys[r]
            precondition(values[r] != 0)
            var i = FrozenTable.home(k, capacity)
            var n = 0
            while slots[i * 8] | slots[i * 8 + 1] | slots[i * 8 + 2] | slots[i * 8 + 3] != 0 {
                i += 1
                if i == capacity { i = 0 }
                n += 1
            }
            longest = max(longest, n)
            put(&slots, i * 8, UInt64(FrozenTable.fingerprint(k)), 4)
            put(&slots, i * 8 + 4, UInt64(values[r]), 4)
        }
        return header(capacity: capacity, longest: longest, classes: classCount, entries: entries, slotSize: 8, layout: 0, slots: slots)
    }

    private static func put(_ bytes: inout [UInt8], _ offset: Int, _ v: UInt64, _ width: Int) {
        for b in 0..<width { bytes[offset + b] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(b))) }
    }

    private static func header(capacity: Int, longest: Int, classes: Int, entries: [UInt32], slotSize: Int, layout: UInt32,
                               slots: [UInt8]) -> [UInt8] {
        var w = ByteWriter()
        w.u64(UInt64(capacity))
        w.u32(UInt32(longest))
        w.u32(UInt32(classes))
        w.u64(UInt64(entries.count))
        w.u32(UInt32(slotSize))
        w.u32(layout)
        w.align(16)
        w.raw(slots)
        w.align(4)
        for e in entries { w.u32(e) }
        return w.bytes
    }
}
