/// Where a document's date came from, in the order they are tried.
public enum DateSource: String, Codable, Sendable, Hashable {
    /// `--dct` on the command line or `dct` in an API request.
    case argument
    /// A `Date:` / `date:` / `Published:` header or front-matter line.
    case header
    /// A news dateline such as `KYIV, March 11 (Reuters) -`.
    case dateline
    /// HTML `article:published_time` meta, or a JSON `date` / `published` field.
    case htmlMeta = "html-meta"
    /// The file's modification time, the last resort.
    case mtime
}

/// A document's creation time (the DCT of TimeML): the anchor for every relative date in it.
public struct DocumentDate: Codable, Sendable, Hashable {
    public var value: String
    public var source: DateSource

    public init(day: CalendarDay, source: DateSource) {
        self.value = day.description
        self.source = source
    }

    public init(value: String, source: DateSource) {
        self.value = value
        self.source = source
    }

    /// The calendar day of the DCT (`YYYY-MM-DD`, ignoring any time part).
    public var day: CalendarDay? { CalendarDay(value.prefix(10)) }
}

/// The format an article was decoded from.
public enum DocumentFormat: String, Codable, Sendable, Hashable {
    case text, markdown, html, json
}

/// Who handed a document to claimd: the peer of the control socket that posted it, or the
/// owner of the inbox file (which has no process to name).
public struct Submitter: Codable, Sendable, Hashable {
    public var uid: UInt32
    public var pid: Int32?

    public init(uid: UInt32, pid: Int32? = nil) {
        self.uid = uid
        self.pid = pid
    }
}

/// An ingested article, as stored.
public struct Document: Codable, Sendable, Hashable {
    public var path: String
    public var sha256: String
    public var format: DocumentFormat
    public var dct: DocumentDate
    public var title: String?
    /// The decoded plain text; every offset in an ``Extraction`` counts Unicode scalars into it.
    public var text: String
    public var submitter: Submitter?
    /// Where the article was published, and by whom, when its headers, meta tags or fields say
    /// (or the client that posted it did).
    public var url: String?
    public var source: String?

    public init(path: String, sha256: String, format: DocumentFormat, dct: DocumentDate, title: String? = nil, text: String,
                submitter: Submitter? = nil, url: String? = nil, source: String? = nil) {
        self.path = path
        self.sha256 = sha256
        self.format = format
        self.dct = dct
        self.title = title
        self.text = text
        self.submitter = submitter
        self.url = url
        self.source = source
    }
}
