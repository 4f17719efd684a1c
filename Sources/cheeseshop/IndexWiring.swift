import AsyncHTTPClient
import Foundation
import IndexCore
import IndexSQL
import IndexStorage
import NIOCore

/// The one composition root of the executable: the real ports behind the data directory.
enum IndexWiring {
    /// Creates the data directory (and `files/`) when missing.
    static func prepare(_ options: DataSettings) throws {
        do {
            try FileManager.default.createDirectory(atPath: options.filesPath, withIntermediateDirectories: true)
        } catch {
            throw WiringError(
                "--data \(options.data): cannot create \(options.filesPath): \(StartupError.reason(error))")
        }
    }

    /// The blob store in `files/`.
    static func blobs(_ options: DataSettings) throws -> FileSystemBlobStore {
        try FileSystemBlobStore(root: options.filesPath)
    }

    /// Runs `body` with the blob store: the S3 bucket of `--storage-url` (created when missing;
    /// wrong credentials stop the start with S3's own error), else `files/`.
    static func withBlobs<T>(_ options: DataSettings, _ body: (any BlobStore) async throws -> T) async throws -> T {
        guard let url = options.s3URL else { return try await body(try blobs(options)) }
        let configuration = try S3Configuration.fromEnvironment(ProcessInfo.processInfo.environment, storageURL: url)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let store = try S3BlobStore(
                configuration: configuration, httpClient: client, stagingDirectory: "\(options.data)/staging")
            try await ensureBucket(store.client)
            let result = try await body(store)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// The server secret: it signs session cookies and e-mail links, so every node of a
    /// deployment shares it. On PostgreSQL it lives in the database; on SQLite in `secret.key`.
    static func secret(_ options: DataSettings, store: SQLIndexStore) async throws -> [UInt8] {
        if store.dialect == "postgresql" {
            return try await store.sharedSecret { SystemRandom().bytes(32) }
        }
        return try secret(options)
    }

    /// The server secret in `secret.key` (32 random bytes, created with mode 0600 when missing).
    static func secret(_ options: DataSettings) throws -> [UInt8] {
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

    /// Checks that the bucket answers with these credentials; creates it when it is missing.
    static func ensureBucket(_ client: S3Client) async throws {
        var missing = false
        do {
            try await client.checkBucket()
        } catch {
            guard error.code == "NoSuchBucket" else { throw error }
            missing = true
        }
        if missing { try await client.createBucket() }
    }

    /// Where the index database is: PostgreSQL when a URL is configured, else `index.sqlite`.
    static func location(_ options: DataSettings) throws -> SQLIndexStore.Location {
        guard let url = options.postgresURL else { return .file(path: options.databasePath) }
        return .postgres(try PostgresLocation(url: url, maximumConnections: options.databasePoolSize))
    }

    /// Runs `body` with the index store (created and migrated when missing, unless `migration`
    /// says otherwise), and closes the store afterwards, whether `body` returned or threw.
    /// A failure to open the database names it (`--data`'s `index.sqlite` or `--database-url`,
    /// without its password) and the cause; errors of `body` pass unchanged.
    static func withStore<T>(
        _ options: DataSettings, migration: SQLIndexStore.Migration = .apply, _ body: (SQLIndexStore) async throws -> T
    ) async throws -> T {
        let location = try location(options)
        var opened = false
        do {
            return try await SQLIndexStore.withStore(location, migration: migration) { store in
                opened = true
                return try await body(store)
            }
        } catch  where !opened && !(error is WiringError) {
            let what =
                switch location {
                case .file(let path): "--data: the database \(path)"
                case .postgres: "--database-url: the PostgreSQL database"
                case .memory: "the in-memory database"
                }
            throw WiringError("\(what) cannot be opened: \(StartupError.reason(error))")
        }
    }
}

/// One clear line for a start-up failure: what (the option or resource) and the cause.
enum StartupError {
    /// The failure to listen on `host:port`, when `error` is one (`nil` otherwise).
    static func listening(host: String, port: Int, _ error: any Error) -> WiringError? {
        guard let io = error as? IOError else { return nil }
        let cause = String(cString: strerror(io.errnoCode)).lowercased()
        return WiringError("--host \(host) --port \(port): cannot listen there: \(cause).")
    }

    /// The cause of a file-system or database error in words: the operating system's message
    /// for the underlying POSIX error when there is one, else the error's own description.
    static func reason(_ error: any Error) -> String {
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)) }
        if case IndexStoreError.unavailable(let message) = error { return message }
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        if let cocoa = error as? CocoaError {
            switch cocoa.code {
            case .fileNoSuchFile, .fileReadNoSuchFile: return "No such file or directory"
            case .fileWriteNoPermission, .fileReadNoPermission: return "Permission denied"
            case .fileWriteOutOfSpace: return "No space left on device"
            case .fileWriteVolumeReadOnly: return "Read-only file system"
            default: break
            }
        }
        let text = String(describing: error)
        return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
    }
}

/// A startup failure, printed for the operator.
struct WiringError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
