import IndexCore
import IndexTesting
import Testing

/// What a log line counts as (`DownloadTarget`, `DownloadLogBatch`), and a log counted once.
@Suite struct DownloadLogBatchTests {
    static let pip =
        #"pip/24.0 {\"installer\":{\"name\":\"pip\",\"version\":\"24.0\"},\"python\":\"3.12.1\",\"system\":{\"name\":\"Linux\"}}"#

    static func line(_ path: String, status: Int = 200, method: String = "GET", agent: String = pip) -> String {
        #"10.0.0.1 - - [07/Dec/2026:10:00:00 +0000] "\#(method) \#(path) HTTP/1.1" \#(status) 100 "-" "\#(agent)""#
    }

    @Test func targetsOfPaths() {
        #expect(
            DownloadTarget(path: "/packages/ab/cd/ef/Demo_Pkg-1.0-py3-none-any.whl")
                == DownloadTarget(
                    kind: .file, project: "demo-pkg", version: "1.0", filename: "Demo_Pkg-1.0-py3-none-any.whl"))
        #expect(DownloadTarget(path: "/files/demo-2.0.tar.gz")?.version == "2.0")
        #expect(DownloadTarget(path: "/x/demo-2.0.zip")?.project == "demo")
        #expect(DownloadTarget(path: "/simple/Demo.Pkg/") == DownloadTarget(kind: .page, project: "demo-pkg"))
        #expect(DownloadTarget(path: "/simple/demo/index.html")?.kind == .page)
        #expect(DownloadTarget(path: "/simple/") == nil)
        #expect(DownloadTarget(path: "/simple/demo/extra") == nil)
        #expect(DownloadTarget(path: "/packages/ab/cd/ef/demo-1.0-py3-none-any.whl.metadata") == nil)
        #expect(DownloadTarget(path: "/packages/ab/cd/ef/notes.txt") == nil)
        #expect(DownloadTarget(path: "/packages/ab/cd/ef/bad-wheel.whl") == nil)
    }

    @Test func whatALogLineCounts() {
        var batch = DownloadLogBatch(format: .combined)
        let wheel = "/packages/ab/cd/ef/demo-1.0-py3-none-any.whl"
        for line in [
            Self.line(wheel), Self.line(wheel), Self.line(wheel, status: 304), Self.line(wheel, status: 404),
            Self.line(wheel, method: "HEAD"), Self.line("/simple/demo/", status: 304),
            Self.line(wheel, agent: "Datadog Agent/7.50"), Self.line(wheel, agent: "something/1"), "garbage",
        ] {
            batch.add(line[...], bytes: line.utf8.count + 1)
        }
        #expect(batch.lines == 9 && batch.counted == 4)
        let files = batch.counts.filter { $0.key.kind == .file }
        #expect(files.values.reduce(0, +) == 3)
        let pip = files.first { $0.key.client.installer == "pip" }
        #expect(pip?.value == 2 && pip?.key.client.python == "3.12" && pip?.key.day == 20_794)
        #expect(files.contains { $0.key.client == DownloadClient() }, "an unknown agent counts with no client")
        #expect(batch.counts.contains { $0.key.kind == .page && $0.value == 1 })
        batch.clear()
        #expect(batch.counts.isEmpty && batch.lines == 0 && batch.bytes == 0)
    }

    @Test func aClientsFieldsAreCut() {
        var batch = DownloadLogBatch(format: .combined)
        let long = String(repeating: "x", count: 500)
        let agent = #"pip/24.0 {\"installer\":{\"name\":\"pip\",\"version\":\"\#(long)\"},\"python\":\"3.12.1\"}"#
        let line = Self.line("/packages/a/b/c/demo-1.0.tar.gz", agent: agent)
        batch.add(line[...], bytes: line.utf8.count + 1)
        let client = batch.counts.keys.first?.client
        #expect(client?.installer == "pip" && client?.installerVersion.count == DownloadClient.fieldLimit)
    }

    @Test func linehaulNamesTheProjectAsTheCDNKnewIt() {
        var batch = DownloadLogBatch(format: .linehaul)
        let line =
            #"download|Thu, 07 Jan 2021 20:54:54 GMT|US|/packages/f7/12/ec/threadpoolctl-2.1.0-py3-none-any.whl|TLSv1.2|ECDHE|threadpoolctl|2.1.0|bdist_wheel|pip/20.1.1 {"installer":{"name":"pip","version":"20.1.1"},"python":"3.7.9"}"#
        batch.add(line[...], bytes: line.utf8.count + 1)
        let key = batch.counts.keys.first
        #expect(key?.project == "threadpoolctl" && key?.version == "2.1.0" && key?.client.python == "3.7")
    }

    @Test func aLogIsCountedOnceAndResumes() async throws {
        let store = InMemoryIndexStore()
        let id = DownloadLogBatch.logID(firstLine: Array("first line".utf8))
        #expect(id.count == 64)
        var batch = DownloadLogBatch(format: .combined)
        let line = Self.line("/packages/a/b/c/demo-1.0.tar.gz")
        batch.add(line[...], bytes: line.utf8.count + 1)
        let first = try await store.commit(batch, logID: id, after: nil)
        #expect(first.offset == line.utf8.count + 1 && first.lines == 1 && first.counted == 1)
        await #expect(throws: IndexStoreError.conflict(.downloadLog(id))) {
            _ = try await store.commit(batch, logID: id, after: nil)
        }
        let second = try await store.commit(batch, logID: id, after: first)
        #expect(second.offset == 2 * first.offset && second.lines == 2)
        let totals = try await store.downloadTotals(
            project: "demo", kind: .file, days: 0...100_000, by: .total, mirrors: true)
        #expect(totals.map(\.count) == [2])
    }
}
