import IndexCore
import Testing

/// User-Agents recorded from real clients against a local index (a Python `http.server` that
/// logged each request's User-Agent), on Debian 12 with CPython 3.11.7 unless noted.
@Suite struct UserAgentParserRealClientTests {
    /// pip 26.3: `pip download --no-deps -i http://127.0.0.1:PORT/simple/ iniconfig`.
    static let pip =
        #"pip/26.3 {"ci":null,"cpu":"x86_64","distro":{"id":"bookworm","libc":{"lib":"glibc","version":"2.36"},"#
        + #""name":"Debian GNU/Linux","version":"12"},"implementation":{"name":"CPython","version":"3.11.7"},"#
        + #""installer":{"name":"pip","version":"26.3"},"openssl_version":"OpenSSL 3.0.19 27 Jan 2026","#
        + #""python":"3.11.7","setuptools_version":"65.5.0","system":{"name":"Linux","release":"6.18.44-fc-v1300"}}"#

    /// uv 0.13.9: `uv pip compile --index-url http://127.0.0.1:PORT/simple/ req.in`.
    static let uv =
        #"uv/0.13.9 {"installer":{"name":"uv","version":"0.13.9","subcommand":["pip","compile"]},"#
        + #""python":"3.11.7","implementation":{"name":"CPython","version":"3.11.7"},"distro":{"name":"#
        + #""Debian GNU/Linux","version":"12","id":"bookworm","libc":{"lib":"glibc","version":"2.36"}},"#
        + #""system":{"name":"Linux","release":"6.18.44-fc-v1300"},"cpu":"x86_64","openssl_version":null,"#
        + #""setuptools_version":null,"rustc_version":null,"ci":null}"#

    /// Hatch 1.18.2: `hatch publish -r http://127.0.0.1:PORT/` (pip's object, then its HTTP library).
    static let hatch =
        #"Hatch/1.18.2 {"ci":null,"cpu":"x86_64","distro":{"id":"bookworm","libc":{"lib":"glibc","#
        + #""version":"2.36"},"name":"Debian GNU/Linux","version":"12"},"implementation":{"name":"CPython","#
        + #""version":"3.11.7"},"installer":{"name":"hatch","version":"1.18.2"},"openssl_version":"#
        + #""OpenSSL 3.0.19 27 Jan 2026","python":"3.11.7","system":{"name":"Linux","release":"6.18.44-fc-v1300"}}"#
        + " HTTPX2/2.17.0"

