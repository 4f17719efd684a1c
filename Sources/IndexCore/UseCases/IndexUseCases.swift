/// Every use case the HTTP layer runs, built once by the composition root (the executable's
/// `ServerRoot`, a test's fixture) from the ports, and handed to the HTTP layer, which runs them
/// and never builds one. Each is a value over the ports, so one instance serves every request.
public struct IndexUseCases: Sendable {
    /// `POST /legacy/`.
    public var upload: UploadDistribution
    /// API tokens in `Authorization` headers.
    public var authenticateToken: AuthenticateToken
    public var yank: YankRelease
    public var deleteRelease: DeleteRelease
    public var deleteFile: DeleteFile
    public var deleteProject: DeleteProject
    public var archive: ArchiveProject
    /// What moderators and administrators do (quarantine, accounts, names, flags, reports).
    public var admin: AdminActions
    /// Reports about projects, for the moderators' queue.
    public var report: ReportProject
    /// Owners' switch of a hosted project's merge with upstream (``UpstreamMerge``).
    public var upstreamMerge: UpstreamMerge
    public var roles: ManageRoles
    public var projectEvents: ProjectEvents
    public var organizations: ManageOrganizations
    /// Trusted publishers of projects.
    public var publishers: ManagePublishers
    /// Webhook subscriptions of projects (Owners) and of the instance (the operator).
    public var webhooks: ManageWebhooks
    /// Registration, login, 2FA, password resets, e-mail verification.
    public var accounts: AccountService
    /// Trusted publishing's token exchange; `nil` when no issuer is trusted.
    public var mintPublisherToken: MintPublisherToken?
    /// Token leak reports; `nil` when no reporter's keys are configured.
    public var revokeLeakedTokens: RevokeLeakedTokens?

    /// Every use case on these ports: the store, the blob store, the clock, the description
    /// renderer of uploads, the upload limits, the base of links in e-mail, and the security
    /// ports (which switch trusted publishing and leak reports on).
    public init(
        store: any IndexStore, blobs: any BlobStore, clock: any IndexClock, descriptions: any DescriptionRendering,
        uploadLimits: UploadLimits, mailBaseURL: String, security: SecurityPorts, proxy: (any PackageProxy)? = nil
    ) {
        var guards = UploadGuards(twoFactor: security.twoFactorPolicy, projectsPerUser: security.projectCreationLimit)
        guards.upstream = proxy
        upload = UploadDistribution(
            store: store, blobs: blobs, clock: clock, descriptions: descriptions, limits: uploadLimits, guards: guards)
        accounts = AccountService(
            store: store, clock: clock, random: security.random, hasher: security.hasher,
            settings: AccountSettings(secret: security.secret, baseURL: mailBaseURL), mailer: security.mailer,
            breached: security.breached)
        authenticateToken = AuthenticateToken(store: store, clock: clock)
        yank = YankRelease(store: store, clock: clock)
        deleteRelease = DeleteRelease(store: store, clock: clock)
        deleteFile = DeleteFile(store: store, clock: clock)
        deleteProject = DeleteProject(store: store, clock: clock)
        archive = ArchiveProject(store: store, clock: clock)
        admin = AdminActions(store: store, clock: clock)
        report = ReportProject(store: store, clock: clock)
        upstreamMerge = UpstreamMerge(store: store, clock: clock)
        roles = ManageRoles(store: store, clock: clock)
        projectEvents = ProjectEvents(store: store)
        organizations = ManageOrganizations(store: store, clock: clock)
        publishers = ManagePublishers(
            store: store, clock: clock, random: security.random, issuers: security.trustedPublishing?.issuers)
        webhooks = ManageWebhooks(store: store, clock: clock, random: security.random, targets: security.webhookTargets)
        mintPublisherToken = security.trustedPublishing.map {
            MintPublisherToken(store: store, clock: clock, random: security.random, verifier: $0.verifier, policy: $0.policy)
        }
        revokeLeakedTokens = security.leakReporterKeys.map {
            RevokeLeakedTokens(store: store, clock: clock, mailer: security.mailer, keys: $0)
        }
    }
}
