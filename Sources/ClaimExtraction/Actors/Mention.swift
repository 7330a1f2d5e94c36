import ClaimModel

/// A word that refers back to an actor named earlier.
enum Anaphor: Sendable, Hashable {
    /// "he", "she".
    case person
    /// "it": an organisation or a country.
    case thing
    /// "they": a group, a body or a country.
    case plural
    /// "the president", "the ministry": the last actor holding that role.
    case role(String)
    /// "I", "we", "our government": whoever speaks in the document's own voice there.
    case speaker
    /// "you" in an interviewer's question: the one interviewed.
    case addressee
}

/// A span of tokens that refers to an actor, either by name or by anaphora.
struct Mention: Sendable, Hashable {
    var tokens: Range<Int>
    /// Index into ``ActorTable``; nil for an anaphor, which is resolved where it is used.
    var actor: Int?
    var anaphor: Anaphor?
}

/// The actors of one document: gazetteer entries that occur in it and actors discovered in
/// the text, each once under its canonical name.
struct ActorTable: Sendable {
    private(set) var actors: [ActorRef] = []
    private var byName = WordTable<Int>()
    /// Last names of persons seen so far ("ostmark" → Halvard Ostmark).
    private var surnames = WordTable<Int>()

    subscript(index: Int) -> ActorRef { actors[index] }

    /// The index of the actor with this canonical name, adding it the first time; a later
    /// mention fills in role and affiliation when the first did not give them.
    mutating func intern(_ ref: ActorRef) -> Int {
        let key = ref.name.lowercased()
        if let index = byName[key] {
            if actors[index].role == nil { actors[index].role = ref.role }
            if actors[index].affiliation == nil { actors[index].affiliation = ref.affiliation }
            return index
        }
        actors.append(ref)
        byName[key] = actors.count - 1
        if ref.kind == .person, let last = ref.name.split(separator: " ").last.map({ $0.lowercased() }),
           last.count > 2, !ActorVocabulary.nameParticles.contains(last) {
            for key in ActorVocabulary.surnameKeys(last) where surnames[key] == nil || key == last { surnames[key] = actors.count - 1 }
        }
        return actors.count - 1
    }

    func index(named name: String) -> Int? { byName[name.lowercased()] }

    func index(lowercased name: String) -> Int? { byName[name] }

    func person(withSurname lower: String) -> Int? { surnames[lower] }
}
