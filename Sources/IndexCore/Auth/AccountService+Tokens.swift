import PythonPackaging

/// A token just created: its text is shown once and never stored.
public struct CreatedToken: Hashable, Sendable {
    /// The stored record.
    public var record: APIToken
    /// `pypi-...`, for the user to copy.
    public var text: String
}

extension AccountService {
    /// Creates an API token (recent authentication required): a macaroon under a fresh root key,
    /// restricted to this user, and to `projects` (which the user must hold a role on) and an
    /// expiry when given.
    public func createToken(
        _ active: ActiveSession, description: String, projects: [String], expires: Timestamp?, ip: String
    ) async throws -> CreatedToken {
        try requireRecentAuthentication(active)
        let description = String(description.prefix(100))
        guard !description.isEmpty else { throw AuthError(.invalid, "Specify a token name.") }
        let normalized = projects.map { ProjectName.normalize($0) }
        let roles = try await store.roles(userID: active.user.id)
        for name in normalized {
            guard let project = try await store.project(normalizedName: name),
                roles.contains(where: { $0.projectID == project.id })
            else { throw AuthError(.invalid, "Unknown scope: \(name).") }
        }
        return try await TokenMinter(store: store, clock: clock, random: random).mint(
            userID: active.user.id, description: description, projects: normalized, expires: expires,
            event: event("account:api_token:added", active.user, ip: ip, ["name": description]))
    }

    /// Deletes one of the user's own tokens; another user's token id is not found (AU09), and
    /// nothing changes.
    public func deleteToken(_ active: ActiveSession, id: TokenID, ip: String) async throws {
        guard let token = try await store.token(id: id), token.userID == active.user.id else {
            throw AuthError(.notFound, "No such token.")
        }
        try await store.write { tx in
            try await tx.deleteToken(id: id)
            try await tx.appendEvent(
                event("account:api_token:removed", active.user, ip: ip, ["name": token.description]))
        }
    }

    /// The user's tokens and security log, for the account pages.
    public func overview(_ active: ActiveSession) async throws -> (tokens: [APIToken], events: [SecurityEvent]) {
        (try await store.tokens(userID: active.user.id), try await store.events(userID: active.user.id, limit: 100))
    }
}

/// Mints macaroon tokens: a fresh root key in a new row, the caveats signed in.
public struct TokenMinter: Sendable {
    let store: any IndexStore
    let clock: any IndexClock
    let random: any RandomSource

    /// Creates the minter on its ports.
    public init(store: any IndexStore, clock: any IndexClock, random: any RandomSource) {
        self.store = store
        self.clock = clock
        self.random = random
    }

    /// Mints a token for a user, or for a trusted publisher (`publisherID`, with `userID` nil),
    /// storing `event` in the same transaction.
    public func mint(
        userID: UserID?, publisherID: String? = nil, description: String, projects: [String],
        projectIDs: [ProjectID] = [], expires: Timestamp?, event: SecurityEvent?
    ) async throws -> CreatedToken {
        let rootKey = random.bytes(32)
        let now = clock.now()
        let record = APIToken(
            id: TokenID(Base64URL.encode(random.bytes(12))), userID: userID, publisherID: publisherID,
            description: description, rootKey: rootKey.map { String($0, radix: 16).leftPadded }.joined(),
            projects: projects, expires: expires, created: now)
        var macaroon = Macaroon(rootKey: rootKey, identifier: record.id.rawValue, location: "cheeseshop")
        if let userID { macaroon = macaroon.adding(.requestUser(userID.description)) }
        if let publisherID { macaroon = macaroon.adding(.oidcPublisher(publisherID)) }
        if !projects.isEmpty { macaroon = macaroon.adding(.projectNames(projects)) }
        if !projectIDs.isEmpty { macaroon = macaroon.adding(.projectIDs(projectIDs.map(\.description))) }
        if let expires {
            macaroon = macaroon.adding(
                .expiration(expiresAt: Int64(expires.secondsSinceEpoch), notBefore: Int64(now.secondsSinceEpoch)))
        }
        try await store.write { tx in
            try await tx.createToken(record)
            if let event { try await tx.appendEvent(event) }
        }
        return CreatedToken(record: record, text: macaroon.serialized)
    }
}

extension String {
    fileprivate var leftPadded: String { count == 1 ? "0" + self : self }
}
