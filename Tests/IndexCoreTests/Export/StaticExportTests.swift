import IndexTesting
import PythonPackaging
import Testing

@testable import IndexCore

@Suite struct StaticExportTests {
    @Test func theExportHoldsTheReadPathAndFollowsTheJournal() async throws {
        let fixture = try await UploadFixture()
        try await fixture.uploadWheel(DistributionBuilder(name: "Demo", version: "1.0"))
        let target = InMemoryExportTarget()
        let export = StaticExport(store: fixture.store, blobs: fixture.blobs, target: target)
        #expect(try await export.exportedSerial() == nil)
        let first = try #require(try await export.update(), "no export yet: everything is written")
        #expect(first.projects == 1 && first.files == 2, "the wheel and its metadata file")
        let detail = try #require(try await fixture.store.projectDetail(normalizedName: "demo"))
        let page = try #require(SimpleProjectPage(detail, urls: IndexURLs(base: "")))
        #expect(target.text("simple/demo/index.v1_json") == String(decoding: page.json(), as: UTF8.self))
        #expect(target.text("simple/demo/index.html") == String(decoding: page.html(), as: UTF8.self))
        #expect(target.text("simple/index.html")?.contains("<a href=\"/simple/demo/\">Demo</a>") == true)
        let wheel = "packages/\(detail.files[0].upload.blobPath)"
        #expect(page.files[0].url == "/\(wheel)", "links are root-relative")
        let copied = (try await target.exists(wheel), try await target.exists(wheel + ".metadata"))
        #expect(copied == (true, true))
        #expect(target.text("pypi/demo/json")?.contains("\"version\":\"1.0\"") == true)
        #expect(try await target.exists("pypi/demo/1.0/json"))
        #expect(try await export.update() == nil, "nothing changed")

        try await fixture.uploadWheel(DistributionBuilder(name: "Demo", version: "2.0"))
        let second = try #require(try await export.update())
        #expect(second.projects == 1 && second.files == 2, "only the new files are copied")
        let serial = try await fixture.store.maxSerial()
        #expect(try await export.exportedSerial() == serial)
        _ = try await DeleteRelease(store: fixture.store, clock: fixture.clock)(
            project: "demo", version: "1.0", by: fixture.alice)
        let third = try #require(try await export.update())
        #expect(third.removed == 3, "the deleted release's file, metadata file and JSON document")
        let kept = (try await target.exists(wheel), try await target.exists("pypi/demo/1.0/json"))
        #expect(kept == (false, false))
        #expect(target.text("simple/demo/index.v1_json")?.contains("2.0") == true)

        _ = try await DeleteProject(store: fixture.store, clock: fixture.clock)(project: "demo", by: fixture.alice)
        _ = try #require(try await export.update())
        #expect(
            target.paths.allSatisfy { $0.hasPrefix(".cheeseshop-export/") || $0.hasPrefix("simple/index.") },
            "a deleted project leaves nothing: \(target.paths)")
        #expect(target.text("simple/index.v1_json")?.contains("Demo") == false)
    }

    @Test func whatIsWrittenAlongsideComesBeforeTheSerial() async throws {
        let fixture = try await UploadFixture()
        try await fixture.uploadWheel(DistributionBuilder(name: "Demo", version: "1.0"))
        let target = InMemoryExportTarget()
        let export = StaticExport(store: fixture.store, blobs: fixture.blobs, target: target)
        var seen: [Int64?] = []
        _ = try await export.update { seen.append(try await export.exportedSerial()) }
        try await fixture.uploadWheel(DistributionBuilder(name: "Demo", version: "2.0"))
        let first = try #require(seen.first)
        _ = try await export.update { seen.append(try await export.exportedSerial()) }
        #expect(first == nil && seen.count == 2 && seen[1] != nil, "the serial is recorded after: \(seen)")
        let serial = try await fixture.store.maxSerial()
        #expect(try await export.exportedSerial() == serial && seen[1] != serial)
    }

    @Test func aDamagedManifestCannotRemoveOtherPaths() {
        #expect(StaticExport.isExportPath("packages/ab/cd/ef/demo-1.0.tar.gz"))
        #expect(!StaticExport.isExportPath("packages/../../etc/passwd"))
        #expect(!StaticExport.isExportPath(".cheeseshop-export/serial"))
        #expect(!StaticExport.isExportPath("simple//index.html"))
        #expect(!StaticExport.isPathSafe("..") && !StaticExport.isPathSafe("1/2") && StaticExport.isPathSafe("1.0"))
    }
}
