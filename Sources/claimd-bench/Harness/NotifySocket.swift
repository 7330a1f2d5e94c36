import Glibc

/// The datagram socket a service manager offers as `NOTIFY_SOCKET`: the bench binds its own,
/// so it learns the exact moment the daemon sends `READY=1`.
final class NotifySocket {
    let path: String
    private let fd: Int32

    init(path: String) throws {
        self.path = path
        unlink(path)
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw BenchError.system("socket(AF_UNIX, SOCK_DGRAM)") }
        guard UnixAddress.bind(fd, path: path) else {
            close(fd)
            throw BenchError.system("bind \(path)")
        }
    }

    /// Waits for a datagram containing `READY=1`; the monotonic time it arrived, or nil on timeout.
    func waitForReady(timeout seconds: Double) -> UInt64? {
        let deadline = Monotonic.now() + UInt64(seconds * 1e9)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Monotonic.now() < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let remaining = Int32(max(1, (deadline &- Monotonic.now()) / 1_000_000))
            guard poll(&poller, 1, remaining) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            let arrived = Monotonic.now()
            guard count > 0 else { continue }
            let message = String(decoding: buffer[0..<count], as: UTF8.self)
            if message.split(separator: "\n").contains("READY=1") { return arrived }
        }
        return nil
    }

    deinit {
        close(fd)
        unlink(path)
    }
}

/// `sockaddr_un` plumbing shared by the notify socket and the HTTP client.
enum UnixAddress {
    static func bind(_ fd: Int32, path: String) -> Bool {
        with(path) { Glibc.bind(fd, $0, $1) == 0 }
    }

    static func connect(_ fd: Int32, path: String) -> Bool {
        with(path) { Glibc.connect(fd, $0, $1) == 0 }
    }

    private static func with(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Bool) -> Bool {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }
}

/// Why a benchmark could not run.
enum BenchError: Error, CustomStringConvertible {
    case system(String)
    case daemon(String)
    case protocolError(String)

    var description: String {
        switch self {
        case let .system(call): "\(call) failed: \(String(cString: strerror(errno)))"
        case let .daemon(reason): reason
        case let .protocolError(reason): "unexpected reply from claimd: \(reason)"
        }
    }
}
