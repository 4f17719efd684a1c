/// Why a management action (yank, delete, roles, organizations, publishers) was refused: the
/// kind of refusal and the user-facing message.
public struct ManageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of refusal (the HTTP module picks the status).
    public let kind: DomainErrorKind
    /// The user-facing message.
    public let message: String

    /// Creates an error.
    public init(_ kind: DomainErrorKind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind): \(message)" }

    public static func projectNotFound(_ name: String) -> ManageError {
        ManageError(.notFound, "Project '\(name)' does not exist.")
    }

    static func releaseNotFound(_ project: String, version: String) -> ManageError {
        ManageError(.notFound, "Release '\(version)' of project '\(project)' does not exist.")
    }

    static func fileNotFound(_ project: String, filename: String) -> ManageError {
        ManageError(.notFound, "File '\(filename)' of project '\(project)' does not exist.")
    }

    static func notAllowed(_ username: String, action: String, project: String) -> ManageError {
        ManageError(
            .forbidden,
            "The user '\(username)' isn't allowed to \(action) in project '\(project)'. "
                + "See /help/#project-roles for more information.")
    }

    static func quarantined(_ project: String) -> ManageError {
        ManageError(
            .forbidden,
            "The project '\(project)' is quarantined and cannot be changed. "
                + "See /help/#quarantined-project for more information.")
    }
}

/// What a management action did.
public struct ManageResult: Hashable, Sendable {
    /// The serial of the journal entry it wrote.
    public var serial: Int64
    /// The blob paths (files and their PEP 658 metadata files) that no row references any more;
    /// the reconciler deletes them after its grace period.
    public var unreferencedBlobPaths: [String]

    /// Creates a result.
    public init(serial: Int64, unreferencedBlobPaths: [String] = []) {
        self.serial = serial
        self.unreferencedBlobPaths = unreferencedBlobPaths
    }
}
