import ClaimExtraction
import ClaimModel
import Foundation
import TOMLKit

/// One thing wrong with a settings or lexicon file, where an editor can jump to it.
public struct ConfigProblem: CustomStringConvertible, Equatable, Sendable {
    public var file: String
    /// 1-based, when the problem has a place in the file.
    public var line: Int?
    public var message: String
    /// A warning does not stop claimd; an error does.
    public var isWarning = false

    /// `FILE:LINE: error: MESSAGE`, as compilers print it.
    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(isWarning ? "warning" : "error"): \(message)"
    }
}

/// `claimd check-config`: every problem of a `claimd.toml` and of the lexicon files it names (or
/// the embedded ones), with file and line, instead of the first one at start-up.
public enum ConfigCheck {
    public static func problems(configFile: String?) -> [ConfigProblem] {
        var settings = Settings()
        var problems: [ConfigProblem] = []
        if let configFile {
            guard let data = FileManager.default.contents(atPath: configFile) else {
                return [ConfigProblem(file: configFile, message: "cannot be read")]
            }
            let text = String(decoding: data, as: UTF8.self)
            let base = (configFile as NSString).deletingLastPathComponent
            var found: [SettingsError] = []
            settings.apply(toml: text, relativeTo: base.isEmpty ? "." : base, problems: &found)
            let places = TOMLPlaces(text)
            problems += found.map { error in
                switch error {
                case let .syntax(line, reason): ConfigProblem(file: configFile, line: line, message: reason)
                case let .invalid(key, reason):
                    ConfigProblem(file: configFile, line: places.line(of: key), message: "\(key) \(reason)")
                case let .unreadable(path): ConfigProblem(file: configFile, message: "cannot read \(path)")
                }
            }
        }
        problems += lexicon(file: settings.topicsFile, kind: .topics)
        problems += lexicon(file: settings.actorsFile, kind: .actors)
        if let models = settings.modelsDirectory {
            do { _ = try settings.loadSyntaxModels() } catch {
                problems.append(ConfigProblem(file: configFile ?? "claimd.toml", line: nil, message: "extraction.models \(models): \(error)"))
            }
        }
        return problems
    }

    enum LexiconKind: String {
        case topics, actors

        var table: String { self == .topics ? "topic" : "actor" }
        var required: String { self == .topics ? "id" : "name" }
        var known: Set<String> {
            self == .topics ? ["id", "proposition", "cues", "context_cues", "reversing_verbs", "country_verbs", "noun_cues"]
                : ["name", "kind", "aliases", "affiliation", "role", "demonyms", "metonyms"]
        }
        var lists: Set<String> {
            self == .topics ? ["cues", "context_cues", "reversing_verbs", "country_verbs", "noun_cues"] : ["aliases", "demonyms", "metonyms"]
        }
    }

