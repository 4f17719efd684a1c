import Crypto

/// The digests PyPI records for every uploaded file, as lowercase hex.
///
/// Warehouse computes MD5, SHA-256 and BLAKE2b-256 while it streams the upload, keeps all three
/// in the file row and serves them in the JSON API (`digests`) and simple index (`#sha256=`).
public struct DistributionDigests: Hashable, Sendable {
    /// The MD5 digest (`md5_digest`), kept for old clients.
    public let md5: String
    /// The SHA-256 digest (`sha256_digest`).
    public let sha256: String
    /// The BLAKE2b digest with 32 bytes of output (`blake2_256_digest`), which names the stored file.
    public let blake2b256: String

    /// Creates digests from their lowercase hex forms.
    public init(md5: String, sha256: String, blake2b256: String) {
        self.md5 = md5
        self.sha256 = sha256
        self.blake2b256 = blake2b256
    }

    /// Whether every supplied digest matches, as Warehouse checks the upload form's
    /// `md5_digest`, `sha256_digest` and `blake2_256_digest`: absent or empty ones are skipped,
    /// case is ignored, and comparison time does not depend on where the digests differ.
    public func matches(md5: String? = nil, sha256: String? = nil, blake2b256: String? = nil) -> Bool {
        var allMatch = true
        for (supplied, computed) in [(md5, self.md5), (sha256, self.sha256), (blake2b256, self.blake2b256)] {
            guard let supplied, !supplied.isEmpty else { continue }
            allMatch = Self.hexDigest(supplied, equals: computed) && allMatch
        }
        return allMatch
    }

    /// Compares a supplied hex digest with a computed lowercase one, ignoring the supplied one's
    /// case, in time that depends only on the lengths (like Python's `hmac.compare_digest`).
    public static func hexDigest(_ supplied: String, equals computed: String) -> Bool {
        let left = Array(supplied.utf8)
        let right = Array(computed.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in 0..<left.count {
            // Branching on the supplied byte reveals nothing about the computed digest.
            let byte = left[index]
            let lowered = (65...90).contains(byte) ? byte | 0x20 : byte
            difference |= lowered ^ right[index]
        }
        return difference == 0
    }
}

/// Computes MD5, SHA-256 and BLAKE2b-256 in one pass over a distribution streamed in chunks.
public struct DistributionHasher: Sendable {
    private var md5 = Insecure.MD5()
    private var sha256 = SHA256()
    private var blake2b = Blake2b.blake2b256()

    /// The number of bytes hashed so far.
    public private(set) var count = 0

    /// Starts with nothing hashed.
    public init() {}

    /// Hashes `chunk` after everything given so far.
    public mutating func update(_ chunk: [UInt8]) {
        chunk.withUnsafeBytes { update($0) }
    }

    /// Hashes the bytes in `chunk` after everything given so far.
    public mutating func update(_ chunk: UnsafeRawBufferPointer) {
        md5.update(bufferPointer: chunk)
        sha256.update(bufferPointer: chunk)
        blake2b.update(chunk)
        count += chunk.count
    }

    /// The digests of everything hashed so far.
    public func finalize() -> DistributionDigests {
        DistributionDigests(
            md5: Self.hex(md5.finalize()),
            sha256: Self.hex(sha256.finalize()),
            blake2b256: Self.hex(blake2b.finalize())
        )
    }

    /// The lowercase hex form of `bytes`.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
