import IndexCore
import Testing

/// linehaul's forms and groups, and the edges of the JSON form.
@Suite struct UserAgentParserTests {
    private func client(_ userAgent: String) -> DownloadClient? {
        guard case .client(let client) = UserAgentParser.parse(userAgent) else { return nil }
        return client
    }

    @Test func pipLegacyFormBetweenOneFourAndSix() {
        #expect(
            client("pip/1.5 CPython/2.7.3 Linux/3.2.0")
                == DownloadClient(
                    installer: "pip", installerVersion: "1.5", python: "2.7", implementation: "CPython", system: "Linux"
                ))
        #expect(
            client("pip/1.4.1 PyPy/2.1.0 Darwin/12.0")
                == DownloadClient(installer: "pip", installerVersion: "1.4.1", implementation: "PyPy", system: "Darwin")
        )
        #expect(
            client("pip/5.6 Unknown/Unknown unknown/unknown")
                == DownloadClient(installer: "pip", installerVersion: "5.6"))
        #expect(UserAgentParser.parse("pip/1.3 CPython/2.7.3 Linux/3.2.0") == .unknown)
        #expect(UserAgentParser.parse("pip/6.0 CPython/2.7.3 Linux/3.2.0") == .unknown)
    }

    @Test func pipJSONNeedsPipSixOrLater() {
        #expect(client(#"pip/6.0 {"installer":{"name":"pip","version":"6.0"},"python":"2.7.9"}"#)?.python == "2.7")
        #expect(UserAgentParser.parse(#"pip/5.9 {"installer":{"name":"pip","version":"5.9"}}"#) == .unknown)
        #expect(UserAgentParser.parse(#"pip/24.0 {"installer":"#) == .unknown)
        // pip's object is taken whatever it holds, as linehaul does.
        #expect(client(#"pip/24.0 {"ci":null}"#) == DownloadClient())
    }

    @Test func otherJSONFormsNeedAnInstaller() {
        #expect(UserAgentParser.parse(#"tool/1.0 {"python":"3.12.1"}"#) == .unknown)
        #expect(client(#"tool/1.0 {"installer":{"name":"tool"},"python":"3.12.1"}"#)?.installer == "tool")
    }

    @Test func jsonFieldsOfTheWrongTypeAreSkipped() {
        let userAgent =
            #"pip/24.0 {"python":3.12,"cpu":["x"],"ci":"yes","installer":{"name":"pip","version":null},"#
            + #""implementation":{"name":"CPython","version":"3.12.1"},"x":{"deep":[[[[{"a":"}"}]]]]}}"#
        #expect(
            client(userAgent)
                == DownloadClient(installer: "pip", python: "3.12", implementation: "CPython"))
    }

    @Test func jsonEscapesAreDecoded() {
        let userAgent = #"pip/24.0 {"installer":{"name":"p\u0069p","version":"24.0"},"system":{"name":"L\"x\\"}}"#
        #expect(client(userAgent)?.installer == "pip")
        #expect(client(userAgent)?.system == #"L"x\"#)
    }

    @Test func pythonIsMajorMinorOrEmpty() {
        func python(_ version: String) -> String? {
            client(#"pip/24.0 {"python":"\#(version)"}"#)?.python
        }
        #expect(python("3.12.1") == "3.12")
        #expect(python("3.13.0rc1") == "3.13")
        #expect(python("2.7.18+") == "2.7")
        #expect(python("3") == "")
        #expect(python("three") == "")
        #expect(python("3.") == "")
        #expect(python("12345.1") == "")
    }

    @Test(
        arguments: [
            (
                "Python-urllib/2.7 distribute/0.6.49",
                DownloadClient(installer: "distribute", installerVersion: "0.6.49", python: "2.7")
            ),
            (
                "Python-urllib/2.7 setuptools/0.9.8",
                DownloadClient(installer: "setuptools", installerVersion: "0.9.8", python: "2.7")
            ),
            (
                "setuptools/3.6 Python-urllib/3.4",
                DownloadClient(installer: "setuptools", installerVersion: "3.6", python: "3.4")
            ),
            ("Python-urllib/3.12", DownloadClient(python: "3.12")),
            ("python-requests/2.31.0", DownloadClient(installer: "requests", installerVersion: "2.31.0")),
            (
                "python-requests/2.31.0 CPython/3.12.1",
                DownloadClient(installer: "requests", installerVersion: "2.31.0")
            ),
            ("pex/2.1.137", DownloadClient(installer: "pex", installerVersion: "2.1.137")),
            (
                "conda/23.7.4 requests/2.31.0 CPython/3.11.5 Linux/6.2.0",
                DownloadClient(installer: "conda", installerVersion: "23.7.4")
            ),
            ("Bazel/release 7.0.0", DownloadClient(installer: "Bazel", installerVersion: "7.0.0")),
            ("Bazel/6.4.0", DownloadClient(installer: "Bazel", installerVersion: "6.4.0")),
            ("devpi-server/6.9.2 (py3.11.4; linux)", DownloadClient(installer: "devpi", installerVersion: "6.9.2")),
            ("z3c.pypimirror/1.0.16", DownloadClient(installer: "z3c.pypimirror", installerVersion: "1.0.16")),
            ("Artifactory/7.71.5", DownloadClient(installer: "Artifactory", installerVersion: "7.71.5")),
            (
                "Nexus/3.61.0-02 (OSS; Linux; 5.15.0; amd64; 17.0.8)",
                DownloadClient(installer: "Nexus", installerVersion: "3.61.0-02")
            ),
            ("pep381client-proxy/1.5", DownloadClient(installer: "pep381client", installerVersion: "1.5")),
            (
                "Homebrew/4.1.20 (Macintosh; Intel Mac OS X 14.1) curl/8.1.2",
                DownloadClient(installer: "Homebrew", installerVersion: "4.1.20")
            ),
            (
                "bandersnatch/4.4.0 (CPython 3.8.6-final0, Linux x86_64)",
                DownloadClient(
                    installer: "bandersnatch", installerVersion: "4.4.0", python: "3.8", implementation: "CPython",
                    system: "Linux", cpu: "x86_64")
            ),
            ("bandersnatch/3.0 (pypy)", DownloadClient(installer: "bandersnatch", installerVersion: "3.0")),
        ])
    func linehaulForms(userAgent: String, expected: DownloadClient) {
        #expect(client(userAgent) == expected)
    }

    @Test(arguments: ["fetch libfetch/2.0", "libfetch/2.0", "OpenBSD ftp", "MacPorts/2.8.1", "xbps/0.59", "slackrepo"])
    func operatingSystemDownloaders(userAgent: String) {
        #expect(client(userAgent) == DownloadClient(installer: "OS"))
    }

    @Test(
        arguments: [
            "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0", "curl/8.5.0", "Wget/1.21.4",
            "wget", "aria2/1.36.0", "okhttp/4.12.0", "Apache-HttpClient/4.5.14 (Java/17.0.9)", "FDM 6.19/x",
            "Firefox/121.0",
        ])
    func browsers(userAgent: String) {
        #expect(client(userAgent) == DownloadClient(installer: "Browser"))
    }

    @Test(
        arguments: [
            "Datadog Agent/7.50.0", "(null)", "Java/17.0.9", "Go-http-client/2.0", "Go 1.1 package http",
            "Scrapy/2.11 (+https://scrapy.org)", "Apache-Nutch/1.19", "Debian uscan 2.23.4",
            "Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)", "NSIS_Inetc (Mozilla)",
        ])
    func ignoredAgents(userAgent: String) {
        #expect(UserAgentParser.parse(userAgent) == .ignored)
    }

    @Test(arguments: ["", "-", "SomethingElse", "Go 1.10 package http", "curlish/1.0", "pip", "pip/", "/1.0 {}"])
    func unknownAgents(userAgent: String) {
        #expect(UserAgentParser.parse(userAgent) == .unknown)
    }

    @Test func toolFormNeedsAnImplementationForUnknownTools() {
        #expect(client("poetry/1.8.3") == DownloadClient(installer: "poetry", installerVersion: "1.8.3"))
        #expect(UserAgentParser.parse("sometool/1.0") == .unknown)
        #expect(
            client("sometool/1.0 PyPy/7.3.15 Linux/6.1")
                == DownloadClient(
                    installer: "sometool", installerVersion: "1.0", implementation: "PyPy", system: "Linux"))
    }

    @Test func tenThousandParsesRun() {
        let userAgents = [
            UserAgentParserRealClientTests.pip, UserAgentParserRealClientTests.uv,
            "poetry/2.5.1 CPython/3.11.7 Linux/6.18.44-fc-v1300", "Mozilla/5.0", "Go-http-client/2.0", "x",
        ]
        var clients = 0
        for index in 0..<10_000 {
            if case .client = UserAgentParser.parse(userAgents[index % userAgents.count]) { clients += 1 }
        }
        #expect(clients == 6_668)
    }
}
