import NIOCore
import NIOHTTP1
import NIOPosix

/// A response from the control socket.
public struct ControlResponse: Sendable {
    public var status: Int
    public var body: [UInt8]

    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Why a request to the daemon got no response.
public enum ControlClientError: Error, CustomStringConvertible {
    /// Nothing listens on the socket (no file, refused, permission denied).
    case unreachable(socket: String, reason: String)
    /// The daemon closed the connection before a full response.
    case incompleteResponse(socket: String)
    /// No full response within the time allowed.
    case timedOut(socket: String, after: TimeAmount)

    public var description: String {
        switch self {
        case let .unreachable(socket, reason): "cannot reach claimd at \(socket): \(reason)"
        case let .incompleteResponse(socket): "claimd at \(socket) closed the connection before answering"
        case let .timedOut(socket, after): "claimd at \(socket) did not answer within \(after.nanoseconds / 1_000_000_000) s"
        }
    }
}

/// An HTTP/1.1 client for the daemon's Unix socket: one request per connection, as `curl --unix-socket` does.
public struct ControlClient: Sendable {
    public let socketPath: String
    /// How long a request may take, connection included.
    public let timeout: TimeAmount

    public init(socketPath: String, timeout: TimeAmount = .seconds(30)) {
        self.socketPath = socketPath
        self.timeout = timeout
    }

    /// Sends `method path` with an optional body and waits for the whole response.
    public func request(_ method: HTTPMethod, _ path: String, body: [UInt8]? = nil,
                        contentType: String = "application/octet-stream") async throws -> ControlResponse {
        try await exchange(method, path, body: body, contentType: contentType, collector: ResponseCollector())
    }

    /// `GET path`, the body of a 2xx response written to `fd` as it arrives (a store's backup
    /// may be gigabytes); the response with the body of any other status, to read the error.
    /// The timeout is of each wait for more of the body, not of the whole transfer.
    public func download(_ path: String, to fd: Int32) async throws -> ControlResponse {
        try await exchange(.GET, path, body: nil, contentType: "", collector: ResponseCollector(sink: fd, socket: socketPath, idle: timeout))
    }

    private func exchange(_ method: HTTPMethod, _ path: String, body: [UInt8]?, contentType: String,
                          collector: ResponseCollector) async throws -> ControlResponse {
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if collector.idle != nil { try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: timeout)) }
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(collector)
                    }
                }
                .connectTimeout(timeout)
                .connect(unixDomainSocketPath: socketPath).get()
        } catch let error as IOError {
            collector.response.fail(error)
            throw ControlClientError.unreachable(socket: socketPath, reason: String(cString: strerror(error.errnoCode)))
        } catch {
            collector.response.fail(error)
            throw ControlClientError.unreachable(socket: socketPath, reason: "\(error)")
        }
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: path)
        head.headers.add(name: "Host", value: "localhost")
        head.headers.add(name: "Connection", value: "close")
        head.headers.add(name: "Accept", value: "application/json")
        if let body {
            head.headers.add(name: "Content-Type", value: contentType)
            head.headers.add(name: "Content-Length", value: "\(body.count)")
        }
        // A download is timed by the idle handler above, each wait for data on its own.
        let deadline = collector.idle != nil ? nil : channel.eventLoop.scheduleTask(in: timeout) { [socketPath, timeout] in
            collector.response.fail(ControlClientError.timedOut(socket: socketPath, after: timeout))
            channel.close(promise: nil)
        }
        defer { deadline?.cancel() }
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        if let body { channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil) }
        // A write error (the daemon answered early, e.g. 413, and closed) is not the answer: the
        // response that was read, if any, is.
        try? await channel.writeAndFlush(HTTPClientRequestPart.end(nil)).get()
        guard let response = try await collector.response.futureResult.get() else {
            throw ControlClientError.incompleteResponse(socket: socketPath)
        }
        return response
    }
}

/// Gathers one HTTP response and fulfils a promise with it (nil if the connection closes early).
private final class ResponseCollector: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart

    // Touched only on the channel's event loop.
    private var status = 0
    private var body: [UInt8] = []
    private var promise: EventLoopPromise<ControlResponse?>?
    let response: EventLoopPromise<ControlResponse?>
    /// Where a 2xx body goes instead of memory, if anywhere.
    private let sink: Int32?
    private var sinkError: Int32 = 0
    private let socket: String
    /// For a download: how long a wait for data may take.
    let idle: TimeAmount?

    init(sink: Int32? = nil, socket: String = "", idle: TimeAmount? = nil) {
        let promise = MultiThreadedEventLoopGroup.singleton.next().makePromise(of: ControlResponse?.self)
        self.response = promise
        self.promise = promise
        self.sink = sink
        self.socket = socket
        self.idle = idle
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let idle, event as? IdleStateHandler.IdleStateEvent == .read else { return context.fireUserInboundEventTriggered(event) }
        promise?.fail(ControlClientError.timedOut(socket: socket, after: idle))
        promise = nil
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(head): status = Int(head.status.code)
        case var .body(buffer) where sink != nil && (200..<300).contains(status):
            // A blocking write on the event loop: the client has nothing else to serve.
            buffer.withUnsafeReadableBytes { bytes in
                var offset = 0
                while offset < bytes.count, sinkError == 0 {
                    let written = write(sink!, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 { if errno != EINTR { sinkError = errno } } else { offset += written }
                }
            }
            if sinkError != 0 {
                promise?.fail(IOError(errnoCode: sinkError, reason: "write"))
                promise = nil
                context.close(promise: nil)
            }
        case var .body(buffer): body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            promise?.succeed(ControlResponse(status: status, body: body))
            promise = nil
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise?.succeed(nil)
        promise = nil
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise?.fail(error)
        promise = nil
        context.close(promise: nil)
    }
}
