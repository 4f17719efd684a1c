import IndexCore
import Synchronization

/// Search pages kept in memory for a short while: the same words are searched again and again,
/// and a full-text query over a large index costs milliseconds where a kept page costs nothing.
///
/// A page is answered from memory only while nothing in the index has changed since it was
/// rendered (the ``ReadModel``'s generation) and for at most ``lifetime`` seconds (downloads
/// move the ranking without a change). The table is bounded, so invented queries cannot grow
/// it, and it is separate from the read model's pages, so they cannot push those out.
final class SearchPageCache: Sendable {
    private struct Entry {
        let generation: UInt64
        let expires: Double
        let body: CachedBody
    }

    /// The most pages kept.
    let capacity: Int
    /// The longest a page is kept, in seconds.
    let lifetime: Double
    /// The longest query string kept (longer ones are rendered every time).
    static let maximumKeyBytes = 512
    private let entries = Mutex<[String: Entry]>([:])

    init(capacity: Int = 2048, lifetime: Double = 30) {
        self.capacity = max(1, capacity)
        self.lifetime = lifetime
    }

    /// The page for the query string `query` in `language` at `generation`: kept, or from
    /// `render`. Each language's page is kept apart.
    func body(
        for query: String, language: Language = .en, generation: UInt64, now: Double,
        render: () async throws -> CachedBody
    ) async throws -> CachedBody {
        guard query.utf8.count <= Self.maximumKeyBytes else { return try await render() }
        let key = language.rawValue + " " + query
        let kept = entries.withLock { entries -> CachedBody? in
            guard let entry = entries[key] else { return nil }
            guard entry.generation == generation, entry.expires > now else {
                entries.removeValue(forKey: key)
                return nil
            }
            return entry.body
        }
        if let kept { return kept }
        let body = try await render()
        entries.withLock { entries in
            if entries.count >= capacity {
                entries = entries.filter { $0.value.generation == generation && $0.value.expires > now }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[key] = Entry(generation: generation, expires: now + lifetime, body: body)
        }
        return body
    }

    /// The number of pages kept (for tests).
    var count: Int { entries.withLock { $0.count } }
}
