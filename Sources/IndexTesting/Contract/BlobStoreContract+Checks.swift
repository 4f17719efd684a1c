import IndexCore
import PythonPackaging

extension BlobStoreContract {
    static func roundTrip(_ store: any BlobStore) async throws {
        let bytes = pattern(300_000, seed: 1)
        let blob = try await store.stage()
        for piece in stride(from: 0, to: bytes.count, by: 70_000) {
            try await blob.write(Array(bytes[piece..<min(piece + 70_000, bytes.count)]))
        }
        try expect(blob.byteCount == bytes.count, "byteCount counts every written byte")
        let digests = try await blob.finish()
        try expect(digests == digestsOf(bytes), "finish returns the digests of the written bytes")
        let key = BlobKey(blake2b256: digests.blake2b256, filename: "demo-1.0.tar.gz")
        try await store.commit(blob, as: key)
        try expect(try await contents(store, key) == bytes, "a committed blob reads back as written")
        await blob.discard()
        try expect(try await contents(store, key) == bytes, "discarding after a commit keeps the blob")
    }

    static func sizes(_ store: any BlobStore) async throws {
        let bytes = pattern(12_345, seed: 2)
        let key = try await commit(store, bytes)
        try expect(try await store.size(of: key) == bytes.count, "size(of:) is the blob's length")
        let missing = keyOf(pattern(10, seed: 99))
        try expect(try await store.size(of: missing) == nil, "a missing key has no size")
        try expect(try await store.size(of: key.metadataKey) == nil, "the metadata key is another key")
        var failed = false
        do {
            _ = try await contents(store, missing)
        } catch {
            failed = true
        }
        try expect(failed, "reading a missing key fails")
    }

    static func rangeReads(_ store: any BlobStore) async throws {
        let bytes = pattern(200_000, seed: 3)
        let key = try await commit(store, bytes)
        for range in [0..<1, 1000..<140_000, 199_999..<200_000, 0..<200_000] {
            let read = try await contents(store, key, range: range)
            try expect(read == Array(bytes[range]), "the range \(range) reads back")
        }
        try expect(try await contents(store, key, range: 5..<5) == [], "an empty range reads nothing")
    }

    static func chunking(_ store: any BlobStore) async throws {
        let bytes = pattern(3 * maximumChunk + 777, seed: 4)
        let key = try await commit(store, bytes)
        for range in [nil, 10..<(2 * maximumChunk + 20)] as [Range<Int>?] {
            var all: [UInt8] = []
            for try await chunk in try await store.read(key, range: range) {
                try expect(chunk.count <= maximumChunk, "a chunk of \(chunk.count) bytes exceeds 128 KiB")
                all += chunk
            }
            try expect(all == Array(bytes[range ?? 0..<bytes.count]), "the chunks join to the blob")
        }
    }

    static func sameBytesTwice(_ store: any BlobStore) async throws {
        let bytes = pattern(50_000, seed: 5)
        let key = try await commit(store, bytes)
        let again = try await staged(store, bytes)
        try await store.commit(again, as: key)
        await again.discard()
        try expect(try await contents(store, key) == bytes, "the blob is unchanged by a second commit")
        try expect(try await store.sweepStaged() == 0, "the second commit left no staged blob")
    }

    static func otherBytesRefused(_ store: any BlobStore) async throws {
        let bytes = pattern(40_000, seed: 6)
        let key = try await commit(store, bytes)
        for other in [pattern(40_000, seed: 7), pattern(40_001, seed: 6), Array(bytes.prefix(39_999))] {
            let blob = try await staged(store, other)
            do {
                try await store.commit(blob, as: key)
                throw ContractViolation(message: "a commit of other bytes under a taken key succeeded", line: #line)
            } catch let error as BlobStoreError {
                try expect(error == .keyHoldsOtherContent, "expected keyHoldsOtherContent, got \(error)")
            }
            await blob.discard()
            try expect(try await contents(store, key) == bytes, "the original blob stays intact")
        }
    }

    static func deletion(_ store: any BlobStore) async throws {
        let bytes = pattern(1000, seed: 8)
        let key = try await commit(store, bytes)
        try await store.delete(key)
        try expect(try await store.size(of: key) == nil, "a deleted blob has no size")
        try await store.delete(key)
        try await store.delete(keyOf(pattern(10, seed: 98)))
        let recommitted = try await commit(store, bytes)
        try expect(try await contents(store, recommitted) == bytes, "a deleted key can be committed again")
    }

    static func largeBlob(_ store: any BlobStore, size: Int) async throws {
        let bytes = pattern(size, seed: 9)
        let key = try await commit(store, bytes, piece: 1 << 20)
        try expect(try await store.size(of: key) == size, "the large blob has its size")
        try expect(try await contents(store, key) == bytes, "the large blob reads back")
        let tail = (size - 100_000)..<size
        try expect(try await contents(store, key, range: tail) == Array(bytes[tail]), "its last part reads back")
        let again = try await staged(store, bytes, piece: 1 << 20)
        try await store.commit(again, as: key)
        try expect(try await store.size(of: key) == size, "committing it again is a no-op")
    }

    static func discard(_ store: any BlobStore) async throws {
        let blob = try await store.stage()
        try await blob.write(pattern(10_000, seed: 10))
        await blob.discard()
        await blob.discard()
        try expect(try await store.sweepStaged() == 0, "a discarded blob leaves nothing to sweep")
        try expect(try await store.size(of: keyOf(pattern(10_000, seed: 10))) == nil, "nor anything committed")
        let finished = try await staged(store, pattern(10, seed: 11))
        await finished.discard()
        try expect(try await store.sweepStaged() == 0, "a discarded finished blob leaves nothing to sweep")
    }

    static func emptyBlob(_ store: any BlobStore) async throws {
        let key = try await commit(store, [])
        try expect(try await store.size(of: key) == 0, "an empty blob has size 0")
        try expect(try await contents(store, key) == [], "an empty blob reads back empty")
        try expect(try await contents(store, key, range: 0..<0) == [], "its empty range reads back empty")
    }
}
