/// What kind of refusal a domain error is, for every error a use case throws at a caller
/// (``AuthError``, ``UploadError``, ``ManageError``, ``TokenError``, ...). The domain says what
/// went wrong; the HTTP module alone chooses the status code each kind is answered with.
public enum DomainErrorKind: Hashable, Sendable, CaseIterable {
    /// The input is unacceptable: a malformed or invalid form, file, name or value, or an
    /// action the current state does not allow (e.g. removing the last Owner).
    case invalid
    /// The user did not prove who they are: a wrong password or second-factor code, or a
    /// sensitive action that needs the password again.
    case unauthenticated
    /// A presented credential does not check out: an API token that is malformed, unknown or
    /// expired, or a login session that has expired.
    case invalidCredential
    /// The caller is known but may not do this (role, scope, unverified e-mail, archived or
    /// quarantined project).
    case forbidden
    /// The named project, release, file, user, token, organization or publisher does not exist.
    case notFound
    /// The request clashes with what already exists (e.g. a project name taken meanwhile).
    case conflict
    /// A well-formed trusted-publishing request whose token or claims cannot be accepted.
    case unprocessable
    /// A rate limit was hit; the error says when a retry can succeed.
    case rateLimited
    /// The index failed to do its part (e.g. storing or hashing); not the caller's fault.
    case internalFailure
    /// Something the index depends on (an upstream index it proxies) cannot be asked now; a
    /// retry later can succeed.
    case unavailable
}
