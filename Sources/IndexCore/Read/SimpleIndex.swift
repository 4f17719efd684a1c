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
        JSONValue.object([
            "meta": SimpleAPI.meta(lastSerial: lastSerial),
            "projects": .array(
                projects.map { .object(["name": .string($0.name), "_last-serial": .int($0.lastSerial)]) }),
        ]).bytes
    }

    /// The PEP 503 HTML body, linking `/simple/<normalized>/`.
    public func html() -> [UInt8] {
        var html = """
            <!DOCTYPE html>
            <html>
              <head>
                <meta name="pypi:repository-version" content="\(SimpleAPI.version)">
                <title>Simple index</title>
              </head>
              <body>

            """
        for project in projects {
            html += "    <a href=\"/simple/\(HTMLText.escape(project.normalizedName))/\">"
            html += "\(HTMLText.escape(project.name))</a>\n"
        }
        html += "  </body>\n</html>\n<!--SERIAL \(lastSerial)-->\n"
        return Array(html.utf8)
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
