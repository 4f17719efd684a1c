import PythonPackaging

/// Exchanges a CI job's OIDC identity token for a short-lived upload token (Warehouse's
/// `/_/oidc/mint-token`): verify the token, find the one trusted publisher its claims match,
/// burn its `jti` (a second use, even concurrent, is refused: the store's claim is atomic),
/// then mint a macaroon bound to the publisher (and to its project, once it has one) that
/// lives `MintPolicy.tokenLifetime` seconds. A pending publisher's token carries no project
/// caveat: the upload path lets it create that one project only.
public struct MintPublisherToken: Sendable {
    let store: any IndexStore
    let clock: any IndexClock
    let random: any RandomSource
    let verifier: any OIDCVerifying
    let policy: MintPolicy

    /// Creates the use case on its ports.
    public init(
        store: any IndexStore, clock: any IndexClock, random: any RandomSource, verifier: any OIDCVerifying,
        policy: MintPolicy = MintPolicy()
    ) {
        self.store = store
        self.clock = clock
        self.random = random
        self.verifier = verifier
        self.policy = policy
    }

    /// What was minted, and for which publisher.
    public struct Minted: Hashable, Sendable {
        /// The token (its text is shown once).
        public var token: CreatedToken
        /// The publisher it acts as.
        public var publisher: StoredPublisher
    }

    /// Mints a token for `jwt`; refusals are ``TrustedPublishingError`` (unprocessable), store failures
    /// pass through.
    public func callAsFunction(_ jwt: String, ip: String = "") async throws -> Minted {
        let now = clock.now()
        let claims = try await verifier.verify(jwt, now: now)
        guard let issuer = claims.issuer, let jti = claims.tokenID, !jti.isEmpty, let exp = claims.expiresAt else {
            throw TrustedPublishingError.invalidToken("invalid token: missing iss, jti or exp")
        }
        let stored = try await store.publishers(issuer: issuer)
        let candidates = stored.compactMap { try? TrustedPublisher(stored: $0) }
        let match = try TrustedPublisher.find(among: candidates, matching: claims)
        guard let publisher = stored.first(where: { $0.id == match.id }) else {
            throw TrustedPublishingError.noPublisher("Publisher with matching claims was not found")
        }
        let projectName = try await projectName(of: publisher)
        let claimed = try await store.write { tx in
            try await tx.claimJWTID(issuer: issuer, jti: jti, expires: policy.jtiLockExpiry(tokenExpiry: exp), now: now)
        }
        guard claimed else { throw TrustedPublishingError.reusedToken }
        var details = [
            "publisher": publisher.id, "jti": jti, "expires": policy.mintedTokenExpiry(mintedAt: now).iso8601,
        ]
        details["ref"] = claims.string("ref")
        details["sha"] = claims.string("sha")
        let token = try await TokenMinter(store: store, clock: clock, random: random).mint(
            userID: nil, publisherID: publisher.id,
            description: "OpenID token: \(match.provider.rawValue) publisher \(publisher.id) (\(now.iso8601))",
            projects: [], projectIDs: publisher.projectID.map { [$0] } ?? [],
            expires: policy.mintedTokenExpiry(mintedAt: now),
            event: SecurityEvent(
                userID: publisher.addedBy, project: projectName, tag: "project:oidc:token-minted", time: now, ip: ip,
                details: details))
        return Minted(token: token, publisher: publisher)
    }

    /// The normalized name of the publisher's project; a pending publisher's project must not
    /// exist yet, an attached one's must still exist.
    private func projectName(of publisher: StoredPublisher) async throws -> String {
        if let projectID = publisher.projectID {
            guard let project = try await store.project(id: projectID) else {
                throw TrustedPublishingError.noPublisher("the publisher's project no longer exists")
            }
            return project.normalizedName
        }
        guard let name = publisher.pendingProjectName else {
            throw TrustedPublishingError.noPublisher("the publisher has no project")
        }
        if try await store.project(normalizedName: ProjectName.normalize(name)) != nil {
            throw TrustedPublishingError.pendingProjectExists
        }
        return name
    }
}
