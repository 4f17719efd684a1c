import IndexCore

/// What the HTTP layer needs to know: where to listen, its public URL, and upload limits.
public struct IndexServerConfiguration: Sendable {
    /// The address to bind, e.g. `127.0.0.1`.
    public var host: String
    /// The port to bind.
    public var port: Int
    /// The public base URL that pages link to, e.g. `https://pypi.example.org`; `nil` (the
    /// default): the simple pages and web pages link root-relative and the JSON API under the
    /// host the client asked for, so a cache in front is never bypassed (``PublicURLs``).
    public var baseURL: String?
    /// Where files are linked when they are served from another host (PyPI's files host), e.g.
    /// `https://files.example.org` (files at `<filesURL>/packages/...`); `nil`: with the pages.
    public var filesURL: String?
    /// The file size and project size limits of uploads.
    public var uploadLimits: UploadLimits
    /// The largest total of an upload form's text fields, in bytes.
    public var maximumFormTextBytes: Int
    /// The most parts an upload form may have.
    public var maximumFormParts: Int
    /// How often, in seconds at most, the read path looks at the journal for changes made by
    /// other processes (the CLI, other nodes); this process's own writes are seen at once.
    public var journalRefreshInterval: Double
    /// Whether file downloads are redirected to the blob store (when it can serve them, as an
    /// S3 bucket can) instead of passing through the server.
    public var redirectDownloads = false
    /// Read-only mode for this node (`serve --read-only`): changes answer 503 (``ReadOnlyMode``).
    public var readOnly = false
    /// Timeouts and the connection cap that shed slow and idle clients (``ConnectionGuard``).
    public var connections = ConnectionLimits()
    /// How downloads are counted (``DownloadTally``).
    public var statistics = DownloadStatisticsSettings()

    /// The base of the links in e-mail (which must be absolute, and never come from a request's
    /// `Host`, or a reset link could point elsewhere): the base URL, else `http://<host>:<port>`.
    public var mailBaseURL: String { baseURL ?? "http://\(host):\(port)" }

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1", port: Int = 8000, baseURL: String? = nil, filesURL: String? = nil,
        uploadLimits: UploadLimits = UploadLimits(),
        maximumFormTextBytes: Int = 1 << 20, maximumFormParts: Int = 1000, journalRefreshInterval: Double = 1
    ) {
        self.host = host
        self.port = port
        self.baseURL = baseURL
        self.filesURL = filesURL
        self.uploadLimits = uploadLimits
        self.maximumFormTextBytes = maximumFormTextBytes
        self.maximumFormParts = maximumFormParts
        self.journalRefreshInterval = journalRefreshInterval
    }
}

/// How downloads and page requests are counted and kept.
public struct DownloadStatisticsSettings: Sendable {
    /// Whether this node counts what it serves.
    public var enabled = true
    /// Whether simple-page requests are counted beside file downloads.
    public var countsPages = true
    /// Seconds between writes of the counts: what a crash may lose at most.
    public var flushInterval: Double = 5
    /// Days of counts kept (`nil`: all).
    public var retentionDays: Int? = 400
    /// Seconds a project's JSON and web pages, which show its counts, are kept in memory before
    /// they are rendered again with newer counts.
    public var pageLifetime: Double = 300

    public init() {}
}
