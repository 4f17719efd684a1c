extension ManageResult {
    /// Deletes the blobs no row references any more; returns what could not be removed, with why.
    @discardableResult
    public func removeUnreferencedBlobs(from blobs: any BlobStore) async -> [(path: String, problem: String)] {
        var failures: [(path: String, problem: String)] = []
        for path in unreferencedBlobPaths {
            guard let key = BlobKey(storedPath: path) else {
                failures.append((path, "its path is not a blob key"))
                continue
            }
            do {
                try await blobs.delete(key)
            } catch {
                failures.append((path, "\(error)"))
            }
        }
        return failures
    }
}