    @Test func pipIsReadFromItsJSON() {
        #expect(
            UserAgentParser.parse(Self.pip)
                == .client(
                    DownloadClient(
                        installer: "pip", installerVersion: "26.3", python: "3.11", implementation: "CPython",
                        system: "Linux", cpu: "x86_64", ci: nil)))
    }

    @Test func uvIsReadFromItsJSONLikePip() {
        #expect(
            UserAgentParser.parse(Self.uv)
                == .client(
                    DownloadClient(
                        installer: "uv", installerVersion: "0.13.9", python: "3.11", implementation: "CPython",
                        system: "Linux", cpu: "x86_64")))
    }

    @Test func hatchIsReadFromItsJSONDespiteTheTextAfterIt() {
        #expect(
            UserAgentParser.parse(Self.hatch)
                == .client(
                    DownloadClient(
                        installer: "hatch", installerVersion: "1.18.2", python: "3.11", implementation: "CPython",
                        system: "Linux", cpu: "x86_64")))
    }

    /// Poetry 2.5.1: `poetry lock` and `poetry install` with a primary source at the local index.
    @Test func poetryIsReadFromItsToolForm() {
        #expect(
            UserAgentParser.parse("poetry/2.5.1 CPython/3.11.7 Linux/6.18.44-fc-v1300")
                == .client(
                    DownloadClient(
                        installer: "poetry", installerVersion: "2.5.1", python: "3.11", implementation: "CPython",
                        system: "Linux")))
    }

    /// PDM 2.29.3: `pdm lock` with a `[[tool.pdm.source]]` at the local index.
    @Test func pdmIsReadFromItsToolForm() {
        #expect(
            UserAgentParser.parse("pdm/2.29.3 CPython/3.11.7 Linux/6.18.44-fc-v1300")
                == .client(
                    DownloadClient(
                        installer: "pdm", installerVersion: "2.29.3", python: "3.11", implementation: "CPython",
                        system: "Linux")))
    }

    /// twine 7.0.0: `twine upload --repository-url http://127.0.0.1:PORT/` (no system word).
    @Test func twineIsReadWithoutASystem() {
        #expect(
            UserAgentParser.parse("twine/7.0.0 CPython/3.11.7")
                == .client(
                    DownloadClient(
                        installer: "twine", installerVersion: "7.0.0", python: "3.11", implementation: "CPython")))
    }

    /// Older twine (3.x) listed its libraries before the implementation.
    @Test func olderTwineListsLibrariesFirst() {
        let userAgent =
            "twine/3.4.1 importlib_metadata/4.0.1 pkginfo/1.7.0 requests/2.25.1 requests-toolbelt/0.9.1 "
            + "tqdm/4.60.0 CPython/3.9.4"
        #expect(
            UserAgentParser.parse(userAgent)
                == .client(
                    DownloadClient(
                        installer: "twine", installerVersion: "3.4.1", python: "3.9", implementation: "CPython")))
    }

    /// flit 4.2.0: `flit publish` sends requests' own User-Agent, which linehaul reads as requests.
    @Test func flitUploadsAsRequests() {
        #expect(
            UserAgentParser.parse("python-requests/2.34.2")
                == .client(DownloadClient(installer: "requests", installerVersion: "2.34.2")))
    }

    /// bandersnatch 8.2.0 on CPython 3.12.1 (its `USER_AGENT`; it refuses an `http` master, so
    /// this one was printed by the installed package rather than recorded on the wire).
    @Test func bandersnatchIsReadWithItsParenthesis() {
        #expect(
            UserAgentParser.parse("bandersnatch/8.2.0 (cpython 3.12.1-final0, Linux x86_64) (aiohttp 3.14.5)")
                == .client(
                    DownloadClient(
                        installer: "bandersnatch", installerVersion: "8.2.0", python: "3.12",
                        implementation: "CPython", system: "Linux", cpu: "x86_64")))
    }

    /// Two lines of linehaul's own fixture (2021): pip 20 on Debian and on Ubuntu in CI.
    @Test func linehaulFixturePipLinesAreRead() {
        let debian =
            #"pip/20.1.1 {"ci":null,"cpu":"x86_64","distro":{"id":"stretch","libc":{"lib":"glibc","version":"2.24"},"#
            + #""name":"Debian GNU/Linux","version":"9"},"implementation":{"name":"CPython","version":"3.7.9"},"#
            + #""installer":{"name":"pip","version":"20.1.1"},"openssl_version":"OpenSSL 1.1.0l  10 Sep 2019","#
            + #""python":"3.7.9","setuptools_version":"47.1.0","system":{"name":"Linux","release":"4.15.0-112-generic"}}"#
        let ci =
            #"pip/20.0.2 {"ci":true,"cpu":"x86_64","implementation":{"name":"CPython","version":"3.8.5"},"#
            + #""installer":{"name":"pip","version":"20.0.2"},"python":"3.8.5","system":{"name":"Linux","#
            + #""release":"5.4.72-flatcar"}}"#
        #expect(
            UserAgentParser.parse(debian)
                == .client(
                    DownloadClient(
                        installer: "pip", installerVersion: "20.1.1", python: "3.7", implementation: "CPython",
                        system: "Linux", cpu: "x86_64")))
        guard case .client(let client) = UserAgentParser.parse(ci) else {
            Issue.record("not read")
            return
        }
        #expect(client.ci == true)
        #expect(client.python == "3.8")
    }
}
