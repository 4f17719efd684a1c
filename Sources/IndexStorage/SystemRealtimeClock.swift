import IndexCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The wall clock (`CLOCK_REALTIME`), for stores built without an injected clock.
struct SystemRealtimeClock: IndexClock {
    func now() -> Timestamp {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Timestamp(secondsSinceEpoch: Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000)
    }
}
