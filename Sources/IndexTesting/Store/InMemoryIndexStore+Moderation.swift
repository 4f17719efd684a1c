import IndexCore

extension InMemoryIndexStore {
    public func observations(open: Bool?, limit: Int) async throws -> [Observation] {
        read { rows in
            Array(
                rows.observations.filter { open == nil || $0.isOpen == open }.sorted { $0.id > $1.id }
                    .prefix(max(0, limit)))
        }
    }

    public func observation(id: Int64) async throws -> Observation? {
        read { $0.observations.first { $0.id == id } }
    }

    public func observations(project: String, limit: Int) async throws -> [Observation] {
        read { rows in
            Array(rows.observations.filter { $0.project == project }.sorted { $0.id > $1.id }.prefix(max(0, limit)))
        }
    }

    public func adminLog(limit: Int) async throws -> [AdminLogEntry] {
        read { Array($0.adminLog.reversed().prefix(max(0, limit))) }
    }

    public func staff() async throws -> [User] {
        read { $0.users.values.filter { $0.siteRole != .none }.sorted { $0.username < $1.username } }
    }
}

extension InMemoryWriteTransaction {
    func addObservation(_ observation: Observation) async throws -> Int64 {
        try change { rows in
            var stored = observation
            stored.id = rows.nextID()
            rows.observations.append(stored)
            return stored.id
        }
    }

    func resolveObservation(id: Int64, resolution: ObservationResolution, by username: String, at time: Timestamp)
        async throws
    {
        try change { (rows) throws(IndexStoreError) in
            guard let index = rows.observations.firstIndex(where: { $0.id == id }) else {
                throw .notFound("report \(id)")
            }
            rows.observations[index].resolution = resolution
            rows.observations[index].resolvedBy = username
            rows.observations[index].resolved = time
        }
    }

    func appendAdminLog(_ entry: AdminLogEntry) async throws {
        try change { rows in
            var stored = entry
            stored.id = rows.nextID()
            rows.adminLog.append(stored)
        }
    }
}
