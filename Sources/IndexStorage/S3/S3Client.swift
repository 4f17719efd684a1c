import AsyncHTTPClient
import IndexCore
import NIOCore

/// A small S3 client on AsyncHTTPClient: path-style addressing (`endpoint/bucket/key`), every
/// request signed with SigV4 and its payload's SHA-256.
///
/// The `HTTPClient` is the caller's: it is neither created nor shut down here. Keys are given
/// unencoded (`packages/4e/2b/.../demo-1.0.tar.gz`) and encoded once, as signed.
public struct S3Client: Sendable {
    /// The configuration.
    public let configuration: S3Configuration
    /// The endpoint, parsed.
    public let endpoint: S3Endpoint
    let httpClient: HTTPClient
    let clock: any IndexClock
    let signer: SigV4Signer

    /// The largest error document read from a failed response.
    static let maximumErrorBody = 1 << 20

    /// A client of `configuration`'s bucket over `httpClient`, signing at `clock`'s time.
    public init(
        configuration: S3Configuration, httpClient: HTTPClient, clock: any IndexClock
    ) throws(S3ConfigurationError) {
        endpoint = try configuration.validated()
        self.configuration = configuration
        self.httpClient = httpClient
        self.clock = clock
        signer = SigV4Signer(
            accessKeyID: configuration.accessKeyID, secretAccessKey: configuration.secretAccessKey,
            sessionToken: configuration.sessionToken, region: configuration.region)
    }

    /// The unencoded path of `key` in the bucket, or of the bucket itself.
    func path(of key: String?) -> String {
        "/" + configuration.bucket + (key.map { "/" + $0 } ?? "")
    }

    /// Signs and sends one request; returns the response whatever its status.
    func send(
        _ operation: String, method: String, key: String?, query: [SigV4Request.Field] = [],
        headers: [SigV4Request.Field] = [], payload: S3Payload = .empty, timeoutSeconds: Int64? = nil
    ) async throws(S3Error) -> HTTPClientResponse {
        let path = path(of: key)
        let signed = SigV4Request(
            method: method, path: path, query: query,
            headers: headers + [
                (name: "host", value: endpoint.authority), (name: "x-amz-content-sha256", value: payload.sha256),
            ],
            payloadHash: payload.sha256)
        var request = HTTPClientRequest(
            url: endpoint.url(encodedPath: SigV4Signer.encodedPath(path), query: SigV4Signer.canonicalQuery(query)))
        request.method = .init(rawValue: method)
        for header in signer.headers(for: signed, at: SigV4Time(clock.now())) {
            request.headers.add(name: header.name, value: header.value)
        }
        if payload.count > 0 || method == "PUT" || method == "POST" {
            request.body = payload.body()
        }
        let timeout = TimeAmount.seconds(timeoutSeconds ?? configuration.requestTimeoutSeconds)
        do {
            return try await httpClient.execute(request, deadline: .now() + timeout)
        } catch {
            throw .transport(operation: operation, error)
        }
    }

    /// Reads `response`'s body, up to `limit` bytes, as text.
    func text(of response: HTTPClientResponse, operation: String, limit: Int) async throws(S3Error) -> String {
        do {
            let buffer = try await response.body.collect(upTo: limit)
            return String(buffer: buffer)
        } catch {
            throw .transport(operation: operation, error)
        }
    }

    /// Throws the S3 error `response` describes unless its status is 2xx; returns its body.
    @discardableResult
    func requireSuccess(
        _ response: HTTPClientResponse, operation: String, bodyLimit: Int = maximumErrorBody
    ) async throws(S3Error) -> String {
        let body = try await text(of: response, operation: operation, limit: bodyLimit)
        guard (200..<300).contains(response.status.code) else {
            throw .response(
                operation: operation, status: Int(response.status.code), reason: response.status.reasonPhrase,
                body: body)
        }
        return body
    }

    /// The longest validity S3 accepts for a presigned URL: seven days.
    public static let maximumPresignedExpiry = 604_800

    /// A URL that fetches `key` with a plain HTTP `GET` for `expires` seconds from `now`
    /// (clamped to 1 second ... 7 days).
    public func presignedURL(for key: String, expires: Int, now: Timestamp) -> String {
        let expires = min(max(expires, 1), Self.maximumPresignedExpiry)
        let path = path(of: key)
        let request = SigV4Request(
            method: "GET", path: path, headers: [(name: "host", value: endpoint.authority)],
            payloadHash: SigV4Signer.unsignedPayload)
        let (_, query) = signer.presign(request, at: SigV4Time(now), expires: expires)
        return endpoint.url(encodedPath: SigV4Signer.encodedPath(path), query: query)
    }
}