    /// The problems of a topics or actors file: syntax, each entry's required and typed keys,
    /// duplicates; then whatever the extraction's own parser still refuses.
    static func lexicon(file: String?, kind: LexiconKind) -> [ConfigProblem] {
        guard let file else { return [] } // the embedded default, checked by its own tests
        guard let data = FileManager.default.contents(atPath: file) else { return [ConfigProblem(file: file, message: "cannot be read")] }
        let text = String(decoding: data, as: UTF8.self)
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            return [ConfigProblem(file: file, line: error.source.begin.line, message: error.description)]
        } catch {
            return [ConfigProblem(file: file, message: "\(error)")]
        }
        let places = TOMLPlaces(text)
        var problems: [ConfigProblem] = []
        let entries = table[kind.table]?.array ?? TOMLArray()
        if kind == .topics && entries.isEmpty {
            problems.append(ConfigProblem(file: file, line: 1, message: "defines no [[topic]]: no claim could be found"))
        }
        var seen: [String: Int] = [:]
        for (index, item) in entries.enumerated() {
            let header = places.line(ofArray: kind.table, index: index)
            guard let entry = item.table else {
                problems.append(ConfigProblem(file: file, line: header, message: "[[\(kind.table)]] \(index + 1) is not a table"))
                continue
            }
            func line(_ key: String) -> Int? { places.line(ofArray: kind.table, index: index, key: key) ?? header }
            guard let name = entry[kind.required]?.string, !name.isEmpty else {
                problems.append(ConfigProblem(file: file, line: header, message: "[[\(kind.table)]] \(index + 1) has no \(kind.required)"))
                continue
            }
            if let first = seen[name.lowercased()] {
                problems.append(ConfigProblem(file: file, line: line(kind.required),
                                              message: "\(kind.table) '\(name)' is defined twice (first as [[\(kind.table)]] \(first))"))
            }
            seen[name.lowercased()] = seen[name.lowercased()] ?? index + 1
            for key in entry.keys.sorted() {
                if !kind.known.contains(key) {
                    problems.append(ConfigProblem(file: file, line: line(key), message: "\(kind.table) '\(name)': '\(key)' is not a key claimd reads",
                                                  isWarning: true))
                } else if kind.lists.contains(key), entry[key]?.array.map({ $0.allSatisfy { $0.string != nil } }) != true {
                    problems.append(ConfigProblem(file: file, line: line(key), message: "\(kind.table) '\(name)': \(key) must be a list of strings"))
                } else if !kind.lists.contains(key), entry[key]?.string == nil {
                    problems.append(ConfigProblem(file: file, line: line(key), message: "\(kind.table) '\(name)': \(key) must be a string"))
                }
            }
            if kind == .topics {
                if entry["proposition"]?.string?.isEmpty ?? true {
                    problems.append(ConfigProblem(file: file, line: header, message: "topic '\(name)' has no proposition: what would 'support' agree with?"))
                }
                if entry["cues"]?.array?.isEmpty ?? true {
                    problems.append(ConfigProblem(file: file, line: header, message: "topic '\(name)' has no cues: no claim can be found on it",
                                                  isWarning: true))
                }
            } else if let kindName = entry["kind"]?.string,
                      ActorKind(rawValue: kindName == "organization" ? "organisation" : kindName) == nil {
                problems.append(ConfigProblem(file: file, line: line("kind"),
                                              message: "actor '\(name)': kind '\(kindName)' is not one of \(ActorKind.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        // What the extraction's parser refuses beyond these checks, so the two never disagree.
        if problems.allSatisfy(\.isWarning) {
            do {
                _ = kind == .topics ? try Lexicon.parseTopics(text).count : try Lexicon.parseActors(text).count
            } catch {
                problems.append(ConfigProblem(file: file, message: "\(error)"))
            }
        }
        return problems
    }
}

/// Where keys and table headers are in a TOML file's text, so a problem found in the parsed
/// table can name its line. Reads headers (`[section]`, `[[array]]`) and `key =` lines only;
/// enough for the flat files claimd reads.
struct TOMLPlaces {
    private struct Place {
        var table: String
        var index: Int?
        var key: String?
        var line: Int
    }

    private var places: [Place] = []

    init(_ text: String) {
        var table = "", index: Int?
        var counts: [String: Int] = [:]
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[[") {
                table = line.dropFirst(2).prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces)
                index = counts[table, default: 0]
                counts[table] = index! + 1
                places.append(Place(table: table, index: index, key: nil, line: number + 1))
            } else if line.hasPrefix("[") {
                table = line.dropFirst().prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces)
                index = nil
                places.append(Place(table: table, index: nil, key: nil, line: number + 1))
            } else if !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") {
                let key = line[..<equals].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                places.append(Place(table: table, index: index, key: key, line: number + 1))
            }
        }
    }

    /// The line of `section.key` (or of the `[section]` header, for a section alone).
    func line(of dotted: String) -> Int? {
        let parts = dotted.split(separator: ".", maxSplits: 1).map(String.init)
        let key = parts.count > 1 ? parts[1] : nil
        return places.first { $0.table == parts[0] && $0.index == nil && $0.key == key }?.line
    }

    /// The line of the `index`th `[[table]]` header, or of `key` within it.
    func line(ofArray table: String, index: Int, key: String? = nil) -> Int? {
        places.first { $0.table == table && $0.index == index && $0.key == key }?.line
    }
}
