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

    /// The server secret in `secret.key` (32 random bytes, created with mode 0600 when missing):
    /// it signs session cookies and e-mail links, so every node of a deployment shares it.
    static func secret(_ options: DataOptions) throws -> [UInt8] {
        let path = "\(options.data)/secret.key"
        if let existing = FileManager.default.contents(atPath: path) {
            guard existing.count >= 32 else { throw WiringError("\(path) holds fewer than 32 bytes.") }
            return Array(existing)
        }
        let bytes = SystemRandom().bytes(32)
        guard
            FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
        else { throw WiringError("Could not create \(path).") }
        return bytes
    }

    /// Runs `body` with the index store in `index.sqlite` (created and migrated when missing),
    /// and closes the store afterwards, whether `body` returned or threw.
    static func withStore<T>(_ options: DataOptions, _ body: (SQLIndexStore) async throws -> T) async throws -> T {
        let store = try await SQLIndexStore.open(.file(path: options.databasePath))
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
