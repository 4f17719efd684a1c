extension BlobKey {
    /// The key whose ``path`` is `storedPath` (`b2[0:2]/b2[2:4]/b2[4:]/filename`, as a file row
    /// records it), or `nil` when it has another shape.
    public init?(storedPath: String) {
        let parts = storedPath.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].count == 2, parts[1].count == 2, parts[2].count == 60 else { return nil }
        let digest = parts[0] + parts[1] + parts[2]
        guard digest.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        self.init(blake2b256: String(digest), filename: String(parts[3]))
        guard path == storedPath else { return nil }
    }
}
