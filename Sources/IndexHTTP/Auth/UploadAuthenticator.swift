import HTTPTypes
import Hummingbird
import IndexCore

/// Turns an upload's `Authorization` header into an identity: HTTP Basic with `__token__` and an
/// API token (or `Authorization: token|bearer <token>`), as twine sends it. Passwords and
/// session cookies are refused (reference 1.2, AU03/AU07).
struct UploadAuthenticator: Sendable {
    let store: any IndexStore
    let clock: any IndexClock

    static let invalidAuth = MessageError(
        403, "Invalid or non-existent authentication information. See /help/#invalid-auth for more information.")
    static let passwordAuth = MessageError(
        403,
        "Username/Password authentication is no longer supported. Migrate to API Tokens or Trusted Publishers "
            + "instead. See /help/#apitoken and /help/#trusted-publishers")
    static let expired = MessageError(403, "Invalid API Token: token is expired")

    /// The identity the header proves; throws a 403 ``MessageError`` otherwise.
    func identity(authorization: String?) async throws -> UploadIdentity {
        guard let authorization, authorization.utf8.count <= 4096 else { throw Self.invalidAuth }
        let parts = authorization.split(separator: " ", maxSplits: 1).map { $0.trimmingWhitespace() }
        guard parts.count == 2 else { throw Self.invalidAuth }
        switch parts[0].lowercased() {
        case "basic":
            guard let decoded = Base64.decode(parts[1]), let credentials = String(validating: decoded, as: UTF8.self),
                let colon = credentials.firstIndex(of: ":")
            else { throw Self.invalidAuth }
            guard credentials[..<colon] == "__token__" else { throw Self.passwordAuth }
            return try await tokenIdentity(String(credentials[credentials.index(after: colon)...]))
        case "token", "bearer":
            return try await tokenIdentity(parts[1])
        default:
            throw Self.invalidAuth
        }
    }

    private func tokenIdentity(_ text: String) async throws -> UploadIdentity {
        guard let presented = APITokenString(parsing: text), let token = try await store.token(id: presented.id) else {
            throw Self.invalidAuth
        }
        guard presented.matches(token.rootKey) else { throw Self.invalidAuth }
        let now = clock.now()
        if let expires = token.expires, expires <= now { throw Self.expired }
        guard let userID = token.userID, let user = try await store.user(id: userID) else { throw Self.invalidAuth }
        try await store.write { try await $0.recordTokenUse(id: token.id, at: now) }
        return UploadIdentity(user: user, projectScope: token.projects)
    }
}

/// Standard base64 (RFC 4648 §4) decoding, padding optional.
enum Base64 {
    static func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        var accumulator: UInt32 = 0
        var bits = 0
        var sawPadding = false
        for byte in text.utf8 {
            let value: UInt32
            switch byte {
            case 65...90: value = UInt32(byte - 65)
            case 97...122: value = UInt32(byte - 97 + 26)
            case 48...57: value = UInt32(byte - 48 + 52)
            case 43: value = 62
            case 47: value = 63
            case 61:
                sawPadding = true
                continue
            default: return nil
            }
            guard !sawPadding else { return nil }
            accumulator = (accumulator << 6) | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8((accumulator >> UInt32(bits)) & 0xFF))
            }
        }
        return output
    }
}
