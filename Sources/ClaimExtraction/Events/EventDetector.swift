import ClaimModel

/// Finds dated events: a sentence with a date expression and an actor, typed by the CAMEO root
/// code of its trigger word.
///
/// The trigger is the event word nearest the timex in its sentence (verbs and nouns alike:
/// "met", "summit", "invasion"); the actors are the sentence's mentions outside quotations.
struct EventDetector: Sendable {
    func events(text: AnalyzedText, timexes: [(timex: Timex, tokens: Range<Int>)], mentions: [Mention],
                actors: ActorTable, insideQuote: [Bool]) -> [Event] {
        var bySentence: [Int: [Mention]] = [:]
        for m in mentions where m.actor != nil && !insideQuote[m.tokens.lowerBound] {
            bySentence[text.sentenceOf[m.tokens.lowerBound], default: []].append(m)
        }
        var events: [Event] = []
        for (timex, span) in timexes {
            guard let value = timex.timeValue, !span.isEmpty, !insideQuote[span.lowerBound] else { continue }
            let s = text.sentenceOf[span.lowerBound]
            let sentence = text.sentences[s].tokens
            var names: [String] = []
            for m in bySentence[s] ?? [] {
                let name = actors[m.actor!].name
                if !names.contains(name) { names.append(name) }
            }
            guard !names.isEmpty else { continue }
            let trigger = nearestTrigger(to: span, in: sentence, tokens: text.tokens)
            let start = text.tokens[sentence.lowerBound].start
            let end = text.tokens[sentence.upperBound - 1].end
            events.append(Event(date: value, type: trigger?.code ?? "other", actors: Array(names.prefix(5)),
                                text: text.text(start, end), trigger: trigger.map { text.spelling(of: $0.index) },
                                start: start, end: end))
        }
        return events
    }

    private func nearestTrigger(to span: Range<Int>, in sentence: Range<Int>, tokens: [Token]) -> (index: Int, code: String)? {
        var best: (index: Int, code: String, distance: Int)?
        for i in sentence where tokens[i].is(.eventTrigger) && !span.contains(i) {
            guard let code = EventVocabulary.code(of: tokens[i].lemma) else { continue }
            // Triggers before the date ("met … on Monday") are likelier to govern it.
            let distance = i < span.lowerBound ? span.lowerBound - i : (i - span.upperBound) * 2 + 1
            if best == nil || distance < best!.distance { best = (i, code, distance) }
        }
        return best.map { ($0.index, $0.code) }
    }
}

/// Trigger words of the CAMEO root codes.
enum EventVocabulary {
    static let triggers: [String: String] = {
        var table: [String: String] = [:]
        func add(_ code: String, _ words: [String], irregular: [String] = []) {
            for lemma in AttributionVocabulary.lemmas(of: words, irregular: irregular) where table[lemma] == nil { table[lemma] = code }
        }
        add("19", ["invade", "invasion", "attack", "strike", "shell", "bomb", "fight", "offensive", "assault", "seize",
                   "occupy", "shoot", "launch", "drone", "missile", "war", "clash", "battle", "raid", "capture", "push"],
            irregular: ["struck", "fought", "shot"])
        add("20", ["massacre", "genocide", "slaughter"])
        add("18", ["kill", "abduct", "kidnap", "hostage", "torture", "assassinate"])
        add("04", ["meet", "meeting", "visit", "host", "talk", "talks", "summit", "attend", "discuss", "consult",
                   "negotiate", "negotiation", "travel", "arrive", "huddle", "gather", "convene", "hold", "call"],
            irregular: ["met", "held"])
        add("16", ["sanction", "tariff", "embargo", "expel", "freeze", "suspend", "ban", "cut", "sever", "adopt",
                   "restrict", "restriction", "package"], irregular: ["froze", "frozen"])
        add("13", ["threaten", "threat", "ultimatum"])
        add("12", ["reject", "refuse", "veto", "rebuff", "rule", "deny"])
        add("11", ["accuse", "criticise", "criticize", "condemn", "denounce", "blame", "complain", "dismiss"])
        add("10", ["demand", "insist"])
        add("02", ["urge", "appeal", "ask", "request", "plead"])
        add("03", ["pledge", "promise", "vow", "offer", "commit", "agree"])
        add("05", ["sign", "ratify", "endorse", "praise", "welcome", "recognise", "recognize", "broker", "mediate",
                   "agreement", "deal", "hail"])
        add("07", ["aid", "provide", "supply", "deliver", "donate", "fund", "pay", "announce"], irregular: ["paid"])
        add("08", ["lift", "ease", "withdraw", "release", "retreat", "concede", "yield"], irregular: ["withdrew"])
        add("14", ["protest", "rally", "demonstrate", "march"])
        add("15", ["mobilise", "mobilize", "deploy", "drill", "exercise"])
        add("17", ["arrest", "detain", "confiscate", "blockade"])
        add("01", ["say", "state", "tell", "comment", "warn", "note", "write", "speak", "address", "interview",
                   "statement"], irregular: ["said", "told", "wrote", "spoke"])
        return table
    }()

    /// The same table, hashed for the per-token lookups.
    private static let triggerTable = WordTable(triggers.map { ($0.key, $0.value) })

    static func code(of lemma: String) -> String? { triggerTable[lemma] }
}
