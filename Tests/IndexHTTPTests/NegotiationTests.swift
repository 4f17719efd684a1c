import Testing

@testable import IndexHTTP

@Suite struct NegotiationTests {
    @Test(
        arguments: [
            (nil, SimpleFormat.html), ("", .html), ("text/html", .html),
            ("application/vnd.pypi.simple.v1+json", .v1JSON), ("application/vnd.pypi.simple.latest+json", .v1JSON),
            ("application/vnd.pypi.simple.v1+html", .v1HTML), ("application/*;q=0.5, text/html;q=0.4", .v1HTML),
            ("application/vnd.pypi.simple.v1+json;q=0, text/html", .html), ("garbage", .html),
        ] as [(String?, SimpleFormat)])
    func acceptPicksTheFormat(accept: String?, format: SimpleFormat) {
        #expect(SimpleFormat.negotiate(accept: accept) == format)
    }

    @Test(
        arguments: [
            ("bytes=0-0", 10, ByteRange.partial(0..<1)), ("bytes=5-", 10, .partial(5..<10)),
            ("bytes=-3", 10, .partial(7..<10)),
            ("bytes=8-100", 10, .partial(8..<10)), ("bytes=10-", 10, .unsatisfiable), ("bytes=0-1,3-4", 10, .whole),
            ("items=0-1", 10, .whole), ("bytes=5-2", 10, .whole),
        ] as [(String, Int, ByteRange)])
    func rangeHeaderResolves(header: String, size: Int, range: ByteRange) {
        #expect(ByteRange(header: header, size: size) == range)
    }
}
