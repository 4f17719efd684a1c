import Foundation
import IndexCore
import JWTKit

/// Verifies an OIDC identity token (a JWS-signed JWT, RFC 7515/7519) from a CI provider, as
/// Warehouse's `OIDCPublisherService.verify_jwt_signature` does: RS256 or ES256 signature with
/// the issuer's JWKS, `iss` exactly, a single `aud` equal to ours (`strict_aud`), `exp`, `iat`,
/// `nbf` within the leeway, and a `jti`. Times come from the caller, never the wall clock.
public struct OIDCTokenVerifier: Sendable {
    /// Algorithms accepted in the header; anything else (`none`, `HS256`...) is refused first.
    public static let acceptedAlgorithms: Set<String> = ["RS256", "ES256"]

    private let keys: JWKSCache
    private let leeway: Double
    private let maxTokenBytes: Int

    /// Verifies against keys from `keys`; leeway from `policy` (30 s); tokens up to 8 KiB.
    public init(keys: JWKSCache, policy: MintPolicy = MintPolicy(), maxTokenBytes: Int = 8 * 1024) {
        self.keys = keys
        self.leeway = policy.leeway
        self.maxTokenBytes = maxTokenBytes
    }

    /// The verified claims of `jwt`, or why it is refused.
    public func verify(_ jwt: String, issuer: OIDCIssuer, now: Timestamp) async throws(OIDCError) -> OIDCClaims {
        guard jwt.utf8.count <= maxTokenBytes else { throw .oversize }
        let header = try JOSEHeader(token: jwt)
        guard Self.acceptedAlgorithms.contains(header.alg) else {
            throw OIDCError(.unsupportedAlgorithm, "unsupported algorithm '\(header.alg.prefix(16))'")
        }
        guard let kid = header.kid else { throw .missing("kid") }
        let keySet = try await keys.keys(for: issuer, kid: kid, now: now)
        guard let jwk = keySet.keys.first(where: { $0.keyIdentifier?.string == kid }) else { throw .unknownKey }
        if let keyAlgorithm = jwk.algorithm, keyAlgorithm.rawValue != header.alg {
            throw OIDCError(.unsupportedAlgorithm, "algorithm does not match the signing key")
        }
        let claims = try await signedClaims(jwt, key: jwk)
        try checkClaims(claims, issuer: issuer, now: now)
        return claims
    }

    private func signedClaims(_ jwt: String, key: JWK) async throws(OIDCError) -> OIDCClaims {
        let collection = JWTKeyCollection()
        do {
            try await collection.add(jwk: key)
        } catch {
            throw .keysUnavailable("the signing key is unusable")
        }
        do {
            return OIDCClaims(try await collection.verify(jwt, as: RawClaims.self).values)
        } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
            throw .signature
        } catch {
            throw .malformed
        }
    }

    /// The registered claims, as PyJWT checks them with Warehouse's options.
    private func checkClaims(_ claims: OIDCClaims, issuer: OIDCIssuer, now: Timestamp) throws(OIDCError) {
        let time = now.secondsSinceEpoch
        guard let iss = claims.issuer else { throw .missing("iss") }
        guard iss == issuer.url else { throw .issuer }
        guard let audiences = claims.audiences else { throw OIDCError(.audience, "malformed audience") }
        guard !audiences.isEmpty else { throw .missing("aud") }
        guard audiences.count == 1 else { throw OIDCError(.audience, "the token must have exactly one audience") }
        guard audiences[0] == issuer.audience else { throw OIDCError(.audience, "wrong audience") }
        guard let exp = claims.expiresAt?.secondsSinceEpoch else { throw .missing("exp") }
        guard exp > time - leeway else { throw .expired }
        guard let iat = claims.issuedAt?.secondsSinceEpoch else { throw .missing("iat") }
        guard iat <= time + leeway else { throw OIDCError(.notYetValid, "token issued in the future (iat)") }
        if claims["nbf"] != nil {
            guard let nbf = claims.notBefore?.secondsSinceEpoch else { throw .malformed }
            guard nbf <= time + leeway else { throw OIDCError(.notYetValid, "token is not yet valid (nbf)") }
        }
        guard claims.tokenID?.isEmpty == false else { throw .missing("jti") }
    }
}

/// A payload that keeps every claim; JWTKit checks only the signature, we check the claims.
struct RawClaims: JWTPayload {
    var values: [String: ClaimValue]

    init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: ClaimValue].self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
