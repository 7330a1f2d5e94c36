import Synchronization
import Testing

@testable import ClaimDaemon

@Suite("HeapTrimmer: free memory goes back after a burst, not after every file")
struct HeapTrimmerTests {
    @Test("one trim when the queue empties after a burst; none for files at idle until enough add up")
    func trimsOncePerBurst() {
        let trims = Mutex(0)
        let trimmer = HeapTrimmer(minimumFiles: 4) { trims.withLock { $0 += 1 } }

        // A burst of 10 files: the queue is empty only after the last one.
        for left in (0..<10).reversed() { trimmer.fileDone(queueIsEmpty: left == 0) }
        #expect(trims.withLock { $0 } == 1)

        // Files one at a time at idle: the queue empties after each, but a trim waits for four.
        for _ in 0..<3 { trimmer.fileDone(queueIsEmpty: true) }
        #expect(trims.withLock { $0 } == 1)
        trimmer.fileDone(queueIsEmpty: true)
        #expect(trims.withLock { $0 } == 2)
    }

    @Test("a burst that never empties the queue does not trim in the middle of it")
    func waitsForTheQueueToEmpty() {
        let trims = Mutex(0)
        let trimmer = HeapTrimmer(minimumFiles: 4) { trims.withLock { $0 += 1 } }
        for _ in 0..<100 { trimmer.fileDone(queueIsEmpty: false) }
        #expect(trims.withLock { $0 } == 0)
    }
}
