import Foundation
import IndexCore
import Testing

@testable import IndexStorage

/// The export targets, the directory one always and the bucket one against a real S3 server
/// (SeaweedFS via `scripts/seaweedfs.sh`) when `CHEESESHOP_TEST_S3_*` is set.
@Suite struct ExportTargetTests {
    static func stream(_ chunks: [[UInt8]]) -> AsyncThrowingStream<[UInt8], any Error> {
        AsyncThrowingStream { continuation in
            for chunk in chunks { continuation.yield(chunk) }
            continuation.finish()
        }
    }

    /// Writes, replaces, reads, streams a file larger than a part, refuses a short stream, removes.
    static func roundTrip(_ target: any ExportTarget) async throws {
        #expect(try await target.read("simple/demo/index.html") == nil)
        #expect(try await !target.exists("simple/demo/index.html"))
        try await target.write(Array("old".utf8), to: "simple/demo/index.html", contentType: "text/html")
        try await target.write(Array("new".utf8), to: "simple/demo/index.html", contentType: "text/html")
        #expect(try await target.read("simple/demo/index.html") == Array("new".utf8))
        let large = (0..<(S3ExportTarget.partSize + (1 << 20))).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let chunks = stride(from: 0, to: large.count, by: 3 << 20).map {
            Array(large[$0..<min($0 + (3 << 20), large.count)])
        }
        try await target.write(
            stream(chunks), size: large.count, to: "packages/ab/cd/ef/demo-1.0.tar.gz",
            contentType: "application/octet-stream")
        #expect(try await target.read("packages/ab/cd/ef/demo-1.0.tar.gz") == large)
        await #expect(throws: (any Error).self) {
            try await target.write(stream([[1, 2, 3]]), size: 4, to: "packages/short", contentType: "x/y")
        }
        #expect(try await !target.exists("packages/short"), "a short stream leaves nothing")
        try await target.remove("simple/demo/index.html")
        try await target.remove("simple/demo/index.html")
        #expect(try await !target.exists("simple/demo/index.html"))
    }

    @Test func aDirectoryTarget() async throws {
        try await withTemporaryDirectory { directory in
            let target = try DirectoryExportTarget(root: directory + "/export/")
            try await Self.roundTrip(target)
            let attributes = try FileManager.default.attributesOfItem(
                atPath: directory + "/export/packages/ab/cd/ef/demo-1.0.tar.gz")
            #expect((attributes[.posixPermissions] as? Int ?? 0) & 0o044 == 0o044, "readable by the web server")
            let left = try FileManager.default.subpathsOfDirectory(atPath: directory + "/export")
            #expect(!left.contains { $0.hasSuffix(".tmp") }, "no temporary file is left: \(left)")
            for escape in ["../outside", "simple/../../x", "/etc/passwd", "a//b"] {
                await #expect(throws: BlobStoreError.self) {
                    try await target.write([1], to: escape, contentType: "x/y")
                }
            }
        }
    }

    @Test(.enabled(if: S3TestEnvironment.isConfigured, "set CHEESESHOP_TEST_S3_* (scripts/seaweedfs.sh)"))
    func aBucketTarget() async throws {
        try await withS3Store { store, _ in
            try await Self.roundTrip(S3ExportTarget(client: store.client, prefix: "mirror/"))
            #expect(try await store.client.headObject("mirror/packages/ab/cd/ef/demo-1.0.tar.gz") != nil)
        }
    }

    @Test func theNginxConfigurationNegotiatesOnAccept() {
        let configuration = StaticExportNginx.configuration(root: "/srv/export", listen: "127.0.0.1:9000")
        #expect(configuration.contains("listen 127.0.0.1:9000;") && configuration.contains("root /srv/export;"))
        #expect(configuration.contains("try_files $uri$cheeseshop_simple_page =404;"))
        #expect(configuration.contains("add_header Vary Accept always;"))
    }
}
