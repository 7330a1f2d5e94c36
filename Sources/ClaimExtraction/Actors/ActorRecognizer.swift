import ClaimModel
import ClaimSyntax

/// Finds the actors a document mentions, known to the gazetteer or not.
///
/// One left-to-right pass over the tokens tries, at each position: an anaphor ("he", "the
/// ministry"); a gazetteer name or a demonym with what follows it (a title and a name, a group
/// noun, an institution); a title and a name; a bare capitalised name. Unknown countries are
/// learnt from possessives before a government role ("Taldera's foreign minister") and unknown
/// capitals from "X, the capital" before the pass, so that later mentions resolve to them.
struct ActorRecognizer: Sendable {
    let gazetteer: Gazetteer

    func recognize(_ text: Doc) -> (mentions: [Mention], actors: ActorTable) {
        var pass = RecognitionPass(text: text, gazetteer: gazetteer)
        pass.run()
        return (pass.mentions, pass.table)
    }
}

extension ActorRecognizer {
    /// Parts of speech no word of a name has after its first.
    static let nonNameTags: Set<UniversalTag> = [.verb, .aux, .adv, .adp, .det, .pron, .cconj, .sconj, .part]
}

/// The state of one recognition run.
private struct RecognitionPass {
    let text: Doc
    let gazetteer: Gazetteer
    var table = ActorTable()
    var mentions: [Mention] = []
    /// The end of a name read as a place: none of its words starts a mention ("rebel-held Ostin").
    private var placeEnd = 0
    /// Capitals learnt from the text ("Varnholm, the capital"), lowercased, → country actor.
    var capitals: [String: Int] = [:]
    /// The gazetteer phrase starting at each token: the rules ask for it several times per token.
    private let gazetteerHits: [GazetteerHit?]

    typealias GazetteerHit = (length: Int, entry: Int, isMetonym: Bool)
    /// Per gazetteer entry, its index in `table` once interned.
    private var entryActors: [Int?]

    init(text: Doc, gazetteer: Gazetteer) {
        self.text = text
        self.gazetteer = gazetteer
        let tokens = text.tokens
        self.tokens = tokens
        entryActors = Array(repeating: nil, count: gazetteer.entries.count)
        gazetteerHits = tokens.indices.map { i in
            guard tokens[i].is(.nameStart),
                  let match = gazetteer.names.longestMatch(at: i, key: { $0 < tokens.count && tokens[$0].kind != .terminal ? tokens[$0].lower : nil })
            else { return nil }
            let span = i..<i + match.length
            if match.value.needsCapital, !span.contains(where: { tokens[$0].isCapitalized }) { return nil }
            // "the Commission on Maritime Safety": a known name that a capitalised "on/of/for"
            // phrase continues is part of a longer name, another body.
            let end = span.upperBound
            if tokens[end - 1].isCapitalized, end + 1 < tokens.count, ["on", "of", "for"].contains(tokens[end].lower),
               tokens[end + 1].isCapitalized, tokens[end + 1].kind == .word, !tokens[end + 1].startsParagraph,
               gazetteer.names.longestMatch(at: end + 1, key: { $0 < tokens.count ? tokens[$0].lower : nil }) == nil {
                return nil
            }
            return (match.length, match.value.entry, match.value.isMetonym)
        }
    }

    /// Adjective endings of demonyms not in the gazetteer ("Talderan", "Norlish").
    static let demonymEndings = ["an", "ian", "ese", "ish", "i", "ic", "ean"]

    /// The document's tokens, held directly: reading them through `text` costs a retain per access.
    let tokens: [Token]

    func token(_ i: Int) -> Token? { i >= 0 && i < tokens.count ? tokens[i] : nil }

    mutating func run() {
        discoverCapitals()
        // "KYIV, Ukraine (AP) —", "Port Sudan (AFP) -": where the story was filed names no actor.
        let dateline = text.dateline ?? 0..<0
        var i = 0
        while i < tokens.count {
            if dateline.contains(i) {
                i = dateline.upperBound
                continue
            }
            if let mention = mention(at: i) {
                mentions.append(mention)
                i = max(mention.tokens.upperBound, i + 1)
            } else {
                i = max(i + 1, placeEnd)
            }
        }
        absorbSpokespeople()
    }

    // MARK: - One position

