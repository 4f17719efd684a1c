/// The outcome of checking verified claims against one trusted publisher.
public enum PublisherMatch: Hashable, Sendable {
    case matched
    /// Why not, in Warehouse's `InvalidPublisherError` wording, e.g.
    /// "Check failed for required claim 'repository'".
    case mismatch(String)

    static func missing(_ claim: String) -> PublisherMatch {
        .mismatch("Missing claim '\(claim)'")
    }

    static func failedRequired(_ claim: String) -> PublisherMatch {
        .mismatch("Check failed for required claim '\(claim)'")
    }

    static func failedOptional(_ claim: String) -> PublisherMatch {
        .mismatch("Check failed for optional claim '\(claim)'")
    }

    /// "does not match, expecting one of ['a', 'b'], got 'c'" (Python's repr, as Warehouse shows it).
    static func refMismatch(_ claim: String, expected: [String], got: String) -> PublisherMatch {
        let list = expected.sorted().map { "'\($0)'" }.joined(separator: ", ")
        return .mismatch("The \(claim) claim does not match, expecting one of [\(list)], got '\(got)'")
    }
}

/// Why a verified token maps to no publisher: the `/_/oidc/mint-token` error code and message.
public struct TrustedPublishingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Warehouse's error code, e.g. `invalid-publisher`.
    public let code: String
    /// The user-facing message.
    public let message: String
    /// What kind of refusal: always ``DomainErrorKind/unprocessable`` (a refused token request).
    public var kind: DomainErrorKind { .unprocessable }

    /// Creates an error.
    public init(code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    /// "valid token, but no corresponding publisher (reason)".
    static func noPublisher(_ reason: String) -> TrustedPublishingError {
        TrustedPublishingError(code: "invalid-publisher", "valid token, but no corresponding publisher (\(reason))")
    }
}
