import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import Testing

@testable import IndexHTTP

@Suite struct JSONRouteTests {
    @Test func projectAndReleaseJSONAnswer200AndUnknownOnes404() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.uploadDemoWheel()
        try await fixture.application.test(.router) { client in
            let project = try await client.execute(uri: "/pypi/demo/json", method: .get)
            #expect(project.status.code == 200)
            #expect(project.headers[.contentType] == "application/json")
            #expect(project.headers[.accessControlAllowOrigin] == "*")
            #expect(String(buffer: project.body).contains("\"releases\""))
            let release = try await client.execute(uri: "/pypi/demo/1.0/json", method: .get)
            #expect(release.status.code == 200)
            #expect(String(buffer: release.body).contains("demo-1.0-py3-none-any.whl"))
            #expect(try await client.execute(uri: "/pypi/demo/2.0/json", method: .get).status.code == 404)
            let missing = try await client.execute(uri: "/pypi/nothing/json", method: .get)
            #expect(missing.status.code == 404)
            #expect(missing.headers[.accessControlAllowOrigin] == "*")
            let redirect = try await client.execute(uri: "/pypi/Demo/json", method: .get)
            #expect(redirect.status.code == 301)
            #expect(redirect.headers[.location] == "/pypi/demo/json")
        }
    }
}
