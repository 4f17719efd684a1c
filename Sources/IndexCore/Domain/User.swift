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

    /// Creates a user record.
    public init(id: UserID, username: String, email: String, passwordHash: String, created: Timestamp) {
        self.id = id
        self.username = username
        self.email = email
        self.passwordHash = passwordHash
        self.created = created
    }
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
