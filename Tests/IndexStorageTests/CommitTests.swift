import Foundation
import IndexCore
import PythonPackaging
import Testing

@testable import IndexStorage

@Suite struct CommitTests {
    @Test func committedBlobReadsBackWholeAndInRanges() async throws {
        try await withTemporaryStore { store in
            let bytes = sampleBytes(1_000_003)
            let key = key(for: bytes)
            try await store.store(bytes, as: key)
            #expect(try await store.size(of: key) == bytes.count)
            #expect(try await store.contents(of: key) == bytes)
            #expect(try await store.contents(of: key, range: 130_000..<400_001) == Array(bytes[130_000..<400_001]))
            #expect(try await store.contents(of: key, range: 5..<5).isEmpty)
            #expect(try await store.contents(of: key, range: 0..<bytes.count) == bytes)
            #expect(FileManager.default.fileExists(atPath: store.root + "/packages/" + key.path))
            #expect(try names(in: store.root + "/staging").isEmpty)
        }
    }

    @Test func readChunksAreAtMost128KiB() async throws {
        try await withTemporaryStore { store in
            let bytes = sampleBytes(3 * 128 * 1024 + 1)
            let key = key(for: bytes)
            try await store.store(bytes, as: key)
            var sizes: [Int] = []
            for try await chunk in try await store.read(key, range: nil) { sizes.append(chunk.count) }
            #expect(sizes == [131_072, 131_072, 131_072, 1])
        }
    }

    @Test func committingTheSameBytesAgainIsANoOp() async throws {
        try await withTemporaryStore { store in
            let bytes = sampleBytes(5000)
            let key = key(for: bytes)
            try await store.store(bytes, as: key)
            let again = try await store.staged(bytes)
            try await store.commit(again, as: key)
            #expect(try await store.contents(of: key) == bytes)
            #expect(try names(in: store.root + "/staging").isEmpty)
            await again.discard()
        }
    }

    @Test func otherBytesUnderAnExistingKeyAreRefusedAndTheOriginalKept() async throws {
        try await withTemporaryStore { store in
            let original = sampleBytes(5000)
            let key = key(for: original)
            try await store.store(original, as: key)
            for other in [sampleBytes(5000, seed: 1), sampleBytes(4999), sampleBytes(5001)] {
                let blob = try await store.staged(other)
                await #expect(throws: BlobStoreError.keyHoldsOtherContent) {
                    try await store.commit(blob, as: key)
                }
                #expect(try await store.contents(of: key) == original)
                #expect(try names(in: store.root + "/staging").count == 1)
                await blob.discard()
                #expect(try names(in: store.root + "/staging").isEmpty)
            }
        }
    }

    @Test func concurrentCommitsOfTheSameBytesAllSucceed() async throws {
        try await withTemporaryStore { store in
            let bytes = sampleBytes(2_500_000)
            let key = key(for: bytes)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await store.store(bytes, as: key) }
                }
                try await group.waitForAll()
            }
            #expect(try await store.contents(of: key) == bytes)
            #expect(try names(in: store.root + "/staging").isEmpty)
        }
    }

    @Test func commitFinishesAnUnfinishedBlob() async throws {
        try await withTemporaryStore { store in
            let blob = try await store.stage()
            try await blob.write([7, 8, 9])
            let key = key(for: [7, 8, 9])
            try await store.commit(blob, as: key)
            #expect(try await store.contents(of: key) == [7, 8, 9])
            await #expect(throws: BlobStoreError.stagedBlobUnusable("committed")) {
                try await store.commit(blob, as: key.metadataKey)
            }
            await blob.discard()
            #expect(try await store.size(of: key) == 3)
        }
    }

    @Test func aBlobStagedByAnotherStoreIsRefused() async throws {
        try await withTemporaryStore { store in
            try await withTemporaryStore { other in
                let blob = try await other.staged([1])
                await #expect(throws: BlobStoreError.foreignStagedBlob) {
                    try await store.commit(blob, as: key(for: [1]))
                }
                await blob.discard()
            }
        }
    }

    @Test func deleteRemovesABlobAndIgnoresAMissingOne() async throws {
        try await withTemporaryStore { store in
            let key = key(for: [1, 2])
            try await store.store([1, 2], as: key)
            try await store.delete(key)
            #expect(try await store.size(of: key) == nil)
            try await store.delete(key)
            try await store.delete(key.metadataKey)
            try await store.delete(BlobKey(blake2b256: String(repeating: "ab", count: 32), filename: "x.whl"))
        }
    }
}
