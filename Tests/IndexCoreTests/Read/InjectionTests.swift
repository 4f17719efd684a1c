import Foundation
import IndexCore
import PythonPackaging
import Testing

/// W02: names, filenames and `Requires-Python` carrying `"><` (as if written straight into the
/// database, past the upload checks) come out HTML-escaped and URL-quoted, and the JSON stays
/// valid PEP 691.
@Suite struct InjectionTests {
    static let hostile = #"x"><script>alert(1)</script><a href="javascript:1"#

    private func detail() -> ProjectDetail {
        var detail = SimpleFixture.detail()
        detail.project.name = Self.hostile
        detail.files[0] = SimpleFixture.file(
            1, release: 1, "demo\(Self.hostile).tar.gz", requiresPython: ">=3\(Self.hostile)")
        return detail
    }

    @Test func theHTMLPageEscapesAndQuotesEverything() throws {
        let page = try #require(SimpleProjectPage(detail(), urls: SimpleFixture.urls))
        let html = String(decoding: page.html(), as: UTF8.self)
        #expect(!html.contains("<script>"))
        #expect(!html.contains(#""><"#))
        #expect(html.contains("&lt;script&gt;"))
        let hrefs = html.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(hrefs.allSatisfy { !$0.contains("<") && !$0.contains(">") && !$0.contains(" ") })
    }

    @Test func theJSONPageStaysValidAndCarriesTheTextAsData() throws {
        let page = try #require(SimpleProjectPage(detail(), urls: SimpleFixture.urls))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(page.json())) as? [String: Any])
        let files = try #require(object["files"] as? [[String: Any]])
        #expect(files.contains { ($0["filename"] as? String) == "demo\(Self.hostile).tar.gz" })
        #expect(files.contains { ($0["requires-python"] as? String) == ">=3\(Self.hostile)" })
    }
}
