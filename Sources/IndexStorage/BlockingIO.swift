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
    ///
    /// The queue lets go of `body` (and so of what it captured, such as a file descriptor)
    /// before the caller resumes: a caller that goes on to reuse the space of a file it gave up
    /// must not race the worker thread's release of that file.
    func run<T: Sendable>(
        _ body: @escaping @Sendable () throws(BlobStoreError) -> T
    ) async throws(BlobStoreError) -> T {
        let call = Call(body)
        let result: Result<T, BlobStoreError> = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: call.run()) }
        }
        return try result.get()
    }
}

/// One call handed to the queue: runs once and drops its closure before reporting.
private final class Call<T: Sendable>: @unchecked Sendable {
    // Only the one queue block that runs the call touches `body` after init.
    private var body: (@Sendable () throws(BlobStoreError) -> T)?

    init(_ body: @escaping @Sendable () throws(BlobStoreError) -> T) {
        self.body = body
    }

    func run() -> Result<T, BlobStoreError> {
        guard let body else { preconditionFailure("a blocking call runs once") }
        self.body = nil
        return Result { () throws(BlobStoreError) -> T in try body() }
    }
}
