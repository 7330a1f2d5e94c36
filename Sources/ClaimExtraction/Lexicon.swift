import ClaimModel
import TOMLKit

/// A topic of the taxonomy: its id, the proposition stances are relative to, and the words that signal it.
public struct TopicDefinition: Sendable, Hashable {
    public var id: String
    public var proposition: String
    /// Words and phrases that name the topic ("ceasefire", "truce"); matched on word stems.
    public var cues: [String]
    /// Ambiguous words ("deal", "agreement") that stand for this topic only in an article that
    /// also names it with a plain cue; when several topics claim such a word, the one the article
    /// names most wins.
    public var contextCues: [String]
    /// Verbs that turn a mention of the topic into opposition to its proposition
    /// ("lift", "ease" for sanctions; "cut", "freeze" for military aid).
    public var reversingVerbs: [String]
    /// Verbs that name the topic when their object is a country ("support Ukraine",
    /// "strengthen Ukraine" for military aid).
    public var countryVerbs: [String]
    /// Cues that name the topic only as nouns ("trade" is no trade in "trade land for peace").
    public var nounCues: [String]

    public init(id: String, proposition: String, cues: [String], contextCues: [String] = [], reversingVerbs: [String] = [],
                countryVerbs: [String] = [], nounCues: [String] = []) {
        self.id = id
        self.proposition = proposition
        self.cues = cues
        self.contextCues = contextCues
        self.reversingVerbs = reversingVerbs
        self.countryVerbs = countryVerbs
        self.nounCues = nounCues
    }
}

/// A known actor: canonical name, kind, the other names the press uses for it.
public struct GazetteerEntry: Sendable, Hashable {
    public var name: String
    public var kind: ActorKind
    public var aliases: [String]
    public var affiliation: String?
    /// The office the actor holds ("President"), reported on claims.
    public var role: String?
    /// Adjectives naming the actor's people or members ("Ukrainian" for Ukraine): they give
    /// affiliations ("Ukrainian President …") and name groups ("Ukrainian officials").
    public var demonyms: [String]
    /// Places that stand for the actor (capitals, seats of government: "Kyiv", "the Kremlin").
    /// Unlike aliases they are not actors after a locative preposition ("talks in Kyiv").
    public var metonyms: [String]

    public init(name: String, kind: ActorKind, aliases: [String] = [], affiliation: String? = nil,
                role: String? = nil, demonyms: [String] = [], metonyms: [String] = []) {
        self.name = name
        self.kind = kind
        self.aliases = aliases
        self.affiliation = affiliation
        self.role = role
        self.demonyms = demonyms
        self.metonyms = metonyms
    }
}

/// The configurable knowledge extraction uses: the topic taxonomy and the actor gazetteer.
public struct Lexicon: Sendable {
    public var topics: [TopicDefinition]
    public var actors: [GazetteerEntry]

    public init(topics: [TopicDefinition], actors: [GazetteerEntry]) {
        self.topics = topics
        self.actors = actors
    }

    /// The defaults compiled into the binary from `Config/topics.toml` and `Config/actors.toml`.
    public static func embeddedDefault() -> Lexicon {
        // The embedded files are part of the build and were parsed by the tests; failure is a build defect.
        try! Lexicon(
            topicsTOML: String(decoding: PackageResources.topics_toml, as: UTF8.self),
            actorsTOML: String(decoding: PackageResources.actors_toml, as: UTF8.self))
    }

    /// Parses a topics file and an actors file (format in Config/README.md).
    public init(topicsTOML: String, actorsTOML: String) throws {
        self.init(topics: try Lexicon.parseTopics(topicsTOML), actors: try Lexicon.parseActors(actorsTOML))
    }

    public static func parseTopics(_ toml: String) throws -> [TopicDefinition] {
        let table = try parse(toml, file: "topics")
        return try (table["topic"]?.array ?? TOMLArray()).enumerated().map { index, item in
            guard let entry = item.table, let id = entry["id"]?.string else {
                throw LexiconError.invalid(file: "topics", entry: index + 1, reason: "every [[topic]] needs an id")
            }
            return TopicDefinition(
                id: id,
                proposition: entry["proposition"]?.string ?? "",
                cues: strings(entry["cues"]),
                contextCues: strings(entry["context_cues"]),
                reversingVerbs: strings(entry["reversing_verbs"]),
                countryVerbs: strings(entry["country_verbs"]),
                nounCues: strings(entry["noun_cues"]))
        }
    }

    public static func parseActors(_ toml: String) throws -> [GazetteerEntry] {
        let table = try parse(toml, file: "actors")
        return try (table["actor"]?.array ?? TOMLArray()).enumerated().map { index, item in
            guard let entry = item.table, let name = entry["name"]?.string else {
                throw LexiconError.invalid(file: "actors", entry: index + 1, reason: "every [[actor]] needs a name")
            }
            let kindName = entry["kind"]?.string ?? "person"
            guard let kind = ActorKind(rawValue: kindName == "organization" ? "organisation" : kindName) else {
                throw LexiconError.invalid(file: "actors", entry: index + 1, reason: "unknown kind '\(kindName)' for \(name)")
            }
            return GazetteerEntry(
                name: name, kind: kind, aliases: strings(entry["aliases"]), affiliation: entry["affiliation"]?.string,
                role: entry["role"]?.string, demonyms: strings(entry["demonyms"]), metonyms: strings(entry["metonyms"]))
        }
    }

    private static func parse(_ toml: String, file: String) throws -> TOMLTable {
        do { return try TOMLTable(string: toml) } catch let error as TOMLParseError {
            throw LexiconError.syntax(file: file, line: error.source.begin.line, reason: error.description)
        }
    }

    private static func strings(_ value: (any TOMLValueConvertible)?) -> [String] {
        (value?.array ?? TOMLArray()).compactMap { $0.string }
    }
}

/// Why a lexicon file was rejected.
public enum LexiconError: Error, CustomStringConvertible, Equatable {
    case syntax(file: String, line: Int, reason: String)
    case invalid(file: String, entry: Int, reason: String)

    public var description: String {
        switch self {
        case let .syntax(file, line, reason): "\(file).toml line \(line): \(reason)"
        case let .invalid(file, entry, reason): "\(file).toml entry \(entry): \(reason)"
        }
    }
}
