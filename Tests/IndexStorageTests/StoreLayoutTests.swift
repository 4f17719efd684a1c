import Foundation
import IndexCore
import Testing

@testable import IndexStorage

@Suite struct StoreLayoutTests {
    @Test func openingCreatesTheRootWithPackagesAndStaging() async throws {
        try await withTemporaryDirectory { directory in
            let store = try FileSystemBlobStore(root: directory + "/data/files/")
            #expect(store.root == directory + "/data/files")
            #expect(try names(in: store.root) == ["packages", "staging"])
            // Opening again finds everything in place.
            #expect(try FileSystemBlobStore(root: store.root).root == store.root)
        }
    }

    @Test func aRootBelowARegularFileIsRefused() async throws {
        try await withTemporaryDirectory { directory in
            #expect(FileManager.default.createFile(atPath: directory + "/file", contents: Data()))
            #expect(throws: BlobStoreError.self) { try FileSystemBlobStore(root: directory + "/file/files") }
        }
    }

    @Test func committedBlobsLiveAtTheirKeyPath() async throws {
        try await withTemporaryStore { store in
            let key = BlobKey(blake2b256: String(repeating: "c3", count: 32), filename: "demo-1.0.tar.gz")
            try await store.store([1, 2, 3], as: key)
            let path = store.root + "/packages/c3/c3/" + String(repeating: "c3", count: 30) + "/demo-1.0.tar.gz"
            #expect(FileManager.default.contents(atPath: path) == Data([1, 2, 3]))
        }
    }
}
