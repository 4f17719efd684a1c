import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import PythonPackaging

@testable import IndexHTTP

/// Helpers of the web tests: users with passwords, security-log tags, uploads, TOTP codes.
extension HTTPFixture {
    static let password = "correct horse battery staple"

    /// A user with `password`, as the CLI makes one (verified, administrator-made) unless told.
    @discardableResult
    func createUser(
        _ username: String, password: String = HTTPFixture.password, origin: AccountOrigin = .administrator,
        verified: Bool = true
    ) async throws -> User {
        let hash = try security.hasher.hash(password)
        let now = clock.now()
        return try await store.write { tx in
            var user = try await tx.createUser(
                username: username, email: "\(username)@example.org", passwordHash: hash, created: now)
            user.emailVerified = verified
            user.origin = origin
            try await tx.updateUser(user)
            return user
        }
    }

    /// A token for `user`, unscoped.
    func mintToken(for user: User) async throws -> CreatedToken {
        try await TokenMinter(store: store, clock: clock, random: random).mint(
            userID: user.id, description: "t", projects: [], expires: nil, event: nil)
    }

    /// The tags of `username`'s security log, oldest first.
    func eventTags(_ username: String) async throws -> [String] {
        guard let user = try await store.user(username: username) else { return [] }
        return try await store.events(userID: user.id, limit: 1000).sorted { $0.id < $1.id }.map(\.tag)
    }

    /// The current TOTP code of a base32 secret, `steps` periods from now.
    func totp(_ secret: String, steps: Int64 = 0) -> String {
        TOTP.code(secret: TOTP.base32Decode(secret) ?? [], counter: TOTP.counter(at: clock.now()) + steps)
    }

    /// The twine upload body of a small wheel of `name`, its form changed by `edit`.
    static func wheelBody(
        _ name: String = "demo", version: String = "1.0", edit: (inout [String: [String]]) -> Void = { _ in }
    ) -> MultipartBody {
        let builder = DistributionBuilder(name: name, version: version)
        let wheel = builder.wheel()
        var hasher = DistributionHasher()
        hasher.update(wheel.bytes)
        var form = builder.form(sha256: hasher.finalize().sha256)
        edit(&form)
        return MultipartBody(form: form, file: wheel)
    }

    /// POSTs a twine upload with `authorization` (and extra headers).
    static func upload(
        _ client: some TestClientProtocol, authorization: String?, body: MultipartBody = wheelBody(),
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        headers[.contentType] = MultipartBody.contentType
        if let authorization { headers[.authorization] = authorization }
        return try await client.execute(uri: "/legacy/", method: .post, headers: headers, body: body.buffer)
    }

    /// `Authorization` for an API token, as twine sends it.
    static func tokenAuth(_ text: String) -> String { basic("__token__", text) }
}

extension HTTPFixture {
    /// Enables TOTP through the pages for the logged-in `browser`: re-authenticates, begins the
    /// enrollment, confirms it with the current code. The secret and the recovery codes shown.
    func enableTOTP(
        _ browser: inout Browser, password: String = HTTPFixture.password
    ) async throws -> (secret: String, recoveryCodes: [String]) {
        let reauth = try await browser.postWithCSRF(
            "/manage/account/reauthenticate/", form: [("password", password), ("next", "/manage/account/")])
        guard reauth.status.code == 303 else { throw WebFlowError("reauthenticate: \(reauth.status.code)") }
        let begin = try await browser.postWithCSRF("/manage/account/totp-provision/")
        guard begin.status.code == 200, let secret = Page.element("totp-secret", in: begin),
            let signed = Page.field("signed_secret", in: begin)
        else { throw WebFlowError("begin: \(begin.status.code) \(String(buffer: begin.body))") }
        let confirm = try await browser.postWithCSRF(
            "/manage/account/totp-provision/", form: [("signed_secret", signed), ("code", totp(secret))])
        let codes = Page.codes(in: "recovery-codes", of: confirm)
        guard confirm.status.code == 200, codes.count == RecoveryCodes.count else {
            throw WebFlowError("confirm: \(confirm.status.code) \(String(buffer: confirm.body))")
        }
        return (secret, codes)
    }
}

/// A step of a page flow did not answer as expected.
struct WebFlowError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
