import Foundation
import IndexCore
import Testing

@testable import IndexStorage

@Suite struct SweepTests {
    @Test func sweepRemovesLeftoversAndKeepsLiveUploads() async throws {
        try await withTemporaryDirectory { directory in
            let root = directory + "/files"
            // A crashed process left two staged files and a directory.
            let crashed = try FileSystemBlobStore(root: root)
            let leftover = try await crashed.stage()
            try await leftover.write(sampleBytes(10))
            #expect(FileManager.default.createFile(atPath: root + "/staging/999999-1.partial", contents: Data([1])))
            try FileManager.default.createDirectory(
                atPath: root + "/staging/somedir", withIntermediateDirectories: false)

            let store = try FileSystemBlobStore(root: root)
            let live = try await store.stage()
            try await live.write([1, 2, 3])
            #expect(try await store.sweepStaged() == 2)
            #expect(try names(in: root + "/staging").count == 2)  // the live upload and the directory
            #expect(try await store.sweepStaged() == 0)

            try await live.write([4])
            let key = key(for: [1, 2, 3, 4])
            try await store.commit(live, as: key)
            #expect(try await store.contents(of: key) == [1, 2, 3, 4])
            #expect(try names(in: root + "/staging") == ["somedir"])
        }
    }
}
