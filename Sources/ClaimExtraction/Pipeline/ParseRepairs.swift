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

    /// "said on Monday that Tarvia rejected the tariffs": parsed with "that" as the object (or
    /// subject) of a clause that has its own subject and object, so no gap for "that" to fill.
    /// "that" is the complementizer; where the clause was hung as a relative clause on the day,
    /// it is the complement of the verb the day hangs from.
    private func complementizerReadAsRelative(_ that: Int, in doc: inout Doc) -> Bool {
        let syntax = doc.syntax
        let role = syntax.relation(of: that)
        guard let clause = syntax.head(of: that), ["obj", "nsubj"].contains(role), that < clause,
              syntax.dependents(of: clause, "nsubj").contains(where: { $0 != that && $0 > that }),
              role == "nsubj" || syntax.dependents(of: clause, "obj").contains(where: { $0 != that })
        else { return false }
        doc.syntax.relations[that] = "mark"
        if syntax.relations[clause].label == "acl:relcl", let noun = syntax.head(of: clause), let verb = syntax.head(of: noun),
           verb < noun, syntax.tags[verb].upos == .verb {
            doc.syntax.heads[clause] = Int32(verb)
            doc.syntax.relations[clause] = "ccomp"
        }
        return true
    }
}