    private mutating func mention(at i: Int) -> Mention? {
        let t = tokens[i]
        guard t.kind == .word else { return nil }
        if let group = groupOfNamed(at: i) { return group }
        if let anaphor = anaphor(at: i) { return anaphor }
        var start = i
        // "Senior Norlandic envoy …", "Former Tarvian President …": a title adjective before the affiliation.
        if t.isCapitalized, t.is(.roleModifier), !t.is(.roleHead),
           let next = token(i + 1), next.isCapitalized, affiliation(at: i + 1) != nil {
            start = i + 1
        }
        if let m = descriptionOfNamedBody(at: i) { return m }
        if let prefix = affiliation(at: start), let m = afterAffiliation(prefix, mentionStart: i) { return m }
        if let m = titledName(roleStart: i, mentionStart: i, affiliation: nil) { return m }
        // "Former Obama", "Perhaps Russia", "Sen. Cruz": a leading adverb, a bare adjective or an
        // abbreviated title before a name is no part of it; the name is what follows.
        if t.isCapitalized, ActorVocabulary.leadingNonNames.contains(t.lower) {
            var k = i + 1
            if token(k)?.lower == "." { k += 1 }
            if let next = token(k), next.isCapitalized, !next.startsParagraph, var inner = mention(at: k), inner.actor != nil {
                inner.tokens = i..<inner.tokens.upperBound
                return inner
            }
        }
        return bareName(at: i)
    }

    /// The country of a place the sentence opens with ("In Varnholm, …", "In Tarvia, …"), when
    /// `i` comes after its comma.
    private mutating func countryOfFrontedPlace(before i: Int) -> Int? {
        let start = text.sentences[text.sentenceOf[i]].tokens.lowerBound
        guard tokens[start].lower == "in", start + 2 < i else { return nil }
        if let hit = gazetteerHit(at: start + 1), gazetteer.entries[hit.entry].kind == .country,
           token(start + 1 + hit.length)?.kind == .comma {
            return actor(forEntry: hit.entry)
        }
        if token(start + 2)?.kind == .comma, let country = capitals[tokens[start + 1].lower] { return country }
        return nil
    }

    /// "the bloc" once the article has named a bloc of its own ("the Nordic Union … the bloc"):
    /// that bloc. The gazetteer's description ("the bloc" for the best-known one) holds only
    /// when the article names no bloc the gazetteer does not know.
    private func descriptionOfNamedBody(at i: Int) -> Mention? {
        guard tokens[i].lower == "the", let hit = gazetteerHit(at: i), hit.length == 2, !hit.isMetonym,
              let noun = token(i + 1), !noun.isCapitalized else { return nil }
        for m in mentions.reversed() {
            guard let a = m.actor, !entryActors.contains(a), table[a].kind == .organisation,
                  ActorVocabulary.blocHeads.contains(Self.headWord(ofName: table[a].name))
            else { continue }
            return Mention(tokens: i..<i + 2, actor: a)
        }
        return nil
    }

    /// The head of a name, lowercased: its last word, or the last before "of" ("Union of Free States").
    static func headWord(ofName name: String) -> String {
        let words = name.lowercased().split(separator: " ")
        return String(words.firstIndex(of: "of").flatMap { $0 > 0 ? words[$0 - 1] : nil } ?? words.last ?? "")
    }

    /// "the leaders of Norland, Tarvia and Ostrel", "the foreign ministers of Taldera and
    /// Norland": a group named by its members, not an anaphor.
    private mutating func groupOfNamed(at i: Int) -> Mention? {
        guard tokens[i].is(.anaphorStart), tokens[i].lower == "the" else { return nil }
        var j = i + 1
        while let m = token(j), m.is(.roleModifier), !m.is(.groupHead) { j += 1 }
        guard let head = token(j), head.is(.groupHead), token(j + 1)?.lower == "of" else { return nil }
        var k = j + 2
        var members = 0
        var end = k
        while let t = token(k), t.isCapitalized, t.kind == .word {
            members += 1
            k += 1
            while let more = token(k), more.isCapitalized, more.kind == .word { k += 1 } // "Saudi Arabia"
            end = k
            guard let next = token(k), next.kind == .comma || next.isLink("and") else { break }
            k += 1
            if token(k)?.isLink("and") == true { k += 1 }
        }
        guard members >= 2 else { return nil }
        let actor = table.intern(ActorRef(name: text.text(tokens: i + 1..<end), kind: .group))
        return Mention(tokens: i..<end, actor: actor)
    }

