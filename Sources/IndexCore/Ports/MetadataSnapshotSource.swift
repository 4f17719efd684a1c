/// The published metadata snapshot (`GET /snapshot/index.sqlite`): a SQLite database of every
/// visible project, release and file, rebuilt from the journal in the background.
public protocol MetadataSnapshotSource: Sendable {
    /// The newest published snapshot, opened (it stays readable even if a newer one replaces
    /// it meanwhile), or `nil` while the first one is being built.
    func openCurrent() async throws -> OpenedSnapshot?
}

/// A published snapshot, open for reading.
public struct OpenedSnapshot: Sendable {
    /// The journal serial it reflects.
    public var serial: Int64
    /// Its size in bytes.
    public var size: Int
    /// Its bytes.
    public var bytes: AsyncThrowingStream<[UInt8], any Error>

    /// Creates an opened snapshot.
    public init(serial: Int64, size: Int, bytes: AsyncThrowingStream<[UInt8], any Error>) {
        self.serial = serial
        self.size = size
        self.bytes = bytes
    }
}
