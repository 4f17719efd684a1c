/// The root of the simple repository API, `GET /simple/` (PEP 503, PEP 691): every visible
/// project by normalized name, one model with an HTML and a JSON rendering (reference b.2).
public struct SimpleIndex: Hashable, Sendable {
    /// One listed project.
    public struct Entry: Hashable, Sendable {
        /// The display name, e.g. `Django`.
        public var name: String
        /// The PEP 503 normalized name, e.g. `django` (the link target).
        public var normalizedName: String
        /// The project's last serial.
        public var lastSerial: Int64

        /// Creates an entry.
        public init(name: String, normalizedName: String, lastSerial: Int64) {
            self.name = name
            self.normalizedName = normalizedName
            self.lastSerial = lastSerial
        }
    }

    /// The projects, ordered by normalized name.
    public var projects: [Entry]
    /// The index's serial (`maxSerial()`), for `_last-serial` and `X-PyPI-Last-Serial`.
    public var lastSerial: Int64

    /// The index of `projects`; quarantined projects are left out (PEP 792).
    public init(projects: [Project], lastSerial: Int64) {
        self.projects = projects.filter { $0.status != .quarantined }
            .sorted { $0.normalizedName < $1.normalizedName }
            .map { Entry(name: $0.name, normalizedName: $0.normalizedName, lastSerial: $0.lastSerial) }
        self.lastSerial = lastSerial
    }

    /// The PEP 691 v1 JSON body (`application/vnd.pypi.simple.v1+json`).
    public func json() -> [UInt8] {
        var bytes = Self.jsonPrefix(lastSerial: lastSerial)
        for (index, project) in projects.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            Self.appendJSON(project, to: &bytes)
        }
        bytes += Self.jsonSuffix
        return bytes
    }

    /// The PEP 503 HTML body, linking `/simple/<normalized>/`.
    public func html() -> [UInt8] {
        var bytes = Self.htmlPrefix
        for project in projects { Self.appendHTML(project, to: &bytes) }
        bytes += Self.htmlSuffix(lastSerial: lastSerial)
        return bytes
    }

    // The pieces of the two bodies, for a server that keeps them in parts and renders again only
    // the part a change touches: prefix, every entry (JSON ones separated by commas), suffix.

    /// The JSON body up to the first entry.
    public static func jsonPrefix(lastSerial: Int64) -> [UInt8] {
        var bytes = Array(#"{"meta":"#.utf8)
        bytes += SimpleAPI.meta(lastSerial: lastSerial).bytes
        bytes += Array(#","projects":["#.utf8)
        return bytes
    }

    /// The JSON body after the last entry.
    public static let jsonSuffix = Array("]}".utf8)

    /// One entry of the JSON body's `projects`.
    public static func appendJSON(_ entry: Entry, to bytes: inout [UInt8]) {
        bytes += #"{"name":"#.utf8
        JSONValue.append(string: entry.name, to: &bytes)
        bytes += #","_last-serial":"#.utf8
        bytes += String(entry.lastSerial).utf8
        bytes.append(UInt8(ascii: "}"))
    }

    /// The HTML body up to the first link.
    public static let htmlPrefix = Array(
        """
        <!DOCTYPE html>
        <html>
          <head>
            <meta name="pypi:repository-version" content="\(SimpleAPI.version)">
            <title>Simple index</title>
          </head>
          <body>

        """.utf8)

    /// One link of the HTML body.
    public static func appendHTML(_ entry: Entry, to bytes: inout [UInt8]) {
        bytes += #"    <a href="/simple/"#.utf8
        HTMLText.append(escaping: entry.normalizedName, to: &bytes)
        bytes += #"/">"#.utf8
        HTMLText.append(escaping: entry.name, to: &bytes)
        bytes += "</a>\n".utf8
    }

    /// The HTML body after the last link.
    public static func htmlSuffix(lastSerial: Int64) -> [UInt8] {
        Array("  </body>\n</html>\n<!--SERIAL \(lastSerial)-->\n".utf8)
    }
}

/// Constants of the simple repository API.
public enum SimpleAPI {
    /// The API version served (`1.4`: PEP 792 project status).
    public static let version = "1.4"

    /// The JSON content type of PEP 691.
    public static let jsonContentType = "application/vnd.pypi.simple.v1+json"

    /// The versioned HTML content type of PEP 691.
    public static let htmlContentType = "application/vnd.pypi.simple.v1+html"

    static func meta(lastSerial: Int64) -> JSONValue {
        .object(["api-version": .string(version), "_last-serial": .int(lastSerial)])
    }
}
