import IndexCore
import IndexTesting
import PythonPackaging
import Testing

@Suite struct ProjectJSONTests {
    static let roles = [
        ProjectRoleHolder(kind: .maintainer, username: "carol"), ProjectRoleHolder(kind: .owner, username: "bob"),
        ProjectRoleHolder(kind: .owner, username: "alice"),
    ]

    func text(_ document: ProjectJSON) -> String { String(decoding: document.json(), as: UTF8.self) }

    @Test func versionRouteServesTheReleaseWithoutReleasesKey() throws {
        let document = try #require(
            ProjectJSON(SimpleFixture.detail(), roles: Self.roles, version: "0.9.0", urls: SimpleFixture.urls))
        let expected =
            #"{"info":{"author":null,"author_email":null,"bugtrack_url":null,"classifiers":[],"description":null,"#
            + #""description_content_type":null,"docs_url":null,"download_url":null,"#
            + #""downloads":{"last_day":-1,"last_month":-1,"last_week":-1},"dynamic":null,"home_page":null,"#
            + #""keywords":null,"license":null,"license_expression":null,"license_files":null,"maintainer":null,"#
            + #""maintainer_email":null,"name":"Demo.Pkg","package_url":"https://index.example/project/Demo.Pkg/","#
            + #""platform":null,"project_url":"https://index.example/project/Demo.Pkg/","project_urls":null,"#
            + #""provides_extra":null,"release_url":"https://index.example/project/Demo.Pkg/0.9/","#
            + #""requires_dist":null,"requires_python":">=3.8,<4","summary":"A demo","version":"0.9","#
            + #""yanked":false,"yanked_reason":null},"last_serial":7,"#
            + #""urls":[{"comment_text":"","core-metadata":false,"#
            + #""digests":{"blake2b_256":"b2-3","md5":"md5-3","sha256":"sha256-3"},"downloads":-1,"#
            + #""filename":"demo_pkg-0.9.tar.gz","has_sig":false,"md5_digest":"md5-3","packagetype":"sdist","#
            + #""python_version":"source","requires_python":null,"size":300,"upload_time":"2026-01-01T00:00:00","#
            + #""upload_time_iso_8601":"2026-01-01T00:00:00Z","#
            + #""url":"https://files.example/packages/b2/3/demo_pkg-0.9.tar.gz","yanked":false,"yanked_reason":null}],"#
            + #""vulnerabilities":[],"ownership":{"organization":null,"#
            + #""roles":[{"role":"Owner","user":"alice"},{"role":"Owner","user":"bob"},"#
            + #"{"role":"Maintainer","user":"carol"}]}}"#
        #expect(text(document) == expected)
    }

    @Test func projectRouteListsEveryReleaseAndTheYankedFilesWithMetadata() throws {
        var detail = SimpleFixture.detail()
        detail.releases[1].metadata.keywords = ["a", "b"]
        detail.releases[1].metadata.projectURLs = [ProjectURL(label: "Source", url: "https://src.example")]
        detail.releases[1].metadata.requiresDist = ["idna>=2"]
        let document = try #require(ProjectJSON(detail, roles: [], urls: SimpleFixture.urls))
        #expect(document.release.version == "0.9", "1.0 is yanked")
        let json = text(document)
        #expect(json.contains(#""keywords":"a,b""#))
        #expect(json.contains(#""project_urls":{"Source":"https://src.example"}"#))
        #expect(json.contains(#""requires_dist":["idna>=2"]"#))
        #expect(json.contains(#""releases":{"0.9":[{"comment_text":""#))
        #expect(json.contains(#""1.0":[{"comment_text":"","core-metadata":{"sha256":"meta-2"}"#))
        #expect(json.contains(#""upload_time":"2026-01-01T00:00:00","upload_time_iso_8601":"2026-01-01T00:00:00.250000Z""#))
        #expect(json.contains(#""yanked":true,"yanked_reason":"broken <build> & \"bad\"""#))
        #expect(json.contains(#""ownership":{"organization":null,"roles":[]}"#))
    }

    @Test(arguments: [
        // (versions, yanked, expected latest)
        (["1.0", "2.0"], [String](), "2.0"),
        (["1.0", "2.0"], ["2.0"], "1.0"),
        (["1.0", "2.0b1"], [], "1.0"),
        (["1.0", "2.0.dev1"], [], "1.0"),
        (["2.0b1", "2.0rc1"], [], "2.0rc1"),
        (["1.0", "2.0b1"], ["1.0"], "2.0b1"),
        (["1.0", "2.0"], ["1.0", "2.0"], "2.0"),
        (["2004d", "1.0b1"], [], "2004d"),
        (["1.0", "1.0.post1", "0.9"], [], "1.0.post1"),
    ])
    func latestReleaseIsNotYankedThenFinalThenHighest(versions: [String], yanked: [String], expected: String) throws {
        let releases = versions.enumerated().map { offset, version in
            SimpleFixture.release(Int64(offset + 1), version, yanked: yanked.contains(version))
        }
        #expect(ProjectJSON.latestRelease(releases)?.version == expected)
    }

    @Test func unknownVersionQuarantineAndNoReleasesGiveNothing() {
        let urls = SimpleFixture.urls
        #expect(ProjectJSON(SimpleFixture.detail(), roles: [], version: "3.0", urls: urls) == nil)
        #expect(ProjectJSON(SimpleFixture.detail(status: .quarantined), roles: [], urls: urls) == nil)
        var empty = SimpleFixture.detail()
        empty.releases = []
        empty.files = []
        #expect(ProjectJSON(empty, roles: [], urls: urls) == nil)
    }

    @Test func storeLoaderFillsOwnershipFromRoles() async throws {
        let fixture = try await UploadFixture()
        try await fixture.uploadWheel(DistributionBuilder(name: "Demo.Pkg", version: "1.0"))
        let document = try #require(
            try await fixture.store.projectJSON(normalizedName: "demo-pkg", version: "1.0.0", urls: SimpleFixture.urls))
        #expect(text(document).contains(#""roles":[{"role":"Owner","user":"alice"}]"#))
        #expect(document.lastSerial == 4)
        let page = try #require(try await fixture.store.simpleProjectPage(normalizedName: "demo-pkg", urls: SimpleFixture.urls))
        #expect(page.files.map(\.filename) == ["demo_pkg-1.0-py3-none-any.whl"])
        #expect(page.files.first?.coreMetadataSHA256 != nil)
    }
}
