import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import PythonPackaging
import Testing

@testable import IndexHTTP

@Suite struct UploadRouteTests {
    private func post(
        _ client: some TestClientProtocol, authorization: String?, body: MultipartBody
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: MultipartBody.contentType]
        if let authorization { headers[.authorization] = authorization }
        return try await client.execute(uri: "/legacy/", method: .post, headers: headers, body: body.buffer)
    }

    private func wheelBody(_ builder: DistributionBuilder = DistributionBuilder()) -> MultipartBody {
        let wheel = builder.wheel()
        var hasher = DistributionHasher()
        hasher.update(wheel.bytes)
        return MultipartBody(form: builder.form(sha256: hasher.finalize().sha256), file: wheel)
    }

    @Test func tokenUploadOfAWheelStoresItAndAnswers200() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let response = try await post(
                client, authorization: HTTPFixture.basic("__token__", fixture.token.text), body: wheelBody())
            #expect(response.status.code == 200)
            let file = try #require(try await fixture.store.file(filename: "demo-1.0-py3-none-any.whl"))
            #expect(fixture.blobs.blob(at: file.upload.blobPath) == DistributionBuilder().wheel().bytes)
            let again = try await post(
                client, authorization: HTTPFixture.basic("__token__", fixture.token.text), body: wheelBody())
            #expect(again.status.code == 200)
        }
    }

    /// uv publish and flit send the file part without a Content-Type; it is text/plain (RFC 7578)
    /// as Warehouse reads it, and taken. An image type is still refused.
    @Test func aFilePartWithoutAContentTypeIsTakenAsUvAndFlitSendIt() async throws {
        let fixture = try await HTTPFixture()
        let builder = DistributionBuilder()
        let wheel = builder.wheel()
        var hasher = DistributionHasher()
        hasher.update(wheel.bytes)
        let form = builder.form(sha256: hasher.finalize().sha256)
        let authorization = HTTPFixture.basic("__token__", fixture.token.text)
        try await fixture.application.test(.router) { client in
            let image = try await post(
                client, authorization: authorization,
                body: MultipartBody(form: form, file: wheel, contentType: "image/png"))
            #expect(image.status.code == 400)
            #expect(String(buffer: image.body) == "Invalid distribution file.")
            let untyped = try await post(
                client, authorization: authorization, body: MultipartBody(form: form, file: wheel, contentType: nil))
            #expect(untyped.status.code == 200, "\(String(buffer: untyped.body))")
            #expect(try await fixture.store.file(filename: wheel.filename) != nil)
        }
    }

    @Test(
        arguments: [
            (nil, "Invalid or non-existent authentication information."),
            (HTTPFixture.basic("alice", "hunter2"), "Username/Password authentication is no longer supported."),
            (
                HTTPFixture.basic("__token__", "pypi-alice-all.d3Jvbmc"),
                "Invalid API Token: token is not valid base64url"
            ),
            ("Bearer nonsense", "Invalid API Token: token does not start with 'pypi-'"),
            ("Digest abc", "Invalid or non-existent authentication information."),
        ] as [(String?, String)])
    func refusedCredentialsAnswer403WithWarehousesMessage(authorization: String?, message: String) async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let response = try await post(client, authorization: authorization, body: wheelBody())
            #expect(response.status.code == 403)
            #expect(String(buffer: response.body).hasPrefix(message))
            #expect(response.status.reasonPhrase == String(buffer: response.body))
            #expect(fixture.store.counts().files == 0)
            #expect(fixture.blobs.stagedCount == 0)
        }
    }

    @Test func tokenScopedToAnotherProjectIsRefused() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let response = try await post(
                client, authorization: HTTPFixture.basic("__token__", fixture.scopedToken.text), body: wheelBody())
            #expect(response.status.code == 403)
            #expect(String(buffer: response.body).hasPrefix("The given token isn't allowed to upload to project"))
            #expect(fixture.store.counts().projects == 0)
        }
    }

    /// U11 through the real renderer: a description that would show as a broken README is
    /// refused with Warehouse's message, nothing stored; one that renders goes through.
    @Test(
        arguments: [
            ("Long title\n====\n\nBody.", "text/x-rst", "The description failed to render for 'text/x-rst'."),
            (
                "Text with `unclosed interpreted text", nil,
                "The description failed to render in the default format of reStructuredText."
            ),
            (
                "Text\n\n.. raw:: html\n\n   <script>alert(1)</script>\n", "text/x-rst; charset=UTF-8",
                "The description failed to render for 'text/x-rst; charset=UTF-8'."
            ),
            ("Title\n=====\n\nBody.", "text/x-rst", nil),
            // A folded Description header as twine sends it from old metadata (decorator 5.1.1).
            ("Decorators\n        ==========\n        \n        Body.", nil, nil),
            ("Title\n==\n\n`unclosed <b>", "text/markdown", nil),
            ("Title\n==\n\n`unclosed", "text/plain", nil),
            ("", nil, nil),
        ] as [(String, String?, String?)])
    func descriptionMustRender(description: String, contentType: String?, refusal: String?) async throws {
        let fixture = try await HTTPFixture()
        let body = HTTPFixture.wheelBody { form in
            form["description"] = [description]
            form["description_content_type"] = contentType.map { [$0] }
        }
        try await fixture.application.test(.router) { client in
            let response = try await HTTPFixture.upload(
                client, authorization: HTTPFixture.tokenAuth(fixture.token.text), body: body)
            if let refusal {
                #expect(response.status.code == 400)
                #expect(
                    String(buffer: response.body).hasPrefix(
                        refusal + " See /help/#description-content-type for more information."))
                #expect(fixture.store.counts().files == 0)
                #expect(fixture.blobs.stagedCount == 0)
            } else {
                #expect(response.status.code == 200)
                #expect(fixture.store.counts().files == 1)
            }
        }
    }

    @Test func legacyWithoutSlashRedirects308() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let response = try await client.execute(uri: "/legacy", method: .post)
            #expect(response.status.code == 308)
            #expect(response.headers[.location] == "/legacy/")
        }
    }

    @Test func refusalPutsTheMessageInTheReasonPhraseAndTheBody() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let body = MultipartBody(
                form: DistributionBuilder().form(sha256: String(repeating: "0", count: 64)), file: nil)
            let response = try await post(
                client, authorization: HTTPFixture.basic("__token__", fixture.token.text), body: body)
            #expect(response.status.code == 400)
            #expect(String(buffer: response.body) == "Upload payload does not have a file.")
            #expect(response.status.reasonPhrase == "Upload payload does not have a file.")
        }
    }

    @Test func fileAboveTheLimitIsRefusedAsTooLarge() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let builder = DistributionBuilder()
            let big = (filename: builder.wheel().filename, bytes: [UInt8](repeating: 7, count: (1 << 20) + 10))
            let body = MultipartBody(form: builder.form(sha256: String(repeating: "0", count: 64)), file: big)
            let response = try await post(
                client, authorization: HTTPFixture.basic("__token__", fixture.token.text), body: body)
            #expect(response.status.code == 400)
            #expect(String(buffer: response.body).hasPrefix("File too large."))
            #expect(fixture.blobs.stagedCount == 0)
        }
    }

    @Test func reasonPhraseDropsLineBreaksAndNonASCII() {
        #expect(MessageError.reasonPhrase("a\r\nSet-Cookie: x=1 é") == "a??Set-Cookie: x=1 ?")
    }
}