    // MARK: - Anaphors

    private mutating func anaphor(at i: Int) -> Mention? {
        let t = tokens[i]
        guard t.is(.anaphorStart) else { return nil }
        switch t.lower {
        case "he", "she": return Mention(tokens: i..<i + 1, anaphor: .person)
        case "they": return Mention(tokens: i..<i + 1, anaphor: .plural)
        case "it": return Mention(tokens: i..<i + 1, anaphor: .thing)
        case "i", "we": return Mention(tokens: i..<i + 1, anaphor: .speaker)
        case "you": return Mention(tokens: i..<i + 1, anaphor: .addressee)
        case "our", "my":
            // "our government", "my ministry": the speaker's own body.
            var j = i + 1, head: Int?
            while let m = token(j), m.kind == .word, j < i + 4 {
                if m.is(.institutionHead) || m.is(.groupHead) { head = j }
                guard m.is(.roleModifier) || m.is(.institutionHead) || m.is(.groupHead) else { break }
                j += 1
            }
            guard let head else { return nil }
            return Mention(tokens: i..<head + 1, anaphor: .speaker)
        case "their", "its":
            // "their trade ministers said", "its interior ministry said": the body or country
            // spoken of, through the people or office that speak for it.
            var j = i + 1
            while let m = token(j), m.is(.roleModifier), !m.is(.roleHead) { j += 1 }
            guard let head = token(j), head.kind == .word, head.is(.roleHead) || head.is(.institutionHead) || head.is(.groupHead),
                  token(j + 1)?.isCapitalized != true else { return nil }
            return Mention(tokens: i..<j + 1, anaphor: t.lower == "its" ? .thing : .plural)
        case "whose":
            // "Tarvia, whose government has long opposed …": the body of the one the clause is about.
            var j = i + 1
            while let m = token(j), m.is(.roleModifier), !m.is(.institutionHead) { j += 1 }
            guard let head = token(j), head.is(.institutionHead), i >= 2, token(i - 1)?.kind == .comma,
                  let antecedent = mentions.last, antecedent.tokens.upperBound == i - 1, let actor = antecedent.actor else { return nil }
            let owner = table[actor].kind == .person ? table[actor].affiliation.flatMap { table.index(lowercased: $0.lowercased()) } : actor
            return owner.map { Mention(tokens: i..<j + 1, actor: $0) }
        case "the":
            var j = i + 1
            var people: Int?
            if let d = token(j), d.isCapitalized, let entry = demonym(at: j) { people = entry; j += 1 }
            while let m = token(j), m.is(.roleModifier), !m.is(.roleHead) { j += 1 }
            guard let head = token(j), head.kind == .word else { return nil }
            if head.is(.roleHead) || head.is(.institutionHead) || head.lower == "group" {
                // "the president of France" is a description, not an anaphor.
                if let after = token(j + 1), after.lower == "of" || after.isCapitalized { return nil }
                // "the Talderan commerce ministry": the institution speaks for the country it names.
                if head.is(.institutionHead), let people { return Mention(tokens: i..<j + 1, actor: actor(forEntry: people)) }
                // "In Varnholm, the foreign ministry said": the institution of the place the sentence is set in.
                if head.is(.institutionHead), let country = countryOfFrontedPlace(before: i) {
                    return Mention(tokens: i..<j + 1, actor: country)
                }
                return Mention(tokens: i..<j + 1, anaphor: .role(head.lemma))
            }
            return nil
        case "a", "an":
            // "A spokesman said …": someone speaking for the body the text is about.
            guard let head = token(i + 1), ActorVocabulary.spokespersonHeads.contains(head.lower) else { return nil }
            if let after = token(i + 2), after.lower == "for" || after.lower == "of" || after.isCapitalized { return nil }
            return Mention(tokens: i..<i + 2, anaphor: .role(head.lemma))
        default: return nil
        }
    }

    // MARK: - Affiliation prefixes

    /// What a title, group or institution belongs to: "Ukraine's", "Lithuanian", "EU", "Taldera's".
    private struct Affiliation {
        /// First token after the prefix.
        var end: Int
        /// The entity, when the prefix names one.
        var actor: Int
        /// The prefix names the entity itself ("EU", "Ukraine's"), not its people ("Ukrainian").
        var isEntity: Bool
        /// The prefix as written, for naming groups ("Ukrainian officials").
        var label: String
        var possessive: Bool
    }

