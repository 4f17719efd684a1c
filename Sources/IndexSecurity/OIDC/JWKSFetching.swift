import Foundation
import JWTKit

/// Fetches an issuer's JSON Web Key Set (RFC 7517 section 5). The HTTP version is
/// `HTTPJWKSFetcher`; tests pass a fixed key set.
public protocol JWKSFetching: Sendable {
    /// The issuer's current keys.
    func fetchJWKS(for issuer: OIDCIssuer) async throws(OIDCError) -> JWKS
}

/// Decodes a JWKS document, skipping keys JWTKit cannot read (another `kty`, a broken entry)
/// instead of refusing the whole set.
public enum JWKSDocument {
    /// The usable keys in `bytes`.
    public static func decode(_ bytes: some Collection<UInt8>) throws(OIDCError) -> JWKS {
        do {
            return JWKS(keys: try JSONDecoder().decode(LenientKeySet.self, from: Data(bytes)).keys)
        } catch {
            throw .keysUnavailable("the key set is not valid JSON")
        }
    }

    private struct LenientKeySet: Decodable {
        var keys: [JWK] = []

        enum CodingKeys: String, CodingKey { case keys }

        init(from decoder: any Decoder) throws {
            var entries = try decoder.container(keyedBy: CodingKeys.self).nestedUnkeyedContainer(forKey: .keys)
            while !entries.isAtEnd {
                if let key = try? entries.decode(JWK.self) {
                    keys.append(key)
                } else {
                    _ = try entries.decode(Skipped.self)
                }
            }
        }
    }

    private struct Skipped: Decodable {
        init(from decoder: any Decoder) throws {}
    }
}
