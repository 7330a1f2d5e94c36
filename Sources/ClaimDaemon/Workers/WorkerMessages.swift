import ClaimExtraction
import ClaimModel
import ClaimSyntax

/// The first message a worker reads: everything it needs to extract as the daemon would.
///
/// The lexicon travels as the text of its files, read and checked by the daemon, so that a
/// worker started after a reload extracts with exactly the lexicon the daemon accepted.
struct WorkerConfiguration: WireCodable, Sendable, Equatable {
    var topicsTOML: String?
    var actorsTOML: String?
    var dayFirst: Bool
    var minConfidence: Double?
    var maxFileBytes: Int
    /// Refuse an article that states no date instead of dating it by its file time.
    var requireDate: Bool
    /// Where the tagger and parser models are, as the daemon found and checked them.
    var modelsDirectory: String

    init(settings: Settings, lexicon: LexiconSource, modelsDirectory: String) {
        topicsTOML = lexicon.topicsTOML
        actorsTOML = lexicon.actorsTOML
        dayFirst = settings.dayFirst
        minConfidence = settings.minConfidence
        maxFileBytes = settings.maxFileBytes
        requireDate = settings.requireDate
        self.modelsDirectory = modelsDirectory
    }

    func encode(to writer: inout WireWriter) {
        writer.write(topicsTOML)
        writer.write(actorsTOML)
        writer.write(dayFirst)
        writer.write(minConfidence ?? -1)
        writer.write(maxFileBytes)
        writer.write(requireDate)
        writer.write(modelsDirectory)
    }

    init(from reader: inout WireReader) throws(WireError) {
        topicsTOML = try reader.readOptional(String.self)
        actorsTOML = try reader.readOptional(String.self)
        dayFirst = try reader.readBool()
        let minimum = try reader.readDouble()
        minConfidence = minimum >= 0 ? minimum : nil
        maxFileBytes = try reader.readInt()
        requireDate = try reader.readBool()
        modelsDirectory = try reader.readString()
    }

    /// The extractor this configuration describes, with its models loaded (mapped, so that the
    /// workers share their pages).
    func makeExtractor() throws -> Extractor {
        let lexicon = try LexiconSource(topicsTOML: topicsTOML, actorsTOML: actorsTOML).lexicon()
        var settings = Settings()
        settings.dayFirst = dayFirst
        settings.minConfidence = minConfidence
        return Extractor(lexicon: lexicon, syntax: try SyntaxModels.load(directory: modelsDirectory), options: settings.extractionOptions)
    }
}

/// One article for a worker to decode, date and extract; or, for a re-extraction, a stored
/// article's decoded text and date, to extract again as they are.
struct ExtractionRequest: WireCodable, Sendable {
    /// The document's path as stored; its extension picks the decoder.
    var path: String
    /// Worked out by the daemon, which needed it first to find duplicates.
    var sha256: String
    /// The date given with the article (`dct` of the API), else the article's own or `modified`;
    /// a stored article's date when `isStoredText`.
    var dct: CalendarDay?
    var modified: Int64
    var bytes: [UInt8]
    /// `bytes` are a stored document's decoded text (UTF-8), dated `dct`: neither decoded nor
    /// dated again, so offsets and dates stay those of the stored document.
    var isStoredText = false

    func encode(to writer: inout WireWriter) {
        writer.write(path)
        writer.write(sha256)
        writer.write(dct?.description)
        writer.write(Int(modified))
        writer.write(bytes)
        writer.write(isStoredText)
    }

    init(path: String, sha256: String, dct: CalendarDay?, modified: Int64, bytes: [UInt8]) {
        self.path = path
        self.sha256 = sha256
        self.dct = dct
        self.modified = modified
        self.bytes = bytes
    }

    /// A stored document, to extract again with the current lexicon and models.
    init(stored document: Document) {
        self.init(path: document.path, sha256: document.sha256, dct: document.dct.day, modified: 0, bytes: Array(document.text.utf8))
        isStoredText = true
    }

    init(from reader: inout WireReader) throws(WireError) {
        path = try reader.readString()
        sha256 = try reader.readString()
        dct = try reader.readOptional(String.self).flatMap { CalendarDay($0) }
        modified = Int64(try reader.readInt())
        bytes = Array(try reader.readBytes())
        isStoredText = try reader.readBool()
    }
}

/// What a worker made of a request.
enum ExtractionReply: WireCodable, Sendable {
    case extracted(Document, Extraction, DatingNote?)
    /// The bytes are not an article claimd can read (binary, invalid UTF-8, malformed markup).
    case undecodable(reason: String)
    /// The article states no date, and `require_date` forbids dating it by its file time.
    case undated(reason: String)

    func encode(to writer: inout WireWriter) {
        switch self {
        case let .extracted(document, extraction, note):
            writer.write(UInt64(0))
            writer.write(document)
            writer.write(extraction)
            writer.write(note)
        case let .undecodable(reason):
            writer.write(UInt64(1))
            writer.write(reason)
        case let .undated(reason):
            writer.write(UInt64(2))
            writer.write(reason)
        }
    }

    init(from reader: inout WireReader) throws(WireError) {
        switch try reader.readUInt64() {
        case 0: self = .extracted(try reader.read(), try reader.read(), try reader.readOptional(DatingNote.self))
        case 1: self = .undecodable(reason: try reader.readString())
        case 2: self = .undated(reason: try reader.readString())
        case let tag: throw WireError(description: "unknown reply \(tag)")
        }
    }
}

extension DatingNote: WireCodable {
    func encode(to writer: inout WireWriter) {
        writer.write(chosen.description)
        writer.write(fileDay.description)
    }

    init(from reader: inout WireReader) throws(WireError) {
        guard let chosen = CalendarDay(try reader.readString()), let fileDay = CalendarDay(try reader.readString()) else {
            throw WireError(description: "a dating note without two days")
        }
        self.init(chosen: chosen, fileDay: fileDay)
    }
}
