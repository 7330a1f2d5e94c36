/// Mutable weights of an averaged perceptron during training (never shipped, never shared).
///
/// Rows are created only when a feature takes part in an update (features that never matter cost
/// nothing). Weights are integers, which keeps training exact and repeatable; averaging uses the
/// usual trick of also accumulating `time × delta` so the average is `w - u / time` at the end
/// (Daumé 2006), without touching every weight at every step. The key index is an open-addressing
/// table of our own so that no Swift `Hasher` order can leak into the result.
final class PerceptronWeights {
    let classCount: Int
    private(set) var rowKeys: [UInt64] = []
    private var slotKeys: [UInt64]
    private var slotRows: [Int32]
    private var mask: Int
    private var shift: UInt64
    var w: [Int32] = []
    var u: [Int64] = []
    /// How many positive updates each row received: rows that mattered only once or twice are
    /// noise and are left out of the shipped model.
    var updates: [Int32] = []
    /// The number of training steps so far; the caller advances it once per example.
    var time: Int64 = 1

    init(classCount: Int, initialCapacity: Int = 1 << 16) {
        self.classCount = classCount
        var cap = 16
        while cap < initialCapacity { cap *= 2 }
        slotKeys = [UInt64](repeating: 0, count: cap)
        slotRows = [Int32](repeating: -1, count: cap)
        mask = cap - 1
        shift = UInt64(64 - cap.trailingZeroBitCount)
    }

    var rowCount: Int { rowKeys.count }

    /// The row of `key`, or -1.
    @inline(__always)
    func row(_ key: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: key &>> shift)
        while true {
            let k = slotKeys[i]
            if k == key { return Int(slotRows[i]) }
            if k == 0 { return -1 }
            i = (i &+ 1) & mask
        }
    }

    /// The row of `key`, created (all zero) if absent.
    func rowCreating(_ key: UInt64) -> Int {
        let r = row(key)
        if r >= 0 { return r }
        if (rowKeys.count + 1) * 2 > slotKeys.count { grow() }
        let newRow = rowKeys.count
        rowKeys.append(key)
        w.append(contentsOf: repeatElement(0, count: classCount))
        u.append(contentsOf: repeatElement(0, count: classCount))
        updates.append(0)
        insert(key, Int32(newRow))
        return newRow
    }

    private func insert(_ key: UInt64, _ row: Int32) {
        var i = Int(truncatingIfNeeded: key &>> shift)
        while slotKeys[i] != 0 { i = (i &+ 1) & mask }
        slotKeys[i] = key
        slotRows[i] = row
    }

    private func grow() {
        let cap = slotKeys.count * 2
        slotKeys = [UInt64](repeating: 0, count: cap)
        slotRows = [Int32](repeating: -1, count: cap)
        mask = cap - 1
        shift = UInt64(64 - cap.trailingZeroBitCount)
        for (r, k) in rowKeys.enumerated() { insert(k, Int32(r)) }
    }

    /// Adds the current weights of every key's row to `scores` (all classes).
    func score(_ keys: UnsafeBufferPointer<UInt64>, into scores: UnsafeMutableBufferPointer<Int64>) {
        w.withUnsafeBufferPointer { wp in
            for key in keys {
                let r = row(key)
                if r < 0 { continue }
                let base = r * classCount
                for c in 0..<classCount { scores[c] += Int64(wp[base + c]) }
            }
        }
    }

    /// Adds the current weights of the given classes only (a subset of the classes, e.g. labels of one direction).
    func score(_ keys: UnsafeBufferPointer<UInt64>, classes: Range<Int>, into scores: UnsafeMutableBufferPointer<Int64>) {
        w.withUnsafeBufferPointer { wp in
            for key in keys {
                let r = row(key)
                if r < 0 { continue }
                let base = r * classCount
                for c in classes { scores[c] += Int64(wp[base + c]) }
            }
        }
    }

    /// Adds `delta` to class `cls` of every key (creating rows as needed).
    func update(_ keys: UnsafeBufferPointer<UInt64>, cls: Int, delta: Int32) {
        for key in keys {
            let r = rowCreating(key)
            if delta > 0 { updates[r] += 1 }
            let i = r * classCount + cls
            w[i] += delta
            u[i] += time * Int64(delta)
        }
    }

    /// The averaged weight of row `r`, class `c`.
    @inline(__always)
    func averaged(_ r: Int, _ c: Int) -> Double {
        let i = r * classCount + c
        return Double(w[i]) - Double(u[i]) / Double(time)
    }

    /// The largest absolute averaged weight (sets the Int16 quantisation scale).
    func largestAveraged() -> Double {
        var m = 0.0
        for r in 0..<rowCount {
            for c in 0..<classCount { m = max(m, abs(averaged(r, c))) }
        }
        return m
    }

    /// Quantises averaged weights to Int16 with `scale` (weight × scale, rounded); entries whose
    /// magnitude falls below `minimum` are dropped. Returns a sparse table section.
    func frozenSparse(scale: Double, minimum: Int, minimumUpdates: Int = 1) -> [UInt8] {
        Self.merge([self]).frozenSparse(scale: scale, minimum: minimum, minimumUpdates: minimumUpdates)
    }

    /// Quantises to a dense table (exactly 3 classes); a row is kept when any class reaches `minimum`.
    func frozenDense(scale: Double, minimum: Int, minimumUpdates: Int = 1) -> [UInt8] {
        Self.merge([self]).frozenDense(scale: scale, minimum: minimum, minimumUpdates: minimumUpdates)
    }

    /// The mean of several weight sets over the union of their rows (update counts summed). The
    /// scores of a linear model with the mean weights are the mean of the members' scores, so
    /// this is an ensemble that costs nothing extra at run time.
    static func merge(_ members: [PerceptronWeights]) -> MergedWeights {
        precondition(!members.isEmpty)
        let classes = members[0].classCount
        var keys: [UInt64] = []
        var values: [Double] = []
        var updates: [Int] = []
        let index = PerceptronWeights(classCount: 1, initialCapacity: max(16, members[0].rowCount * 2))
        let k = Double(members.count)
        for m in members {
            for r in 0..<m.rowCount {
                let key = m.rowKeys[r]
                var row = index.row(key)
                if row < 0 {
                    row = index.rowCreating(key)
                    keys.append(key)
                    values.append(contentsOf: repeatElement(0, count: classes))
                    updates.append(0)
                }
                for c in 0..<classes { values[row * classes + c] += m.averaged(r, c) / k }
                updates[row] += Int(m.updates[r])
            }
        }
        return MergedWeights(classCount: classes, keys: keys, values: values, updates: updates)
    }
}

