import ClaimModel

/// Why bytes from the other end of a worker pipe could not be read as a message.
struct WireError: Error, CustomStringConvertible {
    var description: String
}

/// Writes the binary messages exchanged with extraction workers: integers as LEB128 varints
/// (zig-zag for signed ones), strings as a length and their UTF-8, doubles as their bits.
///
/// Both ends are the same build of claimd, so there is no schema evolution to handle: a
/// message is read field by field in the order it was written.
struct WireWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    mutating func write(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func write(_ value: Int) {
        let wide = Int64(value)
        write(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
    }

    mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func write(_ value: Double) { write(value.bitPattern) }

    mutating func write(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            write(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func write(_ value: [UInt8]) {
        write(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func write<Value: WireCodable>(_ value: Value) { value.encode(to: &self) }

    mutating func write<Value: WireCodable>(_ value: Value?) {
        write(value != nil)
        if let value { value.encode(to: &self) }
    }

    mutating func write<Value: WireCodable>(_ values: [Value]) {
        write(UInt64(values.count))
        for value in values { value.encode(to: &self) }
    }
}

/// Reads what ``WireWriter`` wrote; every read checks the bounds, so a truncated or garbled
/// message is an error, never a crash.
struct WireReader {
    private let bytes: [UInt8]
    private var offset: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        offset = 0
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func readUInt64() throws(WireError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw WireError(description: "truncated or overlong integer") }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    mutating func readInt() throws(WireError) -> Int {
        let raw = try readUInt64()
        return Int(Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
    }

    mutating func readBool() throws(WireError) -> Bool {
        guard offset < bytes.count else { throw WireError(description: "truncated message") }
        defer { offset += 1 }
        return bytes[offset] != 0
    }

    mutating func readDouble() throws(WireError) -> Double { Double(bitPattern: try readUInt64()) }

    mutating func readBytes() throws(WireError) -> ArraySlice<UInt8> {
        let count = try readUInt64()
        guard count <= UInt64(bytes.count - offset) else { throw WireError(description: "a field runs past the end of its message") }
        defer { offset += Int(count) }
        return bytes[offset..<offset + Int(count)]
    }

    mutating func readString() throws(WireError) -> String {
        let utf8 = try readBytes()
        guard let string = String(validating: utf8, as: UTF8.self) else { throw WireError(description: "a string is not UTF-8") }
        return string
    }

    mutating func read<Value: WireCodable>(_ type: Value.Type = Value.self) throws(WireError) -> Value {
        try Value(from: &self)
    }

    mutating func readOptional<Value: WireCodable>(_ type: Value.Type = Value.self) throws(WireError) -> Value? {
        try readBool() ? try Value(from: &self) : nil
    }

    mutating func readArray<Value: WireCodable>(_ type: Value.Type = Value.self) throws(WireError) -> [Value] {
        let count = try readUInt64()
        // Every element takes at least a byte: a count beyond what is left is garbage.
        guard count <= UInt64(bytes.count - offset) else { throw WireError(description: "an array count runs past the end of its message") }
        var values: [Value] = []
        values.reserveCapacity(Int(count))
        for _ in 0..<count { values.append(try Value(from: &self)) }
        return values
    }

    /// A value of a `String`-backed enum.
    mutating func readRaw<Value: RawRepresentable>(_ type: Value.Type = Value.self) throws(WireError) -> Value where Value.RawValue == String {
        let raw = try readString()
        guard let value = Value(rawValue: raw) else { throw WireError(description: "unknown \(Value.self) '\(raw)'") }
        return value
    }
}

/// A value that crosses the pipe to or from a worker.
protocol WireCodable {
    func encode(to writer: inout WireWriter)
    init(from reader: inout WireReader) throws(WireError)
}

extension String: WireCodable {
    func encode(to writer: inout WireWriter) { writer.write(self) }
    init(from reader: inout WireReader) throws(WireError) { self = try reader.readString() }
}

extension TimeValue: WireCodable {
    func encode(to writer: inout WireWriter) {
        writer.write(value)
        writer.write(granularity.rawValue)
    }

    init(from reader: inout WireReader) throws(WireError) {
        self.init(value: try reader.readString(), granularity: try reader.readRaw())
    }
}

extension ActorRef: WireCodable {
    func encode(to writer: inout WireWriter) {
        writer.write(name)
        writer.write(kind.rawValue)
        writer.write(role)
        writer.write(affiliation)
    }

    init(from reader: inout WireReader) throws(WireError) {
        self.init(name: try reader.readString(), kind: try reader.readRaw(), role: try reader.readOptional(String.self),
                  affiliation: try reader.readOptional(String.self))
    }
}

extension Claim: WireCodable {
    func encode(to writer: inout WireWriter) {
        writer.write(actor)
        writer.write(topic)
        writer.write(stance.rawValue)
        writer.write(mode.rawValue)
        writer.write(cue)
        writer.write(text)
        writer.write(date)
        writer.write(start)
        writer.write(end)
        writer.write(confidence)
    }

    init(from reader: inout WireReader) throws(WireError) {
        self.init(actor: try reader.read(), topic: try reader.readString(), stance: try reader.readRaw(), mode: try reader.readRaw(),
                  cue: try reader.readString(), text: try reader.readString(), date: try reader.read(), start: try reader.readInt(),
                  end: try reader.readInt(), confidence: try reader.readDouble())
    }
}

extension Event: WireCodable {
    func encode(to writer: inout WireWriter) {
        writer.write(date)
        writer.write(type)
        writer.write(actors)
        writer.write(text)
        writer.write(trigger)
        writer.write(start)
        writer.write(end)
    }

    init(from reader: inout WireReader) throws(WireError) {
        self.init(date: try reader.read(), type: try reader.readString(), actors: try reader.readArray(), text: try reader.readString(),
                  trigger: try reader.readOptional(String.self), start: try reader.readInt(), end: try reader.readInt())
    }
}

extension DocumentDate: WireCodable {
    func encode(to writer: inout WireWriter) {
        writer.write(value)
        writer.write(source.rawValue)
    }

    init(from reader: inout WireReader) throws(WireError) {
        self.init(value: try reader.readString(), source: try reader.readRaw())
    }
}

extension Document: WireCodable {
    func encode(to writer: inout WireWriter) {
        writer.write(path)
        writer.write(sha256)
        writer.write(format.rawValue)
        writer.write(dct)
        writer.write(title)
        writer.write(text)
        writer.write(url)
        writer.write(source)
    }

    init(from reader: inout WireReader) throws(WireError) {
        self.init(path: try reader.readString(), sha256: try reader.readString(), format: try reader.readRaw(), dct: try reader.read(),
                  title: try reader.readOptional(String.self), text: try reader.readString(),
                  url: try reader.readOptional(String.self), source: try reader.readOptional(String.self))
    }
}

/// What the daemon stores of an extraction: claims, events and actors. Timexes and quotes
/// stay in the worker; nothing after extraction reads them.
extension Extraction: WireCodable {
    func encode(to writer: inout WireWriter) {
        writer.write(events)
        writer.write(claims)
        writer.write(actors)
    }

    init(from reader: inout WireReader) throws(WireError) {
        self.init(events: try reader.readArray(), claims: try reader.readArray(), actors: try reader.readArray())
    }
}
