import ClaimModel

/// Who said (or holds) what: a speaker mention, the cue that attributes, and the content.
struct Attribution: Sendable, Hashable {
    var speaker: Mention
    /// The attributing word(s): "said", "according to", "rejected".
    var cue: Range<Int>
    var content: Range<Int>
    var mode: AttributionMode
    /// The stance the cue itself expresses towards its complement ("rejected" → oppose),
    /// nil for a neutral verb of saying.
    var cueStance: Stance?
    /// The attribution this one continues (a quotation running over paragraphs, "he added").
    var continues: Int?
    /// Only reports another's statement ("the ministry said the president had proposed …"): the
    /// claim is the inner speaker's, this one stays a quotation.
    var isFrame = false
    /// Read off the dependency parse (``ClauseAttributions``) rather than the token patterns of
    /// ``AttributionFinder``.
    var isFromParse = false
    /// A deed rather than a statement ("the council raised the levy"): a position, not a quotation.
    var isDeed = false
    /// The rest of a quotation after its attribution (`"…," she said. "…"`): its own claims,
    /// but one quotation with the part before.
    var isResumption = false
    /// A title's "Speaker: what they said": a who-said-what record, but no claim, since the body
    /// states it again with its date and context.
    var isTitle = false
}
