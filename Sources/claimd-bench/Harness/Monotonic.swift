import Glibc

/// CLOCK_MONOTONIC in nanoseconds: immune to wall-clock steps, comparable across threads.
enum Monotonic {
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    static func milliseconds(from start: UInt64, to end: UInt64) -> Double {
        Double(end &- start) / 1_000_000
    }

    static func seconds(since start: UInt64) -> Double {
        Double(now() &- start) / 1_000_000_000
    }
}
