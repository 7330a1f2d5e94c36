import CGlibcExtras
import Synchronization

/// Hands the allocator's free memory back to the system once a burst of files is ingested.
///
/// A burst keeps hundreds of articles in flight, each with its text, extraction and journal
/// entries; when they are freed, glibc keeps most of those pages in its per-thread arenas, so the
/// daemon idled at 80 MiB after a 10k-file burst (38 MiB before it). `malloc_trim` returns the
/// free pages: 59 MiB after the same burst. It walks every arena, so it runs only when the
/// queue has emptied after at least ``minimumFiles`` files, never per file at idle.
final class HeapTrimmer: Sendable {
    /// Files done since the last trim below which a trim is not worth its walk of the heap.
    let minimumFiles: Int
    private let filesSinceTrim = Mutex(0)
    private let trim: @Sendable () -> Void

    /// - Parameter trim: gives free memory back; glibc's `malloc_trim(0)` unless a test watches.
    ///   The pipeline first has the store give its writer's page cache back, and trims after
    ///   that, on the store's writer queue.
    init(minimumFiles: Int = 256, trim: @escaping @Sendable () -> Void = { malloc_trim(0) }) {
        self.minimumFiles = minimumFiles
        self.trim = trim
    }

    /// Records a file done; trims the heap if the queue is now empty after enough of them.
    func fileDone(queueIsEmpty: Bool) {
        let trims = filesSinceTrim.withLock { count -> Bool in
            count += 1
            guard queueIsEmpty, count >= minimumFiles else { return false }
            count = 0
            return true
        }
        if trims { trim() }
    }
}
