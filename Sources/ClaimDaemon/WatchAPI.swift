import ClaimAPI
import Foundation
import Hummingbird
import NIOCore

extension ControlAPI {
    /// Seconds between the blank lines of an idle feed: a client's read timeout (claimctl's is
    /// 30 s) must not take a quiet feed for a dead one, and a gone client is noticed by a write.
    static let watchHeartbeat: Duration = .seconds(10)

    /// `GET /v1/watch`: NDJSON, one ``WatchItem`` a line, until the client goes or claimd stops.
    func watch(_ request: Request) throws -> Response {
        let query = try ListingQuery(parameters: parameters(request.uri), for: .watch)
        let hub = pipeline.watch
        let (id, lines) = hub.subscribe(WatchHub.Filter(actor: query.actor, topic: query.topic))
        let body = ResponseBody { writer in
            defer { hub.unsubscribe(id) }
            let heartbeat = Task {
                while !Task.isCancelled {
                    try await Task.sleep(for: Self.watchHeartbeat)
                    hub.heartbeat(id)
                }
            }
            defer { heartbeat.cancel() }
            // A first blank line says the feed is open: what happens from now on will come.
            try await writer.write(ByteBuffer(bytes: [0x0A]))
            for await line in lines { try await writer.write(ByteBuffer(bytes: line)) }
            if hub.wasDropped(id) {
                let notice = WatchItem(kind: .dropped, reason: "this watcher fell \(WatchHub.bufferLines) lines behind and was dropped; "
                                       + "ingest does not wait for watchers")
                try await writer.write(ByteBuffer(bytes: Array(try JSONEncoder().encode(notice)) + [0x0A]))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson"], body: body)
    }
}
