/// What a request offers a token's caveats to check against.
public struct CaveatContext: Sendable {
    /// The time of the request.
    public var now: Timestamp
    /// The authenticated user, if the request is identified as one.
    public var userID: UserID?
    /// The project the request acts on, if any.
    public var project: (normalizedName: String, id: ProjectID)?
    /// The trusted publisher identifying the request, if any.
    public var publisherID: String?

    /// Creates a context.
    public init(
        now: Timestamp, userID: UserID? = nil, project: (normalizedName: String, id: ProjectID)? = nil,
        publisherID: String? = nil
    ) {
        self.now = now
        self.userID = userID
        self.project = project
        self.publisherID = publisherID
    }
}

/// The outcome of checking a token.
public enum TokenVerification: Hashable, Sendable {
    /// The signature is intact and every caveat holds.
    case success
    /// Refused, with Warehouse's reason (e.g. "token is expired", "signatures do not match").
    case failure(String)
}

extension Macaroon {
    /// Checks the signature chain against `rootKey` first (so nothing is said about a forged
    /// token's caveats: "signatures do not match"), then decodes and checks every caveat in
    /// order; the first that does not hold is the reason. A caveat that does not decode or has
    /// an unknown tag refuses the token.
    public func verify(rootKey: [UInt8], context: CaveatContext) -> TokenVerification {
        guard hasValidSignature(rootKey: rootKey) else { return .failure("signatures do not match") }
        for text in caveats {
            let caveat: TokenCaveat
            do { caveat = try TokenCaveat(decoding: text) } catch { return .failure(error.message) }
            if let reason = caveat.failure(in: context) { return .failure(reason) }
        }
        return .success
    }
}

extension TokenCaveat {
    /// Why this caveat does not hold in `context`, or `nil` when it does.
    public func failure(in context: CaveatContext) -> String? {
        switch self {
        case .expiration(let expiresAt, let notBefore):
            let now = context.now.secondsSinceEpoch.rounded(.down)
            return now < Double(notBefore) || now >= Double(expiresAt) ? "token is expired" : nil
        case .projectNames(let names):
            guard let project = context.project else { return "project-scoped token used outside of a project context" }
            return names.contains(project.normalizedName) ? nil : Self.wrongProject(project.normalizedName)
        case .projectIDs(let ids):
            guard let project = context.project else { return "project-scoped token used outside of a project context" }
            return ids.contains(project.id.description) ? nil : Self.wrongProject(project.normalizedName)
        case .requestUser(let user):
            guard let current = context.userID else { return "token with user restriction without a user" }
            return current.description == user ? nil : "current user does not match user restriction in token"
        case .oidcPublisher(let publisher):
            guard let current = context.publisherID else {
                return "OIDC scoped token used outside of an OIDC identified request"
            }
            guard current == publisher else {
                return "current OIDC publisher does not match publisher restriction in token"
            }
            return context.project == nil ? "OIDC scoped token used outside of a project context" : nil
        }
    }

    private static func wrongProject(_ name: String) -> String {
        "project-scoped token is not valid for project: '\(name)'"
    }
}
