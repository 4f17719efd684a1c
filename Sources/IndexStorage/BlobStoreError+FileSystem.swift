import IndexCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension BlobStoreError {
    /// A key whose path could leave the store's root or is not a plain relative path.
    public static func unsafeKey(_ key: BlobKey) -> BlobStoreError {
        BlobStoreError("The key \(quoted(key.path)) is not a safe relative path.")
    }

    /// A read of a key that holds no blob.
    public static func missingBlob(_ key: BlobKey) -> BlobStoreError {
        BlobStoreError("There is no blob at \(quoted(key.path)).")
    }

    /// A read whose range does not lie inside the blob.
    public static func rangeOutsideBlob(_ range: Range<Int>, size: Int) -> BlobStoreError {
        BlobStoreError("The range \(range.lowerBound)..<\(range.upperBound) lies outside the blob of \(size) bytes.")
    }

    /// A staged blob handed to a store that did not stage it.
    public static let foreignStagedBlob = BlobStoreError("The staged blob does not belong to this store.")

    /// A staged blob used after it was finished, committed, discarded or failed.
    public static func stagedBlobUnusable(_ state: String) -> BlobStoreError {
        BlobStoreError("The staged blob cannot be used: it is \(state).")
    }

    /// A system call that failed with `code` (an `errno` value); a full disk or an exhausted
    /// quota becomes ``storageFull``.
    static func system(_ operation: String, _ code: Int32) -> BlobStoreError {
        if code == ENOSPC || code == EDQUOT {
            return .storageFull
        }
        return BlobStoreError("Could not \(operation): \(String(cString: strerror(code))) (errno \(code)).")
    }

    private static func quoted(_ path: String) -> String {
        // Control characters would make the message unreadable in a log line.
        let visible = path.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? "?" : String($0) }
        return "'" + visible.joined() + "'"
    }
}
