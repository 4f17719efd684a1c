import Foundation

@testable import IndexSQL

/// A fresh directory under the system's temporary directory, removed by ``remove()``.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("cheeseshop-sql-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of the index database inside the directory.
    var databasePath: String { url.appendingPathComponent("index.sqlite").path }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Opens the store at `location`, runs `body`, and closes the store whatever happens.
    static func withStore<T>(
        _ location: SQLIndexStore.Location, _ body: (SQLIndexStore) async throws -> T
    ) async throws -> T {
        try await SQLIndexStore.withStore(location, body)
    }

    /// Runs `body` with a database file in a fresh temporary directory, removed afterwards.
    static func withDatabaseFile<T>(_ body: (String) async throws -> T) async throws -> T {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        return try await body(directory.databasePath)
    }
}
