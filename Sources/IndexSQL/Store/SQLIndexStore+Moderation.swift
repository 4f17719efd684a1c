import IndexCore

extension SQLIndexStore {
    public func observations(open: Bool?, limit: Int) async throws -> [Observation] {
        try await read { try await $0.observations(open: open, limit: limit) }
    }

    public func observation(id: Int64) async throws -> Observation? {
        try await read { try await $0.observation(id: id) }
    }

    public func observations(project: String, limit: Int) async throws -> [Observation] {
        try await read { try await $0.observations(project: project, limit: limit) }
    }

    public func adminLog(limit: Int) async throws -> [AdminLogEntry] {
        try await read { try await $0.adminLog(limit: limit) }
    }

    public func staff() async throws -> [User] {
        try await read { try await $0.staff() }
    }
}

extension SQLWriteTransaction {
    func addObservation(_ observation: Observation) async throws -> Int64 {
        try await live().addObservation(observation)
    }

    func resolveObservation(id: Int64, resolution: ObservationResolution, by username: String, at time: Timestamp)
        async throws
    {
        try await live().resolveObservation(id: id, resolution: resolution, by: username, at: time)
    }

    func appendAdminLog(_ entry: AdminLogEntry) async throws {
        try await live().appendAdminLog(entry)
    }
}
