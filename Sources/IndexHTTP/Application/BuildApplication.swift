import Hummingbird
import IndexCore

/// The HTTP application on the given ports and use cases: the one place the routes are wired
/// (DESIGN.md §1). It runs the use cases it is given (the composition root builds them) and reads
/// through the store's queries. Generic over the ports, so tests run it on in-memory fakes and
/// the executable on SQLite and the file system.
public func buildApplication(
    configuration: IndexServerConfiguration, store: some IndexStore, blobs: some BlobStore, clock: some IndexClock,
    useCases: IndexUseCases, security: SecurityPorts, snapshots: (any MetadataSnapshotSource)? = nil,
    observability: ServerObservability = .none, connections: ConnectionCount = ConnectionCount(),
    proxy: (any PackageProxy)? = nil
) -> some ApplicationProtocol {
    let model = ReadModel(
        store: store, clock: clock, refreshInterval: configuration.journalRefreshInterval,
        metrics: observability.metrics, logger: observability.logger,
        countsLifetime: configuration.statistics.pageLifetime)
    let urls = PublicURLs(configuration)
    let statistics = configuration.statistics
    let tally = statistics.enabled ? DownloadTally(clock: clock, countsPages: statistics.countsPages) : nil
    let router = buildRouter(
        configuration: configuration, store: store, blobs: blobs, clock: clock, useCases: useCases, security: security,
        model: model, snapshots: snapshots, urls: urls, observability: observability, proxy: proxy)
    // Files in a local store are sent from the event loop, unless downloads are redirected.
    let redirects = configuration.redirectDownloads && blobs is any DownloadRedirecting
    let fastPath = FastReadPath(model: model, urls: urls, files: redirects ? nil : blobs as? any LocalBlobFiles)
    // Made once: the request ids and counts of every connection.
    let shared = ConnectionHandlersInstaller.Shared(
        fastPath: fastPath, limits: configuration.connections, count: connections,
        metrics: observability.metrics, accessLog: observability.accessLog ? observability.logger : nil, tally: tally)
    return Application(
        router: router,
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [ConnectionHandlersInstaller(shared)])),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: "cheeseshop",
            backlog: 1024),
        services: tally.map {
            [
                DownloadStatisticsService(
                    tally: $0, store: store, clock: clock, flushInterval: statistics.flushInterval,
                    retentionDays: statistics.retentionDays, logger: observability.logger,
                    metrics: observability.metrics)
            ]
        } ?? [],
        logger: observability.logger)
}

