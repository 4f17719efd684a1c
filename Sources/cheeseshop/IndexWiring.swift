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

    /// The server secret: it signs session cookies and e-mail links, so every node of a
    /// deployment shares it. On PostgreSQL it lives in the database; on SQLite in `secret.key`.
    static func secret(_ options: DataOptions, store: SQLIndexStore) async throws -> [UInt8] {
        if store.dialect == "postgresql" {
            return try await store.sharedSecret { SystemRandom().bytes(32) }
        }
        return try secret(options)
    }

    /// The server secret in `secret.key` (32 random bytes, created with mode 0600 when missing).
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

    /// Where the index database is: PostgreSQL when a URL is configured, else `index.sqlite`.
    static func location(_ options: DataOptions) throws -> SQLIndexStore.Location {
        guard let url = options.postgresURL else { return .file(path: options.databasePath) }
        return .postgres(try PostgresLocation(url: url, maximumConnections: options.databasePoolSize))
    }

    /// Runs `body` with the index store (created and migrated when missing, unless `migration`
    /// says otherwise), and closes the store afterwards, whether `body` returned or threw.
    static func withStore<T>(
        _ options: DataOptions, migration: SQLIndexStore.Migration = .apply, _ body: (SQLIndexStore) async throws -> T
    ) async throws -> T {
        let store = try await SQLIndexStore.open(try location(options), migration: migration)
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
