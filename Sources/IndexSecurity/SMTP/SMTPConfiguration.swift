import NIOSSL

/// Where and how ``SMTPMailer`` delivers: the relay, its transport security, the optional
/// credentials and the sender.
public struct SMTPConfiguration: Sendable {
    /// How the connection to the relay is protected.
    public enum Security: String, Sendable, Hashable, CaseIterable {
        /// No encryption (port 25): credentials are only sent to a loopback host.
        case plain
        /// A plain connection upgraded with `STARTTLS` (RFC 3207, port 587); fails when not offered.
        case startTLS
        /// Implicit TLS from the first byte (RFC 8314, port 465).
        case tls
    }

    /// The relay's host name or IP address.
    public var host: String
    /// The relay's TCP port.
    public var port: Int
    /// The transport security.
    public var security: Security
    /// The user name for `AUTH`, or `nil` to send without authenticating.
    public var username: String?
    /// The password for `AUTH` (empty when `nil` and `username` is set).
    public var password: String?
    /// The sender: an address, or `Name <address>`.
    public var from: String
    /// The name sent with `EHLO` / `HELO`.
    public var heloName: String
    /// The bound on a whole message exchange, from connecting to `QUIT`.
    public var timeout: Duration
    /// The TLS client settings for `.startTLS` and `.tls`; tests set `trustRoots` here.
    public var tlsConfiguration: TLSConfiguration

    /// A configuration; `tlsConfiguration` defaults to the system's trust roots with full verification.
    public init(
        host: String,
        port: Int,
        security: Security = .plain,
        username: String? = nil,
        password: String? = nil,
        from: String,
        heloName: String = "localhost",
        timeout: Duration = .seconds(10),
        tlsConfiguration: TLSConfiguration = .makeClientConfiguration()
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.from = from
        self.heloName = heloName
        self.timeout = timeout
        self.tlsConfiguration = tlsConfiguration
    }

    /// Whether `host` names this machine (`localhost`, `127.0.0.0/8`, `::1`).
    var hostIsLoopback: Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let lowered = bare.lowercased()
        if lowered == "localhost" || lowered.hasSuffix(".localhost") || lowered == "::1" { return true }
        let octets = lowered.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// Credentials, when a user name is set (the password defaults to empty).
    var credentials: (username: String, password: String)? {
        username.map { ($0, password ?? "") }
    }
}
