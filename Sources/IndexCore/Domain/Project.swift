/// A project: a name on the index, owning releases (PEP 503 name rules).
public struct Project: Hashable, Sendable {
    /// The store's id.
    public var id: ProjectID
    /// The name as first uploaded, e.g. `Django`.
    public var name: String
    /// The PEP 503 normalized name, e.g. `django`; unique in the store.
    public var normalizedName: String
    /// The lifecycle status (PEP 792).
    public var status: ProjectStatus
    /// The serial of the last journal entry about this project (`_last-serial`).
    public var lastSerial: Int64
    /// When the project was created.
    public var created: Timestamp

    /// Creates a project record.
    public init(
        id: ProjectID, name: String, normalizedName: String, status: ProjectStatus = .active,
        lastSerial: Int64 = 0, created: Timestamp
    ) {
        self.id = id
        self.name = name
        self.normalizedName = normalizedName
        self.status = status
        self.lastSerial = lastSerial
        self.created = created
    }
}

/// A project's status (PEP 792), as the simple API's `project-status` reports it.
public enum ProjectStatus: String, Hashable, Sendable, CaseIterable {
    /// Accepts uploads.
    case active
    /// Read-only: the owners refuse new uploads.
    case archived
    /// Hidden from the index and read-only, by an administrator.
    case quarantined
    /// Still installable but not to be used.
    case deprecated
}