    private mutating func affiliation(at i: Int) -> Affiliation? {
        guard let t = token(i), t.kind == .word else { return nil }
        if let hit = gazetteerHit(at: i) {
            var end = i + hit.length
            let possessive = token(end)?.kind == .possessive
            if possessive { end += 1 }
            let actor = actor(forEntry: hit.entry)
            return Affiliation(end: end, actor: actor, isEntity: true, label: text.text(tokens: i..<i + hit.length), possessive: possessive)
        }
        if let entry = demonym(at: i) {
            return Affiliation(end: i + 1, actor: actor(forEntry: entry), isEntity: false, label: text.spelling(of: i), possessive: false)
        }
        if t.isCapitalized, let country = (capitals.isEmpty ? nil : capitals[t.lower]) ?? table.index(lowercased: t.lower).flatMap({ table[$0].kind == .country ? $0 : nil }) {
            let possessive = token(i + 1)?.kind == .possessive
            return Affiliation(end: i + (possessive ? 2 : 1), actor: country, isEntity: true, label: text.spelling(of: i), possessive: possessive)
        }
        guard t.isCapitalized, !t.is(.notName), !t.is(.roleHead),
              !t.is(.roleModifier) else { return nil }
        // An unknown country: "Taldera's foreign minister", "Talderan President …".
        let possessive = token(i + 1)?.kind == .possessive
        let after = possessive ? i + 2 : i + 1
        guard let head = governmentRoleHead(from: after) else { return nil }
        if possessive {
            let actor = table.intern(ActorRef(name: text.spelling(of: i), kind: .country))
            return Affiliation(end: after, actor: actor, isEntity: true, label: text.spelling(of: i), possessive: true)
        }
        guard RecognitionPass.demonymEndings.contains(where: { t.lower.hasSuffix($0) }), head != after || tokens[head].isCapitalized || tokens[head].is(.groupHead) else { return nil }
        let country = countryForUnknownDemonym(text.spelling(of: i))
        return Affiliation(end: after, actor: country, isEntity: false, label: text.spelling(of: i), possessive: false)
    }

    /// The index of a government role or institution word within the next few modifiers.
    private func governmentRoleHead(from j: Int) -> Int? {
        var k = j
        while let m = token(k), k < j + 3 {
            if m.classes.contains(.governmentRole) { return k }
            guard m.is(.roleModifier) || m.kind == .word && !m.isCapitalized && m.lower.utf8.count > 2 else { return nil }
            k += 1
        }
        return nil
    }

    /// "Talderan" → the country "Taldera" when the text names it; else a country named by the adjective.
    private mutating func countryForUnknownDemonym(_ adjective: String) -> Int {
        let stem = adjective.lowercased().prefix(max(4, adjective.count - 3))
        for (index, actor) in table.actors.enumerated() where actor.kind == .country && actor.name.lowercased().hasPrefix(stem) {
            return index
        }
        return table.intern(ActorRef(name: adjective, kind: .country))
    }

    // MARK: - After an affiliation

    private mutating func afterAffiliation(_ prefix: Affiliation, mentionStart: Int) -> Mention? {
        var a = prefix
        // "Tarvian and Norlandic officials", "Nordic and Baltic finance ministers".
        if token(a.end)?.lower == "and", let second = affiliation(at: a.end + 1), !second.possessive {
            a.end = second.end
        }
        let affiliationName = table[a.actor].name
        if let person = titledName(roleStart: a.end, mentionStart: mentionStart, affiliation: affiliationName) { return person }
        var j = a.end
        var modifiers = 0
        while let m = token(j), m.kind == .word, modifiers < 3 {
            if m.is(.groupHead) {
                let ref: Int
                if a.isEntity {
                    ref = a.actor
                } else {
                    ref = table.intern(ActorRef(name: "\(a.label) \(m.lower)", kind: .group, affiliation: affiliationName))
                }
                return Mention(tokens: mentionStart..<j + 1, actor: ref)
            }
            if m.is(.institutionHead) || m.lower == "force" && token(j - 1)?.lower == "air" {
                if let next = token(j + 1), next.kind == .word, next.is(.institutionHead) { j += 1; continue }
                return Mention(tokens: mentionStart..<j + 1, actor: a.actor)
            }
            if let r = roleEnd(from: j), r > j {
                // A title with no name: "Tarvia's finance minister" stands for the country.
                return a.possessive || a.isEntity ? Mention(tokens: mentionStart..<r, actor: a.actor) : nil
            }
            // Between an affiliation and its head only adjectives: "EU foreign ministers", "Russia's battered army".
            let isModifier = a.possessive ? !m.isCapitalized || m.is(.institutionHead)
                : m.is(.roleModifier) || m.isCapitalized
            guard isModifier, !m.is(.preposition), !m.isActorVerb else { break }
            j += 1
            modifiers += 1
        }
        guard prefix.isEntity else { return nil }
        let end = prefix.possessive ? prefix.end - 1 : prefix.end
        if isPlace(mentionStart, entityEnd: end) { return nil }
        return Mention(tokens: mentionStart..<end, actor: prefix.actor)
    }

