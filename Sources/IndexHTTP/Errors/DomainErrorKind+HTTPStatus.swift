import HTTPTypes
import IndexCore

extension DomainErrorKind {
    /// The status a refusal of this kind is answered with: the one place that turns the
    /// domain's refusals into status codes, following Warehouse's choices.
    var status: HTTPResponse.Status {
        switch self {
        case .invalid: .badRequest
        case .unauthenticated: .unauthorized
        // Warehouse answers an API token that does not check out with 403, not 401.
        case .invalidCredential: .forbidden
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        // Warehouse's answer to a refused trusted-publishing token request.
        case .unprocessable: .unprocessableContent
        case .rateLimited: .tooManyRequests
        case .internalFailure: .internalServerError
        case .unavailable: .serviceUnavailable
        }
    }
}

extension MessageError {
    /// A refusal of `kind`, answered with its status (``DomainErrorKind/status``).
    init(_ kind: DomainErrorKind, _ message: String, headers: HTTPFields = [:]) {
        self.init(kind.status.code, message, headers: headers)
    }
}
