/// Why a presented API token was refused before its caveats were looked at.
public struct TokenError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The reason, safe to show to whoever presented the token.
    public let message: String
    /// What kind of refusal: a credential that does not check out.
    public let kind: DomainErrorKind

    init(_ message: String, kind: DomainErrorKind = .invalidCredential) {
        self.message = message
        self.kind = kind
    }

    public var description: String { message }

    static let wrongPrefix = TokenError("token does not start with 'pypi-'")
    static let tooLong = TokenError("token is too long")
    static let notBase64 = TokenError("token is not valid base64url")
    static let malformed = TokenError("malformed macaroon")
    static let unsupportedVersion = TokenError("unsupported macaroon version")
    static let tooManyCaveats = TokenError("macaroon has too many caveats")
    static let caveatTooLong = TokenError("macaroon caveat is too long")
    static let badSignatureLength = TokenError("macaroon signature has the wrong length")
}
