import Foundation
import IndexCore
import PythonPackaging
import Testing

@testable import IndexStorage

/// A fresh directory under the system's temporary directory, removed after `body`.
func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("cheeseshop-storage-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    return try await body(directory)
}

/// A store in a fresh temporary directory, removed after `body`.
func withTemporaryStore<T>(_ body: (FileSystemBlobStore) async throws -> T) async throws -> T {
    try await withTemporaryDirectory { directory in
        try await body(try FileSystemBlobStore(root: directory + "/files"))
    }
}

/// `count` bytes of a fixed, non-repeating-looking pattern.
func sampleBytes(_ count: Int, seed: UInt8 = 0) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ ($0 >> 9) &+ Int(seed)) }
}

/// The key PyPI would give `bytes` named `filename`.
func key(for bytes: [UInt8], filename: String = "demo-1.0.tar.gz") -> BlobKey {
    var hasher = DistributionHasher()
    hasher.update(bytes)
    return BlobKey(blake2b256: hasher.finalize().blake2b256, filename: filename)
}

/// The names in `directory`.
func names(in directory: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
}

extension FileSystemBlobStore {
    /// Stages `bytes`, written in pieces of `chunk` bytes, and finishes the blob.
    func staged(_ bytes: [UInt8], chunk: Int = 100_000) async throws -> any StagedBlob {
        let blob = try await stage()
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunk, bytes.count)
            try await blob.write(Array(bytes[offset..<end]))
            offset = end
        }
        _ = try await blob.finish()
        return blob
    }

    /// Stages and commits `bytes` under `key`.
    func store(_ bytes: [UInt8], as key: BlobKey) async throws {
        try await commit(try await staged(bytes), as: key)
    }

    /// All the bytes `read` yields, checking the chunk size limit.
    func contents(of key: BlobKey, range: Range<Int>? = nil) async throws -> [UInt8] {
        var all: [UInt8] = []
        for try await chunk in try await read(key, range: range) {
            #expect(!chunk.isEmpty && chunk.count <= 128 * 1024)
            all += chunk
        }
        return all
    }
}
