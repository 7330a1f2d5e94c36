#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The container format shared by all claimd syntax model files.
///
/// Layout (all integers little-endian):
///
///     0   8 bytes  magic "CLMSYNTX"
///     8   UInt32   format version (``currentVersion``)
///     12  UInt32   kind (four ASCII characters, e.g. "TAGR", "PARS")
///     16  UInt64   payload length in bytes (everything after the 32-byte header)
///     24  UInt32   CRC-32 of bytes 0..<24, 28..<32 and the payload (all but this field)
///     28  UInt32   number of sections
///     32  payload: section directory (per section: UInt32 tag, UInt32 zero, UInt64 absolute offset,
///         UInt64 length), then the sections, each starting on a 16-byte boundary.
///
/// Sections are laid out so that hash tables can be used in place from the loaded bytes; loading
/// only checks the header, the sizes and the checksum. Every model file has a `META` section with
/// the training data's credit line and a provenance string.
enum ModelFile {
    static let magic: [UInt8] = Array("CLMSYNTX".utf8)
    static let currentVersion: UInt32 = 1
    static let headerSize = 32

    /// Four ASCII characters as a little-endian UInt32.
    static func tag(_ s: StaticString) -> UInt32 {
        precondition(s.utf8CodeUnitCount == 4)
        let p = s.utf8Start
        return UInt32(p[0]) | UInt32(p[1]) << 8 | UInt32(p[2]) << 16 | UInt32(p[3]) << 24
    }

    static func tagName(_ t: UInt32) -> String {
        let chars = (0..<4).map { UInt8((t >> (8 * UInt32($0))) & 0xFF) }
        if chars.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return String(decoding: chars, as: UTF8.self) }
        return "0x" + String(t, radix: 16)
    }

    static let metaTag = tag("META")
    static let featureSetTag = tag("FSET")

    /// The body of an `FSET` section.
    static func featureSetSection(_ version: UInt32) -> [UInt8] {
        var w = ByteWriter()
        w.u32(version)
        return w.bytes
    }

    /// Assembles a model file from sections (written in the order given).
    static func build(kind: UInt32, credit: String, provenance: String, sections: [(UInt32, [UInt8])]) -> [UInt8] {
        var meta = ByteWriter()
        meta.string(credit)
        meta.string(provenance)
        let all = [(metaTag, meta.bytes)] + sections

        var w = ByteWriter()
        w.raw(magic)
        w.u32(currentVersion)
        w.u32(kind)
        w.u64(0)  // payload length, patched
        w.u32(0)  // checksum, patched
        w.u32(UInt32(all.count))
        let directory = w.count
        for _ in all { w.u32(0); w.u32(0); w.u64(0); w.u64(0) }
        for (i, (t, body)) in all.enumerated() {
            w.align(16)
            let entry = directory + i * 24
            w.patchU32(at: entry, t)
            w.patchU64(at: entry + 8, UInt64(w.count))
            w.patchU64(at: entry + 16, UInt64(body.count))
            w.raw(body)
        }
        w.align(16)
        w.patchU64(at: 16, UInt64(w.count - headerSize))
        var bytes = w.bytes
        let crc = bytes.withUnsafeBytes { checksum(UnsafeRawBufferPointer(start: $0.baseAddress!, count: $0.count)) }
        w.patchU32(at: 24, crc)
        bytes = w.bytes
        return bytes
    }

    /// CRC-32 over the header (without its checksum field) and the payload, so that a damaged
    /// header field is caught as surely as a damaged weight.
    static func checksum(_ file: UnsafeRawBufferPointer) -> UInt32 {
        let head = CRC32.checksum(UnsafeRawBufferPointer(rebasing: file[0..<24]))
        let count = CRC32.checksum(UnsafeRawBufferPointer(rebasing: file[28..<32]), continuing: head)
        return CRC32.checksum(UnsafeRawBufferPointer(rebasing: file[headerSize...]), continuing: count)
    }

    /// Reads a whole file into aligned memory; `.missing` / `.unreadable` on failure.
    static func readFile(_ path: String) throws(ModelFileError) -> ModelBytes {
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            let e = errno
            if e == ENOENT { throw .missing(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(e)))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw .unreadable(path: path, reason: "is a directory") }
        let size = Int(st.st_size)
        if let mapped = ModelBytes(mapping: fd, count: size) { return mapped }
        return try ModelBytes(count: size) { (buffer) throws(ModelFileError) in
            var done = 0
            while done < size {
                let n = read(fd, buffer.baseAddress! + done, size - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw .unreadable(path: path, reason: String(cString: strerror(errno)))
                }
                if n == 0 { break }
                done += n
            }
            if done < size { throw .truncated(path: path, expectedBytes: size, actualBytes: done) }
        }
    }
}

