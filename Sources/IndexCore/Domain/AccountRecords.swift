/// A logged-in browser (Warehouse keeps these in Redis; here a table, so that logout and a
/// password change end them on every node).
public struct WebSession: Hashable, Sendable {
    /// The lowercase hex SHA-256 of the session id the cookie carries; the id itself is never stored.
    public var idDigest: String
    /// The account.
    public var userID: UserID
    /// When the session began (password accepted).
    public var created: Timestamp
    /// When it ends regardless of use.
    public var expires: Timestamp
    /// When the user last proved who they are (password, and second factor when enabled);
    /// sensitive actions need this to be recent.
    public var authenticated: Timestamp
    /// Whether the second factor is still to be given; such a session may only finish logging in.
    public var awaitingSecondFactor: Bool
    /// The synchronizer token every form of this session must echo.
    public var csrfToken: String

    /// Creates a session record.
    public init(
        idDigest: String, userID: UserID, created: Timestamp, expires: Timestamp, authenticated: Timestamp,
        awaitingSecondFactor: Bool, csrfToken: String
    ) {
        self.idDigest = idDigest
        self.userID = userID
        self.created = created
        self.expires = expires
        self.authenticated = authenticated
        self.awaitingSecondFactor = awaitingSecondFactor
        self.csrfToken = csrfToken
    }
}

/// One of a user's single-use recovery codes, stored hashed like a password.
public struct RecoveryCode: Hashable, Sendable {
    /// The row id.
    public var id: Int64
    /// The account.
    public var userID: UserID
    /// The code's hash (PHC string).
    public var hash: String
    /// When it was used; a used code never works again.
    public var burned: Timestamp?

    /// Creates a record.
    public init(id: Int64, userID: UserID, hash: String, burned: Timestamp? = nil) {
        self.id = id
        self.userID = userID
        self.hash = hash
        self.burned = burned
    }
}

/// An entry of the append-only security log (Warehouse's `events`): who did what, from where.
public struct SecurityEvent: Hashable, Sendable {
    /// The row id (0 before it is stored).
    public var id: Int64
    /// The account the event belongs to, if any.
    public var userID: UserID?
    /// The normalized name of the project it belongs to, if any.
    public var project: String?
    /// What happened, e.g. `account:login:success` (Warehouse's tags).
    public var tag: String
    /// When.
    public var time: Timestamp
    /// The client's address, as the server saw it.
    public var ip: String
    /// Details for the owner (token name, role, filename...), never a secret.
    public var details: [String: String]

    /// Creates an event.
    public init(
        id: Int64 = 0, userID: UserID?, project: String? = nil, tag: String, time: Timestamp, ip: String = "",
        details: [String: String] = [:]
    ) {
        self.id = id
        self.userID = userID
        self.project = project
        self.tag = tag
        self.time = time
        self.ip = ip
        self.details = details
    }
}

/// A name that may not be registered: prohibited by an administrator, or in its cool-down
/// after the project that had it was deleted.
public struct ReservedName: Hashable, Sendable {
    /// The PEP 503 normalized name.
    public var normalizedName: String
    /// Why.
    public var reason: Reason
    /// When the reservation ends; `nil` for ever.
    public var until: Timestamp?
    /// The administrator's note.
    public var comment: String
    /// When it was reserved.
    public var created: Timestamp
    /// For a deleted project's name: its Owners at deletion, who may register it again during
    /// the cool-down (nobody else can take over the name and its users' installs).
    public var formerOwners: [UserID]

    /// Why a name is reserved.
    public enum Reason: String, Hashable, Sendable {
        /// An administrator prohibited it.
        case prohibited
        /// A project with this name was deleted recently.
        case deleted
    }

    /// Creates a reservation.
    public init(
        normalizedName: String, reason: Reason, until: Timestamp?, comment: String, created: Timestamp,
        formerOwners: [UserID] = []
    ) {
        self.formerOwners = formerOwners
        self.normalizedName = normalizedName
        self.reason = reason
        self.until = until
        self.comment = comment
        self.created = created
    }
}

/// An Owner's invitation to a user to take a role on a project; the role exists once accepted.
public struct RoleInvitation: Hashable, Sendable {
    /// The project.
    public var projectID: ProjectID
    /// The invited user.
    public var userID: UserID
    /// The role offered.
    public var kind: RoleKind
    /// Who invited.
    public var inviterID: UserID
    /// When the invitation lapses.
    public var expires: Timestamp

    /// Creates an invitation.
    public init(projectID: ProjectID, userID: UserID, kind: RoleKind, inviterID: UserID, expires: Timestamp) {
        self.projectID = projectID
        self.userID = userID
        self.kind = kind
        self.inviterID = inviterID
        self.expires = expires
    }
}

/// A trusted publisher as stored: which project it may publish (or, while pending, which new
/// project it may create), the issuer, and the match fields as JSON
/// (``TrustedPublisher``'s own encoding).
public struct StoredPublisher: Hashable, Sendable {
    /// A random identifier, named in the minted tokens' caveat.
    public var id: String
    /// The issuer URL the tokens must come from.
    public var issuer: String
    /// The project, once it exists.
    public var projectID: ProjectID?
    /// For a pending publisher: the normalized name of the project it may create.
    public var pendingProjectName: String?
    /// The user who registered it (becomes Owner of a project a pending publisher creates).
    public var addedBy: UserID
    /// The match fields, JSON.
    public var definition: String
    /// When it was registered.
    public var created: Timestamp

    /// Creates a record.
    public init(
        id: String, issuer: String, projectID: ProjectID?, pendingProjectName: String?, addedBy: UserID,
        definition: String, created: Timestamp
    ) {
        self.id = id
        self.issuer = issuer
        self.projectID = projectID
        self.pendingProjectName = pendingProjectName
        self.addedBy = addedBy
        self.definition = definition
        self.created = created
    }
}