    /// A metonym after a locative preposition names a place: "talks in Kyiv".
    private func isPlace(_ start: Int, entityEnd: Int) -> Bool {
        guard let hit = gazetteerHit(at: start), hit.isMetonym || capitals[tokens[start].lower] != nil else {
            return capitals[tokens[start].lower] != nil && isAfterLocative(start)
        }
        return isAfterLocative(start)
    }

    /// An unknown name in a place's position (see ``ActorVocabulary/isPlacePosition(_:in:)``).
    private func isPlaceName(_ name: Range<Int>) -> Bool { ActorVocabulary.isPlacePosition(name, in: tokens) }

    private func isAfterLocative(_ start: Int) -> Bool {
        var p = start - 1
        if token(p)?.lower == "the" { p -= 1 }
        return token(p)?.is(.locativePreposition) ?? false
    }

    // MARK: - Titles and names

    /// The end of a title starting at `j` ("foreign minister", "Secretary of State"), if any.
    private func roleEnd(from j: Int) -> Int? {
        var k = j
        var lastHead: Int?
        while let m = token(k), m.kind == .word {
            if m.is(.roleHead) {
                lastHead = k
                if m.lower == "secretary", token(k + 1)?.lower == "of", let dept = token(k + 2), dept.isCapitalized {
                    lastHead = k + 2
                    k += 3
                    continue
                }
            } else if !m.is(.roleModifier) {
                break
            }
            k += 1
        }
        return lastHead.map { $0 + 1 }
    }

    /// A title followed by a name: "President Ansel Dray", "finance minister, Ilka Brannock".
    private mutating func titledName(roleStart: Int, mentionStart: Int, affiliation: String?) -> Mention? {
        guard let roleEnd = roleEnd(from: roleStart) else { return nil }
        var nameStart = roleEnd
        if token(nameStart)?.kind == .comma, affiliation != nil { nameStart += 1 }
        guard let name = nameSpan(at: nameStart) else { return nil }
        let role = text.text(tokens: roleStart..<roleEnd)
        let actor = person(named: name, role: role, affiliation: affiliation)
        return Mention(tokens: mentionStart..<name.upperBound, actor: actor)
    }

    /// Capitalised words (and particles such as "bin", "von der") that form a personal name.
    private func nameSpan(at i: Int) -> Range<Int>? {
        var k = i
        var lastCapital: Int?
        // A name ends at a line break: a headline's last word is not the next line's first name.
        while let t = token(k), t.kind == .word, k == i || !t.startsParagraph {
            let lower = t.lower
            if t.isCapitalized, !t.is(.notName), !t.is(.roleHead) || k == i && lower == "sheikh" {
                if t.is(.organisationHead), k > i { break }
                // A title's capitals ("Norland Will Never Accept …"): the tagger sees the verb.
                if k > i, !text.syntax.isEmpty, ActorRecognizer.nonNameTags.contains(text.syntax.tags[k].upos) { break }
                lastCapital = k
            } else if t.is(.nameParticle) || lower.hasPrefix("al-") || lower.hasPrefix("el-") || lower.hasPrefix("bin-") {
                if lower.contains("-") { lastCapital = k }
            } else {
                break
            }
            k += 1
        }
        guard let last = lastCapital, tokens[i].isCapitalized || tokens[i].lower.contains("-") else { return nil }
        return withoutLeadingCommonWords(i..<last + 1)
    }