/// The routes of ``buildApplication(configuration:store:blobs:clock:)``, on its read model.
func buildRouter(
    configuration: IndexServerConfiguration, store: some IndexStore, blobs: some BlobStore, clock: some IndexClock,
    useCases: IndexUseCases, security: SecurityPorts, model: ReadModel, snapshots: (any MetadataSnapshotSource)? = nil,
    urls: PublicURLs? = nil,
    observability: ServerObservability = .none, proxy: (any PackageProxy)? = nil
) -> Router<IndexRequestContext> {
    let urls = urls ?? PublicURLs(configuration)
    let router = Router(context: IndexRequestContext.self)
    // First: it wraps every other middleware, each route and the not-found answer.
    router.add(middleware: ErrorPageMiddleware())
    let readOnly = ReadOnlySwitch(
        configured: configuration.readOnly, store: store, clock: clock, interval: configuration.journalRefreshInterval)
    router.add(middleware: AvailabilityMiddleware(readOnly: readOnly))
    HealthController(store: store, blobs: blobs, readOnly: readOnly).register(on: router)
    if let registry = observability.exposition {
        MetricsController(
            metrics: observability.metrics, registry: registry, token: observability.metricsToken, store: store,
            clock: clock
        ).register(on: router)
    }
    let authenticator = UploadAuthenticator(store: store, useCases: useCases)
    let upload = UploadController(
        model: model,
        authenticator: authenticator,
        reader: MultipartUploadReader(
            limits: .init(
                fileSize: configuration.uploadLimits.fileSize, textBytes: configuration.maximumFormTextBytes,
                parts: configuration.maximumFormParts),
            blobs: blobs),
        metrics: observability.metrics,
        upload: useCases.upload)
    router.post("/legacy", use: upload.handle)
    ManagementAPIController(
        store: store, blobs: blobs, clock: clock, useCases: useCases, model: model, authenticator: authenticator
    ).register(on: router)
    OrganizationAPIController(
        store: store, clock: clock, useCases: useCases, model: model, authenticator: authenticator
    ).register(on: router)
    WebhookAPIController(store: store, clock: clock, webhooks: useCases.webhooks, authenticator: authenticator)
        .register(on: router)
    OIDCController(mint: useCases.mintPublisherToken, ports: security.trustedPublishing).register(on: router)
    PublisherAPIController(store: store, clock: clock, useCases: useCases, authenticator: authenticator)
        .register(on: router)
    let tls = configuration.baseURL?.hasPrefix("https://") ?? false
    // With no base URL, the host a form was posted to and may redirect to is the one asked for.
    let host = configuration.baseURL.flatMap { $0.split(separator: "/").dropFirst().first.map(String.init) }
    let accounts = useCases.accounts
    let web = AccountController(accounts: accounts, host: host, tls: tls)
    web.register(on: router)
    LanguagePicker(host: host, tls: tls).register(on: router)
    let manageAccount = ManageAccountController(accounts: accounts, web: web, tls: tls)
    manageAccount.register(on: router)
    ManageProjectController(
        store: store, blobs: blobs, useCases: useCases, model: model, account: manageAccount
    ).register(on: router)
    AdminAPIController(store: store, blobs: blobs, useCases: useCases, model: model, authenticator: authenticator)
        .register(on: router)
    AdminController(store: store, blobs: blobs, useCases: useCases, model: model, account: manageAccount)
        .register(on: router)
    ReportController(store: store, useCases: useCases, account: manageAccount).register(on: router)
    ManageOrganizationController(store: store, useCases: useCases, model: model, account: manageAccount)
        .register(on: router)
    if let revoke = useCases.revokeLeakedTokens {
        LeakReportController(revoke: revoke).register(on: router)
    }

    let changelog = MirrorChangelog(store: store)
    XMLRPCController(methods: MirrorXMLRPCMethods(changelog: changelog), urls: urls).register(on: router)
    ChangesFeedController(changelog: changelog).register(on: router)

    var simple = SimpleController(store: store, urls: urls.relative, model: model)
    simple.proxy = proxy
    var files = PackageFileController(store: store, blobs: blobs, model: model)
    if configuration.redirectDownloads, let redirecting = blobs as? any DownloadRedirecting {
        files.redirect = (redirecting, clock)
    }
    Stylesheet.register(on: router)
    let statistics = DownloadStatistics(store: store, clock: clock)
    var pages = PublicPagesController(store: store, urls: urls, model: model, tls: tls)
    pages.statistics = statistics
    pages.register(on: router)
    var json = ProjectJSONController(store: store, urls: urls, model: model)
    json.statistics = statistics
    DownloadStatisticsController(store: store, statistics: statistics).register(on: router)
    RSSController(store: store, urls: urls).register(on: router)
    for method in [HTTPRequest.Method.get, .head] {
        router.on("/simple", method: method, use: simple.index)
        router.on("/simple/:project", method: method, use: simple.project)
        router.on("/packages/**", method: method, use: files.handle)
        if let proxy {
            let proxied = ProxyFileController(proxy: proxy, blobs: blobs, model: model)
            router.on("/proxy/:sha256/:filename", method: method, use: proxied.handle)
        }
        router.on("/pypi/:project/json", method: method, use: json.project)
        router.on("/pypi/:project/:version/json", method: method, use: json.release)
        if let snapshots {
            router.on("/snapshot/index.sqlite", method: method, use: SnapshotController(snapshots: snapshots).handle)
        }
    }
    return router
}
