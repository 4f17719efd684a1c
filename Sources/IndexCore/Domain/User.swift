/// An account that can own projects and mint API tokens.
public struct User: Hashable, Sendable {
    /// The store's id.
    public var id: UserID
    /// The login name; unique, compared as stored.
    public var username: String
    /// The primary e-mail address.
    public var email: String
    /// The password hash in PHC string form (e.g. `$argon2id$...`); never the password.
    public var passwordHash: String
    /// When the account was created.
    public var created: Timestamp
    /// Whether the primary address was verified (a link sent to it was followed).
    public var emailVerified: Bool
    /// How the account came to be; decides whether the 2FA policy applies to it.
    public var origin: AccountOrigin
    /// The TOTP secret (base32), when an authenticator app is enabled.
    public var totpSecret: String?
    /// The time-step counter of the last TOTP code accepted (a code is never accepted twice).
    public var totpLastCounter: Int64?
    /// When the password was last set; sessions older than this are ended.
    public var passwordChanged: Timestamp
    /// A frozen account can neither log in nor use its tokens (an administrator's decision).
    public var isFrozen: Bool
    /// What the account may do on the whole index (moderation, administration).
    public var siteRole: SiteRole

    /// Creates a user record.
    public init(
        id: UserID, username: String, email: String, passwordHash: String, created: Timestamp,
        emailVerified: Bool = false, origin: AccountOrigin = .administrator, totpSecret: String? = nil,
        totpLastCounter: Int64? = nil, passwordChanged: Timestamp? = nil, isFrozen: Bool = false,
        siteRole: SiteRole = .none
    ) {
        self.id = id
        self.username = username
        self.email = email
        self.passwordHash = passwordHash
        self.created = created
        self.emailVerified = emailVerified
        self.origin = origin
        self.totpSecret = totpSecret
        self.totpLastCounter = totpLastCounter
        self.passwordChanged = passwordChanged ?? created
        self.isFrozen = isFrozen
        self.siteRole = siteRole
    }

    /// Whether a second factor is enabled.
    public var hasTwoFactor: Bool { totpSecret != nil }
}

/// Where an account came from.
public enum AccountOrigin: String, Hashable, Sendable {
    /// Registered by its owner through the web pages.
    case web
    /// Created by an administrator with `cheeseshop user create`.
    case administrator
}

/// A project role of a user (Warehouse's `Role`): what the user may do with the project.
public struct Role: Hashable, Sendable {
    /// The user.
    public var userID: UserID
    /// The project.
    public var projectID: ProjectID
    /// Owner or Maintainer.
    public var kind: RoleKind

    /// Creates a role.
    public init(userID: UserID, projectID: ProjectID, kind: RoleKind) {
        self.userID = userID
        self.projectID = projectID
        self.kind = kind
    }
}

/// Warehouse's project role names, spelled as the JSON API and the journal write them.
public enum RoleKind: String, Hashable, Sendable, CaseIterable {
    /// May upload, manage roles, yank, delete.
    case owner = "Owner"
    /// May upload.
    case maintainer = "Maintainer"
}
