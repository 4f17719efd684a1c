import IndexCore
import PythonPackaging
import Testing

@Suite struct SimpleProjectPageTests {
    @Test func jsonListsVersionsAndFilesInOrderWithEveryPEPField() throws {
        let page = try #require(SimpleProjectPage(SimpleFixture.detail(), urls: SimpleFixture.urls))
        let expected =
            #"{"meta":{"api-version":"1.4","_last-serial":7},"name":"demo-pkg","project-status":{"status":"active"},"#
            + #""versions":["0.9","1.0"],"files":["#
            + #"{"filename":"demo_pkg-0.9.tar.gz","url":"https://files.example/packages/b2/3/demo_pkg-0.9.tar.gz","#
            + #""hashes":{"sha256":"sha256-3"},"requires-python":null,"size":300,"upload-time":"2026-01-01T00:00:00Z","#
            + #""yanked":false,"data-dist-info-metadata":false,"core-metadata":false,"provenance":null},"#
            + #"{"filename":"demo_pkg-1.0-py3-none-any.whl","#
            + #""url":"https://files.example/packages/b2/2/demo_pkg-1.0-py3-none-any.whl","#
            + #""hashes":{"sha256":"sha256-2"},"requires-python":">=3.8,<4","size":200,"#
            + #""upload-time":"2026-01-01T00:00:00.250000Z","yanked":"broken <build> & \"bad\"","#
            + #""data-dist-info-metadata":{"sha256":"meta-2"},"core-metadata":{"sha256":"meta-2"},"provenance":null},"#
            + #"{"filename":"demo_pkg-1.0.tar.gz","url":"https://files.example/packages/b2/1/demo_pkg-1.0.tar.gz","#
            + #""hashes":{"sha256":"sha256-1"},"requires-python":">=3.8,<4","size":100,"#
            + #""upload-time":"2026-01-01T00:00:00Z","yanked":"broken <build> & \"bad\"","#
            + #""data-dist-info-metadata":false,"core-metadata":false,"provenance":null}]}"#
        #expect(String(decoding: page.json(), as: UTF8.self) == expected)
    }

    @Test func htmlEscapesEveryAttributeAndEndsWithTheSerial() throws {
        let page = try #require(SimpleProjectPage(SimpleFixture.detail(), urls: SimpleFixture.urls))
        let expected = """
            <!DOCTYPE html>
            <html>
              <head>
                <meta name="pypi:repository-version" content="1.4">
                <meta name="pypi:project-status" content="active">
                <title>Links for demo-pkg</title>
              </head>
              <body>
                <h1>Links for demo-pkg</h1>
                <a href="https://files.example/packages/b2/3/demo_pkg-0.9.tar.gz#sha256=sha256-3">demo_pkg-0.9.tar.gz</a><br />
                <a href="https://files.example/packages/b2/2/demo_pkg-1.0-py3-none-any.whl#sha256=sha256-2" data-requires-python="&gt;=3.8,&lt;4" data-yanked="broken &lt;build&gt; &amp; &#34;bad&#34;" data-dist-info-metadata="sha256=meta-2" data-core-metadata="sha256=meta-2">demo_pkg-1.0-py3-none-any.whl</a><br />
                <a href="https://files.example/packages/b2/1/demo_pkg-1.0.tar.gz#sha256=sha256-1" data-requires-python="&gt;=3.8,&lt;4" data-yanked="broken &lt;build&gt; &amp; &#34;bad&#34;">demo_pkg-1.0.tar.gz</a><br />
              </body>
            </html>
            <!--SERIAL 7-->

            """
        #expect(String(decoding: page.html(), as: UTF8.self) == expected)
    }

    @Test func yankWithoutReasonIsTrueInJSONAndAnEmptyAttributeInHTML() throws {
        var detail = SimpleFixture.detail()
        detail.releases[0].yankedReason = ""
        let page = try #require(SimpleProjectPage(detail, urls: SimpleFixture.urls))
        let json = String(decoding: page.json(), as: UTF8.self)
        #expect(json.contains(#""yanked":true"#))
        #expect(String(decoding: page.html(), as: UTF8.self).contains(#"data-yanked="">"#))
    }

    @Test(arguments: [ProjectStatus.archived, .deprecated])
    func statusAndReasonAreServed(status: ProjectStatus) throws {
        let page = try #require(
            SimpleProjectPage(SimpleFixture.detail(status: status), urls: SimpleFixture.urls, statusReason: "use <x>"))
        #expect(
            String(decoding: page.json(), as: UTF8.self).contains(
                #""project-status":{"status":"\#(status.rawValue)","reason":"use <x>"}"#))
        let html = String(decoding: page.html(), as: UTF8.self)
        #expect(html.contains(#"<meta name="pypi:project-status" content="\#(status.rawValue)">"#))
        #expect(html.contains(#"<meta name="pypi:project-status-reason" content="use &lt;x&gt;">"#))
    }

    @Test func quarantinedProjectHasNoPage() {
        #expect(SimpleProjectPage(SimpleFixture.detail(status: .quarantined), urls: SimpleFixture.urls) == nil)
    }

    @Test func versionsFollowReleaseOrderWithLegacyFirstAndPrereleasesBeforeFinals() throws {
        var detail = SimpleFixture.detail()
        let versions = ["2.0", "2.0rc1", "1.0.post1", "0.9-legacy-x", "1.0.dev1", "10.0", "1!0.1"]
        detail.releases = versions.enumerated().map { SimpleFixture.release(Int64($0.offset + 10), $0.element) }
        detail.files = versions.enumerated().reversed().map { offset, version in
            SimpleFixture.file(Int64(offset + 10), release: Int64(offset + 10), "demo_pkg-\(version).tar.gz")
        }
        let page = try #require(SimpleProjectPage(detail, urls: SimpleFixture.urls))
        let order = ["0.9-legacy-x", "1.0.dev1", "1.0.post1", "2.0rc1", "2.0", "10.0", "1!0.1"]
        #expect(page.versions == order)
        #expect(page.files.map(\.filename) == order.map { "demo_pkg-\($0).tar.gz" })
    }

    @Test func jsonStringsEscapeQuotesControlsAndNonASCII() {
        let value = JSONValue.string("a\"b\\c\n\u{1}é😀")
        #expect(value.text == #""a\"b\\c\n\u0001\u00e9\ud83d\ude00""#)
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z"), (951_782_400.5, "2000-02-29T00:00:00.500000Z"),
        (1_767_225_599.000001, "2025-12-31T23:59:59.000001Z"), (-1.0, "1969-12-31T23:59:59Z"),
    ])
    func timestampsFormatAsPythonIsoformatWithZ(seconds: Double, expected: String) {
        #expect(Timestamp(secondsSinceEpoch: seconds).iso8601 == expected)
    }
}
