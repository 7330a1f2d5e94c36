import ClaimAPI
import ClaimModel
import ClaimStore
import Foundation
import Hummingbird

extension ControlAPI {
    /// `POST /v1/corrections`: records the correction (one per subject of a merge), then
    /// extracts the documents it concerns again so that it shows at once, as it will in every
    /// later extraction.
    func correct(_ request: Request, peer: PeerCredentials?) async throws -> Response {
        let query = try CorrectionQuery(parameters: parameters(request.uri))
        guard let kind = query.kind else { throw APIError.badRequest("kind=merge|rename|alias|reject|set is needed") }
        guard !query.subjects.isEmpty else { throw APIError.badRequest("subject=… is needed: an actor's name, or a claim's id") }
        let by = peer.map { Submitter(uid: $0.uid, pid: $0.pid) }
        var made: [Correction] = []
        var documents: Set<Int64> = []
        var emptied: [String] = []
        switch kind {
        case .merge, .rename, .alias:
            guard let value = query.value else { throw APIError.badRequest("value=… is needed: the other actor, the new name or the alias") }
            guard kind == .merge || query.subjects.count == 1 else { throw APIError.badRequest("\(kind.rawValue) takes one subject") }
            let into = kind == .merge ? try oneActor(value) : value
            for subject in query.subjects {
                let name = try oneActor(subject)
                guard name.lowercased() != into.lowercased() else { throw APIError.badRequest("'\(name)' is '\(into)' already") }
                // Text naming the alias as an actor of its own is now that actor's.
                let moved = kind == .alias ? value : name
                documents.formUnion(try store.documentIDs(withActorsNamed: [moved]))
                emptied.append(moved)
                made.append(Correction(kind: kind, subject: name, value: into, reason: query.reason, madeBy: by))
            }
        case .reject, .set:
            guard query.subjects.count == 1, let id = Int64(query.subjects[0]) else { throw APIError.badRequest("subject=ID, one claim's id") }
            guard let key = try store.claimKey(id: id) else { throw APIError(.notFound, "no claim \(id)") }
            if kind == .set, query.topic == nil, query.stance == nil, query.actor == nil {
                throw APIError.badRequest("set needs topic=, stance= or actor=")
            }
            if let topic = query.topic, !pipeline.topics.topics.contains(where: { $0.id == topic }) {
                throw APIError.badRequest("unknown topic '\(topic)' (GET /v1/topics lists them)")
            }
            if let id = try store.documentID(sha256: key.sha256) { documents.insert(id) }
            made.append(Correction(kind: kind, subject: key.description, topic: query.topic, stance: query.stance, actor: query.actor,
                                   reason: query.reason, madeBy: by))
        }
        made = try made.map { try store.add($0, at: Date()) }
        for correction in made { journal(correction, undone: false) }
        try await reextract(documents)
        try store.deleteEmptyActors(named: emptied)
        return try json(CorrectionReport(corrections: made, documents: documents.count), status: .created)
    }

    /// `POST /v1/corrections/undo`: takes a correction back and extracts what it concerned again.
    func undoCorrection(_ request: Request, peer: PeerCredentials?) async throws -> Response {
        guard let text = request.uri.queryParameters["id"], let id = Int64(String(text)) else { throw APIError.badRequest("id=N is needed") }
        guard let correction = try store.removeCorrection(id: id) else { throw APIError(.notFound, "no correction \(id)") }
        journal(correction, undone: true)
        var documents: [Int64] = []
        switch correction.kind {
        case .merge, .rename: documents = try store.documentIDs(withActorsNamed: [correction.value ?? ""])
        case .alias: documents = try store.documentIDs(withActorsNamed: [correction.subject])
        case .reject, .set:
            if let key = ClaimKey(correction.subject), let document = try store.documentID(sha256: key.sha256) { documents = [document] }
        }
        try await reextract(Set(documents))
        if correction.kind == .rename, let value = correction.value { try store.deleteEmptyActors(named: [value]) }
        return try json(CorrectionReport(corrections: [correction], documents: documents.count))
    }

    /// The full name of the one actor `name` matches (full name, alias or surname): 404 when
    /// none, 400 listing them when several.
    private func oneActor(_ name: String) throws -> String {
        let found = try store.actors(matching: name, limit: 20)
        if let exact = found.first(where: { $0.name.lowercased() == name.lowercased() }) { return exact.name }
        guard let first = found.first else { throw APIError(.notFound, "no actor matches '\(name)'") }
        guard found.count == 1 else {
            throw APIError.badRequest("'\(name)' matches \(found.count) actors: \(found.map(\.name).joined(separator: "; ")); name one")
        }
        return first.name
    }

    private func reextract(_ documents: Set<Int64>) async throws {
        for id in documents.sorted() {
            if case let .failed(reason) = await pipeline.reextract(documentID: id) {
                throw APIError(.internal, "the correction is recorded, but document \(id) could not be extracted again: \(reason)")
            }
        }
    }

    private func journal(_ correction: Correction, undone: Bool) {
        pipeline.logger.notice("\(undone ? "Took back" : "Made") correction \(correction.id): \(correction.summary)", metadata: [
            JournalField.messageID: "\(JournalMessageID.correctionMade)",
            JournalField.reason: "\(correction.reason ?? "")",
            JournalField.peerUID: "\(correction.madeBy.map { "\($0.uid)" } ?? "")",
        ])
    }
}
