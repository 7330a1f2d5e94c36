#ifndef CLAIMD_CSQLITECONFIG_SHIM_H
#define CLAIMD_CSQLITECONFIG_SHIM_H
#include <sqlite3.h>

/// sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0), which Swift cannot call (it is variadic).
/// SQLite then stops counting its allocations in process-wide statistics, which takes a global
/// mutex around every malloc and free. SQLITE_MISUSE once SQLite is initialized (the setting
/// must come before the first connection opens).
static inline int claimd_sqlite3_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
#endif
