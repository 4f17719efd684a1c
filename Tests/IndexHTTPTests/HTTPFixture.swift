import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexSecurity
import IndexTesting
import Testing

@testable import IndexHTTP

/// In-memory ports with a user `alice`, an unscoped token and a token scoped to `other`, and
/// helpers to build upload bodies.
struct HTTPFixture: Sendable {
    let store = InMemoryIndexStore()
    let blobs = InMemoryBlobStore()
    let clock = FixedClock()
    let random = SeededRandom(seed: 42)
    let mailer = RecordingMailer()
    /// Unscoped, scoped to `other`, expired.
    let token: CreatedToken
    let scopedToken: CreatedToken
    let expiredToken: CreatedToken

    init() async throws {
        let (store, clock) = (self.store, self.clock)
        let alice = try await store.write { tx in
            var alice = try await tx.createUser(
                username: "alice", email: "a@example.org", passwordHash: "", created: clock.now())
            alice.emailVerified = true
            try await tx.updateUser(alice)
            return alice
        }
        let minter = TokenMinter(store: store, clock: clock, random: random)
        token = try await minter.mint(userID: alice.id, description: "all", projects: [], expires: nil, event: nil)
        scopedToken = try await minter.mint(
            userID: alice.id, description: "other", projects: ["other"], expires: nil, event: nil)
        expiredToken = try await minter.mint(
            userID: alice.id, description: "old", projects: [],
            expires: Timestamp(secondsSinceEpoch: clock.now().secondsSinceEpoch - 1), event: nil)
    }

    var security: SecurityPorts {
        SecurityPorts(
            hasher: Argon2idPasswordHasher(
                parameters: .init(timeCost: 1, memoryKiB: 64, parallelism: 1),
                randomBytes: { [random] in random.bytes($0) }),
            random: random, mailer: mailer, secret: Array(repeating: 7, count: 32))
    }

    var application: some ApplicationProtocol {
        buildApplication(
            configuration: IndexServerConfiguration(
                baseURL: "https://index.example", uploadLimits: UploadLimits(fileSize: 1 << 20, projectSize: 4 << 20)),
            store: store, blobs: blobs, clock: clock, security: security)
    }

    /// Uploads `demo 1.0` as a wheel, as alice, through the upload use case; the stored file.
    @discardableResult
    func uploadDemoWheel() async throws -> DistributionFile {
        let builder = DistributionBuilder()
        let wheel = builder.wheel()
        let (blob, digests) = try await blobs.staged(wheel.bytes)
        var form = builder.form()
        form["sha256_digest"] = [digests.sha256]
        let user = try #require(try await store.user(username: "alice"))
        let result = try await UploadDistribution(
            store: store, blobs: blobs, clock: clock, descriptions: ReadmeDescriptionRendering())(
                UploadRequest(
                    form: form,
                    content: UploadContent(
                        filename: wheel.filename, contentType: "application/octet-stream", blob: blob, digests: digests),
                    identity: UploadIdentity(user: user)))
        return try #require(result.file)
    }

    /// `Authorization: Basic` for `username:password`.
    static func basic(_ username: String, _ password: String) -> String {
        "Basic " + base64(Array("\(username):\(password)".utf8))
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var text = ""
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            var value = 0
            for (offset, byte) in chunk.enumerated() { value |= Int(byte) << (16 - 8 * offset) }
            for digit in 0..<4 {
                text.append(digit <= chunk.count ? alphabet[(value >> (18 - 6 * digit)) & 63] : "=")
            }
            index += 3
        }
        return text
    }
}

/// A `multipart/form-data` body as twine builds it.
struct MultipartBody {
    static let boundary = "----cheeseshop-test-boundary"
    var bytes: [UInt8] = []

    init(
        form: [String: [String]], file: (filename: String, bytes: [UInt8])?,
        contentType: String? = "application/octet-stream"
    ) {
        for (name, values) in form.sorted(by: { $0.key < $1.key }) {
            for value in values {
                append("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
            }
        }
        if let file {
            append(
                "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"content\"; filename=\"\(file.filename)\"\r\n"
                    + (contentType.map { "Content-Type: \($0)\r\n" } ?? "") + "\r\n")
            bytes += file.bytes
            append("\r\n")
        }
        append("--\(Self.boundary)--\r\n")
    }

    private mutating func append(_ text: String) { bytes += Array(text.utf8) }

    var buffer: ByteBuffer { ByteBuffer(bytes: bytes) }

    static var contentType: String { "multipart/form-data; boundary=\(boundary)" }
}
