import ClaimModel

// The bodies the control API answers with. Keys are the properties' names (lower camelCase,
// as the query parameters); optionals that are nil are left out. `openapi.json` describes the
// same shapes, and `OpenAPIDocumentTests` holds the two together.

/// `GET /v1/status`: what the daemon holds and where its files are.
public struct DaemonStatus: Codable, Sendable, Hashable {
    public var version: String
    public var pid: Int32
    public var uptimeSeconds: Double
    public var inbox: String
    public var store: String
    public var socket: String
    public var stateDirectory: String
    public var documents: Int
    public var claims: Int
    public var events: Int
    public var actors: Int
    public var failed: Int
    public var queued: Int
    public var stanceChanges: Int
    /// The latest re-extraction of stored documents (`claimctl reprocess`), while it runs and after.
    public var reprocess: ReprocessStatus?

    public init(version: String, pid: Int32, uptimeSeconds: Double, inbox: String, store: String, socket: String,
                stateDirectory: String, documents: Int, claims: Int, events: Int, actors: Int, failed: Int, queued: Int,
                stanceChanges: Int, reprocess: ReprocessStatus? = nil) {
        self.version = version
        self.pid = pid
        self.uptimeSeconds = uptimeSeconds
        self.inbox = inbox
        self.store = store
        self.socket = socket
        self.stateDirectory = stateDirectory
        self.documents = documents
        self.claims = claims
        self.events = events
        self.actors = actors
        self.failed = failed
        self.queued = queued
        self.stanceChanges = stanceChanges
        self.reprocess = reprocess
    }
}

/// How far a re-extraction of stored documents has got.
public struct ReprocessStatus: Codable, Sendable, Hashable {
    public var running: Bool
    public var total: Int
    /// Documents extracted again or failed, of `total`.
    public var done: Int
    /// Of `done`, those the worker could not extract: their stored rows are as they were.
    public var failed: Int

    public init(running: Bool, total: Int, done: Int, failed: Int) {
        self.running = running
        self.total = total
        self.done = done
        self.failed = failed
    }
}

/// `POST /v1/reprocess`: how many documents are being extracted again, in the background.
public struct ReprocessStarted: Codable, Sendable, Hashable {
    public var documents: Int

    public init(documents: Int) { self.documents = documents }
}

/// `POST /v1/documents/redate` and `/v1/documents/forget`: the document as it is now (as it
/// was, once forgotten), its rows, and the stance changes the change made.
public struct DocumentChange: Codable, Sendable {
    public var document: DocumentRef
    public var claims: Int
    public var events: Int
    public var stanceChanges: [StanceChange]

    public init(document: DocumentRef, claims: Int, events: Int, stanceChanges: [StanceChange]) {
        self.document = document
        self.claims = claims
        self.events = events
        self.stanceChanges = stanceChanges
    }
}

/// One page of a listing: the rows, oldest first, and where the next (older) page starts.
///
/// Every listing is paged the same way: the first request returns the most recent `limit`
/// rows; `nextCursor`, absent on the last page, is passed back as `cursor=` for the rows
/// before them. A cursor is a position, not an offset, so rows ingested meanwhile neither
/// repeat nor go missing.
public struct Page<Item: Codable & Sendable>: Codable, Sendable {
    public var items: [Item]
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String? = nil) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

extension Page: Equatable where Item: Equatable {}

/// What became of one ingested input (`POST /v1/documents`; the daemon's inbox reports the same).
public struct IngestReport: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case stored, duplicate, failed
        /// The store could not take it (disk full, database busy): nothing was written, the
        /// file stays in the inbox and is tried again.
        case postponed
    }

    public var status: Status
    public var name: String
    public var document: DocumentRef?
    public var claims: Int
    public var events: Int
    public var stanceChanges: Int
    /// Why the input failed, when it did.
    public var reason: String?
    /// Who handed it in, as stored with the document.
    public var submitter: Submitter?

    public init(status: Status, name: String, document: DocumentRef? = nil, claims: Int = 0, events: Int = 0, stanceChanges: Int = 0,
                reason: String? = nil, submitter: Submitter? = nil) {
        self.status = status
        self.name = name
        self.document = document
        self.claims = claims
        self.events = events
        self.stanceChanges = stanceChanges
        self.reason = reason
        self.submitter = submitter
    }
}

/// `POST /v1/reload`: the size of the lexicon now in use.
public struct ReloadSummary: Codable, Sendable, Equatable {
    public var topics: Int
    public var actors: Int

    public init(topics: Int, actors: Int) {
        self.topics = topics
        self.actors = actors
    }
}

/// `GET /v1/topics`: the taxonomy claims are sorted into, and the stances they take; what a
/// client checks its `topic` and `stance` filters against.
public struct TopicList: Codable, Sendable, Equatable {
    public struct Topic: Codable, Sendable, Equatable {
        public var id: String
        /// The proposition a `support` stance agrees with.
        public var proposition: String
        public var cues: [String]

        public init(id: String, proposition: String, cues: [String]) {
            self.id = id
            self.proposition = proposition
            self.cues = cues
        }
    }

    public var topics: [Topic]
    public var stances: [Stance]

    public init(topics: [Topic], stances: [Stance] = Stance.allCases) {
        self.topics = topics
        self.stances = stances
    }
}

/// `POST /v1/corrections` and `/v1/corrections/undo`: the corrections made or taken back, and
/// how many documents were extracted again for them.
public struct CorrectionReport: Codable, Sendable {
    public var corrections: [Correction]
    public var documents: Int

    public init(corrections: [Correction], documents: Int) {
        self.corrections = corrections
        self.documents = documents
    }
}

/// One line of `GET /v1/watch` (NDJSON): something claimd stored or failed, as it happened.
/// `kind` says which of the other keys is there; `dropped` ends the feed of a watcher that did
/// not keep up.
public struct WatchItem: Codable, Sendable {
    public enum Kind: String, Codable, Sendable { case document, claim, event, change, failure, dropped }

    public var kind: Kind
    public var document: DocumentRef?
    public var claim: StoredClaim?
    public var event: StoredEvent?
    public var change: StanceChange?
    /// For a failure: the input; for `dropped`: why.
    public var path: String?
    public var reason: String?

    public init(kind: Kind, document: DocumentRef? = nil, claim: StoredClaim? = nil, event: StoredEvent? = nil, change: StanceChange? = nil,
                path: String? = nil, reason: String? = nil) {
        self.kind = kind
        self.document = document
        self.claim = claim
        self.event = event
        self.change = change
        self.path = path
        self.reason = reason
    }
}
