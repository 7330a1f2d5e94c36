import ClaimModel
import TOMLKit

/// Finds dated events: a sentence with a date expression and an actor, typed by the CAMEO root
/// code of its trigger word.
///
/// The trigger is the event word nearest the timex in its sentence (verbs and nouns alike:
/// "met", "summit", "invasion"); the actors are the sentence's mentions outside quotations.
struct EventDetector: Sendable {
    func events(text: Doc, timexes: [TokenTimex], mentions: [Mention],
                actors: ActorTable, insideQuote: [Bool]) -> [Event] {
        var bySentence: [Int: [Mention]] = [:]
        for m in mentions where m.actor != nil && !insideQuote[m.tokens.lowerBound] {
            bySentence[text.sentenceOf[m.tokens.lowerBound], default: []].append(m)
        }
        var events: [Event] = []
        // A proper noun ("the United States") or an adjective names no act, whatever verb it spells.
        var tokens = text.tokens
        if !text.syntax.isEmpty {
            for k in tokens.indices where [.propn, .adj, .num].contains(text.syntax.tags[k].upos) { tokens[k].classes.remove(.eventTrigger) }
        }
        // One event per sentence and date: a dateline and "on Thursday" name the same day.
        var seen: Set<String> = []
        // "VELMOR, March 3 —" dates the report, not anything in it; the lead sentence's own
        // "on Tuesday" dates its event.
        let dateline = text.dateline ?? 0..<0
        for found in timexes where !dateline.contains(found.tokens.lowerBound) {
            let (timex, span) = (found.timex, found.tokens)
            guard let value = timex.timeValue.flatMap(Self.eventDate), !span.isEmpty, !insideQuote[span.lowerBound] else { continue }
            guard !isTarget(span, tokens: text.tokens) else { continue }
            // A live blog's stamp dates its entry's first sentence; any other timex its own.
            let s: Int, governing: Range<Int>
            if isStamp(found, in: text) {
                guard let first = entrySentence(stampedBy: found, in: text), let mentions = bySentence[first] else { continue }
                (s, governing) = (first, mentions[0].tokens)
            } else {
                (s, governing) = (text.sentenceOf[span.lowerBound], span)
            }
            guard let mentions = bySentence[s], seen.insert("\(s) \(value)").inserted else { continue }
            events.append(event(in: s, date: value, governing: governing, mentions: mentions, text: text, actors: actors, tokens: tokens))
        }
        return events
    }

    /// The date an event is recorded under: a time or part of a day ("Friday afternoon", "at
    /// 3 p.m. on Friday") is that day and a weekend its week, as a timeline files them; a mere
    /// direction ("recently") dates nothing.
    static func eventDate(_ value: TimeValue) -> TimeValue? {
        guard value.granularity != .reference else { return nil }
        return value.filedValue
    }

    /// A live blog's entry reports what happened on the day of its stamp: the first sentence of
    /// the entry's text (the paragraph after the title line). A later sentence only adds to it.
    private func entrySentence(stampedBy stamp: TokenTimex, in text: Doc) -> Int? {
        let titleParagraph = text.sentences[text.sentenceOf[stamp.tokens.lowerBound]].paragraph
        var s = text.sentenceOf[stamp.tokens.lowerBound] + 1
        while s < text.sentences.count, text.sentences[s].paragraph <= titleParagraph + 1 {
            if text.sentences[s].paragraph > titleParagraph { return s }
            s += 1
        }
        return nil
    }

