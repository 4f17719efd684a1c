import IndexCore
import Testing

@testable import IndexMirror

@Suite struct UpstreamPageTests {
    static let sha = String(repeating: "ab", count: 32)
    static let metaSHA = String(repeating: "cd", count: 32)

    @Test func jsonPageGivesEveryFieldWithLinksMadeAbsolute() throws {
        let body = """
            {"meta":{"api-version":"1.4","_last-serial":42},"name":"demo","versions":["1.0","2.0"],
             "project-status":{"status":"deprecated","reason":"use other"},
             "files":[
              {"filename":"demo-1.0.tar.gz","url":"../../packages/demo-1.0.tar.gz","hashes":{"sha256":"\(Self.sha.uppercased())"},
               "requires-python":">=3.8","yanked":"broken","core-metadata":{"sha256":"\(Self.metaSHA)"},"size":10,
               "upload-time":"2024-01-02T03:04:05.500000Z"},
              {"filename":"demo-2.0-py3-none-any.whl","url":"https://files.example/demo-2.0-py3-none-any.whl",
               "hashes":{"md5":"00"},"requires-python":"","yanked":true,"data-dist-info-metadata":true},
              {"filename":"demo-3.0.zip","url":"ftp://elsewhere/demo-3.0.zip","hashes":{}}
             ]}
            """
        let page = try UpstreamPage.parse(
            Array(body.utf8), contentType: "application/vnd.pypi.simple.v1+json; charset=utf-8",
            url: "http://up.example/simple/demo/")
        #expect(page.lastSerial == 42)
        #expect(page.versions == ["1.0", "2.0"])
        #expect(page.status == .deprecated && page.statusReason == "use other")
        #expect(page.files.count == 2)
        let first = page.files[0]
        #expect(first.url == "http://up.example/packages/demo-1.0.tar.gz")
        #expect(first.sha256 == Self.sha)
        #expect(first.requiresPython == ">=3.8" && first.size == 10)
        #expect(first.yanked == .reason("broken"))
        #expect(first.hasCoreMetadata && first.coreMetadataSHA256 == Self.metaSHA)
        #expect(first.uploadTime?.secondsSinceEpoch == 1_704_164_645.5)
        let second = page.files[1]
        #expect(second.sha256 == nil && second.requiresPython == nil && second.yanked == .yanked)
        #expect(second.hasCoreMetadata && second.coreMetadataSHA256 == nil)
    }

