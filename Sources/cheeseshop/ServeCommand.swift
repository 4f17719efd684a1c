import ArgumentParser
import Configuration

/// `cheeseshop serve`: the HTTP server. Every option is a setting (``SettingKey``): given here,
/// else as `CHEESESHOP_*`, else in the `--config` file, else its default; secrets
/// (`metrics-token`, `fastly-api-token`, `purge-webhook-secret`, and the passwords in
/// `database-url` and `smtp-url`) are best given in the environment or the file.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the index server.")

    @Option(name: .customLong("host"), help: ArgumentHelp(SettingKey.help("host")))
    var host: String?
    @Option(name: .customLong("port"), help: ArgumentHelp(SettingKey.help("port")))
    var port: Int?
    @Option(name: .customLong("base-url"), help: ArgumentHelp(SettingKey.help("base-url")))
    var baseURL: String?
    @Option(name: .customLong("files-url"), help: ArgumentHelp(SettingKey.help("files-url")))
    var filesURL: String?
    @Option(name: .customLong("event-loops"), help: ArgumentHelp(SettingKey.help("event-loops")))
    var eventLoops: Int?
    @Option(name: .customLong("max-file-size"), help: ArgumentHelp(SettingKey.help("max-file-size")))
    var maxFileSize: String?
    @Option(name: .customLong("max-project-size"), help: ArgumentHelp(SettingKey.help("max-project-size")))
    var maxProjectSize: String?
    @Option(name: .customLong("two-factor-policy"), help: ArgumentHelp(SettingKey.help("two-factor-policy")))
    var twoFactorPolicy: String?
    @Option(name: .customLong("new-project-limit"), help: ArgumentHelp(SettingKey.help("new-project-limit")))
    var newProjectLimit: String?
    @Option(name: .customLong("mail-dir"), help: ArgumentHelp(SettingKey.help("mail-dir")))
    var mailDir: String?
    @Option(name: .customLong("smtp-url"), help: ArgumentHelp(SettingKey.help("smtp-url")))
    var smtpURL: String?
    @Option(name: .customLong("mail-from"), help: ArgumentHelp(SettingKey.help("mail-from")))
    var mailFrom: String?
    @Option(name: .customLong("oidc-issuer"), help: ArgumentHelp(SettingKey.help("oidc-issuer")))
    var oidcIssuers: [String] = []
    @Option(name: .customLong("oidc-jwks-url"), help: ArgumentHelp(SettingKey.help("oidc-jwks-url")))
    var oidcJWKSURLs: [String] = []
    @Option(name: .customLong("oidc-audience"), help: ArgumentHelp(SettingKey.help("oidc-audience")))
    var oidcAudience: String?
    @Option(name: .customLong("breached-password-url"), help: ArgumentHelp(SettingKey.help("breached-password-url")))
    var breachedPasswordURL: String?
    @Option(name: .customLong("leak-reporter-keys-url"), help: ArgumentHelp(SettingKey.help("leak-reporter-keys-url")))
    var leakReporterKeysURL: String?
    @Option(name: .customLong("journal-refresh"), help: ArgumentHelp(SettingKey.help("journal-refresh")))
    var journalRefresh: Double?
    @Option(name: .customLong("file-downloads"), help: ArgumentHelp(SettingKey.help("file-downloads")))
    var fileDownloads: String?
    @Option(name: .customLong("purge-varnish"), help: ArgumentHelp(SettingKey.help("purge-varnish")))
    var purgeVarnish: [String] = []
    @Option(name: .customLong("purge-fastly-service"), help: ArgumentHelp(SettingKey.help("purge-fastly-service")))
    var purgeFastlyService: String?
    @Option(name: .customLong("purge-fastly-api"), help: ArgumentHelp(SettingKey.help("purge-fastly-api")))
    var purgeFastlyAPI: String?
    @Option(name: .customLong("purge-webhook"), help: ArgumentHelp(SettingKey.help("purge-webhook")))
    var purgeWebhook: String?
    @Flag(
        name: .customLong("webhooks-allow-private-targets"), inversion: .prefixedNo,
        help: ArgumentHelp(SettingKey.help("webhooks-allow-private-targets")))
    var webhooksAllowPrivateTargets: Bool?
    @Option(name: .customLong("webhook-retry"), help: ArgumentHelp(SettingKey.help("webhook-retry")))
    var webhookRetry: Double?
    @Option(name: .customLong("webhook-attempts"), help: ArgumentHelp(SettingKey.help("webhook-attempts")))
    var webhookAttempts: Int?
    @Flag(name: .customLong("migrate"), inversion: .prefixedNo, help: ArgumentHelp(SettingKey.help("migrate")))
    var migrate: Bool?
    @Flag(name: .customLong("read-only"), inversion: .prefixedNo, help: ArgumentHelp(SettingKey.help("read-only")))
    var readOnly: Bool?
    @Option(name: .customLong("snapshot-interval"), help: ArgumentHelp(SettingKey.help("snapshot-interval")))
    var snapshotInterval: Double?
    @Option(name: .customLong("header-timeout"), help: ArgumentHelp(SettingKey.help("header-timeout")))
    var headerTimeout: Double?
    @Option(name: .customLong("keep-alive-timeout"), help: ArgumentHelp(SettingKey.help("keep-alive-timeout")))
    var keepAliveTimeout: Double?
    @Option(name: .customLong("body-timeout"), help: ArgumentHelp(SettingKey.help("body-timeout")))
    var bodyTimeout: Double?
    @Option(name: .customLong("body-minimum-rate"), help: ArgumentHelp(SettingKey.help("body-minimum-rate")))
    var bodyMinimumRate: Int?
    @Option(name: .customLong("max-connections"), help: ArgumentHelp(SettingKey.help("max-connections")))
    var maxConnections: Int?
    @Option(name: .customLong("log-format"), help: ArgumentHelp(SettingKey.help("log-format")))
    var logFormat: String?
    @Option(name: .customLong("log-level"), help: ArgumentHelp(SettingKey.help("log-level")))
    var logLevel: String?
    @Flag(name: .customLong("access-log"), inversion: .prefixedNo, help: ArgumentHelp(SettingKey.help("access-log")))
    var accessLog: Bool?
    @Flag(name: .customLong("metrics"), inversion: .prefixedNo, help: ArgumentHelp(SettingKey.help("metrics")))
    var metrics: Bool?
    @Option(name: .customLong("metrics-address"), help: ArgumentHelp(SettingKey.help("metrics-address")))
    var metricsAddress: String?
    @Flag(name: .customLong("stats"), inversion: .prefixedNo, help: ArgumentHelp(SettingKey.help("stats")))
    var stats: Bool?
    @Flag(name: .customLong("stats-pages"), inversion: .prefixedNo, help: ArgumentHelp(SettingKey.help("stats-pages")))
    var statsPages: Bool?
    @Option(name: .customLong("stats-flush-interval"), help: ArgumentHelp(SettingKey.help("stats-flush-interval")))
    var statsFlushInterval: Double?
    @Option(name: .customLong("stats-retention-days"), help: ArgumentHelp(SettingKey.help("stats-retention-days")))
    var statsRetentionDays: Int?
    @Option(name: .customLong("upstream"), help: ArgumentHelp(SettingKey.help("upstream")))
    var upstreams: [String] = []
    @Option(name: .customLong("upstream-ttl"), help: ArgumentHelp(SettingKey.help("upstream-ttl")))
    var upstreamTTL: String?
    @Option(name: .customLong("upstream-negative-ttl"), help: ArgumentHelp(SettingKey.help("upstream-negative-ttl")))
    var upstreamNegativeTTL: String?
    @Option(name: .customLong("upstream-timeout"), help: ArgumentHelp(SettingKey.help("upstream-timeout")))
    var upstreamTimeout: String?
    @Option(name: .customLong("upstream-exclude-newer"), help: ArgumentHelp(SettingKey.help("upstream-exclude-newer")))
    var upstreamExcludeNewer: String?
    @Option(
        name: .customLong("upstream-exclude-newer-exempt"),
        help: ArgumentHelp(SettingKey.help("upstream-exclude-newer-exempt")))
    var upstreamExcludeNewerExempt: [String] = []
    @Option(name: .customLong("upstream-allow"), help: ArgumentHelp(SettingKey.help("upstream-allow")))
    var upstreamAllow: [String] = []
    @Option(name: .customLong("upstream-block"), help: ArgumentHelp(SettingKey.help("upstream-block")))
    var upstreamBlock: [String] = []
    @Flag(name: .customLong("print-config"), help: "Print every setting, its value and where it came from (secrets hidden), check them, and exit.")
    var printConfig = false
    @OptionGroup var data: DataOptions

    /// The values given on the command line, by setting.
    var flags: [String: ConfigContent] {
        var flags: [String: ConfigContent] = [:]
        flags["host"] = host.map(ConfigContent.string)
        flags["port"] = port.map(ConfigContent.int)
        flags["base-url"] = baseURL.map(ConfigContent.string)
        flags["files-url"] = filesURL.map(ConfigContent.string)
        flags["event-loops"] = eventLoops.map(ConfigContent.int)
        flags["max-file-size"] = maxFileSize.map(ConfigContent.string)
        flags["max-project-size"] = maxProjectSize.map(ConfigContent.string)
        flags["two-factor-policy"] = twoFactorPolicy.map(ConfigContent.string)
        flags["new-project-limit"] = newProjectLimit.map(ConfigContent.string)
        flags["mail-dir"] = mailDir.map(ConfigContent.string)
        flags["smtp-url"] = smtpURL.map(ConfigContent.string)
        flags["mail-from"] = mailFrom.map(ConfigContent.string)
        if !oidcIssuers.isEmpty { flags["oidc-issuer"] = .stringArray(oidcIssuers) }
        if !oidcJWKSURLs.isEmpty { flags["oidc-jwks-url"] = .stringArray(oidcJWKSURLs) }
        flags["oidc-audience"] = oidcAudience.map(ConfigContent.string)
        flags["breached-password-url"] = breachedPasswordURL.map(ConfigContent.string)
        flags["leak-reporter-keys-url"] = leakReporterKeysURL.map(ConfigContent.string)
        flags["journal-refresh"] = journalRefresh.map(ConfigContent.double)
        flags["file-downloads"] = fileDownloads.map(ConfigContent.string)
        if !purgeVarnish.isEmpty { flags["purge-varnish"] = .stringArray(purgeVarnish) }
        flags["purge-fastly-service"] = purgeFastlyService.map(ConfigContent.string)
        flags["purge-fastly-api"] = purgeFastlyAPI.map(ConfigContent.string)
        flags["purge-webhook"] = purgeWebhook.map(ConfigContent.string)
        flags["webhooks-allow-private-targets"] = webhooksAllowPrivateTargets.map(ConfigContent.bool)
        flags["webhook-retry"] = webhookRetry.map(ConfigContent.double)
        flags["webhook-attempts"] = webhookAttempts.map(ConfigContent.int)
        flags["migrate"] = migrate.map(ConfigContent.bool)
        flags["read-only"] = readOnly.map(ConfigContent.bool)
        flags["snapshot-interval"] = snapshotInterval.map(ConfigContent.double)
        flags["header-timeout"] = headerTimeout.map(ConfigContent.double)
        flags["keep-alive-timeout"] = keepAliveTimeout.map(ConfigContent.double)
        flags["body-timeout"] = bodyTimeout.map(ConfigContent.double)
        flags["body-minimum-rate"] = bodyMinimumRate.map(ConfigContent.int)
        flags["max-connections"] = maxConnections.map(ConfigContent.int)
        flags["stats"] = stats.map(ConfigContent.bool)
        flags["stats-pages"] = statsPages.map(ConfigContent.bool)
        flags["stats-flush-interval"] = statsFlushInterval.map(ConfigContent.double)
        flags["stats-retention-days"] = statsRetentionDays.map(ConfigContent.int)
        flags["log-format"] = logFormat.map(ConfigContent.string)
        flags["log-level"] = logLevel.map(ConfigContent.string)
        flags["access-log"] = accessLog.map(ConfigContent.bool)
        flags["metrics"] = metrics.map(ConfigContent.bool)
        flags["metrics-address"] = metricsAddress.map(ConfigContent.string)
        if !upstreams.isEmpty { flags["upstream"] = .stringArray(upstreams) }
        flags["upstream-ttl"] = upstreamTTL.map(ConfigContent.string)
        flags["upstream-negative-ttl"] = upstreamNegativeTTL.map(ConfigContent.string)
        flags["upstream-timeout"] = upstreamTimeout.map(ConfigContent.string)
        flags["upstream-exclude-newer"] = upstreamExcludeNewer.map(ConfigContent.string)
        if !upstreamExcludeNewerExempt.isEmpty {
            flags["upstream-exclude-newer-exempt"] = .stringArray(upstreamExcludeNewerExempt)
        }
        if !upstreamAllow.isEmpty { flags["upstream-allow"] = .stringArray(upstreamAllow) }
        if !upstreamBlock.isEmpty { flags["upstream-block"] = .stringArray(upstreamBlock) }
        return flags
    }

    func run() async throws {
        let settings = try await data.settings(adding: flags)
        let configuration = try ServerConfiguration(settings)
        if printConfig {
            for (name, value, source) in settings.described() { print("\(name) = \(value)  (\(source))") }
            return
        }
        try await ServerRoot(configuration: configuration).run()
    }
}
