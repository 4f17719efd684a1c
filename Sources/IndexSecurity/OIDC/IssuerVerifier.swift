import AsyncHTTPClient
import Foundation
import IndexCore

/// ``OIDCVerifying`` over the issuers this index trusts: reads the unverified `iss` to pick
/// the issuer (as Warehouse does), then verifies the token with ``OIDCTokenVerifier`` against
/// that issuer's keys and audience. Unknown issuers and non-JWTs are `invalid-payload`;
/// refused tokens are `invalid-token`.
public struct IssuerVerifier: OIDCVerifying {
    private let issuers: [String: OIDCIssuer]
    private let verifier: OIDCTokenVerifier

    /// Verifies tokens of `issuers` with keys from `keys`.
    public init(issuers: [OIDCIssuer], keys: JWKSCache, policy: MintPolicy = MintPolicy()) {
        self.issuers = Dictionary(issuers.map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })
        self.verifier = OIDCTokenVerifier(keys: keys, policy: policy)
    }

    public func verify(_ jwt: String, now: Timestamp) async throws(TrustedPublishingError) -> OIDCClaims {
        guard jwt.utf8.count <= 8 * 1024 else { throw .invalidToken(OIDCError.oversize.message) }
        guard let iss = Self.unverifiedIssuer(jwt) else { throw .invalidPayload("malformed JWT") }
        guard let issuer = issuers[iss] else { throw .invalidPayload("unknown trusted publishing issuer") }
        do {
            return try await verifier.verify(jwt, issuer: issuer, now: now)
        } catch {
            throw .invalidToken(error.message)
        }
    }

    /// The `iss` of a compact JWS's payload, read without checking anything.
    static func unverifiedIssuer(_ jwt: String) -> String? {
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = JOSEHeader.base64URLDecode(parts[1]),
            let object = try? JSONSerialization.jsonObject(with: payload) as? [String: Any]
        else { return nil }
        return object["iss"] as? String
    }
}

extension HTTPJWKSFetcher {
    /// Runs `body` with a fetcher on a fresh AsyncHTTPClient client, shut down afterwards
    /// (whether `body` returned or threw).
    public static func withClient<T: Sendable>(_ body: (HTTPJWKSFetcher) async throws -> T) async throws -> T {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let result = try await body(HTTPJWKSFetcher(client: client))
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
