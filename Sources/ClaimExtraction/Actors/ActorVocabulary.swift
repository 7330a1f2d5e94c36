/// General English words that frame actor mentions in news text: titles, institutions, groups.
///
/// These are properties of the language, not of any article, so they live in code; who the
/// actors are lives in `Config/actors.toml` or is read from the text.
enum ActorVocabulary {
    /// Roles that only a state has, so their possessor is a country.
    static let governmentRoles: Set<String> = [
        "president", "minister", "premier", "chancellor", "government", "ministry", "parliament",
        "army", "military", "king", "queen", "emir", "ambassador", "embassy", "cabinet", "presidency",
        "capital", "envoy", "leader", "forces", "navy", "treasury", "officials", "diplomats",
    ]

    /// Nouns that end a title before a name ("President", "foreign minister", "envoy").
    static let roleHeads: Set<String> = [
        "president", "minister", "chancellor", "premier", "secretary", "secretary-general", "spokesman",
        "spokeswoman", "spokesperson", "chief", "head", "leader", "envoy", "ambassador", "official",
        "commissioner", "king", "queen", "emir", "prince", "general", "commander", "lawmaker", "senator",
        "congressman", "congresswoman", "governor", "mayor", "speaker", "chairman", "chairwoman", "chair",
        "director", "representative", "negotiator", "adviser", "advisor", "diplomat", "ceo", "pope",
        "president-elect", "vice-president", "sheikh", "ayatollah", "monarch", "sultan", "mp", "deputy",
        "administrator", "counterpart", "coordinator", "mediator", "rapporteur", "attorney", "judge",
        "general-secretary", "aide", "strongman", "dictator", "politician", "tsar", "czar",
    ]

    /// People whose words are their body's: "a spokesman" with no name speaks for the body or
    /// country the text is about.
    static let spokespersonHeads: Set<String> = ["spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen"]

    /// Whether a role's stem (as ``Anaphor/role(_:)`` carries it) is a spokesperson's.
    static func isSpokespersonStem(_ stem: String) -> Bool {
        spokespersonHeads.contains { $0.hasPrefix(stem) }
    }

    /// Words that may precede a role head inside a title ("foreign", "prime", "national security").
    static let roleModifiers: Set<String> = [
        "prime", "foreign", "defence", "defense", "finance", "interior", "economy", "economic", "trade", "policy",
        "energy", "security", "national", "state", "deputy", "vice", "senior", "top", "chief", "former",
        "acting", "interim", "first", "high", "special", "supreme", "military", "presidential", "government",
        "commerce", "treasury", "justice", "health", "foreign-policy", "prime-minister", "assistant",
        "opposition", "party", "council", "commission", "parliamentary", "european", "elected", "new",
        "incoming", "outgoing", "veteran", "influential", "hardline", "far-right", "conservative", "centrist",
        "leftist", "nationalist", "long-time", "longtime", "agriculture", "transport", "education", "culture",
        "environment", "climate", "industry", "labour", "labor", "development", "digital", "cabinet", "army",
        "navy", "air", "intelligence", "nuclear", "peace", "general", "executive", "union",
    ]

    /// Plural nouns that make a group actor of a people or body ("EU leaders", "Russian officials").
    static let groupHeads: Set<String> = [
        "officials", "leaders", "ministers", "members", "governments", "diplomats", "lawmakers",
        "negotiators", "allies", "backers", "partners", "states", "nations", "countries", "powers",
        "envoys", "mediators", "authorities", "legislators", "senators", "generals", "commanders",
        "representatives", "delegates", "militants", "rebels", "protesters", "chiefs", "politicians",
        "capitals", "neighbours", "neighbors", "counterparts", "ambassadors", "sources",
    ]

    /// Institutions that speak for their country ("Tarvia's Water Ministry", "the Chinese
    /// commerce ministry"): resolved to the country, with the institution as role.
    static let institutionHeads: Set<String> = [
        "ministry", "government", "cabinet", "parliament", "army", "military", "navy", "presidency",
        "administration", "embassy", "treasury", "office", "regulator", "agency", "department",
        "force", "forces", "legislature", "senate", "congress", "court", "police", "coastguard", "guard",
    ]

    /// Last words of the name of a body of several states ("the Nordic Union"), which a
    /// description such as "the bloc" refers back to.
    static let blocHeads: Set<String> = [
        "union", "community", "alliance", "bloc", "league", "organisation", "organization", "association",
        "commonwealth", "confederation", "federation", "coalition", "pact", "partnership",
    ]

    /// Capitalised words that start a sentence or qualify a name without being part of it
    /// ("Former Obama", "Perhaps Russia", "Sen. Cruz"): an actor is named by what follows.
    static let leadingNonNames: Set<String> = [
        "former", "ex", "late", "then", "now", "perhaps", "maybe", "also", "meanwhile", "still", "even", "only", "however",
        "indeed", "instead", "later", "earlier", "yet", "but", "and", "so", "sen", "sen.", "rep", "rep.", "gov", "gov.",
        "gen", "gen.", "col", "col.", "lt", "lt.", "sgt", "sgt.", "adm", "adm.", "prof", "prof.", "sir", "dame", "lord", "lady",
    ]

    /// Plural nouns that, after "both" or "the two", stand for the last two parties named.
    static let pairHeads: Set<String> = ["countries", "sides", "governments", "nations", "states", "parties", "neighbours", "neighbors"]

    /// "both countries", "the two sides" (lowercased words).
    static func isPair(_ words: [String]) -> Bool {
        guard let head = words.last, pairHeads.contains(head) else { return false }
        return words.count == 2 && words[0] == "both" || words.count == 3 && words[0] == "the" && words[1] == "two"
    }