/// A model file whose header, sizes and checksum have been verified; gives access to its sections.
struct VerifiedModelFile {
    let storage: ModelBytes
    let path: String
    let credit: String
    let provenance: String
    private let sections: [(tag: UInt32, offset: Int, length: Int)]

    /// Verifies magic, version, kind, sizes and CRC-32, in that order, and reads the directory.
    init(storage: ModelBytes, path: String, kind: UInt32) throws(ModelFileError) {
        self.storage = storage
        self.path = path
        let n = storage.count
        let p = storage.base
        if n < ModelFile.magic.count || !zip(ModelFile.magic.indices, ModelFile.magic).allSatisfy({ p.load(fromByteOffset: $0.0, as: UInt8.self) == $0.1 }) {
            if n < ModelFile.headerSize && ModelFile.magic.prefix(n).elementsEqual((0..<n).map { p.load(fromByteOffset: $0, as: UInt8.self) }) {
                throw .truncated(path: path, expectedBytes: ModelFile.headerSize, actualBytes: n)
            }
            throw .badMagic(path: path)
        }
        guard n >= ModelFile.headerSize else {
            throw .truncated(path: path, expectedBytes: ModelFile.headerSize, actualBytes: n)
        }
        func u32(_ o: Int) -> UInt32 { UInt32(littleEndian: p.loadUnaligned(fromByteOffset: o, as: UInt32.self)) }
        func u64(_ o: Int) -> UInt64 { UInt64(littleEndian: p.loadUnaligned(fromByteOffset: o, as: UInt64.self)) }
        let version = u32(8)
        guard version == ModelFile.currentVersion else {
            throw .unsupportedVersion(path: path, found: version, supported: ModelFile.currentVersion)
        }
        let fileKind = u32(12)
        guard fileKind == kind else {
            throw .wrongKind(path: path, expected: ModelFile.tagName(kind), found: ModelFile.tagName(fileKind))
        }
        let payload = u64(16)
        guard payload <= UInt64(Int.max / 2), ModelFile.headerSize + Int(payload) <= n else {
            throw .truncated(path: path, expectedBytes: ModelFile.headerSize &+ Int(truncatingIfNeeded: min(payload, UInt64(Int.max / 2))), actualBytes: n)
        }
        guard ModelFile.headerSize + Int(payload) == n else {
            throw .malformed(path: path, reason: "\(n - ModelFile.headerSize - Int(payload)) unexpected bytes after the payload")
        }
        let stored = u32(24)
        let computed = ModelFile.checksum(storage.buffer)
        guard stored == computed else { throw .checksumMismatch(path: path, stored: stored, computed: computed) }
        let count = Int(u32(28))
        guard count <= 1024, ModelFile.headerSize + count * 24 <= n else {
            throw .malformed(path: path, reason: "section directory of \(count) entries does not fit")
        }
        var list: [(UInt32, Int, Int)] = []
        for i in 0..<count {
            let e = ModelFile.headerSize + i * 24
            let off = u64(e + 8), len = u64(e + 16)
            guard off <= UInt64(n), len <= UInt64(n), off + len <= UInt64(n), off % 16 == 0 else {
                throw .malformed(path: path, reason: "section \(ModelFile.tagName(u32(e))) lies outside the file")
            }
            list.append((u32(e), Int(off), Int(len)))
        }
        sections = list
        guard let meta = list.first(where: { $0.0 == ModelFile.metaTag }) else {
            throw .malformed(path: path, reason: "no META section")
        }
        var r = ByteReader(storage: storage, path: path, offset: meta.1, length: meta.2)
        credit = try r.string("credit line")
        provenance = try r.string("provenance")
    }

    var sectionList: [(tag: UInt32, offset: Int, length: Int)] { sections }

    /// Whether the file has a section with this tag.
    func has(_ tag: UInt32) -> Bool { sections.contains { $0.tag == tag } }

    /// Checks the `FSET` section: the version of the feature templates the weights were trained
    /// with. A file without it, or with another version, was made for other templates and would
    /// silently give poor results, so it is refused.
    func requireFeatureSet(_ expected: UInt32) throws(ModelFileError) {
        guard has(ModelFile.featureSetTag) else {
            throw .malformed(path: path, reason: "no FSET section: the model was trained for older feature templates (expected feature set \(expected)); retrain it")
        }
        var r = try section(ModelFile.featureSetTag)
        let found = try r.u32("feature set")
        guard found == expected else {
            throw .malformed(path: path, reason: "feature set \(found), this build reads feature set \(expected); retrain the model")
        }
    }

    /// A reader over the section with this tag; `.malformed` if the file has none.
    func section(_ tag: UInt32) throws(ModelFileError) -> ByteReader {
        guard let s = sections.first(where: { $0.tag == tag }) else {
            throw .malformed(path: path, reason: "no \(ModelFile.tagName(tag)) section")
        }
        return ByteReader(storage: storage, path: path, offset: s.offset, length: s.length)
    }
}
