/// An API token: a user's credential for uploads, possibly limited to some projects.
///
/// The store keeps only the SHA-256 digest of the secret, never the secret itself.
public struct APIToken: Hashable, Sendable {
    /// The public identifier (part of the token string).
    public var id: TokenID
    /// The user the token acts for.
    public var userID: UserID
    /// The user's note about the token.
    public var description: String
    /// The lowercase hex SHA-256 of the token's secret.
    public var secretDigest: String
    /// Normalized names of the projects the token may touch; empty means all the user's
    /// projects (and creating new ones).
    public var projects: [String]
    /// When the token stops working, if ever.
    public var expires: Timestamp?
    /// When it was created.
    public var created: Timestamp
    /// When it was last used, if ever.
    public var lastUsed: Timestamp?

    /// Creates a token record.
    public init(
        id: TokenID, userID: UserID, description: String, secretDigest: String, projects: [String] = [],
        expires: Timestamp? = nil, created: Timestamp, lastUsed: Timestamp? = nil
    ) {
        self.id = id
        self.userID = userID
        self.description = description
        self.secretDigest = secretDigest
        self.projects = projects
        self.expires = expires
        self.created = created
        self.lastUsed = lastUsed
    }

    /// Whether the token is limited to some projects.
    public var isProjectScoped: Bool { !projects.isEmpty }
}
