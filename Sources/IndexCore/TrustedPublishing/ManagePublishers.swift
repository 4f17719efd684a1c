import PythonPackaging

/// Registering trusted publishers (Warehouse's publishing settings): an Owner adds and removes
/// the publishers of a project; any user with a verified address registers a pending
/// publisher for a project that does not exist yet, which may then create it by uploading.
/// Every change goes to the security log.
public struct ManagePublishers: Sendable {
    let store: any IndexStore
    let clock: any IndexClock
    let random: any RandomSource
    let issuers: [String]?

    /// The most pending publishers one user may hold.
    public static let maximumPending = 5

    /// Creates the use case; `issuers`, when given, are the only issuer URLs accepted (those the
    /// server can verify).
    public init(store: any IndexStore, clock: any IndexClock, random: any RandomSource, issuers: [String]? = nil) {
        self.store = store
        self.clock = clock
        self.random = random
        self.issuers = issuers
    }

    /// Adds a publisher to a project (Owners only).
    public func add(project name: String, _ form: PublisherForm, by actor: User, ip: String = "") async throws
        -> StoredPublisher
    {
        let project = try await ManagedProject.load(
            name, store: store, actor: actor, allowed: [.owner], action: "manage trusted publishers"
        ).project
        let publisher = try checked(form)
        let existing = try await store.publishers(projectID: project.id)
        try refuseDuplicate(publisher, among: existing)
        let stored = StoredPublisher(
            id: publisher.id, issuer: publisher.issuerURL, projectID: project.id, pendingProjectName: nil,
            addedBy: actor.id, definition: publisher.definition, created: clock.now())
        try await save(stored, event: "project:oidc:publisher-added", project: project.normalizedName, actor, ip)
        return stored
    }

    /// A project's publishers (Owners only).
    public func list(project name: String, by actor: User) async throws -> [StoredPublisher] {
        let project = try await ManagedProject.load(
            name, store: store, actor: actor, allowed: [.owner], action: "manage trusted publishers"
        ).project
        return try await store.publishers(projectID: project.id)
    }

    /// Removes a project's publisher (Owners only); tokens it minted stop working (their
    /// publisher is gone).
    public func remove(project name: String, id: String, by actor: User, ip: String = "") async throws {
        let project = try await ManagedProject.load(
            name, store: store, actor: actor, allowed: [.owner], action: "manage trusted publishers"
        ).project
        guard let stored = try await store.publisher(id: id), stored.projectID == project.id else {
            throw ManageError(.notFound, "No such publisher.")
        }
        try await delete(stored, event: "project:oidc:publisher-removed", project: project.normalizedName, actor, ip)
    }

    /// Registers a pending publisher that may create project `projectName` (which must not
    /// exist and must be a name the user could register).
    public func addPending(projectName: String, _ form: PublisherForm, by actor: User, ip: String = "") async throws
        -> StoredPublisher
    {
        guard actor.emailVerified else {
            throw ManageError(.forbidden, "Verify your primary e-mail address before adding a pending publisher.")
        }
        let name = ProjectName(projectName)
        do {
            try name.validateForNewProject()
        } catch {
            throw ManageError(.invalid, error.message)
        }
        if try await store.project(normalizedName: name.normalized) != nil {
            throw ManageError(.invalid, NameError.conflictsWithExisting(name.name).message)
        }
        if let refusal = NameReservationPolicy.refusal(
            try await store.reservedName(name.normalized), name: name.name, user: actor.id, now: clock.now())
        {
            throw ManageError(.invalid, refusal)
        }
        if try await store.project(ultranormalizedName: name.ultranormalized) != nil {
            throw ManageError(.invalid, NameError.tooSimilar(name.name).message)
        }
        let mine = try await store.pendingPublishers(addedBy: actor.id)
        guard mine.count < Self.maximumPending else {
            throw ManageError(.invalid, "You may hold at most \(Self.maximumPending) pending publishers.")
        }
        let publisher = try checked(form)
        let sameName = try await store.publishers(issuer: publisher.issuerURL)
            .filter { $0.projectID == nil && $0.pendingProjectName == name.normalized }
        try refuseDuplicate(publisher, among: sameName)
        let stored = StoredPublisher(
            id: publisher.id, issuer: publisher.issuerURL, projectID: nil, pendingProjectName: name.normalized,
            addedBy: actor.id, definition: publisher.definition, created: clock.now())
        try await save(stored, event: "account:oidc:pending-publisher-added", project: name.normalized, actor, ip)
        return stored
    }

    /// The user's pending publishers.
    public func pending(by actor: User) async throws -> [StoredPublisher] {
        try await store.pendingPublishers(addedBy: actor.id)
    }

    /// Removes one of the user's pending publishers.
    public func removePending(id: String, by actor: User, ip: String = "") async throws {
        guard let stored = try await store.publisher(id: id), stored.projectID == nil, stored.addedBy == actor.id else {
            throw ManageError(.notFound, "No such pending publisher.")
        }
        try await delete(
            stored, event: "account:oidc:pending-publisher-removed", project: stored.pendingProjectName, actor, ip)
    }

    private func checked(_ form: PublisherForm) throws -> TrustedPublisher {
        let publisher = try TrustedPublisher(id: PublisherID.make(random), form: form)
        if let issuers, !issuers.contains(publisher.issuerURL) {
            throw ManageError(
                .invalid, "The issuer '\(publisher.issuerURL.prefix(200))' is not trusted by this index.")
        }
        return publisher
    }

    private func refuseDuplicate(_ publisher: TrustedPublisher, among existing: [StoredPublisher]) throws {
        for other in existing where other.issuer == publisher.issuerURL {
            if let decoded = try? TrustedPublisher(stored: other), decoded.kind == publisher.kind {
                throw ManageError(.invalid, "This trusted publisher is already registered.")
            }
        }
    }

    private func save(_ stored: StoredPublisher, event: String, project: String?, _ actor: User, _ ip: String)
        async throws
    {
        let details = ["publisher": stored.id, "issuer": stored.issuer, "definition": stored.definition]
        try await store.write { tx in
            try await tx.savePublisher(stored)
            try await tx.appendEvent(
                SecurityEvent(
                    userID: actor.id, project: project, tag: event, time: clock.now(), ip: ip, details: details))
        }
    }

    private func delete(_ stored: StoredPublisher, event: String, project: String?, _ actor: User, _ ip: String)
        async throws
    {
        try await store.write { tx in
            try await tx.deletePublisher(id: stored.id)
            try await tx.appendEvent(
                SecurityEvent(
                    userID: actor.id, project: project, tag: event, time: clock.now(), ip: ip,
                    details: ["publisher": stored.id, "issuer": stored.issuer]))
        }
    }
}

/// Publisher identifiers: random UUIDs (version 4) in their usual text form, as Warehouse's.
enum PublisherID {
    static func make(_ random: any RandomSource) -> String {
        var bytes = random.bytes(16)
        guard bytes.count == 16 else { return bytes.map(hex).joined() }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let text = bytes.map(hex).joined()
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(text.dropFirst(range.lowerBound).prefix(range.count))
        }
        return parts.joined(separator: "-")
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
