/// The 37 universal dependency relations of UD v2: the part of a DEPREL label before any `:`.
///
/// LAS in the CoNLL 2018 evaluation compares only this part, so it gets its own type; the
/// language-specific subtype (`pass` in `nsubj:pass`) lives in ``DependencyRelation``.
public enum UniversalRelation: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    case acl, advcl, advmod, amod, appos, aux, `case`, cc, ccomp, clf, compound, conj, cop, csubj
    case dep, det, discourse, dislocated, expl, fixed, flat, goeswith, iobj, list, mark, nmod
    case nsubj, nummod, obj, obl, orphan, parataxis, punct, reparandum, root, vocative, xcomp

    public var description: String { rawValue }
}

/// A full UD dependency label such as `nsubj:pass`, `acl:relcl`, `nmod:poss` or `compound:prt`.
///
/// The parser predicts full labels (English EWT uses subtypes heavily and they carry meaning a
/// caller relies on, e.g. passive subjects), while scoring and coarse logic usually want only the
/// universal part; this type keeps the label exactly as written and offers both views.
public struct DependencyRelation: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The label exactly as in the DEPREL column, e.g. `obl:agent`.
    public let label: String

    public init(_ label: String) { self.label = label }
    public init(stringLiteral value: String) { self.label = value }

    /// The universal part (before the first `:`), or `.dep` when the label is not a UD v2 relation.
    public var universal: UniversalRelation {
        UniversalRelation(rawValue: universalLabel) ?? .dep
    }

    /// The text before the first `:` (the whole label when there is no subtype).
    public var universalLabel: String {
        if let colon = label.firstIndex(of: ":") { return String(label[..<colon]) }
        return label
    }

    /// The subtype after the first `:`, e.g. `pass` for `nsubj:pass`; `nil` when there is none.
    public var subtype: String? {
        guard let colon = label.firstIndex(of: ":") else { return nil }
        return String(label[label.index(after: colon)...])
    }

    public var description: String { label }
}
