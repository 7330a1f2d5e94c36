/// "The envoy said that the quota was unfair, and that Tarvia would answer with one of its own":
/// two things said, each introduced by its own "that". Each becomes its own content, so that each
/// can be a claim on its own topic and with its own stance.
enum CoordinatedComplements {
    /// `attributions` with every reported content that coordinates complements split in two or
    /// more. The parts after the first are appended, so `continues` indices stay valid.
    static func split(_ attributions: [Attribution], in doc: Doc) -> [Attribution] {
        guard !doc.syntax.isEmpty else { return attributions }
        var out = attributions
        for (i, a) in attributions.enumerated() where a.mode == .indirect || a.mode == .reported {
            let parts = parts(of: a.content, in: doc)
            guard parts.count > 1 else { continue }
            out[i].content = parts[0]
            for part in parts.dropFirst() {
                var more = a
                more.content = part
                more.continues = nil
                out.append(more)
            }
        }
        return out
    }

    /// The spans of the complements coordinated in `content`, in text order; one span when there
    /// is no such coordination.
    static func parts(of content: Range<Int>, in doc: Doc) -> [Range<Int>] {
        let syntax = doc.syntax
        guard let root = content.first(where: { k in syntax.head(of: k).map { !content.contains($0) } ?? true }) else { return [content] }
        // The parse coordinates the second complement with the first, or with the verb that
        // governs both ("said that A, and that B" read as "said that A" and "[said] that B").
        let heads = [root] + (syntax.head(of: root).map { [$0] } ?? [])
        let conjuncts = heads.flatMap { syntax.dependents(of: $0, "conj") }.filter { c in
            content.contains(c) && syntax.dependents(of: c, "mark").contains { ["that", "whether"].contains(doc.tokens[$0].lower) }
        }.sorted()
        guard !conjuncts.isEmpty else { return [content] }
        var parts: [Range<Int>] = []
        var start = content.lowerBound
        for c in conjuncts {
            let span = syntax.subtree(of: c)
            guard span.lowerBound > start, span.upperBound <= content.upperBound else { return [content] }
            parts.append(start..<trimmedEnd(span.lowerBound, after: start, in: doc))
            // The conjunct without its "that" and anything before it.
            var first = span.lowerBound
            while first < span.upperBound, syntax.relation(of: first) == "mark" || syntax.relation(of: first) == "cc"
                || doc.tokens[first].kind == .comma { first += 1 }
            start = first
        }
        parts.append(start..<content.upperBound)
        return parts.allSatisfy { !$0.isEmpty } ? parts : [content]
    }

    /// The end of a part before `end`, without the ", and" that joins it to the next.
    private static func trimmedEnd(_ end: Int, after start: Int, in doc: Doc) -> Int {
        var e = end
        while e > start + 1, doc.tokens[e - 1].kind == .comma || doc.syntax.relation(of: e - 1) == "cc" { e -= 1 }
        return e
    }
}