    /// "(Minister of) Foreign Affairs Ilona Brask": after a title's "of", capitalised common
    /// words before a name of two or more proper nouns belong to the title, as the tagger tells.
    /// ("the Northern Freedom Front" keeps its adjective.)
    private func withoutLeadingCommonWords(_ span: Range<Int>) -> Range<Int> {
        let syntax = text.syntax
        guard span.count >= 3, !syntax.isEmpty, span.lowerBound > 0, tokens[span.lowerBound - 1].lower == "of" else { return span }
        var start = span.lowerBound
        while start < span.upperBound, [.adj, .noun].contains(syntax.tags[start].upos) { start += 1 }
        guard start > span.lowerBound, span.upperBound - start >= 2,
              (start..<span.upperBound).allSatisfy({ syntax.tags[$0].upos == .propn }) else { return span }
        return start..<span.upperBound
    }

    /// The actor for a personal name: the gazetteer entry, an earlier mention with that
    /// surname, or a new person.
    private mutating func person(named span: Range<Int>, role: String?, affiliation: String?) -> Int {
        let surname = tokens[span.upperBound - 1].lower
        if let hit = gazetteerHit(at: span.lowerBound), hit.length == span.count, gazetteer.entries[hit.entry].kind == .person {
            return actor(forEntry: hit.entry)
        }
        if let entry = gazetteer.surnames[surname] {
            return actor(forEntry: entry)
        }
        if let known = table.person(withSurname: surname), span.count == 1 || table[known].name.split(separator: " ").count == 1 {
            return known
        }
        let name = text.text(tokens: span)
        if let known = table.index(named: name) { return known }
        return table.intern(ActorRef(name: name, kind: .person, role: role, affiliation: affiliation))
    }

    /// A capitalised name with no title: a known surname, a learnt capital, an organisation
    /// ("the Farmers Forum"), or a person ("Juro Kesk, the conservative").
    private mutating func bareName(at i: Int) -> Mention? {
        let t = tokens[i]
        guard t.isCapitalized || t.lower.utf8.first == UInt8(ascii: "a") && t.lower.hasPrefix("al-"), !t.is(.notName) else { return nil }
        if !capitals.isEmpty, let country = capitals[t.lower] {
            return isAfterLocative(i) ? nil : Mention(tokens: i..<i + 1, actor: country)
        }
        // In a title every word is capitalised, so capitals name no one the gazetteer does not know.
        if let headline = text.headline, headline.contains(i), text.isTitleCase(headline) { return nil }
        // "Mr Velm", "Dr. Ana Kost": the honorific is no part of the name.
        if ActorVocabulary.honorifics.contains(t.lower) {
            var k = i + 1
            if token(k)?.lower == "." { k += 1 }
            guard let next = token(k), next.isCapitalized, !next.startsParagraph, let name = nameSpan(at: k) else { return nil }
            return Mention(tokens: i..<name.upperBound, actor: person(named: name, role: nil, affiliation: nil))
        }
        if let institution = institutionSpan(at: i) {
            // "the Ministry of Trade of Norland" speaks for Norland when Norland is a known country.
            let tail = institution.upperBound - 1
            var k = tail
            while k > i, tokens[k - 1].lower != "of" { k -= 1 }
            if k > i + 2, let hit = gazetteerHit(at: k), k + hit.length == institution.upperBound,
               gazetteer.entries[hit.entry].kind == .country {
                return Mention(tokens: i..<institution.upperBound, actor: actor(forEntry: hit.entry))
            }
            return Mention(tokens: i..<institution.upperBound,
                           actor: table.intern(ActorRef(name: text.text(tokens: institution), kind: .organisation)))
        }
        if let org = organisationSpan(at: i) {
            return Mention(tokens: i..<org.upperBound, actor: table.intern(ActorRef(name: text.text(tokens: org), kind: .organisation)))
        }
        guard let name = nameSpan(at: i) else { return nil }
        // "fighting near the hamlet of Osterby Mill", "fires in Lower Strand": a name no list knows, where
        // the text puts a place, is a place.
        if isPlaceName(name) {
            placeEnd = name.upperBound
            return nil
        }
        if name.count == 1 {
            if let known = table.person(withSurname: t.lower) ?? gazetteer.surnames[t.lower].map({ actor(forEntry: $0) }) {
                return Mention(tokens: name, actor: known)
            }
            // An unknown one-word name that speaks or acts ("Quellan rejected"); not a common
            // noun for a body that opens a sentence ("Officials said").
            // The tagger tells a plural common noun opening a sentence ("Analysts said") from a name.
            guard let next = token(i + 1), next.kind == .word, next.isActorVerb,
                  !t.is(.groupHead), !t.is(.institutionHead), !t.is(.roleHead),
                  text.syntax.isEmpty || text.syntax.tags[i].xpos != "NNS" else { return nil }
            return Mention(tokens: name, actor: table.intern(ActorRef(name: text.spelling(of: i), kind: .organisation)))
        }
        let (role, affiliation) = appositiveRole(after: name.upperBound)
        return Mention(tokens: name, actor: person(named: name, role: role, affiliation: affiliation))
    }

