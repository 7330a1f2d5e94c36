/// A dated event: something that happened (or will) to or between actors.
public struct Event: Codable, Sendable, Hashable {
    public var date: TimeValue
    /// The two-digit CAMEO root code ("01" public statement … "04" consult … "19" fight), or "other".
    public var type: String
    /// Canonical names of the actors taking part.
    public var actors: [String]
    /// The sentence or clause that reports the event.
    public var text: String
    /// The verb or noun that triggered the event ("attended", "met", "invasion").
    public var trigger: String?
    public var start: Int
    public var end: Int

    public init(date: TimeValue, type: String, actors: [String], text: String, trigger: String? = nil, start: Int, end: Int) {
        self.date = date
        self.type = type
        self.actors = actors
        self.text = text
        self.trigger = trigger
        self.start = start
        self.end = end
    }
}

/// The CAMEO event taxonomy's twenty root codes (Gerner, Schrodt et al., CAMEO 1.1b3), with the
/// short labels a person reads beside a code.
public enum CAMEO {
    public static let rootLabels: [String: String] = [
        "01": "make public statement", "02": "appeal", "03": "express intent to cooperate", "04": "consult",
        "05": "engage in diplomatic cooperation", "06": "engage in material cooperation", "07": "provide aid", "08": "yield",
        "09": "investigate", "10": "demand", "11": "disapprove", "12": "reject", "13": "threaten", "14": "protest",
        "15": "exhibit military posture", "16": "reduce relations", "17": "coerce", "18": "assault", "19": "fight",
        "20": "use unconventional mass violence",
    ]

    /// The label of a code's root (`043` → "consult"), nil for a code outside the taxonomy.
    public static func label(of code: String) -> String? { rootLabels[String(code.prefix(2))] }

    /// `04 consult`, or the code alone when it has no label (`other`).
    public static func describe(_ code: String) -> String { label(of: code).map { "\(code) \($0)" } ?? code }
}
