/// Tells a cache in front of the index (a CDN, Varnish, anything behind a webhook) that the
/// pages tagged with some surrogate keys changed (DESIGN.md §2).
public protocol Purger: Sendable {
    /// Purges every cached page tagged with any of `keys`; throws when the cache did not take
    /// it (the purge job is tried again later).
    func purge(keys: [String]) async throws
}
