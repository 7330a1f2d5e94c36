import ClaimModel

/// The discourse networks of Discourse Network Analysis (Leifeld): who said what, as graphs.
///
/// - `affiliation`: the two-mode actor–topic network. An edge joins an actor to each topic it
///   made claims on, weighted by the number of claims, with the count of each stance and a
///   `stance` in [-1, 1] (supporting minus opposing claims, over all of them: DNA's "subtract"
///   combination, normalised).
/// - `congruence`: actors, joined by the number of topics on which both took the same stance
///   (support, oppose or conditional; neutral claims take no side).
/// - `conflict`: actors, joined by the number of topics on which one supported and the other opposed.
///
/// Counts are of topics, not of pairs of claims, so one talkative actor does not outweigh the rest.
public struct DiscourseNetwork: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable {
        case affiliation, congruence, conflict
    }

    public struct Node: Sendable, Equatable {
        public var id: String
        public var label: String
        /// `actor` or `topic`.
        public var type: String
        /// An actor's kind (person, country …), empty for a topic.
        public var actorKind: String
    }

    public struct Edge: Sendable, Equatable {
        public var source: String
        public var target: String
        public var weight: Double
        /// Further numbers of the edge: stance counts, `stance` (affiliation only).
        public var values: [String: Double]
    }

    public var kind: Kind
    public var nodes: [Node]
    public var edges: [Edge]

    /// The names of an edge's further values, in the order a writer declares them.
    public var valueNames: [String] { kind == .affiliation ? ["support", "oppose", "conditional", "neutral", "stance", "changes"] : [] }

    public static func build(_ kind: Kind, from data: ExportData) -> DiscourseNetwork {
        let actors = actorNodes(data)
        switch kind {
        case .affiliation: return affiliation(data, actors: actors)
        case .congruence, .conflict: return oneMode(kind, data, actors: actors)
        }
    }

    private static func actorNodes(_ data: ExportData) -> [String: Node] {
        var nodes: [String: Node] = [:]
        for claim in data.claims where nodes[claim.actor.name] == nil {
            nodes[claim.actor.name] = Node(id: "", label: claim.actor.name, type: "actor", actorKind: claim.actor.kind.rawValue)
        }
        // Numbered in name order, so the same data gives the same file.
        for (index, name) in nodes.keys.sorted().enumerated() { nodes[name]?.id = "a\(index + 1)" }
        return nodes
    }

    private static func affiliation(_ data: ExportData, actors: [String: Node]) -> DiscourseNetwork {
        let topics = Dictionary(uniqueKeysWithValues: data.topics.enumerated().map {
            ($1, Node(id: "t\($0 + 1)", label: $1, type: "topic", actorKind: ""))
        })
        var counts: [Pair: [String: Double]] = [:]
        for claim in data.claims {
            let pair = Pair(actors[claim.actor.name]!.id, topics[claim.topic]!.id)
            counts[pair, default: [:]][claim.stance.rawValue, default: 0] += 1
            if claim.previousStance != nil { counts[pair, default: [:]]["changes", default: 0] += 1 }
        }
        let edges = counts.keys.sorted().map { pair in
            var values = counts[pair]!
            let total = Stance.allCases.reduce(0) { $0 + (values[$1.rawValue] ?? 0) }
            for stance in Stance.allCases { values[stance.rawValue] = values[stance.rawValue] ?? 0 }
            values["changes"] = values["changes"] ?? 0
            values["stance"] = ((values["support"] ?? 0) - (values["oppose"] ?? 0)) / total
            return Edge(source: pair.first, target: pair.second, weight: total, values: values)
        }
        return DiscourseNetwork(kind: .affiliation, nodes: sorted(actors) + sorted(topics), edges: edges)
    }

    private static func oneMode(_ kind: Kind, _ data: ExportData, actors: [String: Node]) -> DiscourseNetwork {
        // The stances each actor took on each topic.
        var taken: [String: [String: Set<Stance>]] = [:]
        for claim in data.claims where claim.stance != .neutral {
            taken[claim.actor.name, default: [:]][claim.topic, default: []].insert(claim.stance)
        }
        let names = taken.keys.sorted()
        var edges: [Edge] = []
        for (i, a) in names.enumerated() {
            for b in names[(i + 1)...] {
                var weight = 0.0
                for (topic, mine) in taken[a]! {
                    guard let theirs = taken[b]![topic] else { continue }
                    let counts = kind == .congruence
                        ? !mine.isDisjoint(with: theirs)
                        : (mine.contains(.support) && theirs.contains(.oppose)) || (mine.contains(.oppose) && theirs.contains(.support))
                    if counts { weight += 1 }
                }
                if weight > 0 { edges.append(Edge(source: actors[a]!.id, target: actors[b]!.id, weight: weight, values: [:])) }
            }
        }
        return DiscourseNetwork(kind: kind, nodes: sorted(actors), edges: edges)
    }

    private static func sorted(_ nodes: [String: Node]) -> [Node] {
        nodes.values.sorted { $0.id.count != $1.id.count ? $0.id.count < $1.id.count : $0.id < $1.id }
    }

    private struct Pair: Hashable, Comparable {
        let first: String, second: String
        init(_ first: String, _ second: String) { (self.first, self.second) = (first, second) }
        static func < (a: Pair, b: Pair) -> Bool { (a.first.count, a.first, a.second.count, a.second) < (b.first.count, b.first, b.second.count, b.second) }
    }
}

/// GraphML (graphml.graphdrawing.org) as Gephi reads it: `label` and `weight` keys by those names.
public enum GraphML {
    public static func document(_ network: DiscourseNetwork) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
              <key id="label" for="node" attr.name="label" attr.type="string"/>
              <key id="type" for="node" attr.name="type" attr.type="string"/>
              <key id="actorKind" for="node" attr.name="actorKind" attr.type="string"/>
              <key id="weight" for="edge" attr.name="weight" attr.type="double"/>

            """
        for name in network.valueNames {
            out += "  <key id=\"\(name)\" for=\"edge\" attr.name=\"\(name)\" attr.type=\"double\"/>\n"
        }
        out += "  <graph id=\"\(network.kind.rawValue)\" edgedefault=\"undirected\">\n"
        for node in network.nodes {
            out += "    <node id=\"\(node.id)\"><data key=\"label\">\(xml(node.label))</data><data key=\"type\">\(node.type)</data>"
            if !node.actorKind.isEmpty { out += "<data key=\"actorKind\">\(xml(node.actorKind))</data>" }
            out += "</node>\n"
        }
        for (index, edge) in network.edges.enumerated() {
            out += "    <edge id=\"e\(index + 1)\" source=\"\(edge.source)\" target=\"\(edge.target)\"><data key=\"weight\">\(number(edge.weight))</data>"
            for name in network.valueNames { out += "<data key=\"\(name)\">\(number(edge.values[name] ?? 0))</data>" }
            out += "</edge>\n"
        }
        return out + "  </graph>\n</graphml>\n"
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// Text safe in XML content and attributes: markup escaped, characters XML 1.0 forbids dropped.
    static func xml(_ text: String) -> String {
        escape(String(String.UnicodeScalarView(text.unicodeScalars.filter {
            $0 == "\t" || $0 == "\n" || $0 == "\r" || ($0.value >= 0x20 && $0.value != 0xFFFE && $0.value != 0xFFFF)
        })))
    }
}