/// Averaged weights ready to be quantised (one model's, or the mean of an ensemble's).
struct MergedWeights {
    let classCount: Int
    let keys: [UInt64]
    let values: [Double]
    let updates: [Int]

    func largest() -> Double { values.reduce(0) { max($0, abs($1)) } }

    func frozenSparse(scale: Double, minimum: Int, minimumUpdates: Int) -> [UInt8] {
        var rows: [[(UInt16, Int16)]] = []
        rows.reserveCapacity(keys.count)
        for r in keys.indices {
            var row: [(UInt16, Int16)] = []
            if updates[r] >= minimumUpdates {
                for c in 0..<classCount {
                    let q = quantise(values[r * classCount + c], scale)
                    if abs(Int(q)) >= max(1, minimum) { row.append((UInt16(c), q)) }
                }
            }
            rows.append(row)
        }
        return FrozenTableBuilder.sparse(keys: keys, rows: rows, classCount: classCount)
    }

    func frozenDense(scale: Double, minimum: Int, minimumUpdates: Int) -> [UInt8] {
        var out: [UInt64] = []
        var weights: [Int16] = []
        for r in keys.indices where updates[r] >= minimumUpdates {
            let q = (0..<classCount).map { quantise(values[r * classCount + $0], scale) }
            if q.contains(where: { abs(Int($0)) >= max(1, minimum) }) {
                out.append(keys[r])
                weights.append(contentsOf: q)
            }
        }
        return FrozenTableBuilder.dense(keys: out, weights: weights)
    }

    private func quantise(_ x: Double, _ scale: Double) -> Int16 {
        let v = (x * scale).rounded()
        return Int16(max(-32767, min(32767, v)))
    }
}

