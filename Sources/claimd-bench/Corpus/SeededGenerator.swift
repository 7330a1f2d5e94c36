/// SplitMix64: a small, fast generator whose whole output follows from its seed, so a corpus
/// (and every figure measured on it) is the same on every run and every machine.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// A generator for item `index` of a stream: items can be made independently, in any order.
    init(seed: UInt64, index: Int) {
        var mixer = SeededGenerator(seed: seed &+ UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15)
        state = mixer.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Array {
    /// An element chosen with `generator` (the array must not be empty).
    func pick(_ generator: inout SeededGenerator) -> Element {
        self[Int(generator.next() % UInt64(count))]
    }
}