    /// "Ministry of Foreign Affairs of Norland", "Office of the Trade Representative": a
    /// capitalised institution noun named by the capitalised "of" phrases after it.
    private func institutionSpan(at i: Int) -> Range<Int>? {
        guard tokens[i].is(.institutionHead), token(i + 1)?.lower == "of" else { return nil }
        var k = i + 1, end = i + 1
        while let t = token(k), t.kind == .word, !t.startsParagraph {
            if t.isCapitalized && !t.is(.timeWord) {
                end = k + 1
            } else if !(["of", "and", "for", "the"].contains(t.lower) && token(k + 1).map { $0.isCapitalized || $0.lower == "the" } == true) {
                break
            }
            k += 1
        }
        return end > i + 2 ? i..<end : nil
    }

    /// "Foo Bar Forum", "the Farmers and Fishers Council": capitalised words ending in an organisation noun.
    private func organisationSpan(at i: Int) -> Range<Int>? {
        var k = i
        var lastHead: Int?
        while let t = token(k), t.kind == .word, k == i || !t.startsParagraph {
            if t.isCapitalized {
                if t.is(.organisationHead) { lastHead = k }
            } else if !(["of", "and", "for", "the", "on"].contains(t.lower) && token(k + 1)?.isCapitalized == true) {
                break
            }
            k += 1
        }
        guard let head = lastHead else { return nil }
        if head == i, tokens[i].lower != "kremlin" {
            // "Commission on Maritime Safety", "House of Delegates": a body's head
            // first, named by the capitalised phrase after it.
            guard let link = token(i + 1), ["of", "on", "for"].contains(link.lower), let next = token(i + 2), next.isCapitalized,
                  next.kind == .word, !next.startsParagraph, !next.is(.timeWord) else { return nil }
            var end = i + 2
            while let t = token(end), t.kind == .word, t.isCapitalized, !t.startsParagraph, !t.is(.timeWord) { end += 1 }
            return i..<end
        }
        // "Velm Federation of Industry": what the body is of is part of its name.
        var end = head + 1
        if token(end)?.lower == "of", let next = token(end + 1), next.isCapitalized, !next.startsParagraph, !next.is(.timeWord) {
            end += 1
            while let t = token(end), t.kind == .word, t.isCapitalized, !t.startsParagraph, !t.is(.timeWord) { end += 1 }
        }
        return i..<end
    }

    /// ", a veteran Tarvian senator," after a name: its role and affiliation.
    private mutating func appositiveRole(after end: Int) -> (String?, String?) {
        guard token(end)?.kind == .comma, let article = token(end + 1), ["a", "an", "the"].contains(article.lower) else { return (nil, nil) }
        var affiliation: String?
        var k = end + 2
        while let t = token(k), t.kind == .word, k < end + 8 {
            if t.is(.roleHead) { return (t.lower, affiliation) }
            if let entry = demonym(at: k) { affiliation = gazetteer.entries[entry].name }
            k += 1
        }
        return (nil, nil)
    }

    // MARK: - Gazetteer access

    private func gazetteerHit(at i: Int) -> GazetteerHit? {
        i >= 0 && i < gazetteerHits.count ? gazetteerHits[i] : nil
    }

    /// The table index of a gazetteer entry's actor, interned on first use.
    private mutating func actor(forEntry entry: Int) -> Int {
        if let known = entryActors[entry] { return known }
        let index = table.intern(gazetteer.ref(entry))
        entryActors[entry] = index
        return index
    }

