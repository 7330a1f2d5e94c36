import ClaimModel

/// Writes the JSON of the listings the API sends most (timeline, claims, events, search)
/// straight into bytes.
///
/// Foundation's JSONEncoder spends about 20 µs on one timeline entry (it builds a tree, then
/// sorts every object's keys), which made encoding most of a timeline request's time. This
/// writes the same bytes as ``json(_:status:)`` does through Codable: keys in sorted order,
/// nil optionals left out, slashes unescaped; `ListingJSONTests` holds the two to that.
struct ListingJSON {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// `{"items":[…],"nextCursor":"…"}`: a ``Page`` of rows written by `write`, as `json(_:)`
    /// would encode it.
    mutating func page<Row>(_ rows: [Row], nextCursor: String?, _ write: (inout ListingJSON, [Row]) -> Void) {
        var fields = Fields()
        bytes.append(UInt8(ascii: "{"))
        key("items", &fields); write(&self, rows)
        if let nextCursor { key("nextCursor", &fields); string(nextCursor) }
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func write(_ entries: [TimelineEntry]) { array(entries) { $0.write($1) } }
    mutating func write(_ claims: [StoredClaim]) { array(claims) { $0.write($1) } }
    mutating func write(_ events: [StoredEvent]) { array(events) { $0.write($1) } }

    mutating func write(_ entry: TimelineEntry) {
        var fields = Fields()
        bytes.append(UInt8(ascii: "{"))
        if let claim = entry.claim { key("claim", &fields); write(claim) }
        key("day", &fields); string(entry.day)
        if let event = entry.event { key("event", &fields); write(event) }
        key("kind", &fields); string(entry.kind.rawValue)
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func write(_ claim: StoredClaim) {
        var fields = Fields()
        bytes.append(UInt8(ascii: "{"))
        key("actor", &fields); write(claim.actor)
        key("confidence", &fields); number(claim.confidence)
        key("cue", &fields); string(claim.cue)
        key("date", &fields); write(claim.date)
        key("day", &fields); string(claim.day)
        key("document", &fields); write(claim.document)
        key("end", &fields); number(claim.end)
        key("id", &fields); number(claim.id)
        key("mode", &fields); string(claim.mode.rawValue)
        if let previous = claim.previousStance { key("previousStance", &fields); string(previous.rawValue) }
        key("stance", &fields); string(claim.stance.rawValue)
        key("start", &fields); number(claim.start)
        key("text", &fields); string(claim.text)
        key("topic", &fields); string(claim.topic)
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func write(_ event: StoredEvent) {
        var fields = Fields()
        bytes.append(UInt8(ascii: "{"))
        key("actors", &fields); array(event.actors) { $0.string($1) }
        key("date", &fields); write(event.date)
        key("day", &fields); string(event.day)
        key("document", &fields); write(event.document)
        key("end", &fields); number(event.end)
        key("id", &fields); number(event.id)
        key("start", &fields); number(event.start)
        key("text", &fields); string(event.text)
        if let trigger = event.trigger { key("trigger", &fields); string(trigger) }
        key("type", &fields); string(event.type)
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func write(_ actor: ActorRef) {
        var fields = Fields()
        bytes.append(UInt8(ascii: "{"))
        if let affiliation = actor.affiliation { key("affiliation", &fields); string(affiliation) }
        key("kind", &fields); string(actor.kind.rawValue)
        key("name", &fields); string(actor.name)
        if let role = actor.role { key("role", &fields); string(role) }
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func write(_ date: TimeValue) {
        var fields = Fields()
        bytes.append(UInt8(ascii: "{"))
        key("granularity", &fields); string(date.granularity.rawValue)
        key("value", &fields); string(date.value)
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func write(_ document: DocumentRef) {
        var fields = Fields()
        bytes.append(UInt8(ascii: "{"))
        key("dct", &fields)
        var dctFields = Fields()
        bytes.append(UInt8(ascii: "{"))
        key("source", &dctFields); string(document.dct.source.rawValue)
        key("value", &dctFields); string(document.dct.value)
        bytes.append(UInt8(ascii: "}"))
        key("id", &fields); number(document.id)
        key("path", &fields); string(document.path)
        key("sha256", &fields); string(document.sha256)
        if let source = document.source { key("source", &fields); string(source) }
        if let title = document.title { key("title", &fields); string(title) }
        if let url = document.url { key("url", &fields); string(url) }
        bytes.append(UInt8(ascii: "}"))
    }

    // MARK: - Values

    /// Whether an object being written has had a key yet (the next one needs a comma).
    struct Fields {
        var isEmpty = true
    }

    /// `"name":` (after a comma unless it is the object's first key). Keys must come in sorted
    /// order, as JSONEncoder's `.sortedKeys` writes them.
    private mutating func key(_ name: StaticString, _ fields: inout Fields) {
        if !fields.isEmpty { bytes.append(UInt8(ascii: ",")) }
        fields.isEmpty = false
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func array<T>(_ elements: [T], _ element: (inout ListingJSON, T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            element(&self, value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// An integer's decimal digits, written straight into the bytes: `String(value)` made a
    /// string for each of the four or five numbers of every entry.
    mutating func number(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var first = digits.endIndex
            repeat {
                first -= 1
                digits[first] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude != 0
            bytes.append(contentsOf: digits[first...])
        }
    }

    mutating func number(_ value: Int) { number(Int64(value)) }

    /// As JSONEncoder writes a Double: its shortest form, without a trailing `.0`. JSON has no
    /// infinity or NaN (JSONEncoder refuses them): those are written as `null`.
    mutating func number(_ value: Double) {
        guard value.isFinite else { return bytes.append(contentsOf: "null".utf8) }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`-style or `\u00XX`
    /// escapes, everything else (slashes and non-ASCII included) as its UTF-8 bytes.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var plainStart = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: utf8[plainStart..<index])
                plainStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                }
            }
            bytes.append(contentsOf: utf8[plainStart...])
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
