import ClaimModel
import Foundation

/// What found a claim, as named numbers: the input of ``ConfidenceModel``, and what
/// `claimd extract` shows beside each claim so that its confidence can be read.
struct ClaimSignals {
    private(set) var values: [String: Double] = [:]

    init(attribution a: Attribution, topic: TopicChoice, stance: Stance, actor: ActorRef, topicsOfStatement: Int, doc: Doc) {
        let tokens = doc.tokens
        set("mode_" + a.mode.rawValue)
        if a.speaker.anaphor != nil { set("speaker_anaphor") }
        if a.continues != nil { set("continued_quotation") }
        if a.isFromParse { set("from_parse") }
        if a.isDeed { set("deed") }
        set("topic_" + topic.source.rawValue)
        if topic.hit.isContext { set("topic_context_cue") }
        values["topic_salience"] = topic.salience
        if topicsOfStatement > 1 { set("several_topics") }
        // A person or a body: whether a body is a country is known only to the gazetteer, and
        // the confidence must not depend on what the gazetteer happens to list.
        set(actor.kind == .person ? "actor_person" : actor.kind == .group ? "actor_group" : "actor_body")
        set("stance_" + stance.rawValue)
        switch a.cueStance {
        case .support?: set("cue_supports")
        case .oppose?: set("cue_opposes")
        default: break
        }
        let content = a.content
        values["content_words_log"] = log(Double(max(1, content.count)))
        if content.contains(where: { tokens[$0].is(.negation) }) { set("content_negation") }
        if content.contains(where: { tokens[$0].is(.modal) }) { set("content_modal") }
        if content.contains(where: { tokens[$0].is(.condition) }) { set("content_condition") }
        if let headline = doc.headline, headline.contains(a.cue.lowerBound) { set("in_headline") }
    }

    private mutating func set(_ name: String) { values[name] = 1 }
}
