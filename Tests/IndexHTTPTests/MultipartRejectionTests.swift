import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import PythonPackaging
import Synchronization
import Testing

@testable import IndexHTTP

/// A refused body: the case, the expected status and message, and the bytes.
struct RefusedBody: Sendable, CustomStringConvertible {
    let description: String
    let status: Int
    let message: String
    let bytes: [UInt8]

    init(_ description: String, _ status: Int, _ message: String, _ bytes: [UInt8]) {
        self.description = description
        self.status = status
        self.message = message
        self.bytes = bytes
    }
}

/// U02-U04, U09 and U12 at the HTTP level: broken, truncated and oversized multipart bodies.
@Suite struct MultipartRejectionTests {
    private static let boundary = MultipartBody.boundary

    private func post(_ client: some TestClientProtocol, _ fixture: HTTPFixture, _ bytes: [UInt8]) async throws
        -> TestResponse
    {
        let headers: HTTPFields = [
            .contentType: MultipartBody.contentType,
            .authorization: HTTPFixture.basic("__token__", fixture.token.text),
        ]
        return try await client.execute(
            uri: "/legacy/", method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
    }

    /// The body of a valid upload of `demo` 1.0's wheel.
    private static func validBody() -> [UInt8] {
        let builder = DistributionBuilder()
        let wheel = builder.wheel()
        var hasher = DistributionHasher()
        hasher.update(wheel.bytes)
        return MultipartBody(form: builder.form(sha256: hasher.finalize().sha256), file: wheel).bytes
    }

    /// A text part, as twine writes it.
    private static func part(_ name: String, _ value: String, filename: String? = nil) -> String {
        let file = filename.map { "; filename=\"\($0)\"" } ?? ""
        return "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\(file)\r\n\r\n\(value)\r\n"
    }

    /// Checks `response` is the refusal `status` `message` and nothing was stored, then that
    /// the valid upload still succeeds.
    private func expectRefusal(
        _ response: TestResponse, _ status: Int, _ message: String, fixture: HTTPFixture,
        client: some TestClientProtocol
    ) async throws {
        #expect(response.status.code == status)
        #expect(String(buffer: response.body) == message)
        #expect(!response.status.reasonPhrase.contains("\r") && !response.status.reasonPhrase.contains("\n"))
        #expect(!response.headers.contains { $0.name.canonicalName == "x-injected" })
        #expect(fixture.store.counts().files == 0)
        #expect(fixture.store.counts().projects == 0)
        #expect(fixture.blobs.paths.isEmpty)
        #expect(fixture.blobs.stagedCount == 0)
        let retry = try await post(client, fixture, Self.validBody())
        #expect(retry.status.code == 200)
    }

    static let cases: [RefusedBody] = {
        let valid = validBody()
        let closing = Array("--\(boundary)--\r\n".utf8)
        let form = DistributionBuilder().form(sha256: String(repeating: "0", count: 64))
        let text = form.sorted { $0.key < $1.key }.map { part($0.key, $0.value[0]) }.joined()
        let invalid = "Invalid multipart form data."
        return [
            RefusedBody("U02 body cut in the content part", 400, invalid, Array(valid.prefix(valid.count / 2))),
            RefusedBody("U03 no closing boundary", 400, invalid, Array(valid.dropLast(closing.count))),
            RefusedBody("U03 no closing boundary after text parts", 400, invalid, Array(text.utf8)),
            RefusedBody(
                "U03 1 MB header line", 400, invalid,
                Array(
                    ("--\(boundary)\r\nX-Padding: " + String(repeating: "x", count: 1 << 20) + "\r\n\r\nv\r\n" + text)
                        .utf8) + closing
            ),
            RefusedBody(
                "U03 100k parts", 400, "The form has too many parts.",
                Array((String(repeating: part("comment", "x"), count: 100_000) + text).utf8) + closing
            ),
            RefusedBody(
                "U04 name sent as a file part", 400, "name: Should not be a tuple.",
                Array((part("name", "demo", filename: "name.txt") + text).utf8) + closing
            ),
            RefusedBody(
                "U04 unknown :action", 400, "Unknown :action.",
                Array((part(":action", "remove_pkg") + text).utf8) + closing
            ),
            RefusedBody(
                "U09 20 MB description", 413, "The form's text fields are too large.",
                Array((part("description", String(repeating: "d", count: 20 << 20)) + text).utf8) + closing
            ),
            RefusedBody(
                "U12 CR LF in the filename ends the header line: no injection", 400,
                "Invalid file extension: Extension .tar.gz is invalid for filetype bdist_wheel. See https://www.python.org/dev/peps/pep-0527 for more information.",
                Array((text + part("content", "x", filename: "demo-1.0.tar.gz\r\nX-Injected: 1")).utf8) + closing
            ),
        ]
    }()

    @Test(arguments: cases)
    func refusedBodyStoresNothingAndTheValidUploadSucceedsAfterwards(_ body: RefusedBody) async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let response = try await post(client, fixture, body.bytes)
            try await expectRefusal(response, body.status, body.message, fixture: fixture, client: client)
        }
    }

    @Test func u09SummaryWithALineBreakKeepsTheReasonPhraseOnOneLine() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let builder = DistributionBuilder()
            let wheel = builder.wheel()
            var hasher = DistributionHasher()
            hasher.update(wheel.bytes)
            var form = builder.form(sha256: hasher.finalize().sha256)
            form["summary"] = ["one\r\nSet-Cookie: x=1"]
            let response = try await post(client, fixture, MultipartBody(form: form, file: wheel).bytes)
            #expect(response.status.code == 400)
            #expect(response.headers[.setCookie] == nil)
            #expect(!response.status.reasonPhrase.contains("\r") && !response.status.reasonPhrase.contains("\n"))
            #expect(fixture.store.counts().files == 0)
        }
    }
}
