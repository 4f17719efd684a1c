/// One member of a ZIP archive, as its central directory and local header (which agree) describe it.
///
/// See APPNOTE.TXT sections 4.3.7 and 4.3.12.
public struct ZipEntry: Hashable, Sendable {
    /// How a member's data is stored (APPNOTE.TXT 4.4.5); only these two are accepted.
    public enum Method: Int, Hashable, Sendable {
        /// No compression (method 0).
        case stored = 0
        /// Raw DEFLATE, RFC 1951 (method 8).
        case deflated = 8
    }

    /// The member's path inside the archive, `/`-separated; directories end with `/`.
    public let name: String
    /// The compression method.
    public let method: Method
    /// The CRC-32 of the uncompressed data.
    public let crc32: UInt32
    /// The size of the stored (possibly compressed) data in bytes.
    public let compressedSize: Int
    /// The size of the member once decompressed, in bytes.
    public let uncompressedSize: Int
    /// Where the member's local file header starts in the archive.
    public let headerOffset: Int
    /// Where the member's stored data starts in the archive (after its local file header).
    public let dataOffset: Int

    /// Whether the entry is a directory (its name ends with `/`).
    public var isDirectory: Bool { name.utf8.last == UInt8(ascii: "/") }
}
