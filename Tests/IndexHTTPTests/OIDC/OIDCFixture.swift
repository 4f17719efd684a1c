import Foundation
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexSecurity
import IndexTesting
import JWTKit
import PythonPackaging

@testable import IndexHTTP

/// ``HTTPFixture`` with trusted publishing on: an issuer made up in the test (a fresh P-256
/// key, its JWKS served by a fake fetcher), GitHub-style claims, and upload helpers.
struct OIDCFixture: Sendable {
    static let issuerURL = "https://ci.test"
    static let audience = "cheeseshop"
    let base: HTTPFixture
    let signers = JWTKeyCollection()
    let jwks: JWKS

    init() async throws {
        base = try await HTTPFixture()
        let key = ES256PrivateKey()
        await signers.add(ecdsa: key, kid: "k1")
        guard let parameters = key.publicKey.parameters else { throw FixtureError() }
        let (x, y) = parameters
        jwks = JWKS(keys: [.ecdsa(.es256, identifier: "k1", x: x, y: y, curve: .p256)])
    }

    var store: InMemoryIndexStore { base.store }
    var clock: FixedClock { base.clock }

    var ports: TrustedPublishingPorts {
        let issuer = OIDCIssuer(url: Self.issuerURL, jwksURL: "https://ci.test/jwks", audience: Self.audience)
        return TrustedPublishingPorts(
            audience: Self.audience, issuers: [Self.issuerURL],
            verifier: IssuerVerifier(issuers: [issuer], keys: JWKSCache(fetcher: FixedJWKS(keys: jwks))))
    }

    var application: some ApplicationProtocol {
        var security = base.security
        security.trustedPublishing = ports
        return buildApplication(
            configuration: IndexServerConfiguration(
                baseURL: "https://index.example", uploadLimits: UploadLimits(fileSize: 1 << 20, projectSize: 4 << 20)),
            store: store, blobs: base.blobs, clock: clock, security: security)
    }

    /// The GitHub publisher the claims below match (`octo/demo`, `release.yml`).
    static let form = PublisherForm(
        provider: "github", issuer: issuerURL,
        fields: ["owner": "octo", "owner_id": "42", "repository": "demo", "workflow_filename": "release.yml"])

    /// A GitHub Actions token of `octo/demo`'s release workflow, issued now, with `changes`.
    func jwt(_ changes: [String: ClaimValue?] = [:]) async throws -> String {
        let now = clock.now().secondsSinceEpoch
        var claims: [String: ClaimValue] = [
            "iss": .string(Self.issuerURL), "aud": .string(Self.audience), "jti": "jti-1",
            "iat": .number(now - 5), "nbf": .number(now - 5), "exp": .number(now + 300),
            "sub": "repo:octo/demo:ref:refs/heads/main", "repository": "octo/demo", "repository_owner": "octo",
            "repository_owner_id": "42", "job_workflow_ref": "octo/demo/.github/workflows/release.yml@refs/heads/main",
            "ref": "refs/heads/main", "sha": "0123abcd", "event_name": "push",
        ]
        for (name, value) in changes { claims[name] = value }
        return try await signers.sign(Claims(values: claims), kid: "k1")
    }

    /// Alice's user.
    func alice() async throws -> User {
        guard let user = try await store.user(username: "alice") else { throw FixtureError() }
        return user
    }

    /// Creates project `name` with alice as Owner and attaches the GitHub publisher to it.
    func attachedPublisher(project name: String = "demo") async throws -> StoredPublisher {
        let alice = try await alice()
        let now = clock.now()
        try await store.write { tx in
            let project = try await tx.createProject(
                name: name, normalizedName: ProjectName.normalize(name), created: now)
            try await tx.addRole(Role(userID: alice.id, projectID: project.id, kind: .owner))
        }
        return try await ManagePublishers(store: store, clock: clock, random: base.random)
            .add(project: name, Self.form, by: alice)
    }

    /// `POST /_/oidc/mint-token` with `jwt`.
    static func mint(_ client: some TestClientProtocol, _ jwt: String) async throws -> TestResponse {
        try await client.execute(
            uri: "/_/oidc/mint-token", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(string: #"{"token": "\#(jwt)"}"#))
    }

    /// The minted token of a 200 answer, or the first error code of a 422.
    static func outcome(_ response: TestResponse) throws -> (token: String?, code: String?) {
        let object = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
        let errors = object?["errors"] as? [[String: String]]
        return (object?["token"] as? String, errors?.first?["code"])
    }

    /// Uploads a `name` 1.0 wheel with `token`.
    static func upload(_ client: some TestClientProtocol, token: String, project name: String = "demo")
        async throws -> TestResponse
    {
        let builder = DistributionBuilder(name: name, version: "1.0")
        let wheel = builder.wheel()
        var hasher = DistributionHasher()
        hasher.update(wheel.bytes)
        let body = MultipartBody(form: builder.form(sha256: hasher.finalize().sha256), file: wheel)
        return try await client.execute(
            uri: "/legacy/", method: .post,
            headers: [.contentType: MultipartBody.contentType, .authorization: HTTPFixture.basic("__token__", token)],
            body: body.buffer)
    }
}

struct FixtureError: Error {}

/// A JWKS that never changes.
struct FixedJWKS: JWKSFetching {
    let keys: JWKS
    func fetchJWKS(for issuer: OIDCIssuer) async throws(OIDCError) -> JWKS { keys }
}

/// Claims as given, for signing.
private struct Claims: JWTPayload {
    var values: [String: ClaimValue]
    init(values: [String: ClaimValue]) { self.values = values }
    init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: ClaimValue].self)
    }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
