import IndexCore
import Synchronization

/// An export target in memory: path to (bytes, content type), for the export tests.
public final class InMemoryExportTarget: ExportTarget {
    public let objects = Mutex<[String: (bytes: [UInt8], contentType: String)]>([:])

    public init() {}

    /// The paths written, sorted.
    public var paths: [String] { objects.withLock { $0.keys.sorted() } }

    /// The text at `path`, if any.
    public func text(_ path: String) -> String? {
        objects.withLock { $0[path].map { String(decoding: $0.bytes, as: UTF8.self) } }
    }

    public func write(_ bytes: [UInt8], to path: String, contentType: String) async throws {
        objects.withLock { $0[path] = (bytes, contentType) }
    }

    public func write(
        _ stream: AsyncThrowingStream<[UInt8], any Error>, size: Int, to path: String, contentType: String
    ) async throws {
        var bytes: [UInt8] = []
        for try await chunk in stream { bytes += chunk }
        guard bytes.count == size else { throw BlobStoreError("\(path): \(bytes.count) bytes, not \(size).") }
        try await write(bytes, to: path, contentType: contentType)
    }

    public func exists(_ path: String) async throws -> Bool { objects.withLock { $0[path] != nil } }

    public func read(_ path: String) async throws -> [UInt8]? { objects.withLock { $0[path]?.bytes } }

    public func remove(_ path: String) async throws { _ = objects.withLock { $0.removeValue(forKey: path) } }
}
