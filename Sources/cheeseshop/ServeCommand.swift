import ArgumentParser
import Foundation
import Hummingbird
import IndexCDN
import IndexCore
import IndexHTTP
import IndexSQL
import IndexSecurity
import Logging
import NIOCore
import ServiceLifecycle

/// `cheeseshop serve`: the HTTP server on the data directory.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the index server.")

    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8000
    @Option(
        name: .customLong("base-url"),
        help: """
            The public URL pages link to, e.g. https://pypi.example.org (default: none; the simple pages and web \
            pages link root-relative, the JSON API to the host the client asked for, so a cache in front is never \
            bypassed; e-mail links then name http://HOST:PORT).
            """)
    var baseURL: String?
    @Option(
        name: .customLong("files-url"),
        help: "Link files under this URL instead (<url>/packages/...), e.g. https://files.example.org.")
    var filesURL: String?
    @Option(name: .customLong("max-file-size"), help: "The largest file an upload may carry, e.g. 100M or 2G.")
    var maxFileSize = "100M"
    @Option(name: .customLong("max-project-size"), help: "The largest total of a project's files, e.g. 10G.")
    var maxProjectSize = "10G"
    @Option(
        name: .customLong("two-factor-policy"),
        help: "Who must enable 2FA to upload: web (accounts registered on the web; default), all, none.")
    var twoFactorPolicy = "web"
    @Option(
        name: .customLong("new-project-limit"),
        help: "New projects a user may create, e.g. '20 per hour' (PyPI's, the default); twice that per IP address.")
    var newProjectLimit = "20 per hour"
    @Option(
        name: .customLong("mail-dir"), help: "Where outgoing e-mail is written, one .eml file each (default DATA/mail)."
    )
    var mailDir: String?
    @Option(
        name: .customLong("smtp-url"),
        help: """
            Send e-mail through this SMTP server instead of --mail-dir: smtp://[user:pass@]host[:port] (plain, 25), \
            smtp+starttls://... (587) or smtps://... (465).
            """)
    var smtpURL: String?
    @Option(name: .customLong("mail-from"), help: "The From address of outgoing e-mail (default cheeseshop@HOST).")
    var mailFrom: String?
    @Option(
        name: .customLong("oidc-issuer"),
        help:
            "Trust this OIDC issuer for trusted publishing (repeatable), e.g. https://token.actions.githubusercontent.com."
    )
    var oidcIssuers: [String] = []
    @Option(
        name: .customLong("oidc-jwks-url"),
        help: "The JWKS URL of the --oidc-issuer in the same position (default: OpenID discovery).")
    var oidcJWKSURLs: [String] = []
    @Option(name: .customLong("oidc-audience"), help: "The audience OIDC tokens must carry.")
    var oidcAudience = "cheeseshop"
    @Option(
        name: .customLong("breached-password-url"),
        help: "Base URL of a k-anonymity breached-password range API (<url>/range/<sha1 prefix>); off by default.")
    var breachedPasswordURL: String?
    @Option(
        name: .customLong("leak-reporter-keys-url"),
        help: "URL of a code host's secret-scanning public keys; enables POST /_/secrets/disclose-token.")
    var leakReporterKeysURL: String?
    @Option(
        name: .customLong("journal-refresh"),
        help: "How often, in seconds, this node looks at the journal for other nodes' and commands' changes.")
    var journalRefresh = 1.0
    @Option(
        name: .customLong("file-downloads"),
        help: "proxy: files pass through the server; redirect: to a presigned URL of the S3 bucket.")
    var fileDownloads = "proxy"
    @Option(
        name: .customLong("purge-varnish"),
        help: "A Varnish server to purge changed pages from, e.g. http://127.0.0.1:6081 (repeatable; see varnish.vcl).")
    var purgeVarnish: [String] = []
    @Option(
        name: .customLong("purge-fastly-service"),
        help: "A Fastly service to soft-purge changed pages from; the API token comes from FASTLY_API_TOKEN.")
    var purgeFastlyService: String?
    @Option(name: .customLong("purge-fastly-api"), help: "The base URL of Fastly's API.")
    var purgeFastlyAPI = "https://api.fastly.com"
    @Option(
        name: .customLong("purge-webhook"),
        help: "A URL to POST changed pages' keys to, signed with CHEESESHOP_PURGE_WEBHOOK_SECRET when set.")
    var purgeWebhook: String?
    @Option(
        name: .customLong("event-loops"),
        help:
            "Threads answering connections (default: one per CPU). Fewer leaves CPUs to a cache or database on the same machine."
    )
    var eventLoops: Int?
    @Flag(name: .customLong("no-migrate"), help: "Do not migrate the database at start; refuse an old schema.")
    var noMigrate = false
    @Flag(
        name: .customLong("read-only"),
        help: "Refuse uploads and every other change (503); `cheeseshop read-only on` does it for all nodes.")
    var readOnly = false
    @Option(
        name: .customLong("snapshot-interval"),
        help: "Seconds between rebuilds of /snapshot/index.sqlite when the index changed (0: not served).")
    var snapshotInterval: Double = 60
    @Option(
        name: .customLong("header-timeout"),
        help: "Seconds a new connection has to send its request headers before it is closed.")
    var headerTimeout: Double = 60
    @Option(
        name: .customLong("keep-alive-timeout"),
        help: "Seconds an idle kept-alive connection waits for its next request before it is closed.")
    var keepAliveTimeout: Double = 75
    @Option(
        name: .customLong("body-timeout"),
        help: "Seconds a request body may go without a byte before the request is cut off.")
    var bodyTimeout: Double = 60
    @Option(
        name: .customLong("body-minimum-rate"),
        help: "The slowest a request body may arrive, in bytes per second over 10 s (0: no minimum).")
    var bodyMinimumRate = 1024
    @Option(
        name: .customLong("max-connections"),
        help: "The most connections open at once; more are answered 503 (capped by the open-file limit).")
    var maxConnections = 10_000
    @Option(name: .customLong("log-format"), help: "How log lines look: text (logfmt) or json.")
    var logFormat = "text"
    @Option(name: .customLong("log-level"), help: "The least severe level logged: trace, debug, info, notice, warning, error.")
    var logLevel = "info"
    @Option(name: .customLong("access-log"), help: "Log a line per request: on or off.")
    var accessLog = "on"
    @Option(name: .customLong("metrics"), help: "Answer GET /metrics (Prometheus text format): on or off.")
    var metrics = "on"
    @Option(
        name: .customLong("metrics-address"),
        help: "Answer /metrics on this HOST:PORT instead of the public port, e.g. 127.0.0.1:9100.")
    var metricsAddress: String?
    @OptionGroup var data: DataOptions

    func run() async throws {
        if let eventLoops {
            guard eventLoops >= 1, eventLoops <= 256 else { throw ValidationError("--event-loops is 1 to 256.") }
            // Before anything touches the shared event loop group, which is sized on first use.
            NIOSingletons.groupLoopCountSuggestion = eventLoops
        }
        let limits = UploadLimits(fileSize: try Self.bytes(maxFileSize), projectSize: try Self.bytes(maxProjectSize))
        for (option, url) in [("--base-url", baseURL), ("--files-url", filesURL)] {
            if let url, !Self.isPublicURL(url) {
                throw ValidationError(
                    "\(option) is an http:// or https:// URL with a host and no query, e.g. https://pypi.example.org: '\(url)'."
                )
            }
        }
        guard let format = LineLogHandler.Format(rawValue: logFormat) else {
            throw ValidationError("--log-format is text or json.")
        }
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("--log-level is trace, debug, info, notice, warning, error or critical.")
        }
        guard ["on", "off"].contains(accessLog), ["on", "off"].contains(metrics) else {
            throw ValidationError("--access-log and --metrics are on or off.")
        }
        let metricsListener = try metricsAddress.map(Self.hostAndPort)
        let logger = Telemetry.bootstrap(format: format, level: level)
        try IndexWiring.prepare(data)
        try await IndexWiring.withBlobs(data) { blobs in
            let swept = try await blobs.sweepStaged()
            if swept > 0 {
                logger.notice("Removed staged uploads left by an earlier run.", metadata: ["count": "\(swept)"])
            }
            try await IndexWiring.withStore(data, migration: noMigrate ? .require : .apply) { store in
                let secret = try await IndexWiring.secret(data, store: store)
                var observability = ServerObservability(
                    logger: logger, accessLog: accessLog == "on", metrics: ServerMetrics(factory: Telemetry.factory),
                    metricsToken: ProcessInfo.processInfo.environment["CHEESESHOP_METRICS_TOKEN"].flatMap {
                        $0.isEmpty ? nil : $0
                    })
                let exposition: @Sendable () -> [UInt8] = { Telemetry.registry.emitToBuffer() }
                if metrics == "on", metricsListener == nil { observability.exposition = exposition }
                try await serve(
                    store: store, blobs: blobs, limits: limits, secret: secret, observability: observability,
                    metricsListener: metrics == "on" ? metricsListener.map { ($0.host, $0.port, exposition) } : nil)
            }
        }
    }

    private func serve(
        store: some IndexStore, blobs: some BlobStore, limits: UploadLimits, secret: [UInt8],
        observability: ServerObservability, metricsListener: MetricsListener?
    ) async throws {
        guard journalRefresh > 0, journalRefresh <= 3600 else {
            throw ValidationError("--journal-refresh is a number of seconds above 0, at most 3600.")
        }
        var configuration = IndexServerConfiguration(
            host: host, port: port, baseURL: baseURL, filesURL: filesURL, uploadLimits: limits,
            journalRefreshInterval: journalRefresh)
        guard ["proxy", "redirect"].contains(fileDownloads) else {
            throw ValidationError("--file-downloads is proxy or redirect.")
        }
        guard fileDownloads == "proxy" || blobs is any DownloadRedirecting else {
            throw ValidationError("--file-downloads redirect needs an S3 bucket (--storage-url s3://...).")
        }
        configuration.redirectDownloads = fileDownloads == "redirect"
        configuration.readOnly = readOnly
        configuration.connections = try connectionLimits()
        guard snapshotInterval >= 0 else { throw ValidationError("--snapshot-interval is 0 or more seconds.") }
        guard let policy = TwoFactorPolicy(rawValue: twoFactorPolicy) else {
            throw ValidationError("--two-factor-policy is web, all or none.")
        }
        guard let projectLimit = RateLimit(newProjectLimit) else {
            throw ValidationError("--new-project-limit looks like '20 per hour' or '5 per minute; 100 per day'.")
        }
        guard oidcJWKSURLs.count <= oidcIssuers.count else {
            throw ValidationError("Give each --oidc-jwks-url after its --oidc-issuer.")
        }
        // Mail goes through the outbox: written before the request is answered, delivered by
        // whichever node's runner claims it, and again later while the mail server is down.
        var handlers = [OutboxMailer.kind: OutboxMailer.handler(delivering: try mailer(data: data))]
        let purger = try purger()
        if let purger { handlers[PurgeJobs.kind] = PurgeJobs.handler(purging: purger) }
        var runner = JobRunner(queue: store, clock: SystemClock(), handlers: handlers)
        runner.logger = observability.logger
        let metrics = observability.metrics
        runner.failed = { job in metrics.jobFailed(kind: job.kind) }
        let services = BackgroundServices(
            runner: runner, purges: purger.map { _ in PurgeJobs(store: store, clock: SystemClock()) },
            observability: observability, metricsListener: metricsListener)
        var security = SecurityPorts(
            hasher: SystemRandom.passwordHasher, random: SystemRandom(),
            mailer: OutboxMailer(queue: store, clock: SystemClock()),
            secret: secret, twoFactorPolicy: policy)
        security.projectCreationLimit = projectLimit
        security.breached = breachedPasswordURL.map { HIBPBreachedPasswordChecker(baseURL: $0) }
        security.leakReporterKeys = leakReporterKeysURL.map { HTTPLeakReporterKeys(url: $0) }
        guard !oidcIssuers.isEmpty else {
            return try await run(configuration, store: store, blobs: blobs, security: security, services: services)
        }
        let issuers = oidcIssuers.enumerated().map { index, url in
            OIDCIssuer(
                url: url, jwksURL: index < oidcJWKSURLs.count ? oidcJWKSURLs[index] : nil, audience: oidcAudience)
        }
        try await HTTPJWKSFetcher.withClient { fetcher in
            security.trustedPublishing = TrustedPublishingPorts(
                audience: oidcAudience, issuers: oidcIssuers,
                verifier: IssuerVerifier(issuers: issuers, keys: JWKSCache(fetcher: fetcher)))
            try await run(configuration, store: store, blobs: blobs, security: security, services: services)
        }
    }

    /// What runs beside the server, and how the server is watched.
    struct BackgroundServices {
        let runner: JobRunner
        let purges: PurgeJobs?
        let observability: ServerObservability
        let metricsListener: MetricsListener?
    }

    /// A separate `/metrics` listener: host, port and the exposition.
    typealias MetricsListener = (host: String, port: Int, exposition: @Sendable () -> [UInt8])

    /// The server and its background loops as one service group: SIGTERM (or SIGINT) stops the
    /// listeners from accepting, lets requests in flight (uploads included) finish, then runs
    /// the job loop's last round and exits 0.
    private func run(
        _ configuration: IndexServerConfiguration, store: some IndexStore, blobs: some BlobStore,
        security: SecurityPorts, services: BackgroundServices
    ) async throws {
        let logger = services.observability.logger
        let snapshot =
            snapshotInterval > 0
            ? try MetadataSnapshotBuilder(
                directory: "\(data.data)/snapshot", store: store,
                urls: IndexURLs(base: configuration.baseURL ?? "", files: configuration.filesURL))
            : nil
        let app = buildApplication(
            configuration: configuration, store: store, blobs: blobs, clock: SystemClock(), security: security,
            snapshots: snapshot.map(PublishedSnapshots.init), observability: services.observability)
        // Shut down in reverse order: the listeners first, the job loop's last round after them.
        var group: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let snapshot {
            group.append(.init(service: SnapshotService(builder: snapshot, interval: snapshotInterval, logger: logger)))
        }
        group.append(.init(service: JobLoopService(runner: services.runner, purges: services.purges, logger: logger)))
        if let listener = services.metricsListener {
            group.append(
                .init(
                    service: buildMetricsApplication(
                        host: listener.host, port: listener.port, store: store, clock: SystemClock(),
                        observability: services.observability, exposition: listener.exposition)))
        }
        group.append(.init(service: app))
        let serviceGroup = ServiceGroup(
            configuration: .init(services: group, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        logger.info(
            "Serving.",
            metadata: [
                "address": "\(host):\(port)", "data": "\(data.data)",
                "metrics": "\(services.metricsListener.map { "\($0.host):\($0.port)" } ?? (services.observability.exposition == nil ? "off" : "/metrics"))",
            ])
        do {
            try await serviceGroup.run()
        } catch {
            throw StartupError.listening(host: host, port: port, error) ?? error
        }
        logger.info("Stopped.")
    }

    /// The slow-client timeouts and the connection cap, the cap within the open-file limit
    /// (raised to its hard limit here, as nginx's `worker_rlimit_nofile`).
    private func connectionLimits() throws -> ConnectionLimits {
        var limits = ConnectionLimits()
        for (option, seconds) in [
            ("--header-timeout", headerTimeout), ("--keep-alive-timeout", keepAliveTimeout),
            ("--body-timeout", bodyTimeout),
        ] {
            guard seconds > 0, seconds <= 3600 else {
                throw ValidationError("\(option) is a number of seconds above 0, at most 3600.")
            }
        }
        guard bodyMinimumRate >= 0 else { throw ValidationError("--body-minimum-rate is 0 or more bytes a second.") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections is 1 or more.") }
        limits.headerTimeout = .nanoseconds(Int64(headerTimeout * 1e9))
        limits.keepAliveTimeout = .nanoseconds(Int64(keepAliveTimeout * 1e9))
        limits.bodyTimeout = .nanoseconds(Int64(bodyTimeout * 1e9))
        limits.bodyMinimumRate = bodyMinimumRate
        // Each connection is a descriptor; keep some for the database, files and clients.
        let descriptors = OpenFileLimit.raise()
        limits.maximumConnections = max(1, min(maxConnections, descriptors - 256))
        return limits
    }

    /// The caches to purge when pages change, `nil` when none is configured.
    private func purger() throws -> (any Purger)? {
        let environment = ProcessInfo.processInfo.environment
        var purgers: [any Purger] = []
        if !purgeVarnish.isEmpty { purgers.append(VarnishPurger(servers: purgeVarnish)) }
        if let service = purgeFastlyService {
            guard let token = environment["FASTLY_API_TOKEN"], !token.isEmpty else {
                throw ValidationError("--purge-fastly-service needs the API token in FASTLY_API_TOKEN.")
            }
            purgers.append(FastlyPurger(apiURL: purgeFastlyAPI, serviceID: service, token: token))
        }
        if let purgeWebhook {
            let secret = environment["CHEESESHOP_PURGE_WEBHOOK_SECRET"].map { Array($0.utf8) }
            purgers.append(WebhookPurger(url: purgeWebhook, secret: secret))
        }
        return purgers.isEmpty ? nil : PurgerSet(purgers)
    }

    /// Whether `url` is an absolute http(s) URL with a host, without query or fragment.
    static func isPublicURL(_ url: String) -> Bool {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            ["http", "https"].contains(scheme), let host = components.host, !host.isEmpty,
            components.query == nil, components.fragment == nil, components.user == nil
        else { return false }
        return true
    }

    /// `HOST:PORT` (`[v6]:PORT` too).
    static func hostAndPort(_ text: String) throws -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port), colon != text.startIndex
        else { throw ValidationError("--metrics-address is HOST:PORT, e.g. 127.0.0.1:9100: '\(text)'.") }
        let host = text[..<colon]
        return (host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : String(host), port)
    }

    /// `100M`, `2G`, `512K` (powers of 1024) or a plain byte count.
    static func bytes(_ text: String) throws -> Int {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        let unit = text.last.flatMap { units[Character($0.uppercased())] }
        guard let count = Int(unit == nil ? text : String(text.dropLast())), count > 0 else {
            throw ValidationError("Give a size as a number of bytes or with K, M, G or T: '\(text)'.")
        }
        return count * (unit ?? 1)
    }

    /// SMTP when `--smtp-url` is given, else the pickup directory.
    private func mailer(data: DataOptions) throws -> any Mailer {
        let from = mailFrom ?? "cheeseshop@\(host)"
        if let smtpURL {
            return SMTPMailer(configuration: try SMTPConfiguration.configuration(url: smtpURL, from: from))
        }
        return try DirectoryMailer(directory: mailDir ?? "\(data.data)/mail", from: from)
    }
}
