import IndexCore

extension SigV4Signer {
    /// The canonical request of `request`, and its signed header names.
    ///
    /// ```
    /// METHOD \n encoded path \n sorted query \n name:value\n... \n signed;headers \n payload hash
    /// ```
    func canonicalRequest(_ request: SigV4Request) -> (text: String, signedHeaders: String) {
        let headers = Self.canonicalHeaders(request.headers)
        let signedHeaders = headers.map(\.name).joined(separator: ";")
        let headerLines = headers.map { "\($0.name):\($0.value)\n" }.joined()
        let text = [
            request.method.uppercased(), Self.encodedPath(request.path), Self.canonicalQuery(request.query),
            headerLines, signedHeaders, request.payloadHash,
        ].joined(separator: "\n")
        return (text, signedHeaders)
    }

    /// `path` percent-encoded the S3 way: each segment on its own (a `/` stays), everything but
    /// the unreserved characters `A-Z a-z 0-9 - . _ ~` as `%XX`, once, with no `.`/`..`
    /// normalisation. The empty path is `/`.
    public static func encodedPath(_ path: String) -> String {
        guard !path.isEmpty else { return "/" }
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .map { PercentEncoding.encodePathSegment(String($0)) }
            .joined(separator: "/")
    }

    /// The canonical query string: each name and value percent-encoded (unreserved characters
    /// kept, so `/`, `=`, `+` and space are encoded), sorted by encoded name then value, joined
    /// with `&`; a parameter without a value is `name=`.
    public static func canonicalQuery(_ query: [SigV4Request.Field]) -> String {
        let encoded: [(name: String, value: String)] = query.map { field in
            (PercentEncoding.encodeQueryValue(field.name), PercentEncoding.encodeQueryValue(field.value))
        }
        let sorted = encoded.sorted { left, right in
            left.name == right.name ? left.value < right.value : left.name < right.name
        }
        return sorted.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    /// The headers lowercased by name, values trimmed with inner runs of spaces collapsed to
    /// one, values of a repeated name joined by `,`, sorted by name.
    static func canonicalHeaders(_ headers: [SigV4Request.Field]) -> [(name: String, value: String)] {
        var merged: [String: [String]] = [:]
        for header in headers {
            merged[header.name.lowercased(), default: []].append(trimmed(header.value))
        }
        return merged.keys.sorted().map { name in (name, merged[name, default: []].joined(separator: ",")) }
    }

    private static func trimmed(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
