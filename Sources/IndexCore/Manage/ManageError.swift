/// Why a management action (yank, delete) was refused: an HTTP status and the user-facing
/// message.
public struct ManageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 403 or 404.
    public let status: Int
    /// The user-facing message.
    public let message: String

    /// Creates an error.
    public init(status: Int, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { "\(status) \(message)" }

    static func projectNotFound(_ name: String) -> ManageError {
        ManageError(status: 404, "Project '\(name)' does not exist.")
    }

    static func releaseNotFound(_ project: String, version: String) -> ManageError {
        ManageError(status: 404, "Release '\(version)' of project '\(project)' does not exist.")
    }

    static func fileNotFound(_ project: String, filename: String) -> ManageError {
        ManageError(status: 404, "File '\(filename)' of project '\(project)' does not exist.")
    }

    static func notAllowed(_ username: String, action: String, project: String) -> ManageError {
        ManageError(
            status: 403,
            "The user '\(username)' isn't allowed to \(action) in project '\(project)'. "
                + "See /help/#project-roles for more information.")
    }

    static func quarantined(_ project: String) -> ManageError {
        ManageError(
            status: 403,
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
