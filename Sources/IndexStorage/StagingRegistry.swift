import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Names staged files and remembers which of them live uploads of this store own, so that a
/// sweep never removes a file that is still being written.
final class StagingRegistry: Sendable {
    private let counter = Atomic<UInt64>(0)
    private let owned = Mutex<Set<String>>([])

    /// A new name, `<pid>-<counter>.partial`: unique among running processes, and unique in
    /// this one for this store. A file left by an earlier process with the same pid makes
    /// `O_EXCL` fail, and the caller takes the next name.
    func claimNextName() -> String {
        let number = counter.wrappingAdd(1, ordering: .relaxed).newValue
        let name = "\(getpid())-\(number).partial"
        owned.withLock { _ = $0.insert(name) }
        return name
    }

    /// Forgets `name` once its file is gone (committed, discarded or never created).
    func release(_ name: String) {
        owned.withLock { _ = $0.remove(name) }
    }

    /// Whether a live staged blob owns `name`.
    func owns(_ name: String) -> Bool {
        owned.withLock { $0.contains(name) }
    }
}
