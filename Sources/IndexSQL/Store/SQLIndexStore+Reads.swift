import IndexCore

extension SQLIndexStore {
    public func project(normalizedName: String) async throws -> Project? {
        try await read { try await $0.project(normalizedName: normalizedName) }
    }

    public func project(ofRelease releaseID: ReleaseID) async throws -> Project? {
        try await read { try await $0.project(ofRelease: releaseID) }
    }

    public func project(ultranormalizedName: String) async throws -> Project? {
        try await read { try await $0.project(ultranormalizedName: ultranormalizedName) }
    }

    public func projects() async throws -> [Project] {
        // The whole list (`/simple/`) straight from the drivers' rows; inside a write, as any read.
        if Self.writing?.store != ObjectIdentifier(self) {
            if let postgres = dialectConnections as? PostgresConnections { return try await postgres.projects() }
            if let sqlite = dialectConnections as? SQLiteConnections { return try await sqlite.projects() }
        }
        return try await read { try await $0.projects() }
    }

    public func projectDetail(normalizedName: String) async throws -> ProjectDetail? {
        try await read { try await $0.projectDetail(normalizedName: normalizedName) }
    }

    public func projectDetails(normalizedNames: [String]) async throws -> [ProjectDetail] {
        guard !normalizedNames.isEmpty else { return [] }
        return try await read { try await $0.projectDetails(normalizedNames: normalizedNames) }
    }

    public func file(blobPath: String) async throws -> DistributionFile? {
        try await read { try await $0.file(column: "blob_path", equals: blobPath) }
    }

    public func file(filename: String) async throws -> DistributionFile? {
        try await read { try await $0.file(column: "filename", equals: filename) }
    }

    public func file(blake2b256: String) async throws -> DistributionFile? {
        try await read { try await $0.file(column: "blake2b256", equals: blake2b256) }
    }

    public func user(username: String) async throws -> User? {
        try await read { try await $0.user(username: username) }
    }

    public func user(id: UserID) async throws -> User? {
        try await read { try await $0.user(id: id) }
    }

    public func token(id: TokenID) async throws -> APIToken? {
        try await read { try await $0.token(id: id) }
    }

    public func roles(projectID: ProjectID) async throws -> [Role] {
        try await read { try await $0.roles(projectID: projectID) }
    }

    public func maxSerial() async throws -> Int64 {
        try await read { try await $0.maxSerial() }
    }

    public func setting(_ name: String) async throws -> String? {
        try await read { queries in
            try await queries.db.select().column("value").from("settings").where("name", .equal, name)
                .first(decodingColumn: "value", as: String.self)
        }
    }

    public func journal(after serial: Int64, limit: Int) async throws -> [JournalEntry] {
        try await read { try await $0.journal(after: serial, limit: limit) }
    }

    public func filenameWasUsed(_ filename: String) async throws -> Bool {
        try await read { try await $0.filenameWasUsed(filename) }
    }

    public func totalSize(projectID: ProjectID) async throws -> Int {
        try await read { try await $0.totalSize(projectID: projectID) }
    }
}
