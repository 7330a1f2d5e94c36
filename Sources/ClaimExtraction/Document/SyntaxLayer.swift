import ClaimModel
import ClaimSyntax

/// The parse of a document, per token: part of speech (UD and Penn Treebank), dictionary
/// lemma, head and relation (UD basic dependencies). Empty until ``SyntaxAnnotator`` ran.
struct SyntaxLayer: Sendable {
    var tags: [WordTag] = []
    /// The head of each token as a token index, or -1 for the root of its sentence.
    var heads: [Int32] = []
    var relations: [DependencyRelation] = []

    var isEmpty: Bool { tags.isEmpty }

    func head(of token: Int) -> Int? {
        let head = Int(heads[token])
        return head >= 0 ? head : nil
    }
}

/// A temporal expression with the tokens it covers.
struct TokenTimex: Sendable {
    var timex: Timex
    var tokens: Range<Int>
}
