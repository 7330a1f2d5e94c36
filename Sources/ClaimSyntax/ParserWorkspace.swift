/// The arc-hybrid parser configuration plus everything features read, in flat arrays.
///
/// Token indices: 0 is the artificial root, 1...n the words, n + 1 a "none" sentinel whose
/// attributes are constants. Missing stack/buffer positions and missing children point at the
/// sentinel, so feature extraction never branches on "is there a word here". Leftmost/rightmost
/// children are maintained in O(1) per arc, because in arc-hybrid a new left dependent is always
/// the head's leftmost so far and a new right dependent its rightmost so far; the whole parse is
/// linear in sentence length. One workspace per caller; it grows and is reused across sentences.
@usableFromInline
final class ParserWorkspace {
    static let rootWord: UInt64 = 0x524F_4F54_0000_0001
    static let rootTag: UInt64 = 0x524F_4F54_0000_0002
    static let noneWord: UInt64 = 0x4E4F_4E45_0000_0001
    static let noneTag: UInt64 = 0x4E4F_4E45_0000_0002
    static let noLabel: UInt64 = 0xFFFF

    private(set) var capacity = 0
    var n = 0
    var word: UnsafeMutablePointer<UInt64>
    var tag: UnsafeMutablePointer<UInt64>
    /// Coarse tag (UPOS) atom per token.
    var coarse: UnsafeMutablePointer<UInt64>
    /// Hash of the last three characters of the lower-cased form.
    var suffix: UnsafeMutablePointer<UInt64>
    var head: UnsafeMutablePointer<Int32>
    var label: UnsafeMutablePointer<UInt64>
    var left1: UnsafeMutablePointer<Int32>
    var left2: UnsafeMutablePointer<Int32>
    var right1: UnsafeMutablePointer<Int32>
    var right2: UnsafeMutablePointer<Int32>
    var leftCount: UnsafeMutablePointer<UInt64>
    var rightCount: UnsafeMutablePointer<UInt64>
    var leftLabels: UnsafeMutablePointer<UInt64>
    var rightLabels: UnsafeMutablePointer<UInt64>
    var stack: UnsafeMutablePointer<Int32>
    /// `punctBefore[i]`: punctuation tokens among words 1..<i (filled by ``finishInput()``).
    var punctBefore: UnsafeMutablePointer<Int32>
    /// `verbsBefore[i]`: verbs (UPOS VERB) among words 1..<i (filled by ``finishInput()``).
    var verbsBefore: UnsafeMutablePointer<Int32>
    var stackCount = 0
    /// First word of the buffer (n + 1 when the buffer is empty).
    var bufferFront = 1

    init() {
        coarse = .allocate(capacity: 1); suffix = .allocate(capacity: 1)
        word = .allocate(capacity: 1); tag = .allocate(capacity: 1); head = .allocate(capacity: 1)
        label = .allocate(capacity: 1); left1 = .allocate(capacity: 1); left2 = .allocate(capacity: 1)
        right1 = .allocate(capacity: 1); right2 = .allocate(capacity: 1); leftCount = .allocate(capacity: 1)
        rightCount = .allocate(capacity: 1); leftLabels = .allocate(capacity: 1); rightLabels = .allocate(capacity: 1)
        stack = .allocate(capacity: 1)
        punctBefore = .allocate(capacity: 1)
        verbsBefore = .allocate(capacity: 1)
        capacity = 1
    }

    deinit { release() }

    private func release() {
        coarse.deallocate(); suffix.deallocate()
        word.deallocate(); tag.deallocate(); head.deallocate(); label.deallocate()
        left1.deallocate(); left2.deallocate(); right1.deallocate(); right2.deallocate()
        leftCount.deallocate(); rightCount.deallocate(); leftLabels.deallocate(); rightLabels.deallocate()
        stack.deallocate()
        punctBefore.deallocate()
        verbsBefore.deallocate()
    }

