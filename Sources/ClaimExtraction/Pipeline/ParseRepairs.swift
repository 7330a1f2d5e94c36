import ClaimSyntax

/// Corrects parses the treebank's web text does not prepare the parser for but news prose
/// is full of. Each repair is a shape that cannot be right as parsed.
struct ParseRepairer: DocComponent {
    func process(_ doc: inout Doc) {
        guard !doc.syntax.isEmpty else { return }
        var changed = false
        for k in doc.tokens.indices where doc.tokens[k].lower == "that" {
            changed = complementizerReadAsRelative(k, in: &doc) || changed
        }
        if changed { doc.syntax.indexChildren() }
    }

    /// "said on Monday that Tarvia rejected the tariffs": parsed as a relative clause on
    /// "Monday" with "that" as its object, though the clause has its own subject and object
    /// and so no gap for "that" to fill. "that" is the complementizer and the clause the
    /// complement of the verb the noun hangs from.
    private func complementizerReadAsRelative(_ that: Int, in doc: inout Doc) -> Bool {
        let syntax = doc.syntax
        guard let clause = syntax.head(of: that), syntax.relations[clause].label == "acl:relcl",
              ["obj", "nsubj"].contains(syntax.relation(of: that)),
              let noun = syntax.head(of: clause), let verb = syntax.head(of: noun), verb < noun,
              [.verb].contains(syntax.tags[verb].upos),
              syntax.dependents(of: clause, "nsubj").contains(where: { $0 != that }),
              syntax.relation(of: that) == "nsubj" || syntax.dependents(of: clause, "obj").contains(where: { $0 != that })
        else { return false }
        doc.syntax.relations[that] = "mark"
        doc.syntax.heads[clause] = Int32(verb)
        doc.syntax.relations[clause] = "ccomp"
        return true
    }
}
