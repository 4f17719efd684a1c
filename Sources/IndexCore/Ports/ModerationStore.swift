/// The reports queue and the administrators' audit log, as the store reads them.
public protocol ModerationReads: Sendable {
    /// Reports, newest first: the open ones (`open: true`), the resolved ones (`false`), or all.
    func observations(open: Bool?, limit: Int) async throws -> [Observation]

    /// One report by id.
    func observation(id: Int64) async throws -> Observation?

    /// The reports filed about one project (normalized name), newest first.
    func observations(project: String, limit: Int) async throws -> [Observation]

    /// The audit log, newest first.
    func adminLog(limit: Int) async throws -> [AdminLogEntry]

    /// The accounts that hold a site role, by username.
    func staff() async throws -> [User]
}

/// The reports queue and the audit log, as a write transaction changes them.
public protocol ModerationWrites: Sendable {
    /// Stores a report; returns its id.
    func addObservation(_ observation: Observation) async throws -> Int64

    /// Records a moderator's decision on an open report; throws ``IndexStoreError/notFound`` when
    /// there is no such report.
    func resolveObservation(id: Int64, resolution: ObservationResolution, by username: String, at time: Timestamp)
        async throws

    /// Appends a line to the audit log.
    func appendAdminLog(_ entry: AdminLogEntry) async throws
}
