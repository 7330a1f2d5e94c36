import CSQLiteConfig

/// Settings SQLite takes for the whole process, before its first connection opens.
enum SQLiteLibrary {
    /// Turns SQLite's process-wide memory statistics off, once.
    ///
    /// They take a global mutex around each of SQLite's allocations: the writer makes ~2,000 of
    /// them per article (bound text, records, cursors), and counting them was a tenth of its
    /// instructions. claimd reads no statistic they feed (`sqlite3_memory_used`, the soft heap
    /// limit); the per-connection cache figures it reads are kept either way. False when a
    /// connection was opened before the first store (then the setting is left as it was).
    static let configured: Bool = claimd_sqlite3_disable_memory_statistics() == 0
}
