/// Why an ``IndexStore`` refused an operation.
public enum IndexStoreError: Error, Hashable, Sendable {
    /// A uniqueness rule would break; the transaction is rolled back.
    case conflict(IndexStoreConflict)
    /// The row the operation names does not exist.
    case notFound(String)
    /// The database failed (unreachable, full, timed out); the message is for logs.
    case unavailable(String)
}

/// Which uniqueness rule a write would break.
public enum IndexStoreConflict: Hashable, Sendable {
    /// A project already has this normalized name.
    case projectName(String)
    /// The project already has a release with this canonical version.
    case release(String)
    /// A live file already has this filename.
    case filename(String)
    /// A deleted file had this filename (the filename registry).
    case filenameRegistered(String)
    /// A live file already has one of these digests or this blob path (the value says which).
    case digest(String)
    /// The release already has an sdist.
    case sdistPerRelease
    /// A user already has this username.
    case username(String)
    /// A token already has this id.
    case token(String)
    /// The user already has a role on the project.
    case role
    /// An organization already has this normalized name.
    case organizationName(String)
    /// The organization already has a team with this name.
    case teamName(String)
    /// Another ingest of this log (its id) moved its position first.
    case downloadLog(String)
}
