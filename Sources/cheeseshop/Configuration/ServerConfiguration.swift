import Foundation
import IndexCore
import IndexMirror
import IndexHTTP
import Logging
import NIOCore

/// Everything `serve` is told, decoded and checked once at start from the ``Settings`` (flags,
/// then `CHEESESHOP_*`, then the configuration file, then these defaults). A bad value stops the
/// start with one line naming the setting where it was given.
struct ServerConfiguration: Sendable {
    var data: DataSettings
    var host = "127.0.0.1"
    var port = 8000
    var baseURL: String?
    var filesURL: String?
    var eventLoops: Int?
    var uploadLimits = UploadLimits()
    var twoFactorPolicy = TwoFactorPolicy.web
    var newProjectLimit: RateLimit
    var mailDir: String?
    var smtpURL: String?
    var mailFrom: String?
    var oidcIssuers: [String] = []
    var oidcJWKSURLs: [String] = []
    var oidcAudience = "cheeseshop"
    var breachedPasswordURL: String?
    var leakReporterKeysURL: String?
    var journalRefresh = 1.0
    var redirectDownloads = false
    var purgeVarnish: [String] = []
    var purgeFastlyService: String?
    var purgeFastlyAPI = "https://api.fastly.com"
    var fastlyAPIToken: String?
    var purgeWebhook: String?
    var purgeWebhookSecret: String?
    /// Release webhooks: whether non-public targets are allowed, and the retry schedule.
    var webhooksAllowPrivateTargets = false
    var webhookRetry = RetryPolicy(first: 10, maximum: 3600, maximumAttempts: 8)
    var migrate = true
    var readOnly = false
    var snapshotInterval = 60.0
    var connections = ConnectionLimits()
    var logFormat = LineLogHandler.Format.text
    var logLevel = Logger.Level.info
    var accessLog = true
    var metrics = true
    var metricsAddress: (host: String, port: Int)?
    var metricsToken: String?
    /// The pull-through proxy, `nil` without `upstream`.
    var proxy: ProxyConfiguration?
    /// How downloads are counted.
    var statistics = DownloadStatisticsSettings()

