// Everything a reader of claimd's journal entries filters on, in one place: the MESSAGE_ID of
// each kind of entry and the names of claimd's own fields. They are an interface (scripts run
// `journalctl MESSAGE_ID=…`), so an id never changes once released; the README's table lists them.

/// Stable `MESSAGE_ID`s, one per kind of journal entry, so `journalctl MESSAGE_ID=…` finds them all.
public enum JournalMessageID {
    /// An article stored (info).
    public static let documentIngested = "a9ba06c9a048484098218df8a1468417"
    /// One stance claim stored (info).
    public static let claimRecorded = "f56b4248289d44f7b223acd24ac86af7"
    /// One dated event stored (info).
    public static let eventRecorded = "245c3e0c43054b11aa40129d15ee64f6"
    /// A claim whose stance differs from the actor's previous one on the topic (notice).
    public static let stanceChanged = "e7c859545aaa46f487028458fea61932"
    /// An article dated by its dateline's day and month, more than two days from its file's
    /// modification time (warning).
    public static let dateDisagrees = "133cb4d81eb24eca8e6a5b154b920fc9"
    /// A stored document extracted again (`reprocess`, `documents redate`) (info).
    public static let documentReprocessed = "0d5d8b0f6e2a4c6f9a51f4e3c2b7d915"
    /// A document forgotten with all that came from it (notice).
    public static let documentForgotten = "7b1e4c2a9f6d4e83b5a0c9d2e1f64a37"
    /// A correction made or taken back (notice).
    public static let correctionMade = "c4a9e2d17b3f4e0a8d56f1b2e9c07a48"
    /// Content already stored arrived again (info).
    public static let documentDuplicate = "19e5181c98fb4c698147b4340563a806"
    /// An input set aside in `failed/` (err).
    public static let documentFailed = "404949ea50e143f48f4af5d1ddbe52d6"
    /// A worker crashed or overran its deadline on an article (warning).
    public static let workerLost = "8a00782089a3436cbb030748ab00c558"
    /// A request refused by the access rules (warning).
    public static let requestRefused = "df9f04e987ce43b9bf5ff293045e1f8b"
    /// Documents started waiting in the inbox: out of descriptors, memory or disk (err).
    public static let ingestStalled = "2f45a1276ad546209e8120da522a5ab6"
    /// Documents are taken again after a stall (notice).
    public static let ingestResumed = "0acf596dd0dc451db8bcfe9e7a11b48b"
    /// The store's file was deleted or replaced while claimd ran; it stops (crit).
    public static let storeLost = "ff55565ffd20489990602771105b762d"
    /// The lexicon was re-read (notice), or refused and the previous one kept (err).
    public static let lexiconReloaded = "405bacfa75a9467a8d90e8dfa0fe9ddb"
    public static let lexiconRefused = "66627ff7ac334cd9b83b9fd0784b80c3"
    /// claimd serves its socket (notice); claimd stopped (notice).
    public static let daemonReady = "ef23ec711b444899b62a959a82ef2ac3"
    public static let daemonStopped = "6e343f4ab2ab43e8a8d789ab44f6ad3b"
}

/// Journal field names claimd attaches to its entries (as swift-log metadata keys).
public enum JournalField {
    public static let messageID = "MESSAGE_ID"
    public static let documentSHA256 = "CLAIMD_DOC_SHA256"
    public static let documentPath = "CLAIMD_DOC_PATH"
    public static let actor = "CLAIMD_ACTOR"
    public static let topic = "CLAIMD_TOPIC"
    public static let stance = "CLAIMD_STANCE"
    public static let previousStance = "CLAIMD_PREVIOUS_STANCE"
    /// A stance change's two claims: the earlier (`FROM`) and the later (`TO`), with their
    /// stances, ids and days.
    public static let fromStance = "CLAIMD_FROM_STANCE"
    public static let toStance = "CLAIMD_TO_STANCE"
    public static let fromClaim = "CLAIMD_FROM_CLAIM_ID"
    public static let toClaim = "CLAIMD_TO_CLAIM_ID"
    public static let fromDate = "CLAIMD_FROM_DATE"
    public static let toDate = "CLAIMD_TO_DATE"
    public static let date = "CLAIMD_DATE"
    /// The day of an inbox file's modification time, where it disagrees with the article's date.
    public static let fileDate = "CLAIMD_FILE_DATE"
    public static let reason = "CLAIMD_REASON"
    public static let claims = "CLAIMD_CLAIMS"
    public static let events = "CLAIMD_EVENTS"
    /// Who handed the document in: the socket peer's uid and pid, or the inbox file's owner.
    public static let submitterUID = "CLAIMD_SUBMITTER_UID"
    public static let submitterPID = "CLAIMD_SUBMITTER_PID"
    /// The uid and pid of a request refused by the control API's access rules.
    public static let peerUID = "CLAIMD_PEER_UID"
    public static let peerPID = "CLAIMD_PEER_PID"
}
