/// Random access to the bytes of an archive.
///
/// The packaging module does no I/O: a caller that holds a distribution in a file supplies a
/// source that reads from it, and tests use ``InMemoryArchiveSource``.
public protocol ArchiveSource {
    /// The size of the archive in bytes.
    var count: Int { get }

    /// Reads `length` bytes starting at `offset`; both lie inside `0..<count`.
    func bytes(at offset: Int, length: Int) throws(ArchiveError) -> [UInt8]
}

/// An archive held in memory.
public struct InMemoryArchiveSource: ArchiveSource, Sendable {
    /// The archive's bytes.
    public let storage: [UInt8]

    /// Wraps `storage`.
    public init(_ storage: [UInt8]) {
        self.storage = storage
    }

    public var count: Int { storage.count }

    public func bytes(at offset: Int, length: Int) throws(ArchiveError) -> [UInt8] {
        guard offset >= 0, length >= 0, offset <= storage.count - length else {
            throw ArchiveError("The archive is truncated.")
        }
        return Array(storage[offset..<(offset + length)])
    }
}