    private func demonym(at i: Int) -> Int? {
        guard let t = token(i), t.isCapitalized, t.is(.demonymStart) else { return nil }
        return gazetteer.demonyms.longestMatch(at: i, key: { $0 < tokens.count ? tokens[$0].lower : nil })?.value
    }

    // MARK: - Discourse patterns

    /// Learns capitals the gazetteer lacks: "Varnholm, the capital", "the Talderan capital, Varnholm",
    /// "Taldera's capital Varnholm". The country is the one the phrase names, else the last one named.
    private mutating func discoverCapitals() {
        // Countries named with a government role ("Taldera's defence ministry") first, so that
        // an earlier "the Talderan capital" finds "Taldera" rather than naming a country itself.
        for i in tokens.indices where tokens[i].isCapitalized && token(i + 1)?.kind == .possessive
            && !tokens[i].is(.notName) && gazetteerHit(at: i) == nil && governmentRoleHead(from: i + 2) != nil {
            _ = table.intern(ActorRef(name: text.spelling(of: i), kind: .country))
        }
        var lastCountry: Int?
        for i in tokens.indices {
            if let hit = gazetteerHit(at: i), gazetteer.entries[hit.entry].kind == .country {
                lastCountry = actor(forEntry: hit.entry)
            } else if let t = token(i), t.isCapitalized, token(i + 1)?.kind == .possessive, governmentRoleHead(from: i + 2) != nil,
                      !t.is(.notName) {
                lastCountry = table.intern(ActorRef(name: text.spelling(of: i), kind: .country))
            }
            guard tokens[i].lower == "capital" else { continue }
            var country = lastCountry
            if let owner = token(i - 1), owner.isCapitalized {
                if let entry = demonym(at: i - 1) { country = actor(forEntry: entry) }
                else if owner.kind == .word, owner.lower != "the" { country = countryForUnknownDemonym(text.spelling(of: i - 1)) }
            } else if token(i - 1)?.kind == .possessive, let owner = token(i - 2), owner.isCapitalized {
                country = table.index(lowercased: owner.lower) ?? table.intern(ActorRef(name: text.spelling(of: i - 2), kind: .country))
            }
            guard let country else { continue }
            // "Varnholm, the (Talderan) capital"
            var b = i - 1
            while b > i - 4, let t = token(b), t.kind == .word { b -= 1 }
            if token(b)?.kind == .comma, let city = token(b - 1), city.isCapitalized, token(b + 1)?.lower == "the", gazetteerHit(at: b - 1) == nil {
                capitals[city.lower] = country
            }
            // "the capital, Varnholm" / "capital Varnholm"
            var a = i + 1
            if token(a)?.kind == .comma { a += 1 }
            if let city = token(a), city.isCapitalized, city.kind == .word, !city.is(.notName), gazetteerHit(at: a) == nil {
                capitals[city.lower] = country
            }
        }
    }

    /// "a spokesperson for the palace", "the governor's office": the body or person they speak for.
    private mutating func absorbSpokespeople() {
        var merged: [Mention] = []
        for m in mentions {
            guard let actor = m.actor else { merged.append(m); continue }
            // X's office / spokesman
            if let p = token(m.tokens.upperBound), p.kind == .possessive, let head = token(m.tokens.upperBound + 1),
               (["office", "team", "aides", "camp"].contains(head.lower) || ActorVocabulary.spokespersonHeads.contains(head.lower)) {
                merged.append(Mention(tokens: m.tokens.lowerBound..<m.tokens.upperBound + 2, actor: actor))
                continue
            }
            // a spokesman for X
            var b = m.tokens.lowerBound - 1
            if token(b)?.lower == "the" { b -= 1 }
            if token(b)?.lower == "for", let head = token(b - 1), head.lower.hasPrefix("spokes") {
                var start = b - 1
                if let det = token(start - 1), ["a", "an", "the"].contains(det.lower) { start -= 1 }
                if let last = merged.last, last.tokens.overlaps(start..<m.tokens.upperBound) { merged.removeLast() }
                merged.append(Mention(tokens: start..<m.tokens.upperBound, actor: actor))
                continue
            }
            merged.append(m)
        }
        mentions = merged
    }
}
