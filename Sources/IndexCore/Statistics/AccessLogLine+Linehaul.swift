extension AccessLogLine {
    /// Reads a line Fastly logs for linehaul (its `events/parser.py`), in any of its versions:
    ///
    /// - `download|<time>|<country>|<url>|<tls protocol>|<tls cipher>|<project>|<version>|<type>|<ua>`
    /// - `simple|<time>|<country>|<url>|<tls protocol>|<tls cipher>||||<ua>`
    /// - `2@<time>|<country>|<url>|<tls protocol>|<tls cipher>|<project>|<version>|<type>|<ua>`
    /// - `[1@]<time>|<country>|<url>|<project>|<version>|<type>|<ua>`
    ///
    /// The time is an HTTP date (`Thu, 07 Jan 2021 20:54:54 GMT`); the package type is `sdist`,
    /// a `bdist_*` or `(null)`; a project or version of `(null)` is `nil`. The User-Agent is the
    /// rest of the line, `|` included. Every line is a `GET` answered with 200.
    public static func parseLinehaul(_ line: Substring) -> AccessLogLine? {
        guard line.utf8.count <= maximumLength else { return nil }
        var rest = Array(line.utf8)[...]
        while let last = rest.last, last == 0x0A || last == 0x0D { rest.removeLast() }
        let format: LinehaulFormat
        if let afterHeader = rest.afterASCIIPrefix("download|") {
            (format, rest) = (.download, afterHeader)
        } else if let afterHeader = rest.afterASCIIPrefix("simple|") {
            (format, rest) = (.simple, afterHeader)
        } else if let afterHeader = rest.afterASCIIPrefix("2@") {
            (format, rest) = (.version2, afterHeader)
        } else {
            (format, rest) = (.version1, rest.afterASCIIPrefix("1@") ?? rest)
        }
        var fields: [ArraySlice<UInt8>] = []
        fields.reserveCapacity(8)
        for _ in 0..<format.fieldCount {
            guard let (field, after) = rest.splitOnce(at: UInt8(ascii: "|")) else { return nil }
            fields.append(field)
            rest = after
        }
        guard let time = LogTime.httpDate(fields[0]), let path = path(ofTarget: fields[2]) else { return nil }
        let project: String?
        let version: String?
        if format == .simple {
            guard fields[5].isEmpty, fields[6].isEmpty, fields[7].isEmpty else { return nil }
            (project, version) = (nil, nil)
        } else {
            let fileFields = fields.suffix(3)
            let start = fileFields.startIndex
            guard isPackageType(fileFields[start + 2]) else { return nil }
            (project, version) = (nonNull(fileFields[start]), nonNull(fileFields[start + 1]))
        }
        return AccessLogLine(
            time: time, method: "GET", path: path, status: 200, userAgent: rest.decodedString, project: project,
            version: version)
    }

    /// `nil` for `(null)` and empty fields, else the field's text.
    private static func nonNull(_ field: ArraySlice<UInt8>) -> String? {
        field.isEmpty || field.equalsASCII("(null)") ? nil : field.decodedString
    }

    /// `sdist`, `bdist_wheel` and the other `bdist_*`, or `(null)`.
    private static func isPackageType(_ field: ArraySlice<UInt8>) -> Bool {
        if field.equalsASCII("sdist") || field.equalsASCII("(null)") { return true }
        guard let kind = field.afterASCIIPrefix("bdist_") else { return false }
        return !kind.isEmpty && kind.allSatisfy { (0x61...0x7A).contains($0) }
    }
}

/// The versions of linehaul's log line, by their header.
private enum LinehaulFormat {
    case download, simple, version2, version1

    /// The `|`-separated fields before the User-Agent (the header not counted).
    var fieldCount: Int {
        self == .version1 ? 6 : 8
    }
}