    /// The event of sentence `s`: its actors, then the countries or bodies they belong to (a
    /// person acts for them, and the record names them too), typed by the predicate governing
    /// `governing`.
    private func event(in s: Int, date: TimeValue, governing: Range<Int>, mentions: [Mention], text: Doc, actors: ActorTable,
                       tokens: [Token]) -> Event {
        var names: [String] = []
        for m in mentions where !names.contains(actors[m.actor!].name) { names.append(actors[m.actor!].name) }
        for m in mentions {
            if let affiliation = actors[m.actor!].affiliation, !names.contains(affiliation) { names.append(affiliation) }
        }
        let sentence = text.sentences[s].tokens
        let trigger = EventTyping.trigger(governing: governing, in: sentence, tokens: tokens)
        let start = text.tokens[sentence.lowerBound].start, end = text.tokens[sentence.upperBound - 1].end
        return Event(date: date, type: trigger?.code ?? "other", actors: Array(names.prefix(6)), text: text.text(start, end),
                     trigger: trigger.map { text.spelling(of: $0.index) }, start: start, end: end)
    }

    /// `09:40 Ministers arrive`: the time a live blog's entry was posted, not when anything in it happened.
    private func isStamp(_ found: TokenTimex, in doc: Doc) -> Bool {
        // Exactly what the temporal tagger reads as a stamp: a bare "HH:MM" opening its line.
        found.timex.type == .time && doc.tokens[found.tokens.lowerBound].startsParagraph
            && found.timex.text.count <= 5 && found.timex.text.allSatisfy { $0.isNumber || $0 == ":" }
    }

    /// "by 2031", "until April", "for 2029 and 2030": a deadline or a period planned for, not the
    /// date something happened.
    private func isTarget(_ span: Range<Int>, tokens: [Token]) -> Bool {
        var k = span.lowerBound - 1
        // "by the end of 2031"
        if k >= 2, tokens[k].lower == "of", tokens[k - 1].lower == "end" || tokens[k - 1].lower == "start" { k -= 2 }
        if k >= 0, tokens[k].lower == "the" { k -= 1 }
        guard k >= 0 else { return false }
        let w = tokens[k].lower
        return w == "by" || w == "until" || w == "till" || w == "for"
    }
}

/// Picks the word that types an event: the predicate of the clause that holds the date.
enum EventTyping {
    /// Verbs whose own meaning is thin: "announced new tariffs", "agreed to lift sanctions",
    /// "began the procedure to restore tariffs" are typed by what they announce or agree to.
    static let lightVerbs: Set<String> = AttributionVocabulary.lemmas(
        of: ["announce", "agree", "decide", "launch", "move", "approve", "unveil"], irregular: [])
    /// "speak with", "talk with", "held a call": a conversation between the parties.
    static let conversationVerbs: Set<String> = AttributionVocabulary.lemmas(of: ["speak", "talk", "meet"], irregular: ["spoke", "spoken"])
    /// "lift/ease/suspend sanctions": a concession, whatever the noun on its own means.
    static let undoingVerbs: Set<String> = AttributionVocabulary.lemmas(
        of: ["lift", "ease", "suspend", "remove", "scrap", "end", "relax", "waive"], irregular: [])
    static let callLemma = Lemmatizer.lemma(ofLowercased: "call")
    static let presenceWords: Set<String> = ["was", "were", "is", "are", "be", "been", "expected", "arrived"]
    static let callModifiers: Set<String> = ["a", "the", "video", "phone", "telephone", "conference"]
    static let strike: Set<String> = AttributionVocabulary.lemmas(of: ["strike"], irregular: ["struck"])