    @Test func malformedJSONIsRefused() {
        #expect(throws: (any Error).self) {
            try UpstreamPage.parse(
                Array("[1]".utf8), contentType: "application/vnd.pypi.simple.v1+json", url: "http://x/")
        }
    }

    @Test func htmlPageGivesAnchorsWithTheirAttributes() throws {
        let html = """
            <!DOCTYPE html><html><head>
            <meta name="pypi:repository-version" content="1.4">
            <meta name="pypi:project-status" content="archived">
            <meta name="pypi:project-status-reason" content="done &amp; dusted">
            </head><body><!-- <a href="/hidden">x</a> -->
            <a href="/files/demo-1.0.tar.gz#sha256=\(Self.sha)" data-requires-python="&gt;=3.8" data-yanked="">demo-1.0.tar.gz</a><br/>
            <A HREF='demo-2.0-py3-none-any.whl#sha256=\(Self.sha)' data-core-metadata="sha256=\(Self.metaSHA)"
               data-yanked="bad &#60;build&#x3e;">demo-2.0-py3-none-any.whl</A>
            <a href=https://cdn.example/x/demo-3.0.zip#md5=00 data-dist-info-metadata=true></a>
            <a href="javascript:alert(1)">demo-4.0.zip</a>
            </body></html>
            """
        let page = try UpstreamPage.parse(
            Array(html.utf8), contentType: "text/html", url: "http://up.example/simple/demo/")
        #expect(page.status == .archived && page.statusReason == "done & dusted")
        #expect(page.files.map(\.filename) == ["demo-1.0.tar.gz", "demo-2.0-py3-none-any.whl", "demo-3.0.zip"])
        #expect(page.files[0].url == "http://up.example/files/demo-1.0.tar.gz")
        #expect(page.files[0].requiresPython == ">=3.8" && page.files[0].yanked == .yanked)
        #expect(page.files[0].sha256 == Self.sha && !page.files[0].hasCoreMetadata)
        #expect(page.files[1].url == "http://up.example/simple/demo/demo-2.0-py3-none-any.whl")
        #expect(page.files[1].yanked == .reason("bad <build>"))
        #expect(page.files[1].coreMetadataSHA256 == Self.metaSHA)
        #expect(page.files[2].sha256 == nil && page.files[2].hasCoreMetadata)
        #expect(page.files[2].url == "https://cdn.example/x/demo-3.0.zip")
    }

    @Test(arguments: [
        ("https://a.example/x", "http://b/simple/p/", "https://a.example/x"),
        ("//c.example/f", "https://b/simple/p/", "https://c.example/f"),
        ("/f/g", "http://b:81/simple/p/", "http://b:81/f/g"),
        ("../../f", "http://b/simple/p/", "http://b/f"),
        ("./f?x=1", "http://b/simple/p/", "http://b/simple/p/f?x=1"),
        ("../../../../f", "http://b/simple/p/", "http://b/f"),
    ])
    func relativeReferencesResolve(reference: String, base: String, expected: String) {
        #expect(URLResolution.resolve(reference, against: base)?.url == expected)
    }

    @Test func otherSchemesAreRefused() {
        #expect(URLResolution.resolve("file:///etc/passwd", against: "http://b/") == nil)
        #expect(URLResolution.resolve("x", against: "not a url") == nil)
    }

    @Test func timesParseWithOffsetsAndRefuseNonsense() {
        #expect(ISO8601Time.parse("1970-01-01T00:00:00Z")?.secondsSinceEpoch == 0)
        #expect(ISO8601Time.parse("2000-03-01T01:00:00+01:00")?.secondsSinceEpoch == 951_868_800)
        #expect(ISO8601Time.parse("1969-12-31T23:59:59Z")?.secondsSinceEpoch == -1)
        #expect(ISO8601Time.parse("2024-13-01T00:00:00Z") == nil)
        #expect(ISO8601Time.parse("2024-01-01T00:00:00") == nil)
        #expect(ISO8601Time.parse("yesterday") == nil)
    }

    @Test func durationsReadAsOperatorsWriteThem() {
        #expect(DurationText.seconds("90") == 90)
        #expect(DurationText.seconds("90s") == 90)
        #expect(DurationText.seconds("30m") == 1800)
        #expect(DurationText.seconds("12h") == 43_200)
        #expect(DurationText.seconds("7d") == 604_800)
        #expect(DurationText.seconds("2w") == 1_209_600)
        #expect(DurationText.seconds("-1d") == nil)
        #expect(DurationText.seconds("soon") == nil)
        #expect(DurationText.seconds("") == nil)
    }

    @Test func privateNamePatternsMatchNormalizedNames() {
        let names = PrivateNames(setting: "Acme_*\n\n  internal.tool \n*-private\nmid*dle*end")
        #expect(names.patterns == ["*-private", "acme-*", "internal-tool", "mid*dle*end"])
        #expect(names.contains("acme-widgets"))
        #expect(names.contains("internal-tool"))
        #expect(!names.contains("internal-tools"))
        #expect(names.contains("x-private"))
        #expect(names.contains("middle-of-the-end") && names.contains("middleend"))
        #expect(!names.contains("midend"))
        #expect(!names.contains("acme"))
        #expect(PrivateNames(setting: names.setting) == names)
        #expect(PrivateNames.matches("anything", pattern: "*"))
    }
}
