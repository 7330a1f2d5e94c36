import Foundation
import Logging
import Testing

@testable import ClaimDaemon

@Suite("stderr lines of one article, written together")
struct StandardErrorBatchTests {
    /// A logger whose entries always take the stderr path (also sent to a journald, if one runs).
    private let logger = Logger(label: "claimd.test") { _ in JournalLogHandler(echoToStderr: true) }

    @Test("entries logged inside a batch reach its file together, whole and in order, when it ends")
    func linesAreHeldUntilTheBatchEnds() throws {
        let path = "/tmp/claimd-batch-\(UUID().uuidString.prefix(8))"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(descriptor >= 0)
        defer { close(descriptor); unlink(path) }
        func written() throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

        StandardErrorBatch.collect(writingTo: descriptor) {
            logger.info("Ingested wire-1.txt", metadata: [JournalField.claims: "2"])
            logger.notice("Zelensky changed stance on sanctions", metadata: [JournalField.actor: "Volodymyr Zelensky"])
            #expect((try? written()) == "", "nothing is written before the batch ends")
        }
        #expect(try written() == """
            claimd[info]: Ingested wire-1.txt  CLAIMD_CLAIMS=2
            claimd[notice]: Zelensky changed stance on sanctions  CLAIMD_ACTOR=Volodymyr Zelensky

            """)
    }
}
