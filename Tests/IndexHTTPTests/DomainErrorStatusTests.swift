import HTTPTypes
import IndexCore
import Testing

@testable import IndexHTTP

/// The domain's refusals reach the wire with Warehouse's status codes: every kind has one, and
/// the errors that carry a kind are answered with it.
@Suite struct DomainErrorStatusTests {
    static let expected: [DomainErrorKind: Int] = [
        .invalid: 400,
        .unauthenticated: 401,
        .invalidCredential: 403,
        .forbidden: 403,
        .notFound: 404,
        .conflict: 409,
        .unprocessable: 422,
        .rateLimited: 429,
        .internalFailure: 500,
        .unavailable: 503,
    ]

    @Test(arguments: DomainErrorKind.allCases)
    func everyKindHasItsStatus(_ kind: DomainErrorKind) throws {
        let code = try #require(Self.expected[kind], "no expected status for \(kind)")
        #expect(kind.status.code == code)
        #expect(MessageError(kind, "Refused.").status.code == code)
    }

    @Test func theTableNamesEveryKindOnce() {
        #expect(Set(Self.expected.keys) == Set(DomainErrorKind.allCases))
    }

    @Test func errorsAreAnsweredWithTheirKindsStatus() {
        let upload = UploadError(.rateLimited, "Too many new projects created", retryAfter: 60).httpError
        #expect(upload.status.code == 429)
        #expect(upload.headers[.retryAfter] == "60")
        #expect(upload.status.reasonPhrase == "Too many new projects created")
        #expect(TrustedPublishingError.invalidToken("expired").kind.status == .unprocessableContent)
        #expect(AuthError.invalidToken("unknown token").kind.status == .forbidden)
    }
}
