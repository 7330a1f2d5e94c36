/// The parser's feature templates: Zhang & Nivre (2011) rich non-local features adapted to the
/// arc-hybrid system (stack words have no heads yet, so the second and third stack items stand in
/// for "head of S0"), over word forms (lower-cased), XPOS tags, labels of already built
/// dependents, distances, valencies and label sets.
///
/// Used unchanged by training and parsing. Each key combines a template number with a few atoms.
@usableFromInline
enum ParserFeatures {
    static let count = 87

    @inline(__always)
    static func distanceBucket(_ d: Int) -> UInt64 {
        switch d {
        case ..<0: return 0
        case 0...5: return UInt64(d)
        case 6...7: return 6
        case 8...10: return 7
        case 11...15: return 8
        default: return 9
        }
    }

    @inline(__always)
    static func extract(_ ws: ParserWorkspace, into k: UnsafeMutablePointer<UInt64>) {
        let none = ws.none
        let s0 = Int(ws.stackItem(0)), s1 = Int(ws.stackItem(1)), s2 = Int(ws.stackItem(2))
        let b0 = Int(ws.bufferItem(0)), b1 = Int(ws.bufferItem(1)), b2 = Int(ws.bufferItem(2))
        let word = ws.word, tag = ws.tag, label = ws.label
        let s0l1 = Int(ws.left1[s0]), s0l2 = Int(ws.left2[s0]), s0r1 = Int(ws.right1[s0]), s0r2 = Int(ws.right2[s0])
        let b0l1 = Int(ws.left1[b0]), b0l2 = Int(ws.left2[b0])
        let s1l1 = Int(ws.left1[s1]), s1r1 = Int(ws.right1[s1])
        let s0l1l1 = Int(ws.left1[s0l1])

        let s0w = word[s0], s0t = tag[s0], s1w = word[s1], s1t = tag[s1], s2t = tag[s2]
        let b0w = word[b0], b0t = tag[b0], b1w = word[b1], b1t = tag[b1], b2t = tag[b2]
        let s0wt = StableHash.step(s0w, s0t), b0wt = StableHash.step(b0w, b0t)
        let s1wt = StableHash.step(s1w, s1t)

        let d = (s0 == Int(none) || b0 == Int(none)) ? 0 : distanceBucket(b0 - s0)
        let d1 = (s1 == Int(none) || s0 == Int(none)) ? 0 : distanceBucket(s0 - s1)
        let s0vl = ws.leftCount[s0], s0vr = ws.rightCount[s0], b0vl = ws.leftCount[b0], s1vr = ws.rightCount[s1]
        let s0sl = ws.leftLabels[s0], s0sr = ws.rightLabels[s0], b0sl = ws.leftLabels[b0]

        // Single positions.
        k[0] = FeatureKey.make(1, s0wt)
        k[1] = FeatureKey.make(2, s0w)
        k[2] = FeatureKey.make(3, s0t)
        k[3] = FeatureKey.make(4, b0wt)
        k[4] = FeatureKey.make(5, b0w)
        k[5] = FeatureKey.make(6, b0t)
        k[6] = FeatureKey.make(7, b1w, b1t)
        k[7] = FeatureKey.make(8, b1w)
        k[8] = FeatureKey.make(9, b1t)
        k[9] = FeatureKey.make(11, b2t)
        k[10] = FeatureKey.make(12, s1wt)
        k[11] = FeatureKey.make(13, s1w)
        k[12] = FeatureKey.make(14, s1t)
        k[13] = FeatureKey.make(15, s2t)
        // Pairs.
        k[14] = FeatureKey.make(17, s0wt, b0wt)
        k[15] = FeatureKey.make(18, s0wt, b0w)
        k[16] = FeatureKey.make(19, s0w, b0wt)
        k[17] = FeatureKey.make(20, s0wt, b0t)
        k[18] = FeatureKey.make(21, s0t, b0wt)
        k[19] = FeatureKey.make(22, s0w, b0w)
        k[20] = FeatureKey.make(23, s0t, b0t)
        k[21] = FeatureKey.make(24, b0t, b1t)
        k[22] = FeatureKey.make(25, s1wt, s0wt)
        k[23] = FeatureKey.make(26, s1w, s0w)
        k[24] = FeatureKey.make(27, s1t, s0t)
        k[25] = FeatureKey.make(28, s1wt, s0t)
        k[26] = FeatureKey.make(29, s1t, s0wt)
        // Triples of tags.
        k[27] = FeatureKey.make(30, b0t, b1t, b2t)
        k[28] = FeatureKey.make(31, s0t, b0t, b1t)
        k[29] = FeatureKey.make(32, s1t, s0t, b0t)
        k[30] = FeatureKey.make(33, s0t, tag[s0l1], b0t)
        k[31] = FeatureKey.make(34, s0t, tag[s0r1], b0t)
        k[32] = FeatureKey.make(35, s0t, b0t, tag[b0l1])
        k[33] = FeatureKey.make(36, s2t, s1t, s0t)
        k[34] = FeatureKey.make(37, s1t, tag[s1r1], s0t)
        k[35] = FeatureKey.make(38, s1t, s0t, tag[s0l1])
        // Distance.
        k[36] = FeatureKey.make(40, s0t, d)
        k[37] = FeatureKey.make(42, b0t, d)
        k[38] = FeatureKey.make(43, s0w, b0w, d)
        k[39] = FeatureKey.make(44, s0t, b0t, d)
        k[40] = FeatureKey.make(45, s1t, s0t, d1)
        // Valency.
        k[41] = FeatureKey.make(48, s0t, s0vr)
        k[42] = FeatureKey.make(50, s0t, s0vl)
        k[43] = FeatureKey.make(52, b0t, b0vl)
        k[44] = FeatureKey.make(53, s1t, s1vr)
        // Children (second order).
        k[45] = FeatureKey.make(54, word[s0l1])
        k[46] = FeatureKey.make(55, tag[s0l1])
        k[47] = FeatureKey.make(56, label[s0l1])
        k[48] = FeatureKey.make(57, word[s0r1])
        k[49] = FeatureKey.make(58, tag[s0r1])
        k[50] = FeatureKey.make(59, label[s0r1])
        k[51] = FeatureKey.make(60, word[b0l1])
        k[52] = FeatureKey.make(61, tag[b0l1])
        k[53] = FeatureKey.make(62, label[b0l1])
        k[54] = FeatureKey.make(63, tag[s1r1], label[s1r1])
        k[55] = FeatureKey.make(64, tag[s1l1], label[s1l1])
        // Third order.
        k[56] = FeatureKey.make(66, tag[s0l2])
        k[57] = FeatureKey.make(67, label[s0l2])
        k[58] = FeatureKey.make(69, tag[s0r2])
        k[59] = FeatureKey.make(70, label[s0r2])
        k[60] = FeatureKey.make(72, tag[b0l2])
        k[61] = FeatureKey.make(73, label[b0l2])
        k[62] = FeatureKey.make(74, s0t, tag[s0l1], tag[s0l2])
        k[63] = FeatureKey.make(75, s0t, tag[s0r1], tag[s0r2])
        k[64] = FeatureKey.make(76, b0t, tag[b0l1], tag[b0l2])
        k[65] = FeatureKey.make(77, tag[s0l1l1], label[s0l1l1])
        // Label sets.
        k[66] = FeatureKey.make(79, s0t, s0sr)
        k[67] = FeatureKey.make(81, s0t, s0sl)
        k[68] = FeatureKey.make(83, b0t, b0sl)
        k[69] = FeatureKey.make(84, s0t, label[s0l1], label[s0r1])
        // Coarse tags and suffixes: back-off when the fine tag is wrong or the word is rare.
        let coarse = ws.coarse, suffix = ws.suffix
        let s0u = coarse[s0], b0u = coarse[b0], s1u = coarse[s1], b1u = coarse[b1]
        k[70] = FeatureKey.make(85, s0u, b0u)
        k[71] = FeatureKey.make(86, s1u, s0u, b0u)
        k[72] = FeatureKey.make(87, suffix[s0], s0u)
        k[73] = FeatureKey.make(88, suffix[b0], b0u)
        k[74] = FeatureKey.make(89, suffix[b1])
        k[75] = FeatureKey.make(90, suffix[s1])
        k[76] = FeatureKey.make(91, b0u, b1u, coarse[b2])
        k[77] = FeatureKey.make(92, suffix[s0], suffix[b0])
        // The two candidate heads of S0 (S1 by RIGHT, N0 by LEFT) side by side, and punctuation
        // between the items being linked.
        let b3 = Int(ws.bufferItem(3))
        k[78] = FeatureKey.make(93, s1t, b0t)
        k[79] = FeatureKey.make(94, s1wt, b0t)
        k[80] = FeatureKey.make(95, s1t, b0wt)
        k[81] = FeatureKey.make(96, s1t, s0w, b0t)
        k[82] = FeatureKey.make(97, s1t, b0t, s1 == Int(none) || b0 == Int(none) ? 0 : distanceBucket(b0 - s1))
        k[83] = FeatureKey.make(98, ws.punctuationBetween(s0, b0), s0t, b0t)
        k[84] = FeatureKey.make(99, ws.punctuationBetween(s1, s0), s1t, s0t)
        k[85] = FeatureKey.make(101, b1t, b2t, tag[b3])
        k[86] = FeatureKey.make(102, s0t, b0t, b1t, b2t)
    }
}

