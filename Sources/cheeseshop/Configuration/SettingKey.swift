/// One setting: its name (the command-line flag `--NAME`, the environment variable
/// `CHEESESHOP_NAME` with `-` as `_`, the key `"NAME"` of the configuration file), its kind, the
/// default, what it does, and whether it is a secret (never printed, never echoed in an error).
struct SettingKey: Sendable {
    enum Kind: String, Sendable {
        case string, integer, number, boolean, list, size, duration
    }

    let name: String
    let kind: Kind
    /// The default in words, `nil` when unset means "none".
    let defaultValue: String?
    let help: String
    var secret = false
    /// Read by `serve` only (otherwise by every command).
    var serveOnly = true

    /// The environment variable.
    var environmentName: String {
        "CHEESESHOP_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// The help text with the default and the environment variable, for `--help`.
    var flagHelp: String {
        var text = help.hasSuffix(".") ? String(help.dropLast()) : help
        if let defaultValue { text += " (default: \(defaultValue))" }
        return text + ". Env: \(environmentName)."
    }
}

extension SettingKey {
    /// Every setting, in the order of the documentation.
    static let all: [SettingKey] = [
        SettingKey(
            name: "config", kind: .string, defaultValue: nil,
            help: "A JSON configuration file: an object whose keys are these settings' names.", serveOnly: false),
        SettingKey(
            name: "data", kind: .string, defaultValue: "./data",
            help: "The data directory (index.sqlite, files/, mail/, the server secret).", serveOnly: false),
        SettingKey(
            name: "database-url", kind: .string, defaultValue: nil,
            help: "PostgreSQL instead of index.sqlite: postgres://USER:PASSWORD@HOST:PORT/DATABASE[?sslmode=require].",
            secret: true, serveOnly: false),
        SettingKey(
            name: "database-pool-size", kind: .integer, defaultValue: "20",
            help: "The most PostgreSQL connections this process opens.", serveOnly: false),
        SettingKey(
            name: "storage-url", kind: .string, defaultValue: nil,
            help: "Files in an S3-compatible bucket instead of files/: s3://BUCKET (endpoint, region and "
                + "credentials from AWS_ENDPOINT_URL_S3, AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).",
            serveOnly: false),
        SettingKey(name: "host", kind: .string, defaultValue: "127.0.0.1", help: "The address to listen on."),
        SettingKey(name: "port", kind: .integer, defaultValue: "8000", help: "The port to listen on."),
        SettingKey(
            name: "base-url", kind: .string, defaultValue: nil,
            help: "The public URL every link is made absolute under, e.g. https://pypi.example.org (without it, "
                + "pages link root-relative and the JSON API under the host the client asked for)."),
        SettingKey(
            name: "files-url", kind: .string, defaultValue: nil,
            help: "Link files under this URL instead (<url>/packages/...), e.g. https://files.example.org."),
        SettingKey(
            name: "event-loops", kind: .integer, defaultValue: "one per CPU",
            help: "Threads answering connections; fewer leaves CPUs to a cache or database on the same machine."),
        SettingKey(
            name: "max-file-size", kind: .size, defaultValue: "100M",
            help: "The largest file an upload may carry, e.g. 100M or 2G."),
        SettingKey(
            name: "max-project-size", kind: .size, defaultValue: "10G",
            help: "The largest total of a project's files."),
        SettingKey(
            name: "two-factor-policy", kind: .string, defaultValue: "web",
            help: "Who must enable 2FA to upload: web (accounts registered on the web), all, none."),
        SettingKey(
            name: "new-project-limit", kind: .string, defaultValue: "20 per hour",
            help: "New projects a user may create (PyPI's limit); twice that per IP address."),
        SettingKey(
            name: "mail-dir", kind: .string, defaultValue: "DATA/mail",
            help: "Where outgoing e-mail is written, one .eml file each."),
        SettingKey(
            name: "smtp-url", kind: .string, defaultValue: nil,
            help: "Send e-mail through this SMTP server instead of mail-dir: smtp://[user:pass@]host[:port] "
                + "(plain, 25), smtp+starttls://... (587) or smtps://... (465).",
            secret: true),
        SettingKey(
            name: "mail-from", kind: .string, defaultValue: "cheeseshop@HOST",
            help: "The From address of outgoing e-mail."),
        SettingKey(
            name: "oidc-issuer", kind: .list, defaultValue: nil,
            help: "OIDC issuers trusted for trusted publishing (repeat the flag; a comma-separated list in the "
                + "environment), e.g. https://token.actions.githubusercontent.com."),
        SettingKey(
            name: "oidc-jwks-url", kind: .list, defaultValue: "OpenID discovery",
            help: "The JWKS URL of each oidc-issuer, in the same order."),
        SettingKey(
            name: "oidc-audience", kind: .string, defaultValue: "cheeseshop",
            help: "The audience OIDC tokens must carry."),
        SettingKey(
            name: "breached-password-url", kind: .string, defaultValue: nil,
            help: "Base URL of a k-anonymity breached-password range API (<url>/range/<sha1 prefix>)."),
        SettingKey(
            name: "leak-reporter-keys-url", kind: .string, defaultValue: nil,
            help: "URL of a code host's secret-scanning public keys; enables POST /_/secrets/disclose-token."),
        SettingKey(
            name: "journal-refresh", kind: .duration, defaultValue: "1",
            help: "Seconds between looks at the journal for other nodes' and commands' changes."),
        SettingKey(
            name: "file-downloads", kind: .string, defaultValue: "proxy",
            help: "proxy: files pass through the server; redirect: to a presigned URL of the S3 bucket."),
        SettingKey(
            name: "purge-varnish", kind: .list, defaultValue: nil,
            help: "Varnish servers to purge changed pages from, e.g. http://127.0.0.1:6081 (see deploy/varnish.vcl)."),
        SettingKey(
            name: "purge-fastly-service", kind: .string, defaultValue: nil,
            help: "A Fastly service to soft-purge changed pages from (needs fastly-api-token)."),
        SettingKey(
            name: "purge-fastly-api", kind: .string, defaultValue: "https://api.fastly.com",
            help: "The base URL of Fastly's API."),
        SettingKey(
            name: "fastly-api-token", kind: .string, defaultValue: nil,
            help: "Fastly's API token (FASTLY_API_TOKEN is read too).", secret: true),
        SettingKey(
            name: "purge-webhook", kind: .string, defaultValue: nil,
            help: "A URL to POST changed pages' keys to, signed with purge-webhook-secret when set."),
        SettingKey(
            name: "purge-webhook-secret", kind: .string, defaultValue: nil,
            help: "The HMAC key that signs purge webhooks.", secret: true),
        SettingKey(
            name: "webhooks-allow-private-targets", kind: .boolean, defaultValue: "false",
            help: "Let release webhooks target loopback, private, link-local and other non-public addresses "
                + "(for tests and closed networks).", serveOnly: false),
        SettingKey(
            name: "webhook-retry", kind: .duration, defaultValue: "10",
            help: "Seconds before a failed webhook delivery is tried again, doubling each time up to an hour."),
        SettingKey(
            name: "webhook-attempts", kind: .integer, defaultValue: "8",
            help: "Attempts at each webhook delivery before it is given up."),
        SettingKey(
            name: "migrate", kind: .boolean, defaultValue: "true",
            help: "Migrate the database at start (false: refuse an old schema; the flag is --no-migrate)."),
        SettingKey(
            name: "read-only", kind: .boolean, defaultValue: "false",
            help: "Refuse uploads and every other change (503); `cheeseshop read-only on` does it for all nodes."),
        SettingKey(
            name: "snapshot-interval", kind: .duration, defaultValue: "60",
            help: "Seconds between rebuilds of /snapshot/index.sqlite when the index changed (0: not served)."),
        SettingKey(
            name: "header-timeout", kind: .duration, defaultValue: "60",
            help: "Seconds a new connection has to send its request headers before it is closed."),
        SettingKey(
            name: "keep-alive-timeout", kind: .duration, defaultValue: "75",
            help: "Seconds an idle kept-alive connection waits for its next request before it is closed."),
        SettingKey(
            name: "body-timeout", kind: .duration, defaultValue: "60",
            help: "Seconds a request body may go without a byte before the request is cut off."),
        SettingKey(
            name: "body-minimum-rate", kind: .integer, defaultValue: "1024",
            help: "The slowest a request body may arrive, in bytes per second over 10 s (0: no minimum)."),
        SettingKey(
            name: "max-connections", kind: .integer, defaultValue: "10000",
            help: "The most connections open at once; more are answered 503 (within the open-file limit)."),
        SettingKey(
            name: "log-format", kind: .string, defaultValue: "text",
            help: "How log lines look: text (logfmt) or json."),
        SettingKey(
            name: "log-level", kind: .string, defaultValue: "info",
            help: "The least severe level logged: trace, debug, info, notice, warning, error, critical."),
        SettingKey(
            name: "access-log", kind: .boolean, defaultValue: "true", help: "Log a line per request."),
        SettingKey(
            name: "metrics", kind: .boolean, defaultValue: "true",
            help: "Answer GET /metrics (Prometheus text format)."),
        SettingKey(
            name: "metrics-address", kind: .string, defaultValue: nil,
            help: "Answer /metrics on this HOST:PORT instead of the public port, e.g. 127.0.0.1:9100."),
        SettingKey(
            name: "metrics-token", kind: .string, defaultValue: nil,
            help: "Ask for Authorization: Bearer <token> on /metrics.", secret: true),
        SettingKey(
            name: "stats", kind: .boolean, defaultValue: "true",
            help: "Count the downloads and simple-page requests this node answers (the flag is --no-stats)."),
        SettingKey(
            name: "stats-pages", kind: .boolean, defaultValue: "true",
            help: "Count simple-page requests beside file downloads (the flag is --no-stats-pages)."),
        SettingKey(
            name: "stats-flush-interval", kind: .duration, defaultValue: "5",
            help: "Seconds between writes of the download counts: the most a crash can lose."),
        SettingKey(
            name: "stats-retention-days", kind: .integer, defaultValue: "400",
            help: "Days of daily download counts kept (0: kept for ever)."),
        SettingKey(
            name: "upstream", kind: .list, defaultValue: nil,
            help: "Proxy this upstream index (its simple URL, e.g. https://upstream.example/simple/) for projects "
                + "not hosted here; repeat the flag for more, asked in order (a comma-separated list in the "
                + "environment)."),
        SettingKey(
            name: "upstream-ttl", kind: .string, defaultValue: "10m",
            help: "How long a proxied page is answered before upstream is asked again (90, 90s, 30m, 12h, 7d)."),
        SettingKey(
            name: "upstream-negative-ttl", kind: .string, defaultValue: "1m",
            help: "How long 'no upstream has this project' is remembered."),
        SettingKey(
            name: "upstream-timeout", kind: .string, defaultValue: "20s",
            help: "How long to wait for an upstream's answer; past it, cached pages are answered stale."),
        SettingKey(
            name: "upstream-exclude-newer", kind: .string, defaultValue: nil,
            help: "Hide proxied files uploaded upstream less than this long ago (a cool-down, e.g. 7d)."),
        SettingKey(
            name: "upstream-exclude-newer-exempt", kind: .list, defaultValue: nil,
            help: "Projects (names or patterns such as 'acme-*') the cool-down does not apply to."),
        SettingKey(
            name: "upstream-allow", kind: .list, defaultValue: nil,
            help: "Proxy only the projects matching these names or patterns (default: every project)."),
        SettingKey(
            name: "upstream-block", kind: .list, defaultValue: nil,
            help: "Never proxy the projects matching these names or patterns."),
    ]

    /// The setting named `name`.
    static func named(_ name: String) -> SettingKey {
        guard let key = all.first(where: { $0.name == name }) else { preconditionFailure("No setting \(name)") }
        return key
    }

    /// `--help` text of the setting `name`.
    static func help(_ name: String) -> String { named(name).flagHelp }
}
