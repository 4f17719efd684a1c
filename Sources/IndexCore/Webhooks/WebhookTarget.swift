/// A webhook's target URL, read strictly: `http` or `https`, a host (name, IPv4, or IPv6 in
/// brackets), an optional port, a path; no credentials, no fragment, no whitespace.
public struct WebhookTarget: Hashable, Sendable {
    /// `http` or `https`.
    public var scheme: String
    /// The host, without brackets.
    public var host: String
    /// The port given, else the scheme's.
    public var port: Int
    /// The URL as given.
    public var url: String

    /// The longest URL accepted.
    public static let maximumLength = 2000

    /// Reads `url`; throws a ``ManageError`` of kind `invalid` saying what is wrong.
    public init(_ url: String) throws(ManageError) {
        func refuse(_ why: String) -> ManageError {
            ManageError(.invalid, "The webhook URL is not acceptable: \(why).")
        }
        guard !url.isEmpty, url.utf8.count <= Self.maximumLength else {
            throw refuse("give an http or https URL of at most \(Self.maximumLength) characters")
        }
        guard url.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value != 0x7F }) else {
            throw refuse("it contains spaces, control or non-ASCII characters")
        }
        guard let separator = url.firstRange(of: "://") else { throw refuse("it has no scheme (http:// or https://)") }
        let scheme = url[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { throw refuse("only http and https are allowed") }
        let rest = url[separator.upperBound...]
        guard !rest.contains("#") else { throw refuse("it has a fragment") }
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        guard !authority.contains("@") else { throw refuse("it must not carry credentials") }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw refuse("its IPv6 address lacks ']'") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw refuse("unexpected text after the IPv6 address") }
                portText = after.dropFirst()
            }
            guard IPAddress.parseIPv6(String(host)) != nil else { throw refuse("its IPv6 address is malformed") }
        } else {
            let pieces = authority.split(separator: ":", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { throw refuse("its host is malformed") }
            host = pieces[0]
            if pieces.count == 2 { portText = pieces[1] }
            guard
                host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" }),
                !host.hasPrefix("."), !host.hasPrefix("-")
            else { throw refuse("its host is malformed") }
        }
        guard !host.isEmpty else { throw refuse("it has no host") }
        var port = scheme == "https" ? 443 : 80
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value), portText.allSatisfy(\.isNumber) else {
                throw refuse("its port is not a number from 1 to 65535")
            }
            port = value
        }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port
        self.url = url
    }
}

/// Resolves host names to addresses (the system's resolver in production, a table in tests).
public protocol HostResolving: Sendable {
    /// The addresses `host` resolves to for `port`; throws when it does not resolve.
    func addresses(host: String, port: Int) async throws -> [IPAddress]
}

/// The SSRF guard of webhooks: a target must be an http(s) URL whose host resolves only to
/// global addresses, unless private targets are allowed (a setting off by default). Checked
/// when a subscription is made and again before each delivery.
public struct WebhookTargetPolicy: Sendable {
    let resolver: any HostResolving
    /// Whether loopback, private, link-local, multicast, unspecified and reserved addresses
    /// may be targets.
    public var allowPrivate: Bool

    /// A policy resolving names with `resolver`.
    public init(resolver: any HostResolving, allowPrivate: Bool) {
        self.resolver = resolver
        self.allowPrivate = allowPrivate
    }

    /// Reads and checks `url`; returns the target and the checked addresses to connect to.
    /// Throws a ``ManageError`` of kind `invalid`.
    public func check(_ url: String) async throws(ManageError) -> (target: WebhookTarget, addresses: [IPAddress]) {
        let target = try WebhookTarget(url)
        let addresses: [IPAddress]
        if let literal = IPAddress(target.host) {
            addresses = [literal]
        } else {
            do {
                addresses = try await resolver.addresses(host: target.host, port: target.port)
            } catch {
                throw ManageError(.invalid, "The webhook URL's host '\(target.host)' does not resolve.")
            }
        }
        guard !addresses.isEmpty else {
            throw ManageError(.invalid, "The webhook URL's host '\(target.host)' does not resolve.")
        }
        if !allowPrivate, let refused = addresses.first(where: { $0.scope != .global }) {
            throw ManageError(
                .invalid,
                "The webhook URL's host '\(target.host)' resolves to \(refused), \(refused.scope.rawValue); "
                    + "webhooks may only target public addresses.")
        }
        return (target, addresses)
    }
}

/// A resolver that resolves nothing (the default until the composition root gives a real one):
/// only literal addresses can be targets.
public struct NoHostResolver: HostResolving {
    public init() {}

    public func addresses(host: String, port: Int) async throws -> [IPAddress] {
        throw ManageError(.invalid, "No resolver.")
    }
}