    /// Decodes and checks every setting of `serve`; `environment` for the settings read under
    /// their older names (`FASTLY_API_TOKEN`).
    init(_ settings: Settings, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        data = try DataSettings(settings)
        host = try settings.string("host") ?? host
        port = try settings.integer("port") ?? port
        guard (0...65535).contains(port) else { throw settings.invalid("port", "a port number, 0 to 65535") }
        for name in ["base-url", "files-url"] {
            guard let url = try settings.string(name) else { continue }
            guard Self.isPublicURL(url) else {
                throw settings.invalid(
                    name, "an http:// or https:// URL with a host and no query, e.g. https://pypi.example.org")
            }
        }
        baseURL = try settings.string("base-url")
        filesURL = try settings.string("files-url")
        eventLoops = try settings.integer("event-loops")
        if let eventLoops, !(1...256).contains(eventLoops) { throw settings.invalid("event-loops", "1 to 256") }
        uploadLimits = UploadLimits(
            fileSize: try settings.size("max-file-size") ?? uploadLimits.fileSize,
            projectSize: try settings.size("max-project-size") ?? uploadLimits.projectSize)
        if let policy = try settings.string("two-factor-policy") {
            guard let parsed = TwoFactorPolicy(rawValue: policy) else {
                throw settings.invalid("two-factor-policy", "web, all or none")
            }
            twoFactorPolicy = parsed
        }
        let limit = try settings.string("new-project-limit") ?? "20 per hour"
        guard let parsedLimit = RateLimit(limit) else {
            throw settings.invalid("new-project-limit", "a limit such as '20 per hour' or '5 per minute; 100 per day'")
        }
        newProjectLimit = parsedLimit
        mailDir = try settings.string("mail-dir")
        smtpURL = try settings.string("smtp-url")
        mailFrom = try settings.string("mail-from")
        oidcIssuers = try settings.list("oidc-issuer") ?? []
        oidcJWKSURLs = try settings.list("oidc-jwks-url") ?? []
        guard oidcJWKSURLs.count <= oidcIssuers.count else {
            throw settings.invalid("oidc-jwks-url", "one URL per oidc-issuer, in the same order")
        }
        oidcAudience = try settings.string("oidc-audience") ?? oidcAudience
        breachedPasswordURL = try settings.string("breached-password-url")
        leakReporterKeysURL = try settings.string("leak-reporter-keys-url")
        journalRefresh = try settings.number("journal-refresh") ?? journalRefresh
        guard journalRefresh > 0, journalRefresh <= 3600 else {
            throw settings.invalid("journal-refresh", "a number of seconds above 0, at most 3600")
        }
        switch try settings.string("file-downloads") ?? "proxy" {
        case "proxy": redirectDownloads = false
        case "redirect": redirectDownloads = true
        default: throw settings.invalid("file-downloads", "proxy or redirect")
        }
        purgeVarnish = try settings.list("purge-varnish") ?? []
        purgeFastlyService = try settings.string("purge-fastly-service")
        purgeFastlyAPI = try settings.string("purge-fastly-api") ?? purgeFastlyAPI
        fastlyAPIToken = try settings.string("fastly-api-token") ?? environment["FASTLY_API_TOKEN"].flatMap {
            $0.isEmpty ? nil : $0
        }
        if purgeFastlyService != nil, fastlyAPIToken == nil {
            throw settings.invalid("purge-fastly-service", "usable without fastly-api-token (or FASTLY_API_TOKEN)")
        }
        purgeWebhook = try settings.string("purge-webhook")
        purgeWebhookSecret = try settings.string("purge-webhook-secret")
        webhooksAllowPrivateTargets = try settings.boolean("webhooks-allow-private-targets") ?? false
        webhookRetry.first = try settings.number("webhook-retry") ?? webhookRetry.first
        guard webhookRetry.first > 0 else { throw settings.invalid("webhook-retry", "more than 0 seconds") }
        webhookRetry.maximumAttempts = try settings.integer("webhook-attempts") ?? webhookRetry.maximumAttempts
        guard webhookRetry.maximumAttempts >= 1 else { throw settings.invalid("webhook-attempts", "1 or more") }
        migrate = try settings.boolean("migrate") ?? migrate
        readOnly = try settings.boolean("read-only") ?? readOnly
        snapshotInterval = try settings.number("snapshot-interval") ?? snapshotInterval
        guard snapshotInterval >= 0 else { throw settings.invalid("snapshot-interval", "0 or more seconds") }
        connections = try Self.connectionLimits(settings)
        statistics = try Self.statistics(settings)
        if let format = try settings.string("log-format") {
            guard let parsed = LineLogHandler.Format(rawValue: format) else {
                throw settings.invalid("log-format", "text or json")
            }
            logFormat = parsed
        }
        if let level = try settings.string("log-level") {
            guard let parsed = Logger.Level(rawValue: level) else {
                throw settings.invalid("log-level", "trace, debug, info, notice, warning, error or critical")
            }
            logLevel = parsed
        }
        accessLog = try settings.boolean("access-log") ?? accessLog
        metrics = try settings.boolean("metrics") ?? metrics
        if let address = try settings.string("metrics-address") {
            guard let parsed = Self.hostAndPort(address) else {
                throw settings.invalid("metrics-address", "HOST:PORT, e.g. 127.0.0.1:9100")
            }
            metricsAddress = parsed
        }
        metricsToken = try settings.string("metrics-token")
        proxy = try Self.proxy(settings)
    }

