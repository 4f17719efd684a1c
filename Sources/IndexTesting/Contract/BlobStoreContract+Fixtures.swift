import IndexCore
import PythonPackaging

extension BlobStoreContract {
    /// `count` bytes of a pattern that differs by `seed` and does not repeat every 256 bytes.
    static func pattern(_ count: Int, seed: UInt8) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ ($0 >> 9) &+ ($0 >> 17) &+ Int(seed) &* 101) }
    }

    /// The digests PyPI would record for `bytes`.
    static func digestsOf(_ bytes: [UInt8]) -> DistributionDigests {
        var hasher = DistributionHasher()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The content-addressed key of `bytes`.
    static func keyOf(_ bytes: [UInt8], filename: String = "demo-1.0.tar.gz") -> BlobKey {
        BlobKey(blake2b256: digestsOf(bytes).blake2b256, filename: filename)
    }

    /// `bytes` staged in pieces of `piece` bytes and finished.
    static func staged(_ store: any BlobStore, _ bytes: [UInt8], piece: Int = 64 * 1024) async throws -> any StagedBlob
    {
        let blob = try await store.stage()
        for start in stride(from: 0, to: bytes.count, by: piece) {
            try await blob.write(Array(bytes[start..<min(start + piece, bytes.count)]))
        }
        _ = try await blob.finish()
        return blob
    }

    /// Stages and commits `bytes` under their key; returns the key.
    static func commit(_ store: any BlobStore, _ bytes: [UInt8], piece: Int = 64 * 1024) async throws -> BlobKey {
        let key = keyOf(bytes)
        try await store.commit(try await staged(store, bytes, piece: piece), as: key)
        return key
    }

    /// Everything `read` yields for `key` (or `range` of it).
    static func contents(_ store: any BlobStore, _ key: BlobKey, range: Range<Int>? = nil) async throws -> [UInt8] {
        var all: [UInt8] = []
        for try await chunk in try await store.read(key, range: range) { all += chunk }
        return all
    }
}
