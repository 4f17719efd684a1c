/// One request as the server in front of the index logged it, for `cheeseshop stats ingest`:
/// when, what and who. Read from nginx's or varnishncsa's combined format
/// (``parseCombined(_:)``) or from Fastly's linehaul lines (``parseLinehaul(_:)``).
public struct AccessLogLine: Hashable, Sendable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var time: Int64
    /// `GET`, `HEAD`, ... (`GET` for linehaul lines, which log downloads only).
    public var method: String
    /// The URL's path, without query string or fragment, as logged (percent-escapes kept).
    public var path: String
    /// The response's status (200 for linehaul lines).
    public var status: Int
    /// The User-Agent, unescaped; empty when the line has none.
    public var userAgent: String
    /// The project a linehaul download line names (`nil` when it does not).
    public var project: String?
    /// The version a linehaul download line names (`nil` when it does not).
    public var version: String?

    /// Creates a line.
    public init(
        time: Int64, method: String, path: String, status: Int, userAgent: String, project: String? = nil,
        version: String? = nil
    ) {
        self.time = time
        self.method = method
        self.path = path
        self.status = status
        self.userAgent = userAgent
        self.project = project
        self.version = version
    }

    /// The day of the request: days since 1970-01-01 (UTC).
    public var day: Int {
        let (quotient, remainder) = time.quotientAndRemainder(dividingBy: 86_400)
        return Int(remainder < 0 ? quotient - 1 : quotient)
    }

    /// Lines longer than this (in UTF-8 bytes) are not read: no server logs them for a real
    /// request, and reading them would only cost time.
    public static let maximumLength = 65_536

    /// The path of a request target: `/a/b` of `/a/b?x=1` or of `https://host/a/b`; `nil` for
    /// targets that are not a path (`*`, `host:443`) or hold whitespace.
    static func path(ofTarget target: ArraySlice<UInt8>) -> String? {
        var path = target
        if let afterScheme = target.afterASCIIPrefixIgnoringCase("http://")
            ?? target.afterASCIIPrefixIgnoringCase("https://")
        {
            path = afterScheme[(afterScheme.firstIndex(of: UInt8(ascii: "/")) ?? afterScheme.endIndex)...]
            if path.isEmpty { return "/" }
        }
        guard path.first == UInt8(ascii: "/"), path.hasNoWhitespace else { return nil }
        let end = path.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? path.endIndex
        return path[path.startIndex..<end].decodedString
    }
}
