import Hummingbird
import IndexCore

/// The HTTP application on the given ports: the one place the routes are wired (DESIGN.md §1).
/// Generic over the ports, so tests run it on in-memory fakes and the executable on SQLite and
/// the file system.
public func buildApplication(
    configuration: IndexServerConfiguration, store: some IndexStore, blobs: some BlobStore, clock: some IndexClock,
    security: SecurityPorts, snapshots: (any MetadataSnapshotSource)? = nil,
    observability: ServerObservability = .none, connections: ConnectionCount = ConnectionCount()
) -> some ApplicationProtocol {
    let model = ReadModel(
        store: store, clock: clock, refreshInterval: configuration.journalRefreshInterval,
        metrics: observability.metrics, logger: observability.logger)
    let urls = PublicURLs(configuration)
    let router = buildRouter(
        configuration: configuration, store: store, blobs: blobs, clock: clock, security: security, model: model,
        snapshots: snapshots, urls: urls, observability: observability)
    // Made once: the request ids and counts of every connection.
    let shared = ConnectionHandlersInstaller.Shared(
        fastPath: FastReadPath(model: model, urls: urls), limits: configuration.connections, count: connections,
        metrics: observability.metrics, accessLog: observability.accessLog ? observability.logger : nil)
    return Application(
        router: router,
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [ConnectionHandlersInstaller(shared)])),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: "cheeseshop",
            backlog: 1024),
        logger: observability.logger)
}

/// The routes of ``buildApplication(configuration:store:blobs:clock:)``, on its read model.
func buildRouter(
    configuration: IndexServerConfiguration, store: some IndexStore, blobs: some BlobStore, clock: some IndexClock,
    security: SecurityPorts, model: ReadModel, snapshots: (any MetadataSnapshotSource)? = nil, urls: PublicURLs? = nil,
    observability: ServerObservability = .none
) -> Router<IndexRequestContext> {
    let urls = urls ?? PublicURLs(configuration)
    let router = Router(context: IndexRequestContext.self)
    // First: it wraps every other middleware, each route and the not-found answer.
    router.add(middleware: ErrorPageMiddleware())
    let readOnly = ReadOnlySwitch(
        configured: configuration.readOnly, store: store, clock: clock, interval: configuration.journalRefreshInterval)
    router.add(middleware: AvailabilityMiddleware(readOnly: readOnly))
    HealthController(store: store, blobs: blobs, readOnly: readOnly).register(on: router)
    if let exposition = observability.exposition {
        let metrics = observability.metrics
        MetricsController(
            exposition: exposition, token: observability.metricsToken,
            sample: { await metrics.sample(store: store, now: clock.now()) }
        ).register(on: router)
    }
    let authenticator = UploadAuthenticator(store: store, clock: clock)
    let upload = UploadController(
        model: model,
        authenticator: authenticator,
        reader: MultipartUploadReader(
            limits: .init(
                fileSize: configuration.uploadLimits.fileSize, textBytes: configuration.maximumFormTextBytes,
                parts: configuration.maximumFormParts),
            blobs: blobs),
        metrics: observability.metrics,
        upload: UploadDistribution(
            store: store, blobs: blobs, clock: clock, descriptions: ReadmeDescriptionRendering(),
            limits: configuration.uploadLimits,
            guards: UploadGuards(twoFactor: security.twoFactorPolicy, projectsPerUser: security.projectCreationLimit)))
    router.post("/legacy", use: upload.handle)
    ManagementAPIController(store: store, blobs: blobs, clock: clock, model: model, authenticator: authenticator)
        .register(on: router)
    OrganizationAPIController(store: store, clock: clock, model: model, authenticator: authenticator)
        .register(on: router)
    OIDCController(store: store, clock: clock, random: security.random, ports: security.trustedPublishing)
        .register(on: router)
    PublisherAPIController(
        store: store, clock: clock, random: security.random, authenticator: authenticator,
        issuers: security.trustedPublishing?.issuers
    ).register(on: router)
    let tls = configuration.baseURL?.hasPrefix("https://") ?? false
    // With no base URL, the host a form was posted to and may redirect to is the one asked for.
    let host = configuration.baseURL.flatMap { $0.split(separator: "/").dropFirst().first.map(String.init) }
    let accounts = AccountService(
        store: store, clock: clock, random: security.random, hasher: security.hasher,
        settings: AccountSettings(secret: security.secret, baseURL: configuration.mailBaseURL), mailer: security.mailer,
        breached: security.breached)
    let web = AccountController(accounts: accounts, host: host, tls: tls)
    web.register(on: router)
    let manageAccount = ManageAccountController(accounts: accounts, web: web, tls: tls)
    manageAccount.register(on: router)
    ManageProjectController(
        store: store, blobs: blobs, clock: clock, random: security.random, model: model, account: manageAccount,
        issuers: security.trustedPublishing?.issuers
    ).register(on: router)
    if let keys = security.leakReporterKeys {
        LeakReportController(
            revoke: RevokeLeakedTokens(store: store, clock: clock, mailer: security.mailer, keys: keys)
        ).register(on: router)
    }

    let simple = SimpleController(store: store, urls: urls.relative, model: model)
    var files = PackageFileController(store: store, blobs: blobs, model: model)
    files.downloads = DownloadCounter(store: store, clock: clock)
    if configuration.redirectDownloads, let redirecting = blobs as? any DownloadRedirecting {
        files.redirect = (redirecting, clock)
    }
    Stylesheet.register(on: router)
    PublicPagesController(store: store, urls: urls, model: model, tls: tls).register(on: router)
    let json = ProjectJSONController(store: store, urls: urls, model: model)
    for method in [HTTPRequest.Method.get, .head] {
        router.on("/simple", method: method, use: simple.index)
        router.on("/simple/:project", method: method, use: simple.project)
        router.on("/packages/**", method: method, use: files.handle)
        router.on("/pypi/:project/json", method: method, use: json.project)
        router.on("/pypi/:project/:version/json", method: method, use: json.release)
        if let snapshots {
            router.on("/snapshot/index.sqlite", method: method, use: SnapshotController(snapshots: snapshots).handle)
        }
    }
    return router
}
