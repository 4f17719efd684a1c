/// Why a presented API token was refused before its caveats were looked at.
public struct TokenError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The reason, safe to show to whoever presented the token.
    public let message: String
    /// The HTTP status the refusal maps to (403, as Warehouse answers an invalid API token).
    public let status: Int

    init(_ message: String, status: Int = 403) {
        self.message = message
        self.status = status
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
