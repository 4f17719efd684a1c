/// One member of a tar archive that passed the reader's checks: a regular file or a directory.
public struct TarEntry: Hashable, Sendable {
    /// What a member is; the reader refuses every other kind.
    public enum Kind: Hashable, Sendable {
        /// A regular file, whose contents follow its header.
        case file
        /// A directory.
        case directory
    }

    /// The member's name: relative, `/`-separated, without a trailing `/` for directories.
    public let path: String
    /// Whether it is a file or a directory.
    public let kind: Kind
    /// The size of the contents in bytes; zero for directories.
    public let size: Int

    /// Creates an entry.
    public init(path: String, kind: Kind, size: Int) {
        self.path = path
        self.kind = kind
        self.size = size
    }
}
