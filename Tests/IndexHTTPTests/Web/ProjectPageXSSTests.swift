import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import PythonPackaging
import Testing

@testable import IndexHTTP

/// W01 on the public pages: `<script>`, `<img onerror>`, `javascript:` links and raw HTML in the
/// description (Markdown and reStructuredText), summary, author, license, classifiers and
/// project-URL labels and targets come out escaped or sanitized, under the strict CSP.
@Suite struct ProjectPageXSSTests {
    static let hostile = #"x"><script>alert(1)</script><img src=x onerror=alert(2)>"#

    static func metadata(description: String, contentType: String) -> ReleaseMetadata {
        var metadata = ReleaseMetadata()
        metadata.summary = hostile
        metadata.author = hostile
        metadata.license = hostile
        metadata.description = description
        metadata.descriptionContentType = contentType
        metadata.classifiers = ["Topic :: \(hostile)"]
        metadata.keywords = [hostile]
        metadata.projectURLs = [
            ProjectURL(label: hostile, url: "javascript:alert(3)"),
            ProjectURL(label: "Docs", url: #"https://example.org/"><script>alert(4)</script>"#),
        ]
        metadata.homePage = "JaVaScRiPt:alert(5)"
        return metadata
    }

    static let descriptions: [(String, String)] = [
        (
            "text/markdown",
            "# Title\n\n<script>alert(6)</script>\n<img src=x onerror=alert(7)>\n[x](javascript:alert(8))\n"
                + "<a href=\"jav&#x61;script:alert(9)\">y</a>\n<iframe src=\"https://example.org\"></iframe>\n"
        ),
        (
            "text/x-rst",
            "Title\n=====\n\n`x <javascript:alert(10)>`_\n\n.. |b| image:: javascript:alert(11)\n\n|b|\n"
        ),
        ("text/x-rst", "Title\n=====\n\n.. raw:: html\n\n   <script>alert(12)</script>\n"),
        ("text/plain", "<script>alert(13)</script>"),
    ]

    @Test(arguments: descriptions.indices)
    func hostileMetadataIsEscapedOnTheProjectPage(index: Int) async throws {
        let (contentType, description) = Self.descriptions[index]
        let fixture = try await HTTPFixture()
        try await fixture.store.write { tx in
            let project = try await tx.createProject(name: "hostile", normalizedName: "hostile", created: fixture.clock.now())
            _ = try await tx.createRelease(
                projectID: project.id, version: "1.0", canonicalVersion: "1", metadata:
                    Self.metadata(description: description, contentType: contentType),
                created: fixture.clock.now(), uploader: nil)
        }
        try await fixture.application.test(.router) { client in
            for path in ["/project/hostile/", "/project/hostile/1.0/", "/search/?q=hostile", "/"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok, "\(path)")
                let html = String(buffer: response.body).lowercased()
                #expect(!html.contains("<script"), "\(path)")
                #expect(!html.contains("<img src=x"), "\(path)")
                #expect(!html.contains("<iframe"), "\(path)")
                let scriptURL = #"(href|src)\s*=\s*["']?\s*javascript"#
                #expect(html.range(of: scriptURL, options: .regularExpression) == nil, "\(path)")
                #expect(html.range(of: #"<[^>]*\son[a-z]+\s*="#, options: .regularExpression) == nil, "\(path)")
                #expect(!html.contains("alert(1)</script>"), "\(path)")
                let csp = response.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("default-src 'none'") && !csp.contains("script-src"), "\(path)")
            }
        }
    }
}
