import Foundation
import Glibc
import IndexCore
import Testing

@testable import IndexStorage

/// A full disk, made with a 256 KiB tmpfs; mounting one needs root (CAP_SYS_ADMIN), so the
/// suite is skipped where that is not allowed.
@Suite(.enabled("mounting a tmpfs needs root (CAP_SYS_ADMIN)") { try await canMountTmpfs() })
struct StorageFullTests {
    /// Runs `body` with a store on a fresh 256 KiB file system.
    func withSmallStore(_ body: (FileSystemBlobStore) async throws -> Void) async throws {
        try await withTemporaryDirectory { directory in
            try #require(mount("tmpfs", directory, "tmpfs", 0, "size=256k") == 0)
            defer { umount(directory) }
            try await body(try FileSystemBlobStore(root: directory + "/files"))
        }
    }

    @Test func aFullDiskDuringWritesFailsAsStorageFullAndRemovesTheFile() async throws {
        try await withSmallStore { store in
            let blob = try await store.stage()
            await #expect(throws: BlobStoreError.storageFull) {
                for _ in 0..<30 { try await blob.write(sampleBytes(100_000)) }
            }
            #expect(try names(in: store.root + "/staging").isEmpty)
            await #expect(throws: BlobStoreError.stagedBlobUnusable("failed (The storage is full.)")) {
                try await blob.write([1])
            }
            await blob.discard()
            // The space is free again: a small upload goes through.
            let key = key(for: [1, 2])
            try await store.store([1, 2], as: key)
            #expect(try await store.contents(of: key) == [1, 2])
        }
    }

    @Test func aFullDiskWhenFinishingFailsAsStorageFull() async throws {
        try await withSmallStore { store in
            let blob = try await store.stage()
            try await blob.write(sampleBytes(300_000))
            await #expect(throws: BlobStoreError.storageFull) { _ = try await blob.finish() }
            #expect(try names(in: store.root + "/staging").isEmpty)
        }
    }
}

/// Whether this process may mount a tmpfs (it tries, on a temporary directory).
func canMountTmpfs() async throws -> Bool {
    try await withTemporaryDirectory { directory in
        guard mount("tmpfs", directory, "tmpfs", 0, "size=64k") == 0 else { return false }
        return umount(directory) == 0
    }
}
