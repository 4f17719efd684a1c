/// An OIDC identity provider whose tokens we accept, e.g. GitHub Actions.
public struct OIDCIssuer: Hashable, Sendable {
    /// The `iss` value tokens must carry, exactly (e.g. `https://token.actions.githubusercontent.com`).
    public var url: String
    /// Where the signing keys are; `nil` discovers it from
    /// `{url}/.well-known/openid-configuration` (`jwks_uri`, OpenID Connect Discovery 1.0).
    public var jwksURL: String?
    /// The one `aud` value tokens must carry (this index's audience, as `/_/oidc/audience` tells).
    public var audience: String

    /// Creates an issuer.
    public init(url: String, jwksURL: String? = nil, audience: String) {
        self.url = url
        self.jwksURL = jwksURL
        self.audience = audience
    }

    /// `{url}/.well-known/openid-configuration`, without a doubled slash.
    public var discoveryURL: String {
        var base = Substring(url)
        while base.hasSuffix("/") { base = base.dropLast() }
        return base + "/.well-known/openid-configuration"
    }
}
