import Foundation
import IndexCore
import Testing

@testable import IndexStorage

@Suite struct ReadTests {
    @Test func aMissingKeyHasNoSizeAndCannotBeRead() async throws {
        try await withTemporaryStore { (store) async throws in
            let key = key(for: [1, 2, 3])
            #expect(try await store.size(of: key) == nil)
            await #expect(throws: BlobStoreError.missingBlob(key)) {
                _ = try await store.read(key, range: nil)
            }
        }
    }

    @Test(arguments: [0..<11, 10..<11, 11..<12, 100..<200])
    func aRangeBeyondTheBlobIsRefused(range: Range<Int>) async throws {
        try await withTemporaryStore { store in
            let key = key(for: sampleBytes(10))
            try await store.store(sampleBytes(10), as: key)
            await #expect(throws: BlobStoreError.rangeOutsideBlob(range, size: 10)) {
                _ = try await store.read(key, range: range)
            }
        }
    }

    @Test func aNegativeRangeIsRefused() async throws {
        try await withTemporaryStore { store in
            let key = key(for: sampleBytes(10))
            try await store.store(sampleBytes(10), as: key)
            await #expect(throws: BlobStoreError.rangeOutsideBlob(-1..<3, size: 10)) {
                _ = try await store.read(key, range: -1..<3)
            }
        }
    }

    @Test func aDirectoryOrASymbolicLinkIsNoBlob() async throws {
        try await withTemporaryStore { store in
            let digest = String(repeating: "0a", count: 32)
            try await store.store([1], as: BlobKey(blake2b256: digest, filename: "dir/x.whl"))
            let directory = BlobKey(blake2b256: digest, filename: "dir")
            #expect(try await store.size(of: directory) == nil)
            await #expect(throws: BlobStoreError.missingBlob(directory)) {
                _ = try await store.read(directory, range: nil)
            }
            let link = BlobKey(blake2b256: digest, filename: "link")
            try FileManager.default.createSymbolicLink(
                atPath: store.root + "/packages/" + link.path, withDestinationPath: "/etc/passwd")
            #expect(try await store.size(of: link) == nil)
        }
    }

    @Test func anAbandonedStreamLetsTheBlobBeDeleted() async throws {
        try await withTemporaryStore { store in
            let bytes = sampleBytes(300_000)
            let key = key(for: bytes)
            try await store.store(bytes, as: key)
            var iterator = try await store.read(key, range: nil).makeAsyncIterator()
            #expect(try await iterator.next()?.count == 128 * 1024)
            try await store.delete(key)
            #expect(try await store.size(of: key) == nil)
        }
    }
}
