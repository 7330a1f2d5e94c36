import ClaimAPI
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOExtras
import NIOPosix
import ServiceLifecycle

/// Serves the control API on the Unix socket: one systemd passed (socket activation) or one
/// bound at a path, with the limits a socket open to a whole group needs: a cap on connections
/// (`503` beyond it), idle, header and body timeouts, and the peer's credentials on every request.
///
/// Hummingbird's `Application` binds a path itself, which would throw away the socket systemd
/// holds, and has no connection cap; this serves Hummingbird's router over NIO's bootstrap with
/// the same HTTP/1 child channel the `Application` uses.
struct ControlServer<Responder: HTTPResponder>: Service where Responder.Context == ControlContext {
    enum Endpoint: Sendable {
        /// The descriptor systemd passed (`SD_LISTEN_FDS_START`).
        case inherited(descriptor: Int32)
        /// A socket file of claimd's own, made private until `onRunning` sets its mode.
        case path(String)
    }

    struct Limits: Sendable {
        var maxConnections: Int
        var idleTimeout: Duration
        var headerTimeout: Duration
        var bodyTimeout: Duration
    }

    let endpoint: Endpoint
    let limits: Limits
    let responder: Responder
    let logger: Logger
    let onRunning: @Sendable () async -> Void

    func run() async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let quiescing = ServerQuiescingHelper(group: group)
        let responder = self.responder
        let logger = self.logger
        let limits = self.limits
        let connections = ConnectionCount(limit: limits.maxConnections)
        let http = HTTP1Channel(
            responder: { request, writer, channel in
                let context = ControlContext(source: .init(logger: logger, peer: await PeerCredentials.of(channel)))
                let response: Response
                do {
                    response = try await responder.respond(to: request, context: context)
                } catch {
                    response = errorResponse(APIError(.internal, "\(error)"), status: .internalServerError)
                }
                try await writer.write(response: response.head, body: response.body)
            },
            configuration: .init(idleTimeout: TimeAmount(limits.idleTimeout)))
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiescing.makeServerChannelHandler(channel: channel))
                }
            }
            .serverChannelOption(ChannelOptions.backlog, value: 1024)
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
        let initializer: @Sendable (any Channel) -> EventLoopFuture<ControlConnection> = { channel in
            guard connections.admit() else {
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(RefusingHandler())
                    return .refused
                }
            }
            channel.closeFuture.whenComplete { _ in connections.release(channel) }
            let clock = RequestClock(headerTimeout: limits.headerTimeout, bodyTimeout: limits.bodyTimeout, connections: connections)
            return channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(RequestStartHandler(clock: clock), position: .first)
            }.flatMap {
                http.setup(channel: channel, logger: logger)
            }.flatMapThrowing { asyncChannel in
                // After the codec, so it sees HTTP parts; before the responder's async channel.
                try channel.pipeline.syncOperations.addHandler(RequestPhaseHandler(clock: clock), position: .before(
                    try channel.pipeline.syncOperations.handler(type: HTTPConnectionStateHandler.self)))
                return .http(asyncChannel)
            }
        }
        let server: NIOAsyncChannel<ControlConnection, Never>
        switch endpoint {
        case let .inherited(descriptor):
            server = try await bootstrap.bind(descriptor, cleanupExistingSocketFile: false, serverBackPressureStrategy: nil,
                                              childChannelInitializer: initializer)
        case let .path(path):
            // The lock in STATE makes this daemon the socket's only owner: a stale file is removed.
            server = try await bootstrap.bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true, serverBackPressureStrategy: nil,
                                              childChannelInitializer: initializer)
        }
        await withGracefulShutdownHandler {
            await onRunning()
            await withDiscardingTaskGroup { tasks in
                do {
                    try await server.executeThenClose { inbound in
                        for try await connection in inbound {
                            guard case let .http(channel) = connection else { continue }
                            tasks.addTask { await http.handle(value: channel, logger: logger) }
                        }
                    }
                } catch {
                    logger.error("Accepting on the control socket failed: \(error)")
                }
            }
        } onGracefulShutdown: {
            quiescing.initiateShutdown(promise: nil)
        }
    }
}

/// An accepted connection: served over HTTP, or refused with `503` because of the cap.
enum ControlConnection: Sendable {
    case http(HTTP1Channel.Value)
    case refused
}
