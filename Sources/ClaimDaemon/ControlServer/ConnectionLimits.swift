import HTTPTypes
import NIOCore
import NIOHTTPTypes
import Synchronization

/// The control socket's open connections, against a cap: each holds a descriptor, and a flood
/// of idle clients must not take the ones the inbox and the store need.
///
/// At the cap, a new connection takes the place of the one idle longest (a client waiting
/// between requests loses nothing it cannot reopen); only when every connection is busy with a
/// request is the newcomer refused with `503`.
final class ConnectionCount: Sendable {
    let limit: Int
    private let state = Mutex(State())

    private struct State {
        var open = 0
        /// Connections between requests, with when they became idle.
        var idle: [ObjectIdentifier: (since: ContinuousClock.Instant, channel: any Channel)] = [:]
    }

    /// How long a connection must have been idle to give way: one just accepted has not had
    /// the time to send its request.
    static let evictableAfter: Duration = .milliseconds(500)

    init(limit: Int) { self.limit = limit }

    /// Counts a new connection in, closing the longest-idle one if the cap is reached; false
    /// when every connection is busy (or idle for less than ``evictableAfter``).
    func admit() -> Bool {
        let (admitted, evicted) = state.withLock { state -> (Bool, (any Channel)?) in
            if state.open < limit {
                state.open += 1
                return (true, nil)
            }
            guard let oldest = state.idle.min(by: { $0.value.since < $1.value.since }),
                  ContinuousClock.now - oldest.value.since >= Self.evictableAfter else { return (false, nil) }
            state.idle[oldest.key] = nil
            // The evicted connection is counted out when its close completes.
            state.open += 1
            return (true, oldest.value.channel)
        }
        evicted?.close(promise: nil)
        return admitted
    }

    func markIdle(_ channel: any Channel) {
        state.withLock { $0.idle[ObjectIdentifier(channel)] = (ContinuousClock.now, channel) }
    }

    func markBusy(_ channel: any Channel) {
        _ = state.withLock { $0.idle.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    func release(_ channel: any Channel) {
        state.withLock { state in
            state.idle[ObjectIdentifier(channel)] = nil
            state.open -= 1
        }
    }

    var current: Int { state.withLock { $0.open } }
}

/// Answers a connection over the cap with `503` and a JSON body, then closes it, without reading
/// anything it sends.
final class RefusingHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    static let response: [UInt8] = {
        let body = #"{"error":"unavailable","message":"claimd holds as many connections as it may; try again shortly"}"# + "\n"
        let head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Retry-After: 1\r\nConnection: close\r\n\r\n"
        return Array((head + body).utf8)
    }()

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { refuse(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        refuse(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}

    private func refuse(_ context: ChannelHandlerContext) {
        let buffer = context.channel.allocator.buffer(bytes: Self.response)
        context.writeAndFlush(NIOAny(buffer)).whenComplete { _ in context.close(promise: nil) }
    }
}

/// Where a connection is in its current request, shared by the two handlers that enforce the
/// header and body timeouts (one sees bytes, the other HTTP parts; both run on the channel's
/// event loop).
final class RequestClock: @unchecked Sendable {
    enum Phase {
        /// No request begun: Hummingbird's idle timeout applies.
        case idle
        /// Bytes of a request head have come, not all of it.
        case head
        /// The head is in; the body is coming.
        case body
        /// The request is in; claimd is answering.
        case answering
    }

    let headerTimeout: TimeAmount
    let bodyTimeout: TimeAmount
    private let connections: ConnectionCount
    var phase = Phase.idle
    var timer: Scheduled<Void>?

    init(headerTimeout: Duration, bodyTimeout: Duration, connections: ConnectionCount) {
        self.headerTimeout = TimeAmount(headerTimeout)
        self.bodyTimeout = TimeAmount(bodyTimeout)
        self.connections = connections
    }

    func enter(_ phase: Phase, context: ChannelHandlerContext, timeout: TimeAmount?, onTimeout: @escaping () -> Void) {
        if phase == .idle { connections.markIdle(context.channel) } else if self.phase == .idle { connections.markBusy(context.channel) }
        self.phase = phase
        timer?.cancel()
        timer = timeout.map { context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(in: $0, onTimeout) }
    }

    func stop() {
        timer?.cancel()
        timer = nil
    }
}

/// First in the pipeline: the first bytes of a request start its header timeout.
final class RequestStartHandler: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    private let clock: RequestClock

    init(clock: RequestClock) { self.clock = clock }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { clock.enter(.idle, context: context, timeout: nil) {} }
    }

    func channelActive(context: ChannelHandlerContext) {
        clock.enter(.idle, context: context, timeout: nil) {}
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if clock.phase == .idle {
            clock.enter(.head, context: context, timeout: clock.headerTimeout) {
                // A client that opens a request and stalls would otherwise hold the connection.
                context.close(promise: nil)
            }
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        clock.stop()
        context.fireChannelInactive()
    }
}

/// After the HTTP codec: the head ends the header timeout and starts the body timeout; the
/// response's end makes the connection idle again. It also gives the `400` that Hummingbird
/// sends for an unparsable request a JSON body, like every other error.
final class RequestPhaseHandler: ChannelDuplexHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let clock: RequestClock
    private var rewritingParseError = false

    static let parseErrorBody = Array((#"{"error":"bad-request","message":"the request is not valid HTTP/1.1"}"# + "\n").utf8)

    init(clock: RequestClock) { self.clock = clock }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            clock.enter(.body, context: context, timeout: clock.bodyTimeout) { context.close(promise: nil) }
        case .end:
            clock.enter(.answering, context: context, timeout: nil) {}
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case var .head(head):
            // Hummingbird answers a parse error with an empty 400; claimd's own 400s carry JSON.
            if head.status == .badRequest, head.headerFields[.contentLength] == "0" {
                rewritingParseError = true
                head.headerFields[.contentLength] = String(Self.parseErrorBody.count)
                head.headerFields[.contentType] = "application/json"
                context.write(wrapOutboundOut(.head(head)), promise: promise)
                return
            }
        case .end:
            if rewritingParseError {
                rewritingParseError = false
                context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: Self.parseErrorBody))), promise: nil)
            }
            clock.enter(.idle, context: context, timeout: nil) {}
        case .body:
            break
        }
        context.write(data, promise: promise)
    }
}
