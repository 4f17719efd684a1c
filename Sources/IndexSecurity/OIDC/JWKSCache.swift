import IndexCore
import JWTKit

/// Each issuer's signing keys, fetched once and kept for `lifetime` seconds. A token signed
/// with a key we do not know (the issuer rotated) triggers one refetch, at most once per
/// `refetchInterval` seconds per issuer, so garbage tokens cannot make us hammer the issuer.
public actor JWKSCache {
    private struct Entry {
        var keys: JWKS
        var fetchedAt: Timestamp
    }

    private let fetcher: any JWKSFetching
    private let lifetime: Double
    private let refetchInterval: Double
    private var entries: [String: Entry] = [:]
    private var lastAttempt: [String: Timestamp] = [:]

    /// Creates a cache over `fetcher`; `lifetime` defaults to an hour.
    public init(fetcher: any JWKSFetching, lifetime: Double = 3600, refetchInterval: Double = 30) {
        self.fetcher = fetcher
        self.lifetime = lifetime
        self.refetchInterval = refetchInterval
    }

    /// The issuer's keys, refreshed when stale or when `kid` is not among them (rate limited).
    public func keys(for issuer: OIDCIssuer, kid: String?, now: Timestamp) async throws(OIDCError) -> JWKS {
        if let entry = entries[issuer.url], now.secondsSinceEpoch - entry.fetchedAt.secondsSinceEpoch < lifetime {
            guard let kid, !Self.contains(entry.keys, kid: kid), mayRefetch(issuer, now: now) else {
                return entry.keys
            }
            do {
                return try await refresh(issuer, now: now)
            } catch {
                return entry.keys
            }
        }
        return try await refresh(issuer, now: now)
    }

    /// How many times the fetcher was asked, per issuer URL; for tests and metrics.
    public private(set) var fetchCount: [String: Int] = [:]

    private func mayRefetch(_ issuer: OIDCIssuer, now: Timestamp) -> Bool {
        guard let last = lastAttempt[issuer.url] else { return true }
        return now.secondsSinceEpoch - last.secondsSinceEpoch >= refetchInterval
    }

    private func refresh(_ issuer: OIDCIssuer, now: Timestamp) async throws(OIDCError) -> JWKS {
        lastAttempt[issuer.url] = now
        fetchCount[issuer.url, default: 0] += 1
        let keys = try await fetcher.fetchJWKS(for: issuer)
        entries[issuer.url] = Entry(keys: keys, fetchedAt: now)
        return keys
    }

    static func contains(_ keys: JWKS, kid: String) -> Bool {
        keys.keys.contains { $0.keyIdentifier?.string == kid }
    }
}
