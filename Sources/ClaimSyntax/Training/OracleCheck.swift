extension ParserTrainer {
    /// Follows the dynamic oracle's zero-cost transitions (preferring SHIFT < LEFT < RIGHT when
    /// several are optimal) from the initial configuration of every sentence and returns the
    /// share of words whose head matches the projectivized gold head, and the share matching
    /// the original gold head. A correct oracle gives 1.0 for the former.
    public func oracleAgreement(_ sentences: [CoNLLUSentence]) -> (projectivized: Double, original: Double) {
        let tags = sentences.map { $0.words.map { _ in WordTag(upos: .x, xpos: "X", lemma: "") } }
        let data = examples(sentences, tags: tags)
        let originals = sentences.filter { !$0.words.isEmpty }
        var total = 0, proj = 0, orig = 0
        let ws = ParserWorkspace()
        for (ex, sentence) in zip(data, originals) {
            let n = ex.words.count - 1
            ws.reset(count: n)
            let gh = ex.heads
            while !ws.isTerminal {
                let s0 = Int(ws.stackItem(0))
                let s1 = ws.stackCount >= 2 ? Int(ws.stackItem(1)) : -1
                let b = ws.bufferFront
                var deps = 0
                if b <= n { for d in b...n where gh[d] == s0 { deps += 1 } }
                var cost = [Int.max, Int.max, Int.max]
                if ws.canShift {
                    var c = 0
                    for j in 0..<ws.stackCount {
                        let x = Int(ws.stack[j])
                        if gh[b] == x && x != s0 { c += 1 }
                        if x != 0 && gh[x] == b { c += 1 }
                    }
                    cost[0] = c
                }
                if ws.canLeft { cost[1] = deps + ((gh[s0] != b && (gh[s0] == s1 || gh[s0] >= b)) ? 1 : 0) }
                if ws.canRight { cost[2] = deps + ((gh[s0] != s1 && gh[s0] >= b) ? 1 : 0) }
                let m = cost.min()!
                let a = cost.firstIndex(of: m)!
                if a == 0 { ws.shift() } else if a == 1 { ws.left(0) } else { ws.right(0) }
            }
            let words = sentence.words
            for i in 1...n {
                total += 1
                if Int(ws.head[i]) == gh[i] { proj += 1 }
                if Int(ws.head[i]) == words[i - 1].headIndex { orig += 1 }
            }
        }
        return (Double(proj) / Double(max(1, total)), Double(orig) / Double(max(1, total)))
    }
}
