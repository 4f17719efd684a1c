import IndexCore
import Testing

@Suite struct AccessLogLineCombinedTests {
    /// 2026-12-07T13:10:54Z.
    static let time: Int64 = 1_796_649_054

    static let nginxLine =
        #"127.0.0.1 - - [07/Dec/2026:13:10:54 +0000] "GET /packages/ab/cd/x-1.0.tar.gz HTTP/1.1" 200 1234 "-" "#
        + #""pip/24.0 {\x22ci\x22:null,\x22python\x22:\x223.12.1\x22}""#

    private func parse(_ line: String) -> AccessLogLine? {
        AccessLogLine.parseCombined(line[...])
    }

    @Test func nginxLineIsReadWithItsEscapes() throws {
        let line = try #require(parse(Self.nginxLine))
        #expect(
            line
                == AccessLogLine(
                    time: Self.time, method: "GET", path: "/packages/ab/cd/x-1.0.tar.gz", status: 200,
                    userAgent: #"pip/24.0 {"ci":null,"python":"3.12.1"}"#))
        #expect(line.day == 20_794)
        #expect(line.project == nil)
    }

    @Test func varnishncsaEscapesAreUndone() throws {
        let text =
            #"10.0.0.1 - alice [07/Dec/2026:13:10:54 +0000] "GET /simple/x/ HTTP/1.1" 304 - "-" "#
            + #""uv/0.5.1 {\"installer\":{\"name\":\"uv\"},\"path\":\"C:\\x\"}""#
        let line = try #require(parse(text))
        #expect(line.userAgent == #"uv/0.5.1 {"installer":{"name":"uv"},"path":"C:\x"}"#)
        #expect(line.status == 304)
    }

    @Test func nonASCIIEscapesBecomeUTF8() throws {
        let text = #"::1 - - [07/Dec/2026:13:10:54 +0000] "GET / HTTP/1.1" 200 5 "-" "caf\xC3\xA9""#
        #expect(try #require(parse(text)).userAgent == "café")
    }

    @Test(arguments: ["+0100", "-0530", "+1400"])
    func timeZoneOffsetIsHonoured(offset: String) throws {
        let sign: Int64 = offset.hasPrefix("-") ? -1 : 1
        let hours = Int64(offset.dropFirst().prefix(2)) ?? 0
        let minutes = Int64(offset.suffix(2)) ?? 0
        let east = sign * (hours * 3600 + minutes * 60)
        // The same local wall-clock time in another zone is another instant.
        let text = #"h - - [07/Dec/2026:13:10:54 \#(offset)] "GET / HTTP/1.1" 200 0 "-" "x""#
        #expect(try #require(parse(text)).time == Self.time - east)
    }

    @Test func dayIsTheUTCDay() throws {
        // 00:30 in Paris on 1 March 2024 is still 29 February in UTC.
        let line = try #require(parse(#"h - - [01/Mar/2024:00:30:00 +0100] "GET / HTTP/1.1" 200 0 "-" "x""#))
        #expect(line.time == 1_709_249_400)
        #expect(line.day == Int(1_709_249_400 / 86_400))
    }

    @Test func methodQueryAndAbsoluteTargetsAreRead() throws {
        let head = try #require(
            parse(#"h - - [07/Dec/2026:13:10:54 +0000] "HEAD /simple/?format=json HTTP/2.0" 200 0 "-" "x""#))
        #expect(head.method == "HEAD")
        #expect(head.path == "/simple/")
        let absolute = try #require(
            parse(#"h - - [07/Dec/2026:13:10:54 +0000] "GET https://example.org/a/b#c HTTP/1.1" 200 0 "-" "x""#))
        #expect(absolute.path == "/a/b")
    }

    @Test func extraFieldsAfterTheUserAgentAreIgnored() throws {
        let text = Self.nginxLine + #" 0.003 "upstream: 127.0.0.1:8080" rt=0.001"#
        #expect(try #require(parse(text)).userAgent.hasPrefix("pip/24.0"))
    }

    @Test func commonLogFormatHasNoUserAgent() throws {
        let line = try #require(parse(#"h - - [07/Dec/2026:13:10:54 +0000] "GET /x HTTP/1.0" 404 -"#))
        #expect(line.userAgent == "")
        #expect(line.status == 404)
    }

    @Test func trailingLineEndIsIgnored() {
        #expect(parse(Self.nginxLine + "\r\n") == parse(Self.nginxLine))
    }

    @Test(
        arguments: [
            "",
            "127.0.0.1",
            #"127.0.0.1 - - [07/Dec/2026:13:10:54 +0000"#,
            #"127.0.0.1 - - [07/Dec/2026:13:10:54 +0000] "GET /x HTTP/1.1"#,
            #"127.0.0.1 - - [07/Dec/2026:13:10:54 +0000] "GET /x HTTP/1.1" 200"#,
            #"127.0.0.1 - - [07/Dec/2026:13:10:54 +0000] "GET /x HTTP/1.1" 200 12 "-" "pip/24.0"#,
            #"127.0.0.1 - - [07/Dec/2026:13:10:54 +0000] "GET /x HTTP/1.1" 200 12 "-"#,
            #"127.0.0.1 - - [07/Dez/2026:13:10:54 +0000] "GET /x HTTP/1.1" 200 12 "-" "x""#,
            #"127.0.0.1 - - [30/Feb/2026:13:10:54 +0000] "GET /x HTTP/1.1" 200 12 "-" "x""#,
            #"127.0.0.1 - - [07/Dec/2026:24:10:54 +0000] "GET /x HTTP/1.1" 200 12 "-" "x""#,
            #"127.0.0.1 - - [07/Dec/2026:13:10:54 0000] "GET /x HTTP/1.1" 200 12 "-" "x""#,
            #"127.0.0.1 - - [07/Dec/2026:13:10:54] "GET /x HTTP/1.1" 200 12 "-" "x""#,
            #"127.0.0.1 - - [07/Dec/2026:13:10:54 +0000] GET /x HTTP/1.1 200 12 "-" "x""#,
            #"127.0.0.1 - - [07/Dec/2026:13:10:54 +0000] "GET /x HTTP/1.1" 200 12 - x"#,
            #"127.0.0.1 - - [07/Dec/2026:13:10:54 +0000] "-" 400 0 "-" "-""#,
            #"127.0.0.1 - - [07/Dec/2026:13:10:54 +0000] "\x16\x03\x01\x02" 400 157 "-" "-""#,
            #"127.0.0.1 - - [07/Dec/2026:13:10:54 +0000] "GET x HTTP/1.1" 200 12 "-" "x""#,
            #"127.0.0.1 - - [07/Dec/2026:13:10:54 +0000] "GET /x HTTP/1.1" 2000 12 "-" "x""#,
            #"127.0.0.1 - - [07/Dec/2026:13:10:54 +0000] "GET /x HTTP/1.1" 200 1k "-" "x""#,
            #"[07/Dec/2026:13:10:54 +0000] "GET /x HTTP/1.1" 200 12 "-" "x""#,
        ])
    func malformedLinesAreNil(line: String) {
        #expect(parse(line) == nil)
    }

    @Test func hugeLinesAreNil() {
        let huge =
            #"h - - [07/Dec/2026:13:10:54 +0000] "GET /x HTTP/1.1" 200 0 "-" ""#
            + String(repeating: "a", count: AccessLogLine.maximumLength) + "\""
        #expect(parse(huge) == nil)
        let unterminated = #"h - - [07/Dec/2026:13:10:54 +0000] "GET /"# + String(repeating: "\\", count: 50_001)
        #expect(parse(unterminated) == nil)
    }
}
