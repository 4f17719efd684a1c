import IndexCore

extension SQLIndexStore {
    public func search(_ query: SearchQuery) async throws -> SearchResults {
        try await read { try await $0.search(query) }
    }

    public func recentReleases(limit: Int) async throws -> [RecentRelease] {
        try await read { try await $0.recentReleases(limit: limit) }
    }

    public func newestProjects(limit: Int) async throws -> [RecentRelease] {
        try await read { try await $0.newestProjects(limit: limit) }
    }

    public func statistics() async throws -> IndexStatistics {
        try await read { try await $0.statistics() }
    }

    public func recordDownloads(_ counts: [String: Int], day: Int) async throws {
        guard !counts.isEmpty else { return }
        try await write { transaction in
            guard let transaction = transaction as? SQLWriteTransaction else { return }
            try await transaction.live().addDownloads(counts, day: day)
        }
    }
}
