/// A request to S3 that failed: the S3 error code and message from the XML error body (e.g.
/// `SignatureDoesNotMatch`, `InvalidAccessKeyId`, `NoSuchBucket`), or a transport failure.
public struct S3Error: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was being done, e.g. `PUT object`.
    public let operation: String
    /// The HTTP status, or `nil` when no response came.
    public let status: Int?
    /// S3's error code, or the status's reason (HEAD answers carry no body), or `Transport`.
    public let code: String
    /// S3's message, or what the transport said.
    public let message: String

    /// Creates an error.
    public init(operation: String, status: Int?, code: String, message: String) {
        self.operation = operation
        self.status = status
        self.code = code
        self.message = message
    }

    /// The error S3 described in `body` (an `<Error>` document), or one named by `status`.
    static func response(operation: String, status: Int, reason: String, body: String) -> S3Error {
        let document = S3XML(body)
        let code = document.value(of: "Code") ?? reason.filter { $0 != " " }
        let message = document.value(of: "Message") ?? "HTTP \(status) \(reason)"
        return S3Error(operation: operation, status: status, code: code, message: message)
    }

    /// A request that got no answer: `error` is what the HTTP client threw.
    static func transport(operation: String, _ error: any Error) -> S3Error {
        S3Error(operation: operation, status: nil, code: "Transport", message: String(describing: error))
    }

    /// Whether S3 refused the credentials: a wrong secret (`SignatureDoesNotMatch`) or an unknown
    /// access key (`InvalidAccessKeyId`).
    public var isAuthenticationFailure: Bool {
        code == "SignatureDoesNotMatch" || code == "InvalidAccessKeyId"
    }

    public var description: String {
        let status = status.map { " (HTTP \($0))" } ?? ""
        return "S3 \(operation) failed\(status): \(code): \(message)"
    }
}
