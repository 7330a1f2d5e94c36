import Glibc

/// The scheduling priority of the worker processes that extract documents and of the threads
/// that read files for them, below the store's writer.
///
/// Ingest is a pipeline with one serial stage, the store's commit thread, and a parallel one,
/// extraction in a worker per core. In a burst all of them are runnable, and the kernel's fair
/// scheduler gave the writer only its share of the cores: with two cores and three busy
/// threads, the writer ran 83% of the time although it alone bounds the rate. Niced by
/// ``offset``, extraction threads yield the writer a core whenever it has work and take all the
/// rest; at idle nothing changes, as nothing else is runnable.
enum ExtractionPriority {
    /// How much nicer than the daemon itself (whatever `Nice=` its unit sets) extraction runs.
    static let offset: Int32 = 5

    /// The nice value extraction runs at: the process's own (its first thread's), plus ``offset``.
    private static let niceness: Int32 = {
        errno = 0
        let own = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(getpid()))
        return min(19, (errno == 0 ? own : 0) + offset)
    }()

    /// Lowers the calling thread's priority to ``niceness`` unless it is there already; a thread
    /// pool's threads are reused, so this costs one system call per document after the first.
    /// Linux keeps a nice value per thread, and `who` 0 names the calling thread alone.
    static func lowerCallingThread() {
        let callingThread: id_t = 0
        errno = 0
        let current = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), callingThread)
        guard errno == 0, current < niceness else { return }
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), callingThread, niceness)
    }
}
