/// Makes a dependency tree projective by lifting (Nivre & Nilsson 2005, without label encoding).
///
/// The arc-hybrid dynamic oracle is exact only for projective gold trees, so non-projective
/// training trees are lifted: while some arc is non-projective, the shortest such arc (leftmost
/// dependent on ties) is reattached to its head's head. The parser then learns the closest
/// projective tree; the few genuinely crossing arcs of English are given up.
enum Projectivizer {
    /// `heads[i]` is the head of word i (1-based; index 0 unused; 0 = root). Returns lifted heads,
    /// or `nil` if `heads` is not a single-rooted tree.
    static func projectivize(_ heads: [Int]) -> [Int]? {
        let n = heads.count - 1
        guard n >= 1 else { return heads }
        var h = heads
        guard (1...n).filter({ h[$0] == 0 }).count == 1 else { return nil }
        for i in 1...n where h[i] < 0 || h[i] > n || h[i] == i { return nil }
        // Cycle check: every word must reach the root.
        for i in 1...n {
            var x = i, steps = 0
            while x != 0 {
                x = h[x]
                steps += 1
                if steps > n { return nil }
            }
        }
        func dominates(_ a: Int, _ k: Int) -> Bool {
            var x = k
            while x != 0 {
                if x == a { return true }
                x = h[x]
            }
            return false
        }
        while true {
            var best: (span: Int, d: Int)? = nil
            for d in 1...n where h[d] != 0 {
                let a = h[d]
                let lo = min(a, d), hi = max(a, d)
                var projective = true
                if hi - lo > 1 {
                    for k in (lo + 1)..<hi where !dominates(a, k) {
                        projective = false
                        break
                    }
                }
                if !projective {
                    let span = hi - lo
                    if best == nil || span < best!.span { best = (span, d) }
                }
            }
            guard let (_, d) = best else { return h }
            h[d] = h[h[d]]
        }
    }
}
