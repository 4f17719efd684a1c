/// The claims of an OIDC identity token whose signature, issuer, audience and lifetime were
/// already verified (RFC 7519, OpenID Connect Core 1.0 section 2). Matching them against a
/// trusted publisher is the next step (`TrustedPublisher.matches(_:)`).
public struct OIDCClaims: Hashable, Sendable {
    /// Every claim of the token, by name.
    public var values: [String: ClaimValue]

    /// Wraps a verified claim set.
    public init(_ values: [String: ClaimValue]) {
        self.values = values
    }

    /// The claim `name`, of any type.
    public subscript(name: String) -> ClaimValue? {
        values[name]
    }

    /// The claim `name` when it is a string; `nil` when absent or of another type.
    public func string(_ name: String) -> String? {
        values[name]?.stringValue
    }

    /// `iss`: the issuer URL.
    public var issuer: String? { string("iss") }
    /// `sub`: the subject.
    public var subject: String? { string("sub") }
    /// `jti`: the token's unique identifier (the anti-replay key).
    public var tokenID: String? { string("jti") }

    /// `aud`: the audiences, whether the token carries one string or an array
    /// (RFC 7519 section 4.1.3). Empty when absent; `nil` when malformed.
    public var audiences: [String]? {
        switch values["aud"] {
        case nil: return []
        case .string(let value)?: return [value]
        case .array(let items)?:
            let strings = items.compactMap(\.stringValue)
            return strings.count == items.count ? strings : nil
        default: return nil
        }
    }

    /// `exp`: the expiry time.
    public var expiresAt: Timestamp? { time("exp") }
    /// `iat`: when the token was issued.
    public var issuedAt: Timestamp? { time("iat") }
    /// `nbf`: the time before which the token must not be accepted.
    public var notBefore: Timestamp? { time("nbf") }

    /// A NumericDate claim (seconds since the epoch, RFC 7519 section 2).
    private func time(_ name: String) -> Timestamp? {
        guard let seconds = values[name]?.numberValue, seconds.isFinite else { return nil }
        return Timestamp(secondsSinceEpoch: seconds)
    }
}
