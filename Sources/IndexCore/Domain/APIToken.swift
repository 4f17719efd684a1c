/// The stored half of an API token (Warehouse's `Macaroon` row): the root key that signs the
/// token's macaroon. The holder keeps the macaroon; deleting this row revokes it and every
/// attenuated copy.
public struct APIToken: Hashable, Sendable {
    /// The public identifier (the macaroon's identifier).
    public var id: TokenID
    /// The user the token acts for; `nil` for a token minted by trusted publishing.
    public var userID: UserID?
    /// The trusted publisher that minted the token, if one did.
    public var publisherID: String?
    /// The user's note about the token.
    public var description: String
    /// The HMAC root key, lowercase hex (32 random bytes). Never shown, never logged.
    public var rootKey: String
    /// Normalized names of the projects the token was created for; empty means all the
    /// user's projects (and creating new ones). Informative: the macaroon's caveats decide.
    public var projects: [String]
    /// When the token stops working, if it was created with an expiry. Informative as above.
    public var expires: Timestamp?
    /// When it was created.
    public var created: Timestamp
    /// When it was last used, if ever.
    public var lastUsed: Timestamp?

    /// Creates a token record.
    public init(
        id: TokenID, userID: UserID?, publisherID: String? = nil, description: String, rootKey: String,
        projects: [String] = [], expires: Timestamp? = nil, created: Timestamp, lastUsed: Timestamp? = nil
    ) {
        self.id = id
        self.userID = userID
        self.publisherID = publisherID
        self.description = description
        self.rootKey = rootKey
        self.projects = projects
        self.expires = expires
        self.created = created
        self.lastUsed = lastUsed
    }

    /// Whether the token was created for some projects only.
    public var isProjectScoped: Bool { !projects.isEmpty }
}