    static func trigger(governing span: Range<Int>, in sentence: Range<Int>, tokens: [Token]) -> (index: Int, code: String)? {
        // The clause of the date: back to the last comma, colon, dash or bracket; forward to the
        // next one or to a linking word that opens another predicate ("… on Thursday and said").
        var lo = span.lowerBound
        while lo > sentence.lowerBound, !isClauseBreak(tokens[lo - 1]) { lo -= 1 }
        var hi = span.upperBound
        while hi < sentence.upperBound, !isClauseBreak(tokens[hi]),
              !(tokens[hi].is(.clauseLink) && tokens[hi].lower != "as" && tokens[hi].lower != "long") { hi += 1 }
        // Triggers before the date govern it ("met … on Monday"); of those, a setting ("at a
        // summit") yields to an earlier predicate ("met EU leaders at a summit on Thursday").
        // "Tarvia's 2019 blockade", "in Friday's referendum": the date dates the noun it modifies.
        let after = span.upperBound < sentence.upperBound ? tokens[span.upperBound] : nil
        let modifies = after?.kind == .possessive
            || (span.lowerBound > lo && (tokens[span.lowerBound - 1].kind == .possessive || tokens[span.lowerBound - 1].lower == "the"))
        if modifies {
            var k = span.upperBound
            while k < hi, k < span.upperBound + 4 {
                if let code = code(at: k, clause: lo..<hi, tokens: tokens) { return (k, code) }
                if !tokens[k].isWord && tokens[k].kind != .possessive { break }
                k += 1
            }
            if after?.kind == .possessive { return nil }
        }
        var before: (index: Int, code: String)?
        var setting: (index: Int, code: String)?
        for i in stride(from: span.lowerBound - 1, through: lo, by: -1) {
            guard let code = code(at: i, clause: lo..<hi, tokens: tokens) else { continue }
            if isSetting(i, from: lo, tokens: tokens) {
                if setting == nil { setting = (i, code) }
                continue
            }
            before = (i, code)
            break
        }
        if let found = before ?? setting { return resolve(found, clause: lo..<hi, skipping: span, tokens: tokens) }
        for i in span.upperBound..<hi {
            if let code = code(at: i, clause: lo..<hi, tokens: tokens) {
                return resolve((i, code), clause: lo..<hi, skipping: span, tokens: tokens)
            }
        }
        // No predicate in the clause: the trigger nearest the date in the sentence.
        var best: (index: Int, code: String, distance: Int)?
        for i in sentence where !span.contains(i) {
            guard let code = code(at: i, clause: sentence, tokens: tokens) else { continue }
            let distance = i < span.lowerBound ? span.lowerBound - i : (i - span.upperBound) * 2 + 1
            if best == nil || distance < best!.distance { best = (i, code, distance) }
        }
        return best.map { resolve(($0.index, $0.code), clause: sentence, skipping: span, tokens: tokens) }
    }

    private static func isClauseBreak(_ t: Token) -> Bool {
        switch t.kind {
        case .comma, .colon, .dash, .openParen, .closeParen, .terminal: return true
        default: return false
        }
    }

    /// The code of the trigger at `i`, read with its neighbours.
    static func code(at i: Int, clause: Range<Int>, tokens: [Token]) -> String? {
        let t = tokens[i]
        let next = i + 1 < clause.upperBound ? tokens[i + 1].lower : ""
        if t.is(.locativePreposition), t.lower == "in", i > clause.lowerBound, i + 1 < clause.upperBound, tokens[i + 1].isCapitalized,
           presenceWords.contains(tokens[i - 1].lower) {
            return "04"   // "was in Port Alder on Monday", "is expected in Norland this week": a visit
        }
        guard t.is(.eventTrigger), var code = EventVocabulary.code(of: t.lemma) else { return nil }
        // "a video call", "the phone call": a conversation, not a statement.
        if t.lemma == callLemma, i > clause.lowerBound, callModifiers.contains(tokens[i - 1].lower) { code = "04" }
        if conversationVerbs.contains(t.lemma), next == "with" || next == "by" { return "04" }
        if strike.contains(t.lemma) {
            // "struck a deal", "the accord struck on Friday"
            for k in max(clause.lowerBound, i - 3)..<min(clause.upperBound, i + 4) where k != i && tokens[k].is(.eventTrigger) {
                if EventVocabulary.code(of: tokens[k].lemma) == "05" { return "05" }
            }
        }
        return code
    }

