import IndexCore
import Testing

/// Lines from linehaul's fixtures (`fixtures/downloads-2021-01-07-...log.gz` and
/// `fixtures/simple-2021-01-07-...log.gz`), the User-Agents shortened.
@Suite struct AccessLogLineLinehaulTests {
    static let download =
        "download|Thu, 07 Jan 2021 20:54:54 GMT|US|/packages/f7/12/ec3f2e203afa394a149911729357aa48affc59c20e2c1c"
        + "8297a60f33f133/threadpoolctl-2.1.0-py3-none-any.whl|TLSv1.2|ECDHE-RSA-AES128-GCM-SHA256|threadpoolctl|"
        + #"2.1.0|bdist_wheel|pip/20.1.1 {"ci":null,"cpu":"x86_64","installer":{"name":"pip","version":"20.1.1"},"#
        + #""python":"3.7.9"}"#

    static let simple =
        "simple|Thu, 07 Jan 2021 20:54:52 GMT|US|/simple/azureml-model-management-sdk/|TLSv1.3|AES256-GCM||||"
        + #"pip/20.0.2 {"ci":null,"installer":{"name":"pip","version":"20.0.2"},"python":"3.7.5"}"#

    private func parse(_ line: String) -> AccessLogLine? {
        AccessLogLine.parseLinehaul(line[...])
    }

    @Test func downloadLineIsRead() throws {
        let line = try #require(parse(Self.download))
        #expect(line.time == 1_610_052_894)
        #expect(line.day == 18_634)
        #expect(line.method == "GET")
        #expect(line.status == 200)
        #expect(line.path.hasSuffix("/threadpoolctl-2.1.0-py3-none-any.whl"))
        #expect(line.project == "threadpoolctl")
        #expect(line.version == "2.1.0")
        #expect(line.userAgent.hasPrefix(#"pip/20.1.1 {"ci":null"#))
        #expect(line.userAgent.hasSuffix(#""python":"3.7.9"}"#))
    }

    @Test func simpleLineIsRead() throws {
        let line = try #require(parse(Self.simple + "\n"))
        #expect(line.time == 1_610_052_892)
        #expect(line.path == "/simple/azureml-model-management-sdk/")
        #expect(line.project == nil)
        #expect(line.version == nil)
        #expect(line.userAgent.hasSuffix(#""python":"3.7.5"}"#))
    }

    @Test func versionTwoLineIsRead() throws {
        let text =
            "2@Thu, 07 Jan 2021 20:54:54 GMT|DE|/packages/x/y/z/six-1.15.0.tar.gz|TLSv1.2|AES|six|1.15.0|sdist|"
            + "pip/1.5 CPython/2.7.3 Linux/3.2.0"
        let line = try #require(parse(text))
        #expect(line.project == "six")
        #expect(line.version == "1.15.0")
        #expect(line.userAgent == "pip/1.5 CPython/2.7.3 Linux/3.2.0")
    }

    @Test func versionOneLinesAreReadWithOrWithoutHeader() throws {
        let body =
            "Tue, 05 Sep 2017 10:00:00 GMT||/packages/x/y/z/six-1.10.0.tar.gz|six|(null)|(null)|curl/7.0 | with pipe"
        let headed = try #require(parse("1@" + body))
        #expect(headed == parse(body))
        #expect(headed.project == "six")
        #expect(headed.version == nil)
        #expect(headed.userAgent == "curl/7.0 | with pipe")
    }

    @Test func timeZoneAndMissingWeekdayAreAccepted() throws {
        let line = try #require(
            parse("download|07 Jan 2021 21:54:54 +0100|US|/packages/a.whl|TLSv1.3|X|a|1|bdist_wheel|ua"))
        #expect(line.time == 1_610_052_894)
    }

    @Test(
        arguments: [
            "",
            "download|",
            "download|Thu, 07 Jan 2021 20:54:54 GMT|US|/packages/a.whl|TLSv1.2|X|a|1",
            "download|Thu, 07 Jan 2021 20:54:54 GMT|US|/packages/a.whl|TLSv1.2|X|a|1|wheel|ua",
            "download|Thu, 07 Foo 2021 20:54:54 GMT|US|/packages/a.whl|TLSv1.2|X|a|1|bdist_wheel|ua",
            "download|Thu, 07 Jan 2021 20:54:54 XYZ|US|/packages/a.whl|TLSv1.2|X|a|1|bdist_wheel|ua",
            "download|Thu, 07 Jan 2021 20:54|US|/packages/a.whl|TLSv1.2|X|a|1|bdist_wheel|ua",
            "download|Thu, 07 Jan 2021 20:54:54 GMT|US||TLSv1.2|X|a|1|bdist_wheel|ua",
            "simple|Thu, 07 Jan 2021 20:54:52 GMT|US|/simple/a/|TLSv1.3|X|a|||ua",
            "3@Thu, 07 Jan 2021 20:54:54 GMT|US|/packages/a.whl|a|1|sdist|ua",
            "garbage",
        ])
    func malformedLinesAreNil(line: String) {
        #expect(parse(line) == nil)
    }

    @Test func hugeLinesAreNil() {
        let huge = Self.download + String(repeating: "x", count: AccessLogLine.maximumLength)
        #expect(parse(huge) == nil)
    }
}
