import CryptoExtras
import Foundation
import IndexCore
import IndexSecurity
import JWTKit

/// An OIDC issuer made up in the test: fresh RSA and P-256 keys, their JWKS, and signing.
struct TestIssuer: Sendable {
    static let url = "https://issuer.test"
    static let audience = "cheeseshop"
    static let now = Timestamp(secondsSinceEpoch: 1_767_225_600)
    let issuer = OIDCIssuer(url: url, jwksURL: "https://issuer.test/jwks", audience: audience)

    let rsa: JWTKit.Insecure.RSA.PrivateKey
    let otherRSA: JWTKit.Insecure.RSA.PrivateKey
    let ec = ES256PrivateKey()
    let signers = JWTKeyCollection()
    /// Signs with `otherRSA` while claiming to be "rsa-1": a forgery.
    let forger = JWTKeyCollection()

    init() async throws {
        rsa = try JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
        otherRSA = try JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
        await signers.add(rsa: rsa, digestAlgorithm: .sha256, kid: "rsa-1")
        await signers.add(rsa: otherRSA, digestAlgorithm: .sha256, kid: "rsa-other")
        await signers.add(ecdsa: ec, kid: "ec-1")
        await forger.add(rsa: otherRSA, digestAlgorithm: .sha256, kid: "rsa-1")
    }

    /// The public JWK of `key` under `kid`.
    static func jwk(_ key: JWTKit.Insecure.RSA.PrivateKey, kid: String) throws -> JWK {
        let (n, e) = try key.publicKey.getKeyPrimitives()
        return .rsa(.rs256, identifier: JWKIdentifier(string: kid), modulus: base64URL(n), exponent: base64URL(e))
    }

    /// The published key set: the RSA key and the P-256 key (not `otherRSA`).
    func jwks() throws -> JWKS {
        let (x, y) = try requireParameters(ec.publicKey.parameters)
        return JWKS(keys: [
            try Self.jwk(rsa, kid: "rsa-1"),
            .ecdsa(.es256, identifier: "ec-1", x: x, y: y, curve: .p256),
        ])
    }

    /// Claims of a valid token issued a minute ago, with `changes` applied (nil removes).
    static func claims(_ changes: [String: ClaimValue?] = [:]) -> [String: ClaimValue] {
        var values: [String: ClaimValue] = [
            "iss": .string(url), "aud": .string(audience), "sub": "repo:octo/demo:ref:refs/heads/main",
            "jti": "jti-1", "iat": .number(now.secondsSinceEpoch - 60),
            "nbf": .number(now.secondsSinceEpoch - 60), "exp": .number(now.secondsSinceEpoch + 240),
        ]
        for (name, value) in changes { values[name] = value }
        return values
    }

    /// A token signed by the key registered under `kid` (named in its header).
    func token(_ changes: [String: ClaimValue?] = [:], kid: String = "rsa-1") async throws -> String {
        try await signers.sign(TestPayload(values: Self.claims(changes)), kid: JWKIdentifier(string: kid))
    }

    static func base64URL(_ data: some DataProtocol) -> String {
        Data(data).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

struct MissingParameters: Error {}

func requireParameters<T>(_ value: T?) throws -> T {
    guard let value else { throw MissingParameters() }
    return value
}

/// Claims as they are, for signing.
struct TestPayload: JWTPayload {
    var values: [String: ClaimValue]
    init(values: [String: ClaimValue]) { self.values = values }
    init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: ClaimValue].self)
    }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// A JWKS source that counts its fetches and whose keys the test can change.
actor StubJWKSFetcher: JWKSFetching {
    var keySet: JWKS
    private(set) var fetches = 0

    init(_ keySet: JWKS) { self.keySet = keySet }

    func replace(_ keys: JWKS) { keySet = keys }

    func fetchJWKS(for issuer: OIDCIssuer) async throws(OIDCError) -> JWKS {
        fetches += 1
        return keySet
    }
}