    /// Forms of address before a surname ("Mr Velm"): not part of the name.
    static let honorifics: Set<String> = ["mr", "mrs", "ms", "miss", "dr", "mr.", "mrs.", "ms.", "dr.", "madam", "madame",
                                          "monsieur", "mme", "mme."]

    /// Last words of a capitalised sequence that make it an organisation, not a person.
    static let organisationHeads: Set<String> = [
        "ministry", "council", "commission", "union", "forum", "agency", "federation", "party", "bank",
        "fund", "organization", "organisation", "office", "authority", "committee", "court", "parliament",
        "assembly", "house", "department", "corporation", "company", "group", "association", "alliance",
        "front", "movement", "nations", "states", "republic", "army", "forces", "force", "guard", "corps",
        "institute", "foundation", "coalition", "democrats", "republicans", "congress", "senate", "board",
        "service", "services", "network", "brigade", "brigades", "battalion", "command", "secretariat",
        "treasury", "pentagon", "kremlin", "times", "post", "news", "tribunal", "summit",
        "conference", "plant", "region", "province", "city", "platform", "sea", "ocean", "river", "strait",
        "island", "islands", "mountains", "airport", "square", "street", "palace", "centre", "center",
        "university", "school", "hospital", "programme", "program", "plan", "deal", "accord", "treaty",
        "agreement", "act", "law", "bill", "article", "day", "war", "crisis", "league", "community",
        "commonwealth", "confederation", "valley", "lake", "bay", "gulf", "coast", "peninsula", "canal", "desert",
        "bridge", "harbour", "harbor", "reef", "mountain", "hills", "corridor", "border",
    ]

    /// The lowercased keys a surname is found by: "al-Vesk" is "Vesk" too, once the full
    /// name has been given.
    static func surnameKeys(_ last: String) -> [String] {
        guard let dash = last.firstIndex(of: "-") else { return [last] }
        let rest = String(last[last.index(after: dash)...])
        return nameParticles.contains(String(last[..<dash])) && rest.count > 2 ? [last, rest] : [last]
    }

    /// Lowercase words that may sit inside a personal name ("bin", "al", "von der").
    static let nameParticles: Set<String> = [
        "bin", "bint", "ibn", "al", "el", "von", "van", "der", "den", "de", "del", "della", "da", "di",
        "du", "la", "le", "abu", "dos", "das", "ter", "zu",
    ]

    /// Capitalised words that never start or continue a name: function words at sentence start,
    /// calendar words, titles of address.
    static let notNames: Set<String> = [
        "the", "a", "an", "and", "but", "or", "in", "on", "at", "of", "for", "to", "from", "by", "with",
        "as", "after", "before", "while", "when", "if", "that", "this", "these", "those", "there", "it",
        "he", "she", "they", "we", "i", "you", "his", "her", "their", "its", "our", "my", "your", "some",
        "any", "all", "many", "most", "more", "both", "each", "one", "two", "three", "no", "not", "yet",
        "so", "since", "until", "under", "over", "during", "about", "against", "between", "among", "into",
        "through", "without", "within", "also", "still", "meanwhile", "however", "speaking", "asked",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
        "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.",
        "oct.", "nov.", "dec.", "mr.", "mrs.", "ms.", "dr.", "reuters", "afp", "ap", "what", "who", "which",
        "where", "why", "how", "now", "then", "here", "only", "even", "just", "last", "next", "earlier",
        "later", "other", "another", "such", "western", "eastern", "northern", "southern", "central",
        "north", "south", "east", "west", "we're", "i'm", "it's", "let", "according", "despite", "although",
        "though", "because", "unlike", "like", "once", "instead", "rather", "ahead", "christmas",
        "easter", "ramadan", "year", "year's", "covid", "x", "telegram",
        "facebook", "instagram", "twitter", "youtube", "tiktok",
    ]

    /// Prepositions whose object is a place, never a speaker ("near Osterby Mill", "in Lower Strand").
    static let placePrepositions: Set<String> = ["in", "near", "at", "outside", "inside", "across", "around", "throughout", "within", "into"]

    /// Nouns that name a place by what it is "of" ("the hamlet of Osterby Mill").
    static let placeNouns: Set<String> = ["village", "hamlet", "town", "city", "region", "province", "district", "port", "island", "islands",
                                          "valley", "capital", "enclave", "county", "municipality", "settlement", "suburb", "outskirts"]

    /// Whether `name` stands where the text puts a place: the object of "in", "near", … or what
    /// a place noun is "of" ("the town of …"), and not a possessor ("in Holm's view").
    static func isPlacePosition(_ name: Range<Int>, in tokens: [Token]) -> Bool {
        if name.upperBound < tokens.count, tokens[name.upperBound].kind == .possessive { return false }
        var p = name.lowerBound - 1
        guard p >= 0 else { return false }
        if tokens[p].lower == "of", p >= 1, placeNouns.contains(tokens[p - 1].lower) { return true }
        if tokens[p].lower == "the" { p -= 1 }
        return p >= 0 && placePrepositions.contains(tokens[p].lower)
    }

    /// Prepositions after which a place name is a place, not an actor ("talks in Kyiv").
    static let locativePrepositions: Set<String> = [
        "in", "to", "from", "at", "near", "into", "outside", "across", "around", "toward", "towards",
        "via", "visited", "visit", "visiting", "inside", "throughout", "within",
    ]

    /// Prepositions whose object is not the subject of the following verb.
    static let prepositions: Set<String> = [
        "of", "with", "to", "by", "from", "for", "in", "at", "on", "against", "between", "among", "into",
        "about", "over", "under", "than", "like", "toward", "towards", "without", "and", "or", "including",
        "as", "after", "before", "via", "through",
    ]
}
