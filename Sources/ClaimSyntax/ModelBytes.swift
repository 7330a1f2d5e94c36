#if canImport(Glibc)
import Glibc
#endif

/// An immutable, 16-byte-aligned copy (or read-only mapping) of a model file's bytes.
///
/// Weight tables are read straight out of this buffer (no per-entry decoding at load), so it must
/// outlive every table that points into it; tables hold a reference to it. It is never written
/// after construction, which is why sharing it between threads is safe.
@usableFromInline
final class ModelBytes: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutableRawPointer
    @usableFromInline let count: Int

    /// Copies `bytes` into fresh aligned memory.
    init(_ bytes: UnsafeRawBufferPointer) {
        count = bytes.count
        base = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 16)
        if let src = bytes.baseAddress, count > 0 { base.copyMemory(from: src, byteCount: count) }
    }

    /// Allocates `count` bytes and lets `fill` write them (used when reading a file in place).
    init(count: Int, fill: (UnsafeMutableRawBufferPointer) throws(ModelFileError) -> Void) throws(ModelFileError) {
        self.count = count
        base = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 16)
        do {
            try fill(UnsafeMutableRawBufferPointer(start: base, count: count))
        } catch {
            base.deallocate()
            throw error
        }
    }

    /// Maps `count` bytes of the open file `fd` read-only: processes that load one model file
    /// share its pages (claimd's extraction workers each load the models). Nil when the file
    /// cannot be mapped; the caller reads it instead.
    init?(mapping fd: Int32, count: Int) {
        guard count > 0, let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else { return nil }
        self.count = count
        base = UnsafeMutableRawPointer(address)
        isMapped = true
    }

    /// Whether ``base`` is a mapping of the file rather than memory of our own.
    private var isMapped = false

    deinit {
        if isMapped { munmap(base, count) } else { base.deallocate() }
    }

    var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
}

/// Little-endian byte writer for model files; aligns sections so tables can be read in place.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    var count: Int { bytes.count }

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func i16(_ v: Int16) { u16(UInt16(bitPattern: v)) }
    mutating func f32(_ v: Float) { u32(v.bitPattern) }
    mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }

    /// A length-prefixed (UInt32) UTF-8 string.
    mutating func string(_ s: String) {
        let utf8 = Array(s.utf8)
        u32(UInt32(utf8.count))
        raw(utf8)
    }

    mutating func align(_ n: Int) {
        while bytes.count % n != 0 { bytes.append(0) }
    }

    mutating func patchU32(at offset: Int, _ v: UInt32) {
        withUnsafeBytes(of: v.littleEndian) { for i in 0..<4 { bytes[offset + i] = $0[i] } }
    }

    mutating func patchU64(at offset: Int, _ v: UInt64) {
        withUnsafeBytes(of: v.littleEndian) { for i in 0..<8 { bytes[offset + i] = $0[i] } }
    }
}

/// Bounds-checked little-endian reader over one region of a model file; every read that would
/// leave the region throws `.malformed` instead of trapping.
struct ByteReader {
    let storage: ModelBytes
    let path: String
    let start: Int
    let end: Int
    var position: Int

    init(storage: ModelBytes, path: String, offset: Int, length: Int) {
        self.storage = storage
        self.path = path
        self.start = offset
        self.end = offset + length
        self.position = offset
    }

    private func need(_ n: Int, _ what: String) throws(ModelFileError) {
        if n < 0 || position + n > end {
            throw .malformed(path: path, reason: "\(what) runs past the end of its section")
        }
    }

    mutating func u32(_ what: String = "value") throws(ModelFileError) -> UInt32 {
        try need(4, what)
        defer { position += 4 }
        return UInt32(littleEndian: storage.base.loadUnaligned(fromByteOffset: position, as: UInt32.self))
    }

    mutating func u64(_ what: String = "value") throws(ModelFileError) -> UInt64 {
        try need(8, what)
        defer { position += 8 }
        return UInt64(littleEndian: storage.base.loadUnaligned(fromByteOffset: position, as: UInt64.self))
    }

    mutating func u16(_ what: String = "value") throws(ModelFileError) -> UInt16 {
        try need(2, what)
        defer { position += 2 }
        return UInt16(littleEndian: storage.base.loadUnaligned(fromByteOffset: position, as: UInt16.self))
    }

    mutating func u8(_ what: String = "value") throws(ModelFileError) -> UInt8 {
        try need(1, what)
        defer { position += 1 }
        return storage.base.load(fromByteOffset: position, as: UInt8.self)
    }

    mutating func f32(_ what: String = "value") throws(ModelFileError) -> Float {
        Float(bitPattern: try u32(what))
    }

    mutating func string(_ what: String = "string") throws(ModelFileError) -> String {
        let n = Int(try u32(what))
        try need(n, what)
        defer { position += n }
        return String(decoding: UnsafeRawBufferPointer(start: storage.base + position, count: n), as: UTF8.self)
    }

    /// Reserves `n` bytes (aligned to `alignment` from the file start) and returns their offset.
    mutating func skip(_ n: Int, alignment: Int = 1, _ what: String) throws(ModelFileError) -> Int {
        while position % alignment != 0 { position += 1 }
        try need(n, what)
        defer { position += n }
        return position
    }

    mutating func align(_ n: Int) {
        while position % n != 0 { position += 1 }
    }
}
