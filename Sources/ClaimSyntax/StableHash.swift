/// Deterministic 64-bit hashing for feature keys and persisted tables.
///
/// Swift's `Hasher` is seeded per process, so nothing that is written to a model file or that
/// decides an order may use it. These functions are fixed integer arithmetic: the same input gives
/// the same key on every run and machine, which is what lets a model trained today be read tomorrow.
@usableFromInline
enum StableHash {
    @usableFromInline static let k0: UInt64 = 0x9E37_79B9_7F4A_7C15
    @usableFromInline static let k1: UInt64 = 0xBF58_476D_1CE4_E5B9
    @usableFromInline static let k2: UInt64 = 0x94D0_49BB_1331_11EB

    /// The SplitMix64 finaliser: a bijection on 64 bits whose output bits all depend on all input bits.
    @inlinable @inline(__always)
    static func finalize(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z &>> 30)) &* k1
        z = (z ^ (z &>> 27)) &* k2
        return z ^ (z &>> 31)
    }

    /// One absorbing step: for a fixed state, distinct values give distinct results.
    @inlinable @inline(__always)
    static func step(_ state: UInt64, _ value: UInt64) -> UInt64 {
        let x = (state ^ value) &* k0
        return (x &<< 27) | (x &>> 37)
    }

    /// Hashes UTF-8 bytes (FNV-1a over bytes, then finalised).
    @inlinable
    static func bytes<S: Sequence>(_ bytes: S, seed: UInt64 = 0) -> UInt64 where S.Element == UInt8 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ seed
        for b in bytes {
            h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
        }
        return finalize(h)
    }

    /// Hashes a string's UTF-8 bytes.
    @inlinable
    static func string(_ s: String, seed: UInt64 = 0) -> UInt64 {
        bytes(s.utf8, seed: seed)
    }
}

/// A feature key under construction: a template number followed by up to a few atom values.
///
/// Features are never strings: a template id and small integer or pre-hashed atoms (word hashes,
/// tag ids) are absorbed into 64 bits, which is all the weight tables store. Key 0 is reserved as
/// the empty-slot marker of the tables, so ``key`` never returns 0.
@usableFromInline
struct FeatureKey {
    @inlinable @inline(__always)
    static func make(_ template: UInt64, _ a: UInt64) -> UInt64 {
        nonZero(StableHash.finalize(StableHash.step(template &* 0xD6E8_FEB8_6659_FD93, a)))
    }

    @inlinable @inline(__always)
    static func make(_ template: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 {
        nonZero(StableHash.finalize(StableHash.step(StableHash.step(template &* 0xD6E8_FEB8_6659_FD93, a), b)))
    }

    @inlinable @inline(__always)
    static func make(_ template: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        nonZero(StableHash.finalize(StableHash.step(StableHash.step(StableHash.step(template &* 0xD6E8_FEB8_6659_FD93, a), b), c)))
    }

    @inlinable @inline(__always)
    static func make(_ template: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> UInt64 {
        nonZero(StableHash.finalize(StableHash.step(StableHash.step(StableHash.step(StableHash.step(template &* 0xD6E8_FEB8_6659_FD93, a), b), c), d)))
    }

    @inlinable @inline(__always)
    static func nonZero(_ k: UInt64) -> UInt64 { k == 0 ? 1 : k }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny seeded generator so that training is repeatable.
///
/// Never `SystemRandomNumberGenerator`: two trainings with the same seed must produce the same
/// shuffles and explorations, and hence byte-identical model files.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        return StableHash.finalize(state)
    }

    /// A uniform integer in `0..<bound` (bound > 0), by rejection so that it has no modulo bias.
    public mutating func next(below bound: Int) -> Int {
        precondition(bound > 0)
        let b = UInt64(bound)
        let limit = UInt64.max - (UInt64.max % b)
        while true {
            let r = next()
            if r < limit { return Int(r % b) }
        }
    }

    /// A uniform Double in [0, 1).
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Fisher–Yates shuffle driven only by this generator.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = next(below: i + 1)
            if i != j { array.swapAt(i, j) }
        }
    }
}
