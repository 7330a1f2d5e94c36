import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOExtras
import NIOPosix
import ServiceLifecycle

/// Serves the control API on a listening socket inherited from systemd (`claimd.socket`).
///
/// Hummingbird's `Application` can only bind a path itself, which would throw away the socket
/// systemd holds and the connections queued on it while claimd starts. This serves Hummingbird's
/// router over NIO's bootstrap bound to the inherited descriptor instead, with the same HTTP/1
/// child channel the `Application` uses.
struct ActivatedSocketServer<Responder: HTTPResponder>: Service where Responder.Context == BasicRequestContext {
    /// The descriptor systemd passed (`SD_LISTEN_FDS_START`).
    let descriptor: Int32
    let responder: Responder
    let logger: Logger
    let onRunning: @Sendable () async -> Void

    func run() async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let quiescing = ServerQuiescingHelper(group: group)
        let responder = self.responder
        let logger = self.logger
        let http = HTTP1Channel(responder: { request, writer, channel in
            let context = BasicRequestContext(source: .init(channel: channel, logger: logger))
            let response: Response
            do {
                response = try await responder.respond(to: request, context: context)
            } catch {
                response = Response(status: .internalServerError)
            }
            try await writer.write(response: response.head, body: response.body)
        })
        let server = try await ServerBootstrap(group: group)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiescing.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .bind(descriptor, cleanupExistingSocketFile: false, serverBackPressureStrategy: nil) { channel in
                http.setup(channel: channel, logger: logger)
            }
        await withGracefulShutdownHandler {
            await onRunning()
            await withDiscardingTaskGroup { connections in
                do {
                    try await server.executeThenClose { inbound in
                        for try await connection in inbound {
                            connections.addTask { await http.handle(value: connection, logger: logger) }
                        }
                    }
                } catch {
                    logger.error("Accepting on the activated socket failed: \(error)")
                }
            }
        } onGracefulShutdown: {
            quiescing.initiateShutdown(promise: nil)
        }
    }
}
