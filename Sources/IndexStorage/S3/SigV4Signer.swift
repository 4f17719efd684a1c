import Crypto
import IndexCore

/// AWS Signature Version 4 (`AWS4-HMAC-SHA256`), as S3 takes it: pure, with the time passed in.
///
/// Signing is four steps: the canonical request (method, encoded path, sorted query, lowercased
/// and trimmed headers, signed header names, payload hash), the string to sign (algorithm,
/// time, credential scope, SHA-256 of the canonical request), the signing key (HMAC-SHA256
/// chained over date, region, service and `aws4_request`, starting from `AWS4` + secret), and
/// the signature (HMAC-SHA256 of the string to sign under that key). Checked against AWS's
/// published test suite and the S3 documentation's examples (see `SigV4SignerTests`).
public struct SigV4Signer: Sendable {
    /// The algorithm's name, the first word of the `Authorization` header.
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// The payload hash of a request whose body is not signed (presigned URLs, or streaming).
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"

    /// The access key's id, e.g. `AKIDEXAMPLE`.
    public let accessKeyID: String
    private let secretAccessKey: String
    /// A temporary credential's session token, sent as `x-amz-security-token`.
    public let sessionToken: String?
    /// The region, e.g. `us-east-1`.
    public let region: String
    /// The service, `s3` for S3.
    public let service: String

    /// A signer for `service` in `region` with the given credentials.
    public init(
        accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, region: String,
        service: String = "s3"
    ) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.region = region
        self.service = service
    }

    /// Signs `request` at `time` for the `Authorization` header.
    ///
    /// `x-amz-date` (and `x-amz-security-token` when there is a session token) is added to the
    /// signed headers; ``headers(for:at:)`` returns the full set to send.
    public func sign(_ request: SigV4Request, at time: SigV4Time) -> SigV4Signature {
        var signed = request
        signed.headers.append((name: "x-amz-date", value: time.dateTime))
        if let sessionToken { signed.headers.append((name: "x-amz-security-token", value: sessionToken)) }
        return signature(of: signed, at: time)
    }

    /// The headers to send with `request` at `time`: its own, `x-amz-date`, the session token's
    /// and `Authorization`.
    public func headers(for request: SigV4Request, at time: SigV4Time) -> [SigV4Request.Field] {
        let result = sign(request, at: time)
        var headers = request.headers
        headers.append((name: "x-amz-date", value: time.dateTime))
        if let sessionToken { headers.append((name: "x-amz-security-token", value: sessionToken)) }
        headers.append((name: "authorization", value: authorization(result)))
        return headers
    }

    /// The `Authorization` header's value for `signature`.
    public func authorization(_ signature: SigV4Signature) -> String {
        "\(Self.algorithm) Credential=\(accessKeyID)/\(signature.scope), "
            + "SignedHeaders=\(signature.signedHeaders), Signature=\(signature.signature)"
    }

    /// The credential scope at `time`: `YYYYMMDD/region/service/aws4_request`.
    public func scope(at time: SigV4Time) -> String {
        "\(time.date)/\(region)/\(service)/aws4_request"
    }

    /// The string to sign for `canonicalRequest` at `time`.
    public func stringToSign(canonicalRequest: String, at time: SigV4Time) -> String {
        let digest = SHA256.hash(data: Array(canonicalRequest.utf8))
        return [Self.algorithm, time.dateTime, scope(at: time), Self.hex(digest)].joined(separator: "\n")
    }

    /// The signing key of `date` (`YYYYMMDD`): the secret chained through date, region, service
    /// and `aws4_request`.
    public func signingKey(date: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array(("AWS4" + secretAccessKey).utf8))
        for part in [date, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    /// Canonicalises and signs `request` exactly as given.
    func signature(of request: SigV4Request, at time: SigV4Time) -> SigV4Signature {
        let canonical = canonicalRequest(request)
        let toSign = stringToSign(canonicalRequest: canonical.text, at: time)
        let code = HMAC<SHA256>.authenticationCode(for: Array(toSign.utf8), using: signingKey(date: time.date))
        return SigV4Signature(
            canonicalRequest: canonical.text, stringToSign: toSign, signature: Self.hex(code),
            signedHeaders: canonical.signedHeaders, scope: scope(at: time))
    }

    /// The hex SHA-256 of `bytes`, for ``SigV4Request/payloadHash`` and `x-amz-content-sha256`.
    public static func payloadHash(of bytes: some Sequence<UInt8>) -> String {
        hex(SHA256.hash(data: Array(bytes)))
    }

    /// The lowercase hex form of `bytes`.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