    /// "at a summit", "at the opening session of parliament": where something else happened.
    private static func isSetting(_ i: Int, from lo: Int, tokens: [Token]) -> Bool {
        var k = i - 1
        while k >= lo, k >= i - 4 {
            let w = tokens[k]
            if w.lower == "at" { return true }
            if w.kind != .word || w.is(.eventTrigger) { return false }
            k -= 1
        }
        return false
    }

    /// A light verb takes the code of the act it introduces; an undoing verb turns a measure
    /// into a concession, and a cutting verb turns aid into a reduction of relations.
    private static func resolve(_ found: (index: Int, code: String), clause: Range<Int>, skipping span: Range<Int>,
                                tokens: [Token]) -> (index: Int, code: String) {
        let i = found.index
        if lightVerbs.contains(tokens[i].lemma) {
            var k = i + 1
            while k < clause.upperBound, k <= i + 9 {
                if !span.contains(k), let code = code(at: k, clause: clause, tokens: tokens),
                   code != "01", code != "04", code != "03", code != "02" {
                    if code == "16", let undo = undoing(before: k, after: i, tokens: tokens) { return (undo, "08") }
                    return (k, code)
                }
                k += 1
            }
            return found
        }
        if found.code == "16" || found.code == "07" {
            var k = i - 1
            while k >= clause.lowerBound, k >= i - 4 {
                if found.code == "16", tokens[k].isWord, undoingVerbs.contains(tokens[k].lemma) { return (k, "08") }
                if found.code == "07", tokens[k].is(.eventTrigger), EventVocabulary.code(of: tokens[k].lemma) == "16" { return (k, "16") }
                k -= 1
            }
        }
        return found
    }

    private static func undoing(before k: Int, after i: Int, tokens: [Token]) -> Int? {
        var j = k - 1
        while j > i, j >= k - 4 {
            if tokens[j].isWord, undoingVerbs.contains(tokens[j].lemma) { return j }
            j -= 1
        }
        return nil
    }
}

/// Trigger words of the CAMEO root codes.
/// The CAMEO root codes of event triggers: `Resources/cameo.toml`.
enum EventVocabulary {
    /// Lemma key → code; the first code a word is listed under.
    static let triggers: [String: String] = {
        var table: [String: String] = [:]
        for entry in entries { for word in entry.words { for key in CueLexicon.inflectionKeys(of: word) where table[key] == nil { table[key] = entry.code } } }
        return table
    }()

    /// Each code's label ("04" consult), for people reading codes.
    static let labels: [String: String] = Dictionary(entries.map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first })

    /// `sentence => code`, for the tests.
    static let examples: [String] = entries.flatMap(\.examples)

    private struct Entry { var code: String; var label: String; var words: [String]; var examples: [String] }

    private static let entries: [Entry] = {
        // The embedded file is part of the build and is parsed by the tests; failure is a build defect.
        let table = try! TOMLTable(string: String(decoding: PackageResources.cameo_toml, as: UTF8.self))
        return (table["code"]?.array ?? TOMLArray()).compactMap { item in
            guard let entry = item.table, let code = entry["code"]?.string else { return nil }
            func strings(_ key: String) -> [String] { (entry[key]?.array ?? TOMLArray()).compactMap { $0.string } }
            return Entry(code: code, label: entry["label"]?.string ?? "", words: strings("words"), examples: strings("examples"))
        }
    }()

    /// The same table, hashed for the per-token lookups.
    private static let triggerTable = WordTable(triggers.map { ($0.key, $0.value) })

    static func code(of lemma: String) -> String? { triggerTable[lemma] }
}

extension TimeValue {
    /// The value a timeline files this one under: a time of day is its day, a weekend its week.
    var filedValue: TimeValue {
        if let t = value.firstIndex(of: "T") {
            return TimeValue(value: String(value[..<t]), granularity: .day)
        }
        if value.hasSuffix("-WE") { return TimeValue(value: String(value.dropLast(3)), granularity: .week) }
        return self
    }
}
