/// Why an upload was refused: the kind of refusal and Warehouse's message, which the HTTP layer
/// puts in the status line and the body (reference b.4). Help links are Cheeseshop's own.
public struct UploadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of refusal (the HTTP module picks the status).
    public let kind: DomainErrorKind
    /// The user-facing message.
    public let message: String
    /// For ``DomainErrorKind/rateLimited``: seconds until a retry can succeed (`Retry-After`).
    public var retryAfter: Int?

    /// Creates an error.
    public init(_ kind: DomainErrorKind, _ message: String, retryAfter: Int? = nil) {
        self.kind = kind
        self.message = message
        self.retryAfter = retryAfter
    }

    public var description: String { "\(kind): \(message)" }

    static func badRequest(_ message: String) -> UploadError { UploadError(.invalid, message) }
    static func forbidden(_ message: String) -> UploadError { UploadError(.forbidden, message) }

    static let noIdentity = forbidden(
        "Invalid or non-existent authentication information. See /help/#invalid-auth for more information.")
    static let unknownProtocolVersion = badRequest("Unknown protocol version.")
    static let noFile = badRequest("Upload payload does not have a file.")
    static let invalidDistribution = badRequest("Invalid distribution file.")
    static let digestMismatch = badRequest(
        "The digest supplied does not match a digest calculated from the uploaded file.")
    static let filenameReused = badRequest(
        "This filename was previously used by a file that has since been deleted. Use a different version. "
            + "See /help/#file-name-reuse for more information.")
    /// The longest filename: with `.metadata` appended (the PEP 658 file) it is still a valid
    /// file name on common file systems (`NAME_MAX`, 255 bytes).
    static let maximumFilenameBytes = 255 - ".metadata".utf8.count
    static let filenameTooLong = badRequest(
        "Filename is too long: the limit is \(maximumFilenameBytes) bytes.")
    static let secondSdist = badRequest("Only one sdist may be uploaded per release.")

    static func descriptionFailedToRender(contentType: String?) -> UploadError {
        let what = contentType.map { "for '\($0)'" } ?? "in the default format of reStructuredText"
        return badRequest(
            "The description failed to render \(what). See /help/#description-content-type for more information.")
    }

    static func invalidArchive(_ reason: String) -> UploadError {
        badRequest("Invalid distribution file. \(reason)")
    }

    static func fileExists(_ filename: String, blake2b256: String) -> UploadError {
        badRequest(
            "File already exists ('\(filename)', with blake2_256 hash '\(blake2b256)'). "
                + "See /help/#file-name-reuse for more information.")
    }

    static func userNotAllowed(_ username: String, project: String) -> UploadError {
        forbidden(
            "The user '\(username)' isn't allowed to upload to project '\(project)'. "
                + "See /help/#project-name for more information.")
    }

    static func unverifiedEmail(_ username: String) -> UploadError {
        forbidden(
            "User '\(username)' does not have a verified primary email address. Please add a verified primary "
                + "email before attempting to upload. See /help/#verified-email for more information.")
    }

    static func twoFactorRequired(_ username: String) -> UploadError {
        forbidden(
            "User '\(username)' does not have two-factor authentication enabled. Please enable two-factor "
                + "authentication before attempting to upload. See /help/#two-factor-authentication for more "
                + "information.")
    }

    static func upstreamUnavailable(_ name: String, normalizedName: String) -> UploadError {
        UploadError(
            .unavailable,
            "The upstream index could not be asked whether '\(name)' is one of its projects, so the project "
                + "cannot be created now; try again shortly, or reserve the name for a private project: "
                + "cheeseshop name reserve \(normalizedName)")
    }

    static func tooManyProjects(retryAfter: Int) -> UploadError {
        UploadError(.rateLimited, "Too many new projects created", retryAfter: retryAfter)
    }

    static func publisherNotAllowed(project: String) -> UploadError {
        forbidden(
            "The given trusted publisher isn't allowed to upload to project '\(project)'. "
                + "See /help/#trusted-publishers for more information.")
    }

    static func tokenNotAllowed(project: String) -> UploadError {
        forbidden(
            "The given token isn't allowed to upload to project '\(project)'. "
                + "See /help/#project-name for more information.")
    }

    static func archived(project: String) -> UploadError {
        forbidden(
            "The project '\(project)' is archived and does not accept new uploads. "
                + "See /help/#archived-project for more information.")
    }

    static func fileTooLarge(project: String, limit: Int) -> UploadError {
        badRequest(
            "File too large. Limit for project '\(project)' is \(limit / (1024 * 1024)) MB. "
                + "See /help/#file-size-limit for more information.")
    }

    static func projectTooLarge(project: String, limit: Int) -> UploadError {
        badRequest(
            "Project size too large. Limit for project '\(project)' total size is \(limit / (1024 * 1024 * 1024)) GB. "
                + "See /help/#project-size-limit for more information.")
    }

    static func formField(_ field: String, _ message: String) -> UploadError {
        badRequest("Invalid value for \(field). Error: \(message)")
    }

    static func form(_ message: String) -> UploadError { badRequest("Error: \(message)") }
}