/// Features of the arc labeller: the dependent `d` (complete when it is attached, so all its
/// own dependents are known), its head `h`, the direction, the closest sibling already attached
/// on the same side, and the dependent's leftmost dependent word (often the case marker or
/// preposition that decides `obl:agent`, `nmod:poss`, ...). Far fewer than the transition
/// features, which keeps labelling cheap.
@usableFromInline
enum LabelFeatures {
    /// Templates of the labeller's own.
    static let count = 40
    /// At most this many labeller keys: the labeller's own templates, then (optionally) the
    /// leading `m` transition keys (``ParserFeatures``) salted with the arc's direction. The
    /// configuration the arc was built in (single positions, pairs and tag triples) says much
    /// about the relation, and those keys are already computed; `m` is stored in the model.
    static let maximum = count + ParserFeatures.count

    @inline(__always)
    static func extract(_ ws: ParserWorkspace, head h: Int, dependent d: Int, left: Bool,
                        transitionKeys t: UnsafePointer<UInt64>, transitionKeyCount m: Int,
                        into k: UnsafeMutablePointer<UInt64>) {
        let direction: UInt64 = left ? 0x4C45_4654 : 0x5249_4748
        for j in 0..<m { k[count + j] = FeatureKey.make(300, t[j], direction) }
        let word = ws.word, tag = ws.tag, label = ws.label, coarse = ws.coarse, suffix = ws.suffix
        let salt: UInt64 = left ? 0x4C : 0x52
        let dw = word[d], dt = tag[d], hw = word[h], ht = tag[h]
        let dl1 = Int(ws.left1[d]), dr1 = Int(ws.right1[d])
        let sibling = left ? Int(ws.left1[h]) : Int(ws.right1[h])
        let dist = ParserFeatures.distanceBucket(abs(h - d))
        let prev = d - 1, next = d + 1 <= ws.n ? d + 1 : ws.n + 1
        k[0] = FeatureKey.make(201, salt)
        k[1] = FeatureKey.make(202, salt, dw)
        k[2] = FeatureKey.make(203, salt, dt)
        k[3] = FeatureKey.make(204, salt, dw, dt)
        k[4] = FeatureKey.make(205, salt, hw)
        k[5] = FeatureKey.make(206, salt, ht)
        k[6] = FeatureKey.make(207, salt, hw, ht)
        k[7] = FeatureKey.make(208, salt, dt, ht)
        k[8] = FeatureKey.make(209, salt, dw, ht)
        k[9] = FeatureKey.make(210, salt, dt, hw)
        k[10] = FeatureKey.make(211, salt, dw, hw)
        k[11] = FeatureKey.make(212, salt, dt, ht, dist)
        k[12] = FeatureKey.make(213, salt, suffix[d], coarse[d])
        k[13] = FeatureKey.make(214, salt, suffix[h], coarse[h])
        k[14] = FeatureKey.make(215, salt, dt, label[dl1], label[dr1])
        k[15] = FeatureKey.make(216, salt, dt, ws.leftLabels[d])
        k[16] = FeatureKey.make(217, salt, dt, ws.rightLabels[d])
        k[17] = FeatureKey.make(218, salt, ht, dt, label[sibling])
        k[18] = FeatureKey.make(219, salt, dt, tag[dl1])
        k[19] = FeatureKey.make(220, salt, dt, tag[dr1])
        k[20] = FeatureKey.make(221, salt, coarse[d], coarse[h])
        k[21] = FeatureKey.make(222, salt, dt, tag[prev], tag[next])
        k[22] = FeatureKey.make(223, salt, dt, word[dl1])
        k[23] = FeatureKey.make(224, salt, ht, dt, word[dl1])
        k[24] = FeatureKey.make(225, salt, ht, dt, min(ws.leftCount[d], 7) &* 8 &+ min(ws.rightCount[d], 7))
        k[25] = FeatureKey.make(226, salt, hw, dt, word[dl1])
        let other = left ? Int(ws.stackItem(1)) : Int(ws.bufferItem(0))
        let hPrev = h - 1 >= 0 ? h - 1 : ws.n + 1, hNext = h + 1 <= ws.n ? h + 1 : ws.n + 1
        let (lo, hi) = h < d ? (h, d) : (d, h)
        k[26] = FeatureKey.make(227, salt, word[next])
        k[27] = FeatureKey.make(228, salt, dt, word[next])
        k[28] = FeatureKey.make(229, salt, word[prev], dt)
        k[29] = FeatureKey.make(230, salt, dt, word[dr1])
        k[30] = FeatureKey.make(231, salt, ht, tag[hPrev], tag[hNext])
        k[31] = FeatureKey.make(232, salt, dt, ht, tag[other])
        k[32] = FeatureKey.make(233, salt, dw, ht, dist)
        k[33] = FeatureKey.make(234, salt, dt, hw, dist)
        k[34] = FeatureKey.make(235, salt, dt, ht, tag[sibling])
        k[35] = FeatureKey.make(236, salt, label[sibling], dt)
        k[36] = FeatureKey.make(237, salt, dw, ws.rightLabels[d] | ws.leftLabels[d] &<< 1)
        k[37] = FeatureKey.make(238, salt, dt, ht, left ? ws.leftLabels[h] : ws.rightLabels[h])
        k[38] = FeatureKey.make(239, salt, dt, ht, ws.punctuationBetween(lo, hi))
        k[39] = FeatureKey.make(240, salt, suffix[d], ht)
    }
}
