import Glibc

/// Messages on a worker's pipes: a 4-byte little-endian length, then the message.
enum Frames {
    /// Larger frames are garbage: an article is at most `max_file_bytes` (16 MiB by default) and
    /// its extraction a few times that.
    static let maximumLength = 1 << 30

    /// Writes one frame, all of it; false when the other end is gone.
    static func write(_ payload: [UInt8], to fd: Int32) -> Bool {
        var length = UInt32(payload.count).littleEndian
        let header = withUnsafeBytes(of: &length) { Array($0) }
        return writeAll(header, to: fd) && writeAll(payload, to: fd)
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

}

/// Frames read one after another from a descriptor, blocking: a read may bring the end of one
/// frame and the start of the next, which is kept for the next call.
struct FrameInput {
    let fd: Int32
    private var reader = FrameReader()
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)

    init(fd: Int32) { self.fd = fd }

    /// The next frame; nil at the end of the stream (or on a malformed length).
    mutating func next() -> [UInt8]? {
        while true {
            if let frame = reader.nextFrame() { return frame }
            if reader.isMalformed { return nil }
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            reader.append(chunk[0..<count])
        }
    }
}

/// Assembles frames from whatever pieces the pipe delivers.
struct FrameReader {
    private var buffer: [UInt8] = []
    private var start = 0
    private(set) var isMalformed = false

    mutating func append(_ bytes: ArraySlice<UInt8>) {
        if start > 0, start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete frame, if the buffer holds one.
    mutating func nextFrame() -> [UInt8]? {
        guard buffer.count - start >= 4 else { return nil }
        let length = Int(buffer[start]) | Int(buffer[start + 1]) << 8 | Int(buffer[start + 2]) << 16 | Int(buffer[start + 3]) << 24
        guard length <= Frames.maximumLength else {
            isMalformed = true
            return nil
        }
        guard buffer.count - start - 4 >= length else { return nil }
        let frame = Array(buffer[(start + 4)..<(start + 4 + length)])
        start += 4 + length
        return frame
    }
}
