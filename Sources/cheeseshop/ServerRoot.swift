import Foundation
import Hummingbird
import IndexCDN
import IndexCore
import IndexMirror
import IndexHTTP
import IndexSQL
import IndexSecurity
import Logging
import NIOCore
import ServiceLifecycle

/// The composition root of `serve`: from one ``ServerConfiguration`` it builds the stores, the
/// security ports, the purgers and mailer, the background services and the HTTP application,
/// and runs them as one ServiceLifecycle group.
struct ServerRoot {
    let configuration: ServerConfiguration

    func run() async throws {
        if let eventLoops = configuration.eventLoops {
            // Before anything touches the shared event loop group, which is sized on first use.
            NIOSingletons.groupLoopCountSuggestion = eventLoops
        }
        let logger = Telemetry.bootstrap(format: configuration.logFormat, level: configuration.logLevel)
        let data = configuration.data
        try IndexWiring.prepare(data)
        try await IndexWiring.withBlobs(data) { blobs in
            let swept = try await blobs.sweepStaged()
            if swept > 0 {
                logger.notice("Removed staged uploads left by an earlier run.", metadata: ["count": "\(swept)"])
            }
            guard !configuration.redirectDownloads || blobs is any DownloadRedirecting else {
                throw WiringError("file-downloads redirect needs an S3 bucket (storage-url s3://...).")
            }
            try await IndexWiring.withStore(data, migration: configuration.migrate ? .apply : .require) { store in
                let secret = try await IndexWiring.secret(data, store: store)
                try await HTTPWebhookSender.withSender { sender in
                    try await serve(store: store, blobs: blobs, secret: secret, webhookSender: sender, logger: logger)
                }
            }
        }
    }

    private func serve(
        store: some IndexStore, blobs: some BlobStore, secret: [UInt8], webhookSender: HTTPWebhookSender, logger: Logger
    ) async throws {
        var observability = ServerObservability(
            logger: logger, accessLog: configuration.accessLog, metrics: ServerMetrics(factory: Telemetry.factory),
            metricsToken: configuration.metricsToken)
        if configuration.metrics, configuration.metricsAddress == nil {
            observability.exposition = Telemetry.exposition
        }
        // Mail goes through the outbox: written before the request is answered, delivered by
        // whichever node's runner claims it, and again later while the mail server is down.
        var handlers = [OutboxMailer.kind: OutboxMailer.handler(delivering: try mailer())]
        let purger = purger()
        if let purger { handlers[PurgeJobs.kind] = PurgeJobs.handler(purging: purger) }
        // Release webhooks: the journal followed into `webhook` jobs, delivered with the SSRF
        // guard checked again before each attempt, retried on their own short schedule.
        let webhookTargets = WebhookTargetPolicy(
            resolver: SystemHostResolver(), allowPrivate: configuration.webhooksAllowPrivateTargets)
        handlers[WebhookJobs.kind] =
            WebhookDeliverer(store: store, clock: SystemClock(), sender: webhookSender, targets: webhookTargets).handler
        var runner = JobRunner(queue: store, clock: SystemClock(), handlers: handlers)
        runner.retryPolicies[WebhookJobs.kind] = configuration.webhookRetry
        runner.logger = logger
        let metrics = observability.metrics
        runner.failed = { job in metrics.jobFailed(kind: job.kind) }
        var security = SecurityPorts(
            hasher: SystemRandom.passwordHasher, random: SystemRandom(),
            mailer: OutboxMailer(queue: store, clock: SystemClock()),
            secret: secret, twoFactorPolicy: configuration.twoFactorPolicy)
        security.projectCreationLimit = configuration.newProjectLimit
        security.webhookTargets = webhookTargets
        security.breached = configuration.breachedPasswordURL.map { HIBPBreachedPasswordChecker(baseURL: $0) }
        security.leakReporterKeys = configuration.leakReporterKeysURL.map { HTTPLeakReporterKeys(url: $0) }
        let background = Background(
            runner: runner, purges: purger.map { _ in PurgeJobs(store: store, clock: SystemClock()) },
            webhooks: WebhookJobs(
                store: store, clock: SystemClock(), random: SystemRandom(),
                baseURL: configuration.indexServer.mailBaseURL),
            observability: observability)
        guard !configuration.oidcIssuers.isEmpty else {
            return try await run(store: store, blobs: blobs, security: security, background: background)
        }
        let issuers = configuration.oidcIssuers.enumerated().map { index, url in
            OIDCIssuer(
                url: url,
                jwksURL: index < configuration.oidcJWKSURLs.count ? configuration.oidcJWKSURLs[index] : nil,
                audience: configuration.oidcAudience)
        }
        try await HTTPJWKSFetcher.withClient { fetcher in
            security.trustedPublishing = TrustedPublishingPorts(
                audience: configuration.oidcAudience, issuers: configuration.oidcIssuers,
                verifier: IssuerVerifier(issuers: issuers, keys: JWKSCache(fetcher: fetcher)))
            try await run(store: store, blobs: blobs, security: security, background: background)
        }
    }

    /// What runs beside the server, and how the server is watched.
    struct Background {
        let runner: JobRunner
        let purges: PurgeJobs?
        let webhooks: WebhookJobs
        let observability: ServerObservability
    }

