/// Where a static export of the read path is written (``StaticExport``): a directory that nginx
/// serves, or a bucket behind a CDN. Paths are relative and `/`-separated, e.g.
/// `simple/demo/index.html`.
public protocol ExportTarget: Sendable {
    /// Stores `bytes` as `path`, replacing what was there; a reader sees the old bytes or the
    /// new ones, never a mix.
    func write(_ bytes: [UInt8], to path: String, contentType: String) async throws

    /// Stores the `size` bytes of `stream` as `path` (a distribution file), as ``write(_:to:contentType:)``.
    func write(
        _ stream: AsyncThrowingStream<[UInt8], any Error>, size: Int, to path: String, contentType: String
    ) async throws

    /// Whether `path` exists.
    func exists(_ path: String) async throws -> Bool

    /// The bytes of `path`, or `nil` when there is none.
    func read(_ path: String) async throws -> [UInt8]?

    /// Removes `path`; a missing path is not an error.
    func remove(_ path: String) async throws
}