    /// The pull-through proxy's settings, `nil` without an upstream.
    static func proxy(_ settings: Settings) throws -> ProxyConfiguration? {
        guard let upstreams = try settings.list("upstream"), !upstreams.isEmpty else { return nil }
        for upstream in upstreams where !(upstream.hasPrefix("http://") || upstream.hasPrefix("https://")) {
            throw settings.invalid("upstream", "an http:// or https:// URL of an index's simple API")
        }
        var proxy = ProxyConfiguration(upstreams: upstreams)
        func duration(_ name: String) throws -> Double? {
            guard let text = try settings.string(name) else { return nil }
            guard let seconds = DurationText.seconds(text) else {
                throw settings.invalid(name, "a duration such as 90, 90s, 30m, 12h or 7d")
            }
            return seconds
        }
        proxy.pageTTL = try duration("upstream-ttl") ?? proxy.pageTTL
        proxy.negativeTTL = try duration("upstream-negative-ttl") ?? proxy.negativeTTL
        proxy.timeout = try duration("upstream-timeout") ?? proxy.timeout
        guard proxy.timeout >= 1 else { throw settings.invalid("upstream-timeout", "at least 1 second") }
        proxy.excludeNewer = try duration("upstream-exclude-newer")
        proxy.excludeNewerExempt = try settings.list("upstream-exclude-newer-exempt") ?? []
        proxy.allow = try settings.list("upstream-allow") ?? []
        proxy.block = try settings.list("upstream-block") ?? []
        proxy.userAgent = "cheeseshop (pull-through proxy)"
        return proxy
    }

    /// How downloads are counted and kept.
    static func statistics(_ settings: Settings) throws -> DownloadStatisticsSettings {
        var statistics = DownloadStatisticsSettings()
        statistics.enabled = try settings.boolean("stats") ?? statistics.enabled
        statistics.countsPages = try settings.boolean("stats-pages") ?? statistics.countsPages
        statistics.flushInterval = try settings.number("stats-flush-interval") ?? statistics.flushInterval
        guard statistics.flushInterval > 0, statistics.flushInterval <= 3600 else {
            throw settings.invalid("stats-flush-interval", "a number of seconds above 0, at most 3600")
        }
        let retention = try settings.integer("stats-retention-days") ?? 400
        guard retention >= 0 else { throw settings.invalid("stats-retention-days", "0 or more days") }
        statistics.retentionDays = retention == 0 ? nil : retention
        return statistics
    }

    /// The slow-client timeouts and the connection cap.
    static func connectionLimits(_ settings: Settings) throws -> ConnectionLimits {
        var limits = ConnectionLimits()
        func seconds(_ name: String, _ current: TimeAmount) throws -> TimeAmount {
            guard let value = try settings.number(name) else { return current }
            guard value > 0, value <= 3600 else { throw settings.invalid(name, "a number of seconds above 0, at most 3600") }
            return .nanoseconds(Int64(value * 1e9))
        }
        limits.headerTimeout = try seconds("header-timeout", limits.headerTimeout)
        limits.keepAliveTimeout = try seconds("keep-alive-timeout", limits.keepAliveTimeout)
        limits.bodyTimeout = try seconds("body-timeout", limits.bodyTimeout)
        limits.bodyMinimumRate = try settings.integer("body-minimum-rate") ?? limits.bodyMinimumRate
        guard limits.bodyMinimumRate >= 0 else { throw settings.invalid("body-minimum-rate", "0 or more bytes a second") }
        limits.maximumConnections = try settings.integer("max-connections") ?? limits.maximumConnections
        guard limits.maximumConnections >= 1 else { throw settings.invalid("max-connections", "1 or more") }
        return limits
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
    static func hostAndPort(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), colon != text.startIndex,
            let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port)
        else { return nil }
        let host = text[..<colon]
        return (host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : String(host), port)
    }

    /// What the HTTP layer is told.
    var indexServer: IndexServerConfiguration {
        var configuration = IndexServerConfiguration(
            host: host, port: port, baseURL: baseURL, filesURL: filesURL, uploadLimits: uploadLimits,
            journalRefreshInterval: journalRefresh)
        configuration.redirectDownloads = redirectDownloads
        configuration.readOnly = readOnly
        configuration.connections = connections
        configuration.statistics = statistics
        return configuration
    }
}
