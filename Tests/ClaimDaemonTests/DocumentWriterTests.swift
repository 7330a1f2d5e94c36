import ClaimModel
import ClaimStore
import Foundation
import Logging
import Testing

@testable import ClaimDaemon

/// An inbox, processed/ and a store in a fresh temporary directory.
final class WriterFixture {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("claimd-writer-\(UUID().uuidString)").path
    var inbox: String { directory + "/inbox" }
    var processed: String { directory + "/processed" }
    let store: TimelineStore
    let writer: DocumentWriter

    init() throws {
        let directory = self.directory
        for path in [directory + "/inbox", directory + "/processed"] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        store = try TimelineStore(path: directory + "/claims.sqlite")
        writer = DocumentWriter(store: store, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), metrics: DaemonMetrics())
    }

    /// Drops `text` into the inbox as `name` and prepares it as the pipeline does.
    func prepared(_ name: String, text: String) throws -> PreparedDocument {
        let path = inbox + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let file = try ArticleLoader.load(path: path, maxBytes: 1 << 20)
        var document = try ArticleLoader.document(bytes: file.bytes, path: path, dct: CalendarDay("2024-12-19"),
                                                  modified: file.modified, maxBytes: 1 << 20).document
        document.path = processed + "/" + name
        return PreparedDocument(name: name, inboxPath: path, inboxIdentity: file.identity, document: document, aliases: [:],
                                extraction: Extraction())
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }
}

@Suite("group commit writer: moves only the file it stored")
struct DocumentWriterTests {
    @Test("a group is stored and its files leave the inbox")
    func storesAndMoves() throws {
        let fixture = try WriterFixture()
        let group = [try fixture.prepared("a.txt", text: "First article."), try fixture.prepared("b.txt", text: "Second article.")]
        let results = fixture.writer.write(group)
        #expect(results.map { if case .success(.stored) = $0.outcome { true } else { false } } == [true, true])
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.inbox).isEmpty)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: fixture.processed)) == ["a.txt", "b.txt"])
    }

    @Test("a file replaced after it was read stays in the inbox for its own turn")
    func replacedFileStays() throws {
        let fixture = try WriterFixture()
        let old = try fixture.prepared("x.txt", text: "The old article.")
        // A writer replaces it the careful way, by renaming a new file over it.
        try Data("The new article, longer.".utf8).write(to: URL(fileURLWithPath: fixture.inbox + "/.x.tmp"))
        #expect(rename(fixture.inbox + "/.x.tmp", fixture.inbox + "/x.txt") == 0)
        let results = fixture.writer.write([old])
        #expect(results.count == 1)
        #expect(try fixture.store.counts().documents == 1, "the old content is stored")
        #expect(try String(contentsOfFile: fixture.inbox + "/x.txt", encoding: .utf8) == "The new article, longer.")
        #expect(!FileManager.default.fileExists(atPath: fixture.processed + "/x.txt"))
    }

    @Test("files prepared together are never given the same place in processed/")
    func distinctDestinations() throws {
        let fixture = try WriterFixture()
        try Data("already there".utf8).write(to: URL(fileURLWithPath: fixture.processed + "/a.txt"))
        let destinations = Destinations()
        let first = destinations.reserve("a.txt", in: fixture.processed)
        let second = destinations.reserve("a.txt", in: fixture.processed)
        let long = String(repeating: "n", count: 240)
        let third = destinations.reserve(long + "-1.txt", in: fixture.processed)
        let fourth = destinations.reserve(long + "-2.txt", in: fixture.processed)
        #expect(first == fixture.processed + "/a.txt.1" && second == fixture.processed + "/a.txt.2")
        #expect(third != fourth, "names cut to the same 230 bytes")
        destinations.release(first)
        #expect(destinations.reserve("a.txt", in: fixture.processed) == first, "free again once released")
    }
}
