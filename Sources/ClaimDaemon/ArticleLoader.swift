import ClaimExtraction
import ClaimModel
import Foundation

/// Reads an article file and turns it into a ``Document``: the same steps for `claimd extract`,
/// the inbox and the API, so all three agree on text, offsets and document date.
public enum ArticleLoader {
    /// Why a file could not be read as an article.
    public enum LoadError: Error, CustomStringConvertible, Equatable {
        case notFound
        case symbolicLink
        case directory
        case notRegularFile
        case unreadable(errno: Int32)
        case decoding(ArticleDecodingError)
        /// No date in the text, and `require_date` forbids dating it by its file time.
        case undated

        public var description: String {
            switch self {
            case .notFound: "no such file"
            case .symbolicLink: "is a symbolic link (refused: it could point anywhere)"
            case .directory: "is a directory, not an article"
            case .notRegularFile: "is not a regular file"
            case let .unreadable(code): "cannot be read: \(String(cString: strerror(code)))"
            case let .decoding(error): error.description
            case .undated: "states no date (no Date: header, dateline or published date), and require_date forbids dating it by its file time"
            }
        }

        /// The kind of failure it is, for the metrics.
        var failureKind: FailureKind {
            switch self {
            case .notFound, .symbolicLink, .directory, .notRegularFile: .notAFile
            case .unreadable: .unreadable
            case .decoding(.tooLarge): .tooLarge
            case .decoding: .undecodable
            case .undated: .undated
            }
        }

        /// A condition of the machine, not of the file (out of descriptors or memory, a failing or
        /// full disk): the file stays in the inbox and is tried again later.
        public var isTransient: Bool {
            guard case let .unreadable(code) = self else { return false }
            return [EMFILE, ENFILE, ENOMEM, ENOBUFS, EIO, ENOSPC, EDQUOT, EAGAIN, EBUSY, EINTR].contains(code)
        }
    }

    /// The bytes and modification time of a regular file, refusing links, directories, devices
    /// and files over `maxBytes` before reading them.
    public static func read(path: String, maxBytes: Int) throws(LoadError) -> (bytes: [UInt8], modified: Date) {
        let file = try load(path: path, maxBytes: maxBytes)
        return (file.bytes, file.modified)
    }

    /// ``read(path:maxBytes:)``, with the identity of the file that was read.
    public static func load(path: String, maxBytes: Int) throws(LoadError) -> (bytes: [UInt8], modified: Date, identity: FileIdentity) {
        let file = try loadWithStatus(path: path, maxBytes: maxBytes)
        return (file.bytes, file.modified, FileIdentity(file.status))
    }

    /// ``load(path:maxBytes:)``, with the status of the open file (owner, links).
    public static func loadWithStatus(path: String, maxBytes: Int) throws(LoadError) -> (bytes: [UInt8], modified: Date, status: stat) {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw errno == ENOENT ? .notFound : .unreadable(errno: errno) }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: throw .symbolicLink
        case S_IFDIR: throw .directory
        case S_IFREG: break
        default: throw .notRegularFile
        }
        guard Int(info.st_size) <= maxBytes else { throw .decoding(.tooLarge(bytes: Int(info.st_size), limit: maxBytes)) }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw errno == ELOOP ? .symbolicLink : .unreadable(errno: errno) }
        defer { close(fd) }
        var opened = stat()
        guard fstat(fd, &opened) == 0 else { throw .unreadable(errno: errno) }
        var bytes = [UInt8]()
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(errno: errno)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= maxBytes else { throw .decoding(.tooLarge(bytes: bytes.count, limit: maxBytes)) }
        }
        let modified = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec))
        return (bytes, modified, opened)
    }

    /// Decodes `bytes` and dates the document (see ``DocumentDating``): `dct` if given, else the
    /// date the article carries (header, dateline, meta), else its dateline's day and month, else
    /// `modified` (the file's modification time) unless `requireDate` refuses that.
    public static func document(bytes: [UInt8], path: String, sha256: String? = nil, dct: CalendarDay?, modified: Date,
                                maxBytes: Int, requireDate: Bool = false) throws(LoadError) -> LoadedArticle {
        let article: DecodedArticle
        do { article = try ArticleDecoder.decode(bytes, fileName: path, maxBytes: maxBytes) } catch { throw .decoding(error) }
        let (date, note) = try DocumentDating.date(given: dct, article: article, modified: modified, requireDate: requireDate)
        let origin = ArticleSource.find(in: bytes, format: article.format)
        let document = Document(path: path, sha256: sha256 ?? sha256Hex(bytes), format: article.format, dct: date,
                                title: article.title ?? origin.title, text: article.text, url: origin.url, source: origin.source)
        return LoadedArticle(document: document, article: article, datingNote: note)
    }

    /// The calendar day of `date` in the machine's time zone.
    static func localDay(of date: Date) -> CalendarDay {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: date)
        return CalendarDay(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}

/// An article read and dated: the document as it is stored, what its decoder found, and why
/// its date may want a second look.
public struct LoadedArticle: Sendable {
    public var document: Document
    public var article: DecodedArticle
    public var datingNote: DatingNote?
}

/// Which file a path named, and in what state: a writer that replaces the file (rename over it)
/// or rewrites it in place gives the path another identity.
public struct FileIdentity: Equatable, Sendable {
    private let device: UInt64
    private let inode: UInt64
    private let size: Int64
    private let modifiedSeconds: Int
    private let modifiedNanoseconds: Int

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modifiedSeconds = Int(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
    }

    /// The identity of what `path` names now (without following a link), nil when nothing.
    public static func current(at path: String) -> FileIdentity? {
        var info = stat()
        return lstat(path, &info) == 0 ? FileIdentity(info) : nil
    }
}
