/// A request as AWS Signature Version 4 sees it: what the signature covers.
///
/// Everything is given unencoded; the signer percent-encodes the path and the query the way S3
/// does, and the caller sends exactly ``SigV4Signer/encodedPath(_:)`` and
/// ``SigV4Signer/canonicalQuery(_:)`` so that what is sent is what was signed.
public struct SigV4Request: Sendable {
    /// One query parameter or header, unencoded.
    public typealias Field = (name: String, value: String)

    /// The HTTP method, e.g. `GET`.
    public var method: String
    /// The absolute path, not percent-encoded, e.g. `/examplebucket/test$file.text`.
    public var path: String
    /// The query parameters, not percent-encoded, in any order; a bare flag such as `uploads`
    /// has the empty value.
    public var query: [Field]
    /// The headers to sign, `Host` among them, in any case and order (`x-amz-date` and a
    /// session token's header are added by the signer).
    public var headers: [Field]
    /// The hex SHA-256 of the body (``SigV4Signer/payloadHash(of:)``), or
    /// ``SigV4Signer/unsignedPayload``.
    public var payloadHash: String

    /// Creates a request.
    public init(method: String, path: String, query: [Field] = [], headers: [Field], payloadHash: String) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.payloadHash = payloadHash
    }
}

/// What signing produced: the intermediate strings (for tests and debugging) and the result.
public struct SigV4Signature: Sendable, Hashable {
    /// The canonical request (task 1 of the signing process).
    public let canonicalRequest: String
    /// The string to sign (task 2).
    public let stringToSign: String
    /// The signature, 64 lowercase hex digits (task 3).
    public let signature: String
    /// The semicolon-separated, sorted, lowercase names of the signed headers.
    public let signedHeaders: String
    /// The credential scope, `YYYYMMDD/region/service/aws4_request`.
    public let scope: String
}
