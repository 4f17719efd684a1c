/// The bounds a tar reader keeps to, so that a hostile archive costs bounded time and memory.
///
/// The defaults follow crates.io's upload rules for crate tarballs, which we adopt for sdists.
public struct TarLimits: Hashable, Sendable {
    /// The most decompressed bytes (headers, contents and padding) read from the gzip stream.
    public var maxDecompressedBytes: Int
    /// The most members (files, directories and pax global headers).
    public var maxEntries: Int
    /// The longest member name, in UTF-8 bytes, after long-name and pax extensions.
    public var maxNameBytes: Int
    /// The largest pax extended header or GNU long-name block.
    public var maxExtendedHeaderBytes: Int

    /// Creates limits; the defaults allow 1 GiB decompressed and 100,000 members.
    public init(
        maxDecompressedBytes: Int = 1 << 30,
        maxEntries: Int = 100_000,
        maxNameBytes: Int = 4096,
        maxExtendedHeaderBytes: Int = 1 << 20
    ) {
        self.maxDecompressedBytes = maxDecompressedBytes
        self.maxEntries = maxEntries
        self.maxNameBytes = maxNameBytes
        self.maxExtendedHeaderBytes = maxExtendedHeaderBytes
    }
}
