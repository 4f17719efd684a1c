import PythonPackaging

/// What the HTTP layer hands to ``UploadDistribution``: the form's text fields, the file
/// (already streamed into a staged blob and hashed), and who is uploading.
public struct UploadRequest: Sendable {
    /// The text fields of the multipart form, each with all its values in order.
    public var form: [String: [String]]
    /// The `content` part, or `nil` when the form had none.
    public var content: UploadContent?
    /// The authenticated uploader, or `nil` when nobody authenticated.
    public var identity: UploadIdentity?

    /// Creates a request.
    public init(form: [String: [String]], content: UploadContent?, identity: UploadIdentity?) {
        self.form = form
        self.content = content
        self.identity = identity
    }
}

/// The `content` part of an upload.
public struct UploadContent: Sendable {
    /// The part's filename, as sent.
    public var filename: String
    /// The part's `Content-Type`, if any.
    public var contentType: String?
    /// The staged bytes, finished. When the HTTP layer stopped streaming at the size limit,
    /// its ``StagedBlob/byteCount`` is above the limit and the upload is refused as too large.
    public var blob: any StagedBlob
    /// The digests ``StagedBlob/finish()`` returned.
    public var digests: DistributionDigests

    /// Creates the content.
    public init(filename: String, contentType: String?, blob: any StagedBlob, digests: DistributionDigests) {
        self.filename = filename
        self.contentType = contentType
        self.blob = blob
        self.digests = digests
    }
}

/// Who uploads: a user through a token that may be limited to some projects, or a trusted
/// publisher through a token it minted (then `user` is the account that registered it).
public struct UploadIdentity: Hashable, Sendable {
    /// The user.
    public var user: User
    /// The token's project caveats.
    public var scope: TokenScope
    /// The trusted publisher, for a minted token: it may upload to its project only (or create
    /// the project it is pending for), and the account 2FA rule does not apply (as on PyPI).
    public var publisher: StoredPublisher?
    /// The token used, for the security log.
    public var tokenID: TokenID?
    /// The client's address, for rate limits and the security log.
    public var ip: String

    /// Creates an identity; `projectScope` lists normalized project names (empty: unrestricted).
    public init(
        user: User, projectScope: [String] = [], publisher: StoredPublisher? = nil, tokenID: TokenID? = nil,
        ip: String = ""
    ) {
        self.init(user: user, scope: TokenScope(projects: projectScope), publisher: publisher, tokenID: tokenID, ip: ip)
    }

    /// Creates an identity from an authenticated token's scope.
    public init(user: User, scope: TokenScope, publisher: StoredPublisher?, tokenID: TokenID?, ip: String) {
        self.user = user
        self.scope = scope
        self.publisher = publisher
        self.tokenID = tokenID
        self.ip = ip
    }
}

/// Who must have a second factor to upload (PyPI requires it of every uploader since 2024).
public enum TwoFactorPolicy: String, Hashable, Sendable, CaseIterable {
    /// Accounts registered through the web pages (the default); administrator-made accounts
    /// are exempt.
    case web
    /// Every account.
    case all
    /// Nobody (a private index that trusts its network).
    case none

    /// Whether `user` must have 2FA enabled to upload.
    public func requiresTwoFactor(_ user: User) -> Bool {
        switch self {
        case .all: true
        case .web: user.origin == .web
        case .none: false
        }
    }
}

/// The account rules an upload must pass besides the project's: 2FA policy and the rate of
/// project creation (PyPI: 20 per hour per user, 40 per IP).
public struct UploadGuards: Sendable {
    /// Who must have 2FA.
    public var twoFactor: TwoFactorPolicy
    /// New projects per user.
    public var projectsPerUser: RateLimiter
    /// New projects per IP address.
    public var projectsPerIP: RateLimiter
    /// The proxied upstream indexes, whose projects' names a new project here may not take
    /// unless reserved as private (dependency confusion); `nil` without `--upstream`.
    public var upstream: (any PackageProxy)?

    /// Creates guards with PyPI's limits.
    public init(twoFactor: TwoFactorPolicy = .web, policies: RateLimitPolicies = RateLimitPolicies()) {
        self.twoFactor = twoFactor
        projectsPerUser = RateLimiter(policies.projectCreatePerUser)
        projectsPerIP = RateLimiter(policies.projectCreatePerIP)
    }

    /// Creates guards with a deployment's own project-creation limit per user (and twice that
    /// per IP address), e.g. for a migration that registers hundreds of projects.
    public init(twoFactor: TwoFactorPolicy, projectsPerUser: RateLimit) {
        self.twoFactor = twoFactor
        self.projectsPerUser = RateLimiter(projectsPerUser)
        projectsPerIP = RateLimiter(
            RateLimit(projectsPerUser.windows.map { RateLimit.Window(count: $0.count * 2, seconds: $0.seconds) }))
    }
}

/// Size limits of uploads (Warehouse's `MAX_FILESIZE`, `MAX_PROJECT_SIZE`).
public struct UploadLimits: Hashable, Sendable {
    /// The largest file, in bytes (100 MiB).
    public var fileSize: Int
    /// The largest total of a project's files, in bytes (10 GiB).
    public var projectSize: Int
    /// The most bytes a `.tar.gz` sdist may decompress to (1 GiB; a gzip bomb is refused there).
    public var sdistDecompressedBytes: Int

    /// Creates limits.
    public init(fileSize: Int = 100 << 20, projectSize: Int = 10 << 30, sdistDecompressedBytes: Int = 1 << 30) {
        self.fileSize = fileSize
        self.projectSize = projectSize
        self.sdistDecompressedBytes = sdistDecompressedBytes
    }
}

/// A successful upload.
public struct UploadResult: Hashable, Sendable {
    /// The warnings for the success answer's body (newline-joined there).
    public var warnings: [String]
    /// The stored file, or `nil` when the upload was an identical re-upload (a no-op).
    public var file: DistributionFile?
}
