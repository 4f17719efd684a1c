import Foundation
import IndexCore
import PythonPackaging
import Testing

@testable import IndexStorage

@Suite struct StagedBlobTests {
    @Test func digestsOfAKnownInputAreRight() async throws {
        try await withTemporaryStore { store in
            let blob = try await store.stage()
            try await blob.write(Array("ab".utf8))
            try await blob.write(Array("c".utf8))
            let digests = try await blob.finish()
            #expect(digests.md5 == "900150983cd24fb0d6963f7d28e17f72")
            #expect(digests.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
            #expect(digests.blake2b256 == "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319")
            #expect(blob.byteCount == 3)
        }
    }

    @Test(arguments: [(0, 1), (5, 5), (3 << 20 | 17, 100_000), (2 << 20, 1 << 20), (1 << 20 | 1, 3 << 20)])
    func digestsMatchTheHasherOverTheSameBytes(count: Int, chunk: Int) async throws {
        try await withTemporaryStore { store in
            let bytes = sampleBytes(count)
            let blob = try await store.staged(bytes, chunk: chunk)
            var hasher = DistributionHasher()
            hasher.update(bytes)
            #expect(try await blob.finish() == hasher.finalize())
            #expect(blob.byteCount == count)
            let staged = try #require(blob as? FileSystemStagedBlob)
            #expect(FileManager.default.contents(atPath: staged.path) == Data(bytes))
        }
    }

    @Test func stagedFileIsPrivateToTheServer() async throws {
        try await withTemporaryStore { store in
            let blob = try #require(try await store.stage() as? FileSystemStagedBlob)
            let attributes = try FileManager.default.attributesOfItem(atPath: blob.path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            #expect(blob.path.hasPrefix(store.root + "/staging/"))
            await blob.discard()
        }
    }

    @Test func archiveSourceReadsTheStagedBytes() async throws {
        try await withTemporaryStore { store in
            let bytes = sampleBytes(300_000)
            let blob = try await store.staged(bytes)
            let source = try blob.archiveSource()
            #expect(source.count == bytes.count)
            #expect(try source.bytes(at: 0, length: bytes.count) == bytes)
            #expect(try source.bytes(at: 123_456, length: 10) == Array(bytes[123_456..<123_466]))
            #expect(throws: ArchiveError("The archive is truncated.")) {
                try source.bytes(at: bytes.count - 1, length: 2)
            }
        }
    }

    @Test func archiveSourceNeedsAFinishedBlob() async throws {
        try await withTemporaryStore { store in
            let blob = try await store.stage()
            try await blob.write([1, 2, 3])
            #expect(throws: BlobStoreError.self) { try blob.archiveSource() }
            await blob.discard()
        }
    }

    @Test func discardRemovesTheFileAndCanBeRepeated() async throws {
        try await withTemporaryStore { store in
            let blob = try await store.stage()
            try await blob.write(sampleBytes(10))
            await blob.discard()
            await blob.discard()
            #expect(try names(in: store.root + "/staging").isEmpty)
            await #expect(throws: BlobStoreError.stagedBlobUnusable("discarded")) {
                try await blob.write([1])
            }
        }
    }

    @Test func writeAfterFinishIsRefusedAndFinishRepeats() async throws {
        try await withTemporaryStore { store in
            let blob = try await store.staged([1, 2, 3])
            let digests = try await blob.finish()
            await #expect(throws: BlobStoreError.stagedBlobUnusable("finished")) {
                try await blob.write([4])
            }
            #expect(try await blob.finish() == digests)
            #expect(blob.byteCount == 3)
            await blob.discard()
        }
    }

    @Test func twoStoresOnOneRootNeverShareAStagedName() async throws {
        try await withTemporaryDirectory { directory in
            let first = try FileSystemBlobStore(root: directory)
            let second = try FileSystemBlobStore(root: directory)
            let a = try #require(try await first.stage() as? FileSystemStagedBlob)
            let b = try #require(try await second.stage() as? FileSystemStagedBlob)
            #expect(a.path != b.path)
            #expect(try names(in: directory + "/staging").count == 2)
            await a.discard()
            await b.discard()
        }
    }
}
