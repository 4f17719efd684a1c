import AsyncHTTPClient
import IndexCore
import NIOCore

/// What a `HEAD` of an object says.
public struct S3ObjectHead: Sendable, Hashable {
    /// The object's size in bytes.
    public let size: Int
    /// Its user metadata (`x-amz-meta-NAME`), by lowercase `NAME`.
    public let metadata: [String: String]
}

/// An object's bytes as they arrive.
public struct S3ObjectBody: Sendable {
    /// The bytes in this response.
    public let contentLength: Int
    /// The whole object's size, when a range was asked for (from `Content-Range`).
    public let totalSize: Int?
    /// The body, streamed.
    public let body: HTTPClientResponse.Body
}

extension S3Client {
    /// The size and metadata of `key`, or `nil` when there is no such object.
    ///
    /// A failed `HEAD` carries no error document, so a refusal other than 404 is asked again
    /// as a `GET` of the first byte, whose answer says why (`SignatureDoesNotMatch`, ...).
    public func headObject(_ key: String) async throws(S3Error) -> S3ObjectHead? {
        let response = try await send("HEAD object", method: "HEAD", key: key)
        let status = response.status.code
        if status == 404 { return nil }
        guard (200..<300).contains(status) else {
            let probe = try await send(
                "HEAD object", method: "GET", key: key, headers: [(name: "range", value: "bytes=0-0")])
            try await requireSuccess(probe, operation: "HEAD object")
            throw S3Error(
                operation: "HEAD object", status: Int(status), code: response.status.reasonPhrase.filter { $0 != " " },
                message: "HTTP \(status) \(response.status.reasonPhrase)")
        }
        guard let length = response.headers.first(name: "content-length").flatMap({ Int($0) }) else {
            throw S3Error(
                operation: "HEAD object", status: Int(status), code: "MissingLength", message: "No Content-Length.")
        }
        var metadata: [String: String] = [:]
        for header in response.headers where header.name.lowercased().hasPrefix("x-amz-meta-") {
            metadata[String(header.name.lowercased().dropFirst("x-amz-meta-".count))] = header.value
        }
        return S3ObjectHead(size: length, metadata: metadata)
    }

    /// Stores `payload` as `key` with user `metadata` and `contentType`; with `onlyIfAbsent`,
    /// sends `If-None-Match: *` so an existing object is never replaced (412 `PreconditionFailed`).
    public func putObject(
        _ key: String, payload: S3Payload, metadata: [String: String] = [:], onlyIfAbsent: Bool = false,
        contentType: String = "application/octet-stream"
    ) async throws(S3Error) {
        var headers = Self.metadataHeaders(metadata)
        headers.append((name: "content-type", value: contentType))
        if onlyIfAbsent { headers.append((name: "if-none-match", value: "*")) }
        let response = try await send("PUT object", method: "PUT", key: key, headers: headers, payload: payload)
        try await requireSuccess(response, operation: "PUT object")
    }

    /// The bytes of `key`, all of them or `range`, streamed; `nil` when there is no such object.
    /// A range starting past the end fails with status 416 (`InvalidRange`).
    public func getObject(_ key: String, range: Range<Int>? = nil) async throws(S3Error) -> S3ObjectBody? {
        var headers: [SigV4Request.Field] = []
        if let range { headers.append((name: "range", value: "bytes=\(range.lowerBound)-\(range.upperBound - 1)")) }
        let response = try await send(
            "GET object", method: "GET", key: key, headers: headers,
            timeoutSeconds: configuration.readTimeoutSeconds)
        let status = response.status.code
        if status == 404 {
            let body = try await text(of: response, operation: "GET object", limit: Self.maximumErrorBody)
            let error = S3Error.response(operation: "GET object", status: 404, reason: "Not Found", body: body)
            if error.code == "NoSuchKey" || error.code == "NotFound" { return nil }
            throw error
        }
        guard status == 200 || status == 206 else {
            try await requireSuccess(response, operation: "GET object")
            throw S3Error(
                operation: "GET object", status: Int(status), code: "UnexpectedStatus", message: "HTTP \(status)")
        }
        guard let length = response.headers.first(name: "content-length").flatMap({ Int($0) }) else {
            throw S3Error(
                operation: "GET object", status: Int(status), code: "MissingLength", message: "No Content-Length.")
        }
        let total =
            status == 206
            ? response.headers.first(name: "content-range").flatMap { Self.totalSize(fromContentRange: $0) } : length
        return S3ObjectBody(contentLength: length, totalSize: total, body: response.body)
    }

    /// Removes `key`; a missing object is not an error.
    public func deleteObject(_ key: String) async throws(S3Error) {
        let response = try await send("DELETE object", method: "DELETE", key: key)
        if response.status.code == 404 { return }
        try await requireSuccess(response, operation: "DELETE object")
    }

    /// The whole size from a `Content-Range: bytes a-b/N` (or `bytes */N`) header.
    static func totalSize(fromContentRange header: String) -> Int? {
        guard let slash = header.lastIndex(of: "/") else { return nil }
        return Int(header[header.index(after: slash)...])
    }

    /// `x-amz-meta-NAME` headers of `metadata`.
    static func metadataHeaders(_ metadata: [String: String]) -> [SigV4Request.Field] {
        metadata.sorted { $0.key < $1.key }.map { (name: "x-amz-meta-" + $0.key.lowercased(), value: $0.value) }
    }
}
