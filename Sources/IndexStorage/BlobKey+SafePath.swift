import IndexCore

extension BlobKey {
    /// The longest file name most file systems accept (`NAME_MAX`).
    static let maximumComponentLength = 255

    /// The components of ``path``, each checked to stay inside the store's root.
    ///
    /// A key is built from a digest and an uploaded filename, so it is outside input: it is
    /// refused when a component is empty (an absolute path or `//`), `.` or `..`, longer than
    /// `NAME_MAX` bytes, or holds a backslash, a NUL or another control character.
    func safeComponents() throws(BlobStoreError) -> [String] {
        let components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for component in components {
            let bytes = Array(component.utf8)
            guard !bytes.isEmpty, bytes.count <= Self.maximumComponentLength,
                component != ".", component != "..",
                !bytes.contains(where: { $0 < 0x20 || $0 == 0x7f || $0 == UInt8(ascii: "\\") })
            else {
                throw .unsafeKey(self)
            }
        }
        return components
    }
}
