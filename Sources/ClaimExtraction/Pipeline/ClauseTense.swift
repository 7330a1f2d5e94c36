import ClaimSyntax

/// The time a word's clause points to, read off the parse: whether a bare weekday is the last
/// one or the next one.
///
/// News reports the past, so a weekday is last week's unless its clause looks ahead. Cue words
/// near the expression catch "will meet on Friday"; the parse also catches what they cannot:
/// a scheduled present ("the minister flies to Velm on Monday", "the vote is on Sunday"), an
/// infinitive ("the ferry is to sail Friday"), a modal or progressive several words away, and a past verb that a
/// nearby "will" of another clause would outvote. Only the tags and relations decide, never a
/// word list: auxiliaries are found by their relation and Penn tag (`MD`, `VBD`, …).
struct ClauseTense {
    let doc: Doc

    /// The tense of the clause of the token made of piece `piece`, or nil when the parse does not say.
    func direction(atPiece piece: Int) -> TemporalDirection? {
        guard !doc.syntax.isEmpty, piece < doc.pieces.count else { return nil }
        return direction(ofTokenAt: doc.tokens(coveringPieces: piece..<piece + 1).lowerBound)
    }

    /// The tense of the predicate `token` is a time adjunct of: only a verb or a copula clause says
    /// anything ("the talks on Thursday" could be either).
    func direction(ofTokenAt token: Int) -> TemporalDirection? {
        let syntax = doc.syntax
        guard let predicate = syntax.head(of: token) else { return nil }
        switch syntax.relation(of: token) {
        // A weekday as an object is a misread time adjunct ("to sail Friday").
        case "obl", "nmod", "advmod", "obj": break
        default: return nil
        }
        let tense = tense(ofPredicate: predicate, in: syntax)
        // "repaid by Wednesday", "fees from Saturday": a deadline or a start named in a past
        // report lies after the report; only a past perfect puts it before ("had left by Friday").
        if tense == .past, isDeadline(token, in: syntax), !hasPerfect(predicate, in: syntax) { return .future }
        return tense
    }

    /// Whether `token` is introduced by a preposition of deadline or start.
    private func isDeadline(_ token: Int, in syntax: SyntaxLayer) -> Bool {
        syntax.dependents(of: token, "case").contains { ClauseTense.deadlineMarkers.contains(doc.tokens[$0].lower) }
            && !syntax.children[token].contains { doc.tokens[Int($0)].lower == "to" }
    }

    static let deadlineMarkers: Set<String> = ["by", "from"]

    private func hasPerfect(_ predicate: Int, in syntax: SyntaxLayer) -> Bool {
        syntax.dependents(of: predicate, "aux").contains { syntax.tags[$0].lemma == "have" }
    }

    /// The tense of a clause from its head and auxiliaries.
    func tense(ofPredicate p: Int, in syntax: SyntaxLayer) -> TemporalDirection? {
        let tag = syntax.tags[p]
        // Only a word spelt like an English verb: a number or a name fragment the parser took for
        // one ("to 41.5", the middle word of a place name) tells nothing.
        guard tag.upos == .verb || tag.upos == .aux, isVerbSpelling(doc.tokens[p].lower) else { return nil }
        var hasTo = false, presentBe = false, modal = false
        for child in syntax.children[p].lazy.map(Int.init) {
            let aux = syntax.tags[child]
            switch syntax.relation(of: child) {
            case "aux", "cop":
                // "may have hit": the perfect reports the past, whatever the modal.
                if aux.lemma == "have" || aux.xpos == "VBD" { return .past }
                if aux.xpos == "MD" { modal = true }
                if aux.lemma == "be", aux.xpos == "VBZ" || aux.xpos == "VBP" { presentBe = true }
                if aux.xpos == "TO" { hasTo = true }
            case "mark":
                if aux.xpos == "TO" { hasTo = true }
            default: break
            }
        }
        if modal || presentBe { return .future }
        if hasTo && tag.xpos == "VB" {
            // "held a parade to honour the veterans on Friday": a purpose clause shares its
            // head's time; "planned to leave on Friday", "is to sail Friday": an aim lies ahead.
            if syntax.relation(of: p) == "advcl", let head = syntax.head(of: p) { return tense(ofPredicate: head, in: syntax) }
            return .future
        }
        switch tag.xpos {
        case "VBD", "VBN": return .past
        case "VBZ", "VBP":
            // A headline's present is the past it reports ("Norland shells port on Tuesday"), and
            // "officials say" is the present of reporting, not of a plan.
            if let headline = doc.headline, headline.contains(p) { return nil }
            if syntax.children[p].contains(where: { ["ccomp", "parataxis"].contains(syntax.relation(of: Int($0))) }) { return nil }
            return .future
        default: return nil
        }
    }

    /// Three or more lowercase letters.
    private func isVerbSpelling(_ word: String) -> Bool {
        word.unicodeScalars.count >= 3 && word.unicodeScalars.allSatisfy { $0.properties.isLowercase }
    }
}
