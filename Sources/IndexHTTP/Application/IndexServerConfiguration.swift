import IndexCore

/// What the HTTP layer needs to know: where to listen, its public URL, and upload limits.
public struct IndexServerConfiguration: Sendable {
    /// The address to bind, e.g. `127.0.0.1`.
    public var host: String
    /// The port to bind.
    public var port: Int
    /// The public base URL that pages link to, e.g. `http://127.0.0.1:8000`.
    public var baseURL: String
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

    /// Creates a configuration; `baseURL` defaults to `http://<host>:<port>`.
    public init(
        host: String = "127.0.0.1", port: Int = 8000, baseURL: String? = nil,
        uploadLimits: UploadLimits = UploadLimits(),
        maximumFormTextBytes: Int = 1 << 20, maximumFormParts: Int = 1000, journalRefreshInterval: Double = 1
    ) {
        self.host = host
        self.port = port
        self.baseURL = baseURL ?? "http://\(host):\(port)"
        self.uploadLimits = uploadLimits
        self.maximumFormTextBytes = maximumFormTextBytes
        self.maximumFormParts = maximumFormParts
        self.journalRefreshInterval = journalRefreshInterval
    }
}
