import Glibc

/// A blocking HTTP/1.1 client on one keep-alive connection to the control socket.
///
/// Plain POSIX calls, no event loop: the time a request takes is the daemon's time plus a
/// few system calls, which is what a query latency should measure.
final class SocketHTTPClient {
    private let fd: Int32
    private var pending: [UInt8] = []

    init(socket path: String) throws {
        fd = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchError.system("socket(AF_UNIX, SOCK_STREAM)") }
        guard UnixAddress.connect(fd, path: path) else {
            close(fd)
            throw BenchError.system("connect \(path)")
        }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// `GET path`; the status and body. Throws unless the reply is a complete HTTP response.
    func get(_ target: String) throws -> (status: Int, body: [UInt8]) {
        let request = Array("GET \(target) HTTP/1.1\r\nHost: claimd\r\nAccept: application/json\r\n\r\n".utf8)
        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw BenchError.system("send") }
            sent += count
        }
        let head = try readHead()
        let lines = head.split(separator: "\r\n")
        guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/1.1 "),
              let status = Int(statusLine.dropFirst(9).prefix(3)) else {
            throw BenchError.protocolError("status line '\(lines.first ?? "")'")
        }
        guard let lengthLine = lines.first(where: { $0.lowercased().hasPrefix("content-length:") }),
              let length = Int(lengthLine.dropFirst("content-length:".count).filter { $0 != " " }) else {
            throw BenchError.protocolError("no Content-Length in '\(head)'")
        }
        return (status, try readBody(length))
    }

    private func readHead() throws -> String {
        while true {
            if let end = headEnd() {
                let head = String(decoding: pending[..<end], as: UTF8.self)
                pending.removeFirst(end + 4)
                return head
            }
            try fill()
        }
    }

    private func headEnd() -> Int? {
        guard pending.count >= 4 else { return nil }
        for index in 0...(pending.count - 4)
        where pending[index] == 13 && pending[index + 1] == 10 && pending[index + 2] == 13 && pending[index + 3] == 10 {
            return index
        }
        return nil
    }

    private func readBody(_ length: Int) throws -> [UInt8] {
        while pending.count < length { try fill() }
        let body = Array(pending[..<length])
        pending.removeFirst(length)
        return body
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw count == 0 ? BenchError.protocolError("connection closed") : BenchError.system("recv") }
        pending.append(contentsOf: chunk[..<count])
    }
}
