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

    /// Runs `body` with the index store in `index.sqlite` (created and migrated when missing),
    /// and closes the store afterwards, whether `body` returned or threw.
    static func withStore<T>(_ options: DataOptions, _ body: (SQLiteIndexStore) async throws -> T) async throws -> T {
        let store = try await SQLiteIndexStore.open(.file(path: options.databasePath))
        do {
            let result = try await body(store)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }
}

/// A startup failure, printed for the operator.
struct WiringError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
