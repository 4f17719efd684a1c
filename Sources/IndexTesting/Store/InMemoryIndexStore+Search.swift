import IndexCore
import PythonPackaging

extension InMemoryIndexStore {
    public func search(_ query: SearchQuery) async throws -> SearchResults {
        let terms = SearchRanking.terms(query.text)
        let candidates: [SearchRanking.Candidate] = read { state in
            state.projects.values.compactMap { project in
                guard let document = SearchDocument(project: project, releases: state.releases(of: project.id)),
                    query.classifiers.allSatisfy(document.classifiers.contains)
                else { return nil }
                let relevance = Self.relevance(of: document, terms: terms)
                guard terms.isEmpty || relevance > 0 else { return nil }
                return SearchRanking.Candidate(
                    hit: SearchHit(
                        name: document.name, normalizedName: document.normalizedName, version: document.version,
                        summary: document.summary, released: document.released,
                        downloads: state.recentDownloads(of: project.id)),
                    relevance: relevance)
            }
        }
        if terms.isEmpty, query.classifiers.isEmpty { return SearchResults(hits: [], total: 0) }
        let ranked = SearchRanking.ranked(candidates, text: query.text)
        return SearchRanking.page(Array(ranked.prefix(SearchRanking.candidateLimit)), query)
    }

    /// Every term must start a word of some field; name words weigh most.
    static func relevance(of document: SearchDocument, terms: [String]) -> Double {
        let fields: [(String, Double)] = [
            (document.name, 10), (document.keywords, 5), (document.summary, 2),
            (document.classifiers.joined(separator: " "), 1),
        ]
        var total = 0.0
        for term in terms {
            let weight = fields.map { field in
                SearchRanking.terms(field.0, limit: .max).contains { $0.hasPrefix(term) } ? field.1 : 0
            }.reduce(0, +)
            guard weight > 0 else { return 0 }
            total += weight
        }
        return total
    }

    public func recentReleases(limit: Int) async throws -> [RecentRelease] {
        read { state in
            state.releases.values.sorted { $0.id > $1.id }.compactMap { release -> RecentRelease? in
                guard let project = state.projects[release.projectID], project.status != .quarantined else { return nil }
                return RecentRelease(
                    name: project.name, version: release.version, summary: release.metadata.summary ?? "",
                    created: release.created)
            }.prefix(limit).map { $0 }
        }
    }

    public func newestProjects(limit: Int) async throws -> [RecentRelease] {
        read { state in
            state.projects.values.filter { $0.status != .quarantined }.sorted { $0.id > $1.id }
                .compactMap { project -> RecentRelease? in
                    guard let latest = state.releases(of: project.id).last else { return nil }
                    return RecentRelease(
                        name: project.name, version: latest.version, summary: latest.metadata.summary ?? "",
                        created: project.created)
                }.prefix(limit).map { $0 }
        }
    }

    public func statistics() async throws -> IndexStatistics {
        read { state in
            IndexStatistics(
                projects: state.projects.count, releases: state.releases.count, files: state.files.count,
                users: state.users.count)
        }
    }

    public func recordDownloads(_ counts: [String: Int], day: Int) async throws {
        try await write { transaction in
            guard let memory = transaction as? InMemoryWriteTransaction else { return }
            memory.addDownloads(counts, day: day)
        }
    }
}

extension InMemoryIndexState {
    /// Downloads of the project over the 30 days up to its newest recorded day.
    func recentDownloads(of projectID: ProjectID) -> Int {
        guard let days = downloads[projectID], let last = days.keys.max() else { return 0 }
        return days.filter { $0.key > last - 30 }.values.reduce(0, +)
    }
}
