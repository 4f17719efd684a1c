import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import Testing

@testable import IndexHTTP

/// The pypistats-compatible API, the CSV export and `info.downloads`, on counts put in the store.
@Suite struct DownloadStatisticsAPITests {
    static let pip = DownloadClient(
        installer: "pip", installerVersion: "24.0", python: "3.12", implementation: "CPython", system: "Linux",
        cpu: "x86_64", ci: false)
    static let uv = DownloadClient(installer: "uv", installerVersion: "0.5.1", python: "3.13", system: "Darwin")
    static let mirror = DownloadClient(installer: "bandersnatch", installerVersion: "6.5.0")
    static let browser = DownloadClient(installer: "Browser", system: "FreeBSD")

    /// A fixture with the demo wheel and counts today (3 pip, 2 uv, 4 mirror, 1 browser) and
    /// 6 pip downloads 10 days ago.
    static func counted() async throws -> (HTTPFixture, Int) {
        let fixture = try await HTTPFixture()
        let file = try await fixture.uploadDemoWheel()
        let today = Int(fixture.clock.now().secondsSinceEpoch / 86_400)
        func key(_ day: Int, _ client: DownloadClient) -> DownloadKey {
            DownloadKey(day: day, kind: .file, project: "demo", version: "1.0", filename: file.filename, client: client)
        }
        try await fixture.store.addDownloads([
            key(today, pip): 3, key(today, uv): 2, key(today, mirror): 4, key(today, browser): 1,
            key(today - 10, pip): 6,
            DownloadKey(day: today, kind: .page, project: "demo", client: pip): 9,
        ])
        return (fixture, today)
    }

    static func json(_ response: TestResponse) throws -> String {
        #expect(response.status.code == 200)
        #expect(response.headers[.contentType] == "application/json")
        return String(buffer: response.body)
    }

    @Test func recentAndOverallAnswerAsPypistats() async throws {
        let (fixture, today) = try await Self.counted()
        let date = DownloadStatistics.date(today)
        let before = DownloadStatistics.date(today - 10)
        try await fixture.application.test(.router) { client in
            let recent = try Self.json(try await client.execute(uri: "/api/packages/demo/recent", method: .get))
            #expect(
                recent
                    == #"{"data":{"last_day":10,"last_month":16,"last_week":10},"package":"demo","type":"recent_downloads"}"#
            )
            let week = try Self.json(
                try await client.execute(uri: "/api/packages/Demo/recent?period=week", method: .get))
            #expect(week.contains(#""data":{"last_week":10}"#))
            let overall = try Self.json(try await client.execute(uri: "/api/packages/demo/overall", method: .get))
            #expect(
                overall == #"{"data":[{"category":"with_mirrors","date":"\#(before)","downloads":6},"#
                    + #"{"category":"with_mirrors","date":"\#(date)","downloads":10},"#
                    + #"{"category":"without_mirrors","date":"\#(before)","downloads":6},"#
                    + #"{"category":"without_mirrors","date":"\#(date)","downloads":6}],"package":"demo","type":"overall_downloads"}"#
            )
            let without = try Self.json(
                try await client.execute(uri: "/api/packages/demo/overall?mirrors=false", method: .get))
            #expect(!without.contains("with_mirrors\""))
            #expect(
                try await client.execute(uri: "/api/packages/demo/overall?mirrors=yes", method: .get).status.code == 400
            )
            #expect(
                try await client.execute(uri: "/api/packages/demo/recent?period=year", method: .get).status.code == 400)
            #expect(try await client.execute(uri: "/api/packages/nothing/overall", method: .get).status.code == 404)
            #expect(try await client.execute(uri: "/api/packages/demo/colours", method: .get).status.code == 404)
        }
    }

    @Test func pythonAndSystemSeriesLeaveMirrorsOut() async throws {
        let (fixture, today) = try await Self.counted()
        let date = DownloadStatistics.date(today)
        try await fixture.application.test(.router) { client in
            let major = try Self.json(try await client.execute(uri: "/api/packages/demo/python_major", method: .get))
            #expect(major.contains(#"{"category":"3","date":"\#(date)","downloads":5}"#))
            #expect(major.contains(#"{"category":"null","date":"\#(date)","downloads":1}"#))
            #expect(major.contains(#""type":"python_major_downloads""#))
            let minor = try Self.json(
                try await client.execute(uri: "/api/packages/demo/python_minor?version=3.13", method: .get))
            #expect(
                minor
                    == #"{"data":[{"category":"3.13","date":"\#(date)","downloads":2}],"package":"demo","type":"python_minor_downloads"}"#
            )
            let system = try Self.json(try await client.execute(uri: "/api/packages/demo/system", method: .get))
            #expect(system.contains(#"{"category":"Darwin","date":"\#(date)","downloads":2}"#))
            #expect(system.contains(#"{"category":"Linux","date":"\#(date)","downloads":3}"#))
            #expect(system.contains(#"{"category":"other","date":"\#(date)","downloads":1}"#))
            let linux = try Self.json(try await client.execute(uri: "/api/packages/demo/system?os=linux", method: .get))
            #expect(!linux.contains("Darwin") && linux.contains("Linux"))
        }
    }

    @Test func theCSVExportHasEveryRow() async throws {
        let (fixture, today) = try await Self.counted()
        try await fixture.application.test(.router) { client in
            let response = try await client.execute(uri: "/api/packages/demo/downloads.csv", method: .get)
            #expect(response.status.code == 200)
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = String(buffer: response.body).split(separator: "\r\n")
            #expect(lines.first?.hasPrefix("date,kind,project,version,filename,installer") == true)
            #expect(lines.count == 1 + 6)
            #expect(
                lines.contains {
                    $0.hasPrefix(
                        "\(DownloadStatistics.date(today)),page,demo,,,pip,24.0,3.12,CPython,Linux,x86_64,false,false,9"
                    )
                })
        }
        #expect(DownloadStatisticsController.csvField("a,b") == "\"a,b\"")
        #expect(DownloadStatisticsController.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(DownloadStatisticsController.csvField("=cmd()") == "'=cmd()")
    }

    @Test func theJSONAPIFillsInfoDownloads() async throws {
        let (fixture, _) = try await Self.counted()
        try await fixture.application.test(.router) { client in
            let body = String(buffer: try await client.execute(uri: "/pypi/demo/json", method: .get).body)
            #expect(body.contains(#""downloads":{"last_day":10,"last_month":16,"last_week":10}"#))
        }
    }
}
