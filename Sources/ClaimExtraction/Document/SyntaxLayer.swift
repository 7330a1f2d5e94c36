import ClaimModel
import ClaimSyntax

/// The parse of a document, per token: part of speech (UD and Penn Treebank), dictionary
/// lemma, head and relation (UD basic dependencies). Empty until ``SyntaxAnnotator`` ran.
struct SyntaxLayer: Sendable {
    var tags: [WordTag] = []
    /// The head of each token as a token index, or -1 for the root of its sentence.
    var heads: [Int32] = []
    var relations: [DependencyRelation] = []
    /// The dependents of each token, in text order.
    var children: [[Int32]] = []

    var isEmpty: Bool { tags.isEmpty }

    func head(of token: Int) -> Int? {
        let head = Int(heads[token])
        return head >= 0 ? head : nil
    }

    /// Fills ``children`` from ``heads``.
    mutating func indexChildren() {
        children = Array(repeating: [], count: heads.count)
        for (token, head) in heads.enumerated() where head >= 0 { children[Int(head)].append(Int32(token)) }
    }

    /// The dependents of `token` whose relation's universal part is `relation` ("nsubj" finds
    /// `nsubj` and `nsubj:pass`).
    func dependents(of token: Int, _ relation: String) -> [Int] {
        children[token].lazy.map(Int.init).filter { self.relations[$0].universalLabel == relation }
    }

    func dependent(of token: Int, _ relation: String) -> Int? {
        children[token].lazy.map(Int.init).first { self.relations[$0].universalLabel == relation }
    }

    /// The universal relation of `token` to its head.
    func relation(of token: Int) -> String { relations[token].universalLabel }

    /// The tokens `token` dominates, itself included, as one range (the parser's trees are
    /// projective, so a subtree is contiguous).
    func subtree(of token: Int) -> Range<Int> {
        var low = token, high = token
        var stack = [token]
        while let t = stack.popLast() {
            low = min(low, t)
            high = max(high, t)
            stack.append(contentsOf: children[t].lazy.map(Int.init))
        }
        return low..<high + 1
    }
}

/// A temporal expression with the tokens it covers.
struct TokenTimex: Sendable {
    var timex: Timex
    var tokens: Range<Int>
}