    /// The server and its background loops as one service group: SIGTERM (or SIGINT) stops the
    /// listeners from accepting, lets requests in flight (uploads included) finish, then runs
    /// the job loop's last round and exits 0.
    private func run(
        store: some IndexStore, blobs: some BlobStore, security: SecurityPorts, background: Background
    ) async throws {
        guard let settings = configuration.proxy else {
            return try await serve(store: store, blobs: blobs, security: security, background: background, proxy: nil)
        }
        try await HTTPUpstreamClient.withClient(userAgent: settings.userAgent, timeout: settings.timeout) { client in
            let proxy = PullThroughProxy(
                configuration: settings, store: store, blobs: blobs, clock: SystemClock(), upstream: client,
                logger: background.observability.logger)
            try await serve(store: store, blobs: blobs, security: security, background: background, proxy: proxy)
        }
    }

    private func serve(
        store: some IndexStore, blobs: some BlobStore, security: SecurityPorts, background: Background,
        proxy: (any PackageProxy)?
    ) async throws {
        let logger = background.observability.logger
        var server = configuration.indexServer
        // Each connection is a descriptor; keep some for the database, files and clients.
        let descriptors = OpenFileLimit.raise()
        server.connections.maximumConnections = max(1, min(server.connections.maximumConnections, descriptors - 256))
        let snapshot =
            configuration.snapshotInterval > 0
            ? try MetadataSnapshotBuilder(
                directory: "\(configuration.data.data)/snapshot", store: store,
                urls: IndexURLs(base: server.baseURL ?? "", files: server.filesURL))
            : nil
        var useCases = IndexUseCases(
            store: store, blobs: blobs, clock: SystemClock(), descriptions: ReadmeDescriptionRendering(),
            uploadLimits: server.uploadLimits, mailBaseURL: server.mailBaseURL, security: security, proxy: proxy)
        // Organization changes that are not journal entries purge their pages themselves.
        useCases.organizations.purgesCaches = background.purges != nil
        let app = buildApplication(
            configuration: server, store: store, blobs: blobs, clock: SystemClock(),
            useCases: useCases,
            security: security,
            snapshots: snapshot.map(PublishedSnapshots.init), observability: background.observability, proxy: proxy)
        // Shut down in reverse order: the listeners first, the job loop's last round after them.
        var group: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: LogFlushService(writer: Telemetry.output))]
        if let snapshot {
            group.append(
                .init(
                    service: SnapshotService(
                        builder: snapshot, interval: configuration.snapshotInterval, logger: logger)))
        }
        group.append(
            .init(
                service: JobLoopService(
                    runner: background.runner, purges: background.purges, webhooks: background.webhooks,
                    logger: logger)))
        if configuration.metrics, let address = configuration.metricsAddress {
            group.append(
                .init(
                    service: buildMetricsApplication(
                        host: address.host, port: address.port, store: store, clock: SystemClock(),
                        observability: background.observability,
                        registry: Telemetry.exposition)))
        }
        group.append(.init(service: app))
        let serviceGroup = ServiceGroup(
            configuration: .init(services: group, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        let metrics =
            !configuration.metrics ? "off" : configuration.metricsAddress.map { "\($0.host):\($0.port)" } ?? "/metrics"
        logger.info(
            "Serving.",
            metadata: [
                "address": "\(server.host):\(server.port)", "data": "\(configuration.data.data)",
                "database": "\(configuration.data.postgresURL == nil ? "sqlite" : "postgresql")",
                "storage": "\(configuration.data.s3URL ?? "files")", "metrics": "\(metrics)",
                "max_connections": "\(server.connections.maximumConnections)",
                "upstreams": "\(configuration.proxy?.upstreams.joined(separator: " ") ?? "none")",
            ])
        do {
            try await serviceGroup.run()
        } catch {
            Telemetry.output.flush()
            throw StartupError.listening(host: server.host, port: server.port, error) ?? error
        }
        logger.info("Stopped.")
    }

    /// The caches to purge when pages change, `nil` when none is configured.
    private func purger() -> (any Purger)? {
        var purgers: [any Purger] = []
        if !configuration.purgeVarnish.isEmpty { purgers.append(VarnishPurger(servers: configuration.purgeVarnish)) }
        if let service = configuration.purgeFastlyService, let token = configuration.fastlyAPIToken {
            purgers.append(FastlyPurger(apiURL: configuration.purgeFastlyAPI, serviceID: service, token: token))
        }
        if let webhook = configuration.purgeWebhook {
            purgers.append(
                WebhookPurger(url: webhook, secret: configuration.purgeWebhookSecret.map { Array($0.utf8) }))
        }
        return purgers.isEmpty ? nil : PurgerSet(purgers)
    }

    /// SMTP when `smtp-url` is set, else the pickup directory.
    private func mailer() throws -> any Mailer {
        let from = configuration.mailFrom ?? "cheeseshop@\(configuration.host)"
        if let smtpURL = configuration.smtpURL {
            return SMTPMailer(configuration: try SMTPConfiguration.configuration(url: smtpURL, from: from))
        }
        return try DirectoryMailer(directory: configuration.mailDir ?? "\(configuration.data.data)/mail", from: from)
    }
}
