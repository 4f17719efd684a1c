import Dispatch
import IndexCore

/// Runs blocking file-system calls on a dispatch queue, off Swift's cooperative thread pool.
///
/// `fsync`, `link` and large `write`s can stall for milliseconds or more on a busy disk; a
/// cooperative thread blocked that long starves every other task. Each call hops to a
/// concurrent queue and resumes the caller when it is done; hashing and buffering stay on the
/// caller's task, since they are CPU work.
struct BlockingIO: Sendable {
    private let queue: DispatchQueue

    /// Creates a queue named `label`.
    init(label: String) {
        queue = DispatchQueue(label: label, attributes: .concurrent)
    }

    /// Runs `body` on the queue and returns its result.
    func run<T: Sendable>(
        _ body: @escaping @Sendable () throws(BlobStoreError) -> T
    ) async throws(BlobStoreError) -> T {
        let result: Result<T, BlobStoreError> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Result { () throws(BlobStoreError) -> T in try body() })
            }
        }
        return try result.get()
    }
}
