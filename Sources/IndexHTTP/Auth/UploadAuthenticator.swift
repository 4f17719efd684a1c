import HTTPTypes
import Hummingbird
import IndexCore
import PythonPackaging

/// Turns an upload's or a management call's `Authorization` header into an identity: HTTP
/// Basic with `__token__` and an API token (or `Authorization: token|bearer <token>`), as twine
/// sends it. Passwords and session cookies are refused (reference 1.2, AU03/AU07).
struct UploadAuthenticator: Sendable {
    let store: any IndexStore
    let useCases: IndexUseCases

    static let invalidAuth = MessageError(
        403, "Invalid or non-existent authentication information. See /help/#invalid-auth for more information.")
    static let passwordAuth = MessageError(
        403,
        "Username/Password authentication is no longer supported. Migrate to API Tokens or Trusted Publishers "
            + "instead. See /help/#apitoken and /help/#trusted-publishers")

    /// The token the header carries, checked; throws a 403 ``MessageError`` otherwise.
    func token(authorization: String?) async throws -> AuthenticatedToken {
        guard let authorization, authorization.utf8.count <= 8192 else { throw Self.invalidAuth }
        let parts = authorization.split(separator: " ", maxSplits: 1).map { $0.trimmingWhitespace() }
        guard parts.count == 2 else { throw Self.invalidAuth }
        let text: String
        switch parts[0].lowercased() {
        case "basic":
            guard let decoded = StandardBase64.decode(parts[1]),
                let credentials = String(validating: decoded, as: UTF8.self),
                let colon = credentials.firstIndex(of: ":")
            else { throw Self.invalidAuth }
            guard credentials[..<colon] == "__token__" else { throw Self.passwordAuth }
            text = String(credentials[credentials.index(after: colon)...])
        case "token", "bearer":
            text = parts[1]
        default:
            throw Self.invalidAuth
        }
        do {
            return try await useCases.authenticateToken(text)
        } catch let error as AuthError {
            throw MessageError(error.kind, error.message)
        }
    }

    /// The account a management call acts for: the token's user (a publisher's token only uploads).
    func person(authorization: String?) async throws -> (User, AuthenticatedToken) {
        let token = try await token(authorization: authorization)
        guard token.record.publisherID == nil, let user = token.user else {
            throw MessageError(403, "Tokens minted by trusted publishers can only upload.")
        }
        return (user, token)
    }

    /// The project named `name` (any spelling), when `token` may manage it: 404 when there is none,
    /// 403 when the token's scope leaves it out.
    func managedProject(_ name: String, token: AuthenticatedToken, now: Timestamp) async throws -> Project {
        guard let project = try await store.project(normalizedName: ProjectName.normalize(name)) else {
            throw MessageError(404, "Project '\(name)' does not exist.")
        }
        guard token.scope.permits(project, now: now) else {
            throw MessageError(
                403,
                "The given token isn't allowed to manage project '\(project.name)'. "
                    + "See /help/#project-name for more information.")
        }
        return project
    }

    /// The upload identity the header proves: the token's user, or for a token a trusted
    /// publisher minted, the publisher (acting for the account that registered it).
    func identity(authorization: String?, ip: String) async throws -> UploadIdentity {
        let token = try await token(authorization: authorization)
        if let publisherID = token.record.publisherID {
            guard let publisher = try await store.publisher(id: publisherID),
                let user = try await store.user(id: publisher.addedBy)
            else { throw Self.invalidAuth }
            return UploadIdentity(
                user: user, scope: token.scope, publisher: publisher, tokenID: token.record.id, ip: ip)
        }
        guard let user = token.user else { throw Self.invalidAuth }
        return UploadIdentity(user: user, scope: token.scope, publisher: nil, tokenID: token.record.id, ip: ip)
    }
}
