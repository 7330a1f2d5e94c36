import ClaimSyntax

/// Corrects parses the treebank's web text does not prepare the parser for but news prose
/// is full of. Each repair is a shape that cannot be right as parsed.
struct ParseRepairer: DocComponent {
    /// One change to the parse: `token` gets `relation` (and `head`, when not nil).
    private struct Repair {
        var token: Int
        var head: Int?
        var relation: DependencyRelation
    }

    func process(_ doc: inout Doc) {
        guard !doc.syntax.isEmpty else { return }
        // Decided on the parse as it came, then applied at once: changing the layer while a copy
        // of it is held would copy it whole for every repair.
        var repairs: [Repair] = []
        for k in doc.tokens.indices where doc.tokens[k].lower == "that" {
            repairs += complementizerReadAsRelative(k, in: doc.syntax)
            repairs += complementHungOnAdjunct(k, in: doc.syntax)
        }
        guard !repairs.isEmpty else { return }
        for repair in repairs {
            if let head = repair.head { doc.syntax.heads[repair.token] = Int32(head) }
            doc.syntax.relations[repair.token] = repair.relation
        }
        doc.syntax.indexChildren()
    }

    /// "said on Monday that Tarvia rejected the tariffs": parsed with "that" as the object (or
    /// subject) of a clause that has its own subject and object, so no gap for "that" to fill.
    /// "that" is the complementizer; where the clause was hung as a relative clause on the day,
    /// it is the complement of the verb the day hangs from.
    private func complementizerReadAsRelative(_ that: Int, in syntax: SyntaxLayer) -> [Repair] {
        let role = syntax.relation(of: that)
        guard let clause = syntax.head(of: that), ["obj", "nsubj"].contains(role), that < clause,
              syntax.dependents(of: clause, "nsubj").contains(where: { $0 != that && $0 > that }),
              role == "nsubj" || syntax.dependents(of: clause, "obj").contains(where: { $0 != that })
        else { return [] }
        var repairs = [Repair(token: that, head: nil, relation: "mark")]
        if syntax.relations[clause].label == "acl:relcl", let noun = syntax.head(of: clause), let verb = syntax.head(of: noun),
           verb < noun, syntax.tags[verb].upos == .verb {
            repairs.append(Repair(token: clause, head: verb, relation: "ccomp"))
        }
        return repairs
    }

    /// "said on Friday that the levy was unlawful": "that" parsed as the complementizer,
    /// but its clause hung on the day, as a relative clause or a complement. A relative clause has
    /// no complementizer, and an adjunct of the verb takes no complement: the clause is the verb's.
    private func complementHungOnAdjunct(_ that: Int, in syntax: SyntaxLayer) -> [Repair] {
        guard syntax.relation(of: that) == "mark", syntax.tags[that].upos == .sconj,
              let clause = syntax.head(of: that), that < clause, ["acl", "ccomp"].contains(syntax.relation(of: clause)),
              let adjunct = syntax.head(of: clause), syntax.relation(of: adjunct) == "obl",
              let verb = syntax.head(of: adjunct), verb < adjunct, syntax.tags[verb].upos == .verb,
              syntax.dependent(of: verb, "ccomp") == nil else { return [] }
        return [Repair(token: clause, head: verb, relation: "ccomp")]
    }
}
