import IndexCore
import PythonPackaging

/// The behaviour every ``BlobStore`` must have (DESIGN.md §7: one contract suite per port):
/// the file-system store, the in-memory fake and the S3 store all pass it.
///
/// Run each of ``checks`` on a fresh, empty store; a failed check throws a
/// ``ContractViolation``:
///
/// ```swift
/// @Test(arguments: BlobStoreContract.checks)
/// func contract(_ check: BlobStoreContract.Check) async throws {
///     try await check.run(InMemoryBlobStore())
/// }
/// ```
public enum BlobStoreContract {
    /// One named check.
    public struct Check: Sendable, CustomStringConvertible {
        /// What it checks.
        public let name: String
        /// Runs the check on an empty store.
        public let run: @Sendable (any BlobStore) async throws -> Void

        public var description: String { name }
    }

    /// The part size the large-blob check assumes when none is given: S3's smallest, 5 MiB.
    public static let defaultPartSize = 5 << 20

    /// The largest chunk a read may yield.
    public static let maximumChunk = 128 * 1024

    /// Every check, the large blob sized for ``defaultPartSize``.
    public static let checks = checks(partSize: defaultPartSize)

    /// Every check; the large blob spans two parts of `partSize` and a bit of a third, so a
    /// store that uploads in parts of that size exercises its multipart path (keep `partSize`
    /// near 5 MiB so the check stays quick).
    public static func checks(partSize: Int) -> [Check] {
        [
            Check(name: "staged bytes commit and read back", run: roundTrip),
            Check(name: "the size of a blob; no size for a missing key", run: sizes),
            Check(name: "range reads: first byte, middle, last byte, whole", run: rangeReads),
            Check(name: "reads come in chunks of at most 128 KiB", run: chunking),
            Check(name: "committing the same bytes twice is a no-op", run: sameBytesTwice),
            Check(name: "other bytes under a taken key are refused; the original stays", run: otherBytesRefused),
            Check(name: "delete removes a blob; deleting a missing one is fine", run: deletion),
            Check(name: "a blob above the part size round-trips") {
                try await largeBlob($0, size: 2 * partSize + 4321)
            },
            Check(name: "a discarded staged blob leaves nothing", run: discard),
            Check(name: "an empty blob commits and reads back", run: emptyBlob),
        ]
    }
}
