import IndexCore
import Testing

@Suite struct SafeRedirectTests {
    @Test(arguments: [
        ("//evil.com", "/"), ("/\\evil.com", "/"), ("/\t/evil.com", "/"), ("https:evil.com", "/"),
        ("\u{01}//evil", "/"), ("http://evil.com", "/"), ("javascript:alert(1)", "/"), ("///evil.com", "/"),
        ("https://user@pypi.example/x", "/"), ("/ok\r\nSet-Cookie: a=b", "/"), ("", "/"), ("ftp://pypi.example/", "/"),
        ("/ok/path?x=1", "/ok/path?x=1"), ("https://pypi.example/x", "https://pypi.example/x"),
        ("HTTP://PYPI.EXAMPLE/x", "HTTP://PYPI.EXAMPLE/x"), ("//pypi.example/y", "//pypi.example/y"),
        ("relative/path", "relative/path"), ("/a?next=http://evil.com", "/a?next=http://evil.com"),
    ])
    func keepsOnlyOnSiteTargets(next: String, expected: String) {
        #expect(safeRedirectTarget(next, host: "pypi.example") == expected)
    }

    @Test func missingNextGoesHome() {
        #expect(safeRedirectTarget(nil, host: "pypi.example") == "/")
    }
}