    /// Prepares for a sentence of `count` words; the caller then fills `word[1...n]` and `tag[1...n]`.
    func reset(count: Int) {
        if count + 2 > capacity {
            release()
            var c = max(64, capacity)
            while c < count + 2 { c *= 2 }
            capacity = c
            coarse = .allocate(capacity: c); suffix = .allocate(capacity: c)
            word = .allocate(capacity: c); tag = .allocate(capacity: c); head = .allocate(capacity: c)
            label = .allocate(capacity: c); left1 = .allocate(capacity: c); left2 = .allocate(capacity: c)
            right1 = .allocate(capacity: c); right2 = .allocate(capacity: c); leftCount = .allocate(capacity: c)
            rightCount = .allocate(capacity: c); leftLabels = .allocate(capacity: c); rightLabels = .allocate(capacity: c)
            stack = .allocate(capacity: c)
            punctBefore = .allocate(capacity: c)
            verbsBefore = .allocate(capacity: c)
        }
        n = count
        let none = Int32(count + 1)
        for i in 0...(count + 1) {
            head[i] = -1
            label[i] = Self.noLabel
            left1[i] = none; left2[i] = none; right1[i] = none; right2[i] = none
            leftCount[i] = 0; rightCount[i] = 0; leftLabels[i] = 0; rightLabels[i] = 0
        }
        word[0] = Self.rootWord; tag[0] = Self.rootTag; coarse[0] = Self.rootTag; suffix[0] = Self.rootWord
        word[count + 1] = Self.noneWord; tag[count + 1] = Self.noneTag
        coarse[count + 1] = Self.noneTag; suffix[count + 1] = Self.noneWord
        stack[0] = 0
        stackCount = 1
        bufferFront = 1
    }

    /// Call after filling words and tags: derives the punctuation and verb counts.
    func finishInput() {
        let punct = DependencyParser.coarseAtom(.punct), verb = DependencyParser.coarseAtom(.verb)
        punctBefore[0] = 0
        punctBefore[1] = 0
        verbsBefore[0] = 0
        verbsBefore[1] = 0
        var c: Int32 = 0, v: Int32 = 0
        if n >= 1 {
            for i in 1...n {
                punctBefore[i] = c
                verbsBefore[i] = v
                if coarse[i] == punct { c += 1 }
                if coarse[i] == verb { v += 1 }
            }
        }
        punctBefore[n + 1] = c
        verbsBefore[n + 1] = v
    }

    /// Verbs strictly between tokens a < b, capped at 3 (0 if either is the sentinel or root).
    @inline(__always) func verbsBetween(_ a: Int, _ b: Int) -> UInt64 {
        if a <= 0 || b > n || a >= b { return 0 }
        return UInt64(min(3, verbsBefore[b] - verbsBefore[a + 1]))
    }

    /// Verbs after token `a` (a word), capped at 3; 4 for the sentinel.
    @inline(__always) func verbsAfter(_ a: Int) -> UInt64 {
        if a <= 0 || a > n { return 4 }
        return UInt64(min(3, verbsBefore[n + 1] - verbsBefore[a + 1]))
    }

    /// Punctuation tokens strictly between tokens a < b (0 if either is the sentinel or root).
    @inline(__always) func punctuationBetween(_ a: Int, _ b: Int) -> UInt64 {
        if a <= 0 || b > n || a >= b { return 0 }
        return UInt64(min(3, punctBefore[b] - punctBefore[a + 1]))
    }

    var none: Int32 { Int32(n + 1) }
    var isTerminal: Bool { bufferFront > n && stackCount == 1 }
    var canShift: Bool { bufferFront <= n }
    var canLeft: Bool { stackCount >= 2 && bufferFront <= n }
    /// The root may take its single dependent only at the very end, which guarantees one root.
    var canRight: Bool { stackCount >= 3 || (stackCount == 2 && bufferFront > n) }

    @inline(__always) func stackItem(_ depth: Int) -> Int32 {
        depth < stackCount ? stack[stackCount - 1 - depth] : none
    }

    @inline(__always) func bufferItem(_ offset: Int) -> Int32 {
        let i = bufferFront + offset
        return i <= n ? Int32(i) : none
    }

    func shift() {
        stack[stackCount] = Int32(bufferFront)
        stackCount += 1
        bufferFront += 1
    }

    /// LEFT: the buffer front becomes the head of the stack top, which is popped.
    func left(_ l: Int) {
        let d = Int(stack[stackCount - 1]), h = bufferFront
        head[d] = Int32(h)
        label[d] = UInt64(l)
        left2[h] = left1[h]
        left1[h] = Int32(d)
        leftCount[h] &+= 1
        leftLabels[h] |= 1 &<< UInt64(l & 63)
        stackCount -= 1
    }

    /// RIGHT: the item under the stack top becomes its head; the top is popped.
    func right(_ l: Int) {
        let d = Int(stack[stackCount - 1]), h = Int(stack[stackCount - 2])
        head[d] = Int32(h)
        label[d] = UInt64(l)
        right2[h] = right1[h]
        right1[h] = Int32(d)
        rightCount[h] &+= 1
        rightLabels[h] |= 1 &<< UInt64(l & 63)
        stackCount -= 1
    }
}
