/// Full-text search over projects, the home page's figures and download counts (the web pages'
/// reads, issue 5). SQLite answers with FTS5; the in-memory store scans.
public protocol ProjectSearch: Sendable {
    /// The projects matching `query`, best first, one page of them.
    func search(_ query: SearchQuery) async throws -> SearchResults

    /// The `limit` newest releases, newest first (quarantined projects left out).
    func recentReleases(limit: Int) async throws -> [RecentRelease]

    /// The `limit` newest projects, newest first (quarantined ones left out): each with its
    /// latest release's version and summary and the project's creation time.
    func newestProjects(limit: Int) async throws -> [RecentRelease]

    /// How many projects, releases, files and users the index holds.
    func statistics() async throws -> IndexStatistics

    /// Adds `counts` (downloads per filename) to their projects' counts of the day `day` (days
    /// since 1970-01-01, UTC); a file that no longer exists is skipped.
    func recordDownloads(_ counts: [String: Int], day: Int) async throws
}

/// One search: free text (may be empty) and classifiers every hit must carry.
public struct SearchQuery: Hashable, Sendable {
    /// What the user typed.
    public var text: String
    /// Classifiers a hit must all have (PyPI's `c=` filters).
    public var classifiers: [String]
    /// The page asked for, from 1.
    public var page: Int
    /// Hits per page.
    public var perPage: Int

    /// A query.
    public init(text: String, classifiers: [String] = [], page: Int = 1, perPage: Int = 20) {
        self.text = text
        self.classifiers = classifiers
        self.page = max(1, page)
        self.perPage = max(1, min(perPage, 100))
    }
}

/// A project in search results: its latest release's summary.
public struct SearchHit: Hashable, Sendable {
    /// The project's name as registered.
    public var name: String
    /// The PEP 503 normalized name.
    public var normalizedName: String
    /// The latest release's version.
    public var version: String
    /// The latest release's summary.
    public var summary: String
    /// When the latest release was created.
    public var released: Timestamp
    /// Downloads over the last 30 days.
    public var downloads: Int

    /// A hit.
    public init(
        name: String, normalizedName: String, version: String, summary: String, released: Timestamp, downloads: Int
    ) {
        self.name = name
        self.normalizedName = normalizedName
        self.version = version
        self.summary = summary
        self.released = released
        self.downloads = downloads
    }
}

/// One page of hits and how many there are in all.
public struct SearchResults: Hashable, Sendable {
    /// The page's hits, best first.
    public var hits: [SearchHit]
    /// Matching projects in all (capped at ``SearchRanking/candidateLimit``).
    public var total: Int

    /// Results.
    public init(hits: [SearchHit], total: Int) {
        self.hits = hits
        self.total = total
    }
}

/// A release for the home page.
public struct RecentRelease: Hashable, Sendable {
    /// The project's name.
    public var name: String
    /// The release's version.
    public var version: String
    /// Its summary.
    public var summary: String
    /// When it was created.
    public var created: Timestamp

    /// A release.
    public init(name: String, version: String, summary: String, created: Timestamp) {
        self.name = name
        self.version = version
        self.summary = summary
        self.created = created
    }
}

/// What the index holds.
public struct IndexStatistics: Hashable, Sendable {
    /// Counts.
    public var projects, releases, files, users: Int

    /// Figures.
    public init(projects: Int, releases: Int, files: Int, users: Int) {
        self.projects = projects
        self.releases = releases
        self.files = files
        self.users = users
    }
}
