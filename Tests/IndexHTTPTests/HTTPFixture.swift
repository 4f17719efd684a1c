import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting

@testable import IndexHTTP

/// In-memory ports with a user `alice`, an unscoped token and a token scoped to `other`, and
/// helpers to build upload bodies.
struct HTTPFixture: Sendable {
    let store = InMemoryIndexStore()
    let blobs = InMemoryBlobStore()
    let clock = FixedClock()
    let token = APITokenString(id: TokenID("alice-all"), secret: "c2VjcmV0LWFsbA")
    let scopedToken = APITokenString(id: TokenID("alice-other"), secret: "c2VjcmV0LW90aGVy")
    let expiredToken = APITokenString(id: TokenID("alice-old"), secret: "c2VjcmV0LW9sZA")

    init() async throws {
        let (store, clock) = (self.store, self.clock)
        let tokens: [(APITokenString, [String], Timestamp?)] = [
            (token, [String](), Timestamp?.none), (scopedToken, ["other"], nil),
            (expiredToken, [], Timestamp(secondsSinceEpoch: clock.now().secondsSinceEpoch - 1)),
        ]
        try await store.write { tx in
            let alice = try await tx.createUser(
                username: "alice", email: "a@example.org", passwordHash: "", created: clock.now())
            for (token, projects, expires) in tokens {
                try await tx.createToken(
                    APIToken(
                        id: token.id, userID: alice.id, description: "", rootKey: token.secretDigest,
                        projects: projects, expires: expires, created: clock.now()))
            }
        }
    }

    var application: some ApplicationProtocol {
        buildApplication(
            configuration: IndexServerConfiguration(
                baseURL: "https://index.example", uploadLimits: UploadLimits(fileSize: 1 << 20, projectSize: 4 << 20)),
            store: store, blobs: blobs, clock: clock)
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
        contentType: String = "application/octet-stream"
    ) {
        for (name, values) in form.sorted(by: { $0.key < $1.key }) {
            for value in values {
                append("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
            }
        }
        if let file {
            append(
                "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"content\"; filename=\"\(file.filename)\"\r\n"
                    + "Content-Type: \(contentType)\r\n\r\n")
            bytes += file.bytes
            append("\r\n")
        }
        append("--\(Self.boundary)--\r\n")
    }

    private mutating func append(_ text: String) { bytes += Array(text.utf8) }

    var buffer: ByteBuffer { ByteBuffer(bytes: bytes) }

    static var contentType: String { "multipart/form-data; boundary=\(boundary)" }
}
