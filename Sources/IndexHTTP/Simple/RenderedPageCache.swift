import IndexCore
import Synchronization

/// Rendered read-path bodies, keyed by (project, serial, format) (DESIGN.md §2): a write bumps
/// the serial, so a stale entry is never served; old entries fall out when the cache is full.
final class RenderedPageCache: Sendable {
    /// What a body depends on.
    struct Key: Hashable, Sendable {
        /// The normalized project name; `nil` for the `/simple/` root.
        var project: String?
        /// The serial the body was rendered at.
        var serial: Int64
        /// The rendering.
        var format: SimpleFormat
    }

    private let entries = Mutex<[Key: CachedBody]>([:])
    private let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The cached body for `key`, rendering it with `render` on a miss.
    func body(key: Key, render: () async throws -> [UInt8]) async throws -> CachedBody {
        if let hit = entries.withLock({ $0[key] }) { return hit }
        let body = CachedBody(bytes: try await render(), contentType: key.format.contentType)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = body
        }
        return body
    }
}
