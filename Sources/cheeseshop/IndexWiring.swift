import Foundation
import IndexCore
import IndexSQL
import IndexStorage

/// The one composition root of the executable: the real ports behind the data directory.
enum IndexWiring {
    /// Creates the data directory (and `files/`) when missing.
    static func prepare(_ options: DataOptions) throws {
        try FileManager.default.createDirectory(atPath: options.filesPath, withIntermediateDirectories: true)
    }

    /// The blob store in `files/`.
    static func blobs(_ options: DataOptions) throws -> FileSystemBlobStore {
        try FileSystemBlobStore(root: options.filesPath)
    }

    /// The index store in `index.sqlite` (created and migrated when missing).
    static func store(_ options: DataOptions) async throws -> SQLiteIndexStore {
        try await SQLiteIndexStore.open(.file(path: options.databasePath))
    }
}

/// A startup failure, printed for the operator.
struct WiringError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
