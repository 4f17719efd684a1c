/// An S3 endpoint URL taken apart: `http` or `https`, and `host[:port]`.
public struct S3Endpoint: Sendable, Hashable {
    /// `http` or `https`.
    public let scheme: String
    /// `host` or `host:port`, as the `Host` header carries it.
    public let authority: String

    /// Parses `http://host[:port][/]` or `https://...`; a path, a query or user info is refused.
    public init(parsing url: String) throws(S3ConfigurationError) {
        let lowered = url.lowercased()
        let scheme: String
        if lowered.hasPrefix("http://") {
            scheme = "http"
        } else if lowered.hasPrefix("https://") {
            scheme = "https"
        } else {
            throw S3ConfigurationError("The S3 endpoint '\(url)' must start with http:// or https://.")
        }
        var rest = Substring(url.dropFirst(scheme.count + 3))
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.isEmpty, !rest.contains(where: { "/?#@ ".contains($0) }) else {
            throw S3ConfigurationError("The S3 endpoint '\(url)' must be a scheme and a host, with no path.")
        }
        self.scheme = scheme
        authority = String(rest)
    }

    /// The URL of `encodedPath` (with `query`, when there is one) on this endpoint.
    func url(encodedPath: String, query: String) -> String {
        "\(scheme)://\(authority)\(encodedPath)" + (query.isEmpty ? "" : "?" + query)
    }
}
