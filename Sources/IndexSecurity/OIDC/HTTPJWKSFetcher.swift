import AsyncHTTPClient
import Foundation
import JWTKit

/// Fetches an issuer's JWKS over HTTP with AsyncHTTPClient, discovering `jwks_uri` from the
/// OpenID configuration when the issuer does not name it. Bounded: a deadline per request and
/// a cap on each response body, so a slow or hostile issuer cannot hold us or fill memory.
public struct HTTPJWKSFetcher: JWKSFetching {
    private let client: HTTPClient
    private let timeoutSeconds: Int64
    private let maxBodyBytes: Int

    /// Uses `client` (owned and shut down by the caller); 5 s per request, 1 MiB per body.
    public init(client: HTTPClient, timeoutSeconds: Int64 = 5, maxBodyBytes: Int = 1 << 20) {
        self.client = client
        self.timeoutSeconds = timeoutSeconds
        self.maxBodyBytes = maxBodyBytes
    }

    public func fetchJWKS(for issuer: OIDCIssuer) async throws(OIDCError) -> JWKS {
        let url = try await jwksURL(for: issuer)
        return try JWKSDocument.decode(try await get(url))
    }

    /// The configured URL, or `jwks_uri` from the discovery document, whose `issuer` must be ours.
    private func jwksURL(for issuer: OIDCIssuer) async throws(OIDCError) -> String {
        if let url = issuer.jwksURL { return url }
        let body = try await get(issuer.discoveryURL)
        let document: DiscoveryDocument
        do {
            document = try JSONDecoder().decode(DiscoveryDocument.self, from: Data(body))
        } catch {
            throw .keysUnavailable("the OpenID configuration is not valid")
        }
        guard document.issuer == nil || document.issuer == issuer.url else {
            throw .keysUnavailable("the OpenID configuration names another issuer")
        }
        return document.jwksURI
    }

    private func get(_ url: String) async throws(OIDCError) -> [UInt8] {
        do {
            var request = HTTPClientRequest(url: url)
            request.method = .GET
            request.headers.add(name: "Accept", value: "application/json")
            let response = try await client.execute(request, timeout: .seconds(timeoutSeconds))
            guard response.status == .ok else {
                throw OIDCError.keysUnavailable("HTTP \(response.status.code) from the issuer")
            }
            let buffer = try await response.body.collect(upTo: maxBodyBytes)
            return Array(buffer.readableBytesView)
        } catch let error as OIDCError {
            throw error
        } catch {
            throw .keysUnavailable("the issuer could not be reached")
        }
    }

    private struct DiscoveryDocument: Decodable {
        var issuer: String?
        var jwksURI: String

        enum CodingKeys: String, CodingKey {
            case issuer
            case jwksURI = "jwks_uri"
        }
    }
}
