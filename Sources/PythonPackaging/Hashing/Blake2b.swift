/// The BLAKE2b hash function (RFC 7693), unkeyed, with a digest of 1 to 64 bytes.
///
/// PyPI names stored files by their BLAKE2b-256 digest (`hashlib.blake2b(digest_size=32)`) and
/// accepts it as the `blake2_256_digest` upload field. Feed data in any number of ``update(_:)``
/// calls, then read ``finalize()``.
public struct Blake2b: Sendable {
    /// The initialisation vector, the same as SHA-512's (RFC 7693, section 2.6).
    static let iv: [UInt64] = [
        0x6a09_e667_f3bc_c908, 0xbb67_ae85_84ca_a73b, 0x3c6e_f372_fe94_f82b, 0xa54f_f53a_5f1d_36f1,
        0x510e_527f_ade6_82d1, 0x9b05_688c_2b3e_6c1f, 0x1f83_d9ab_fb41_bd6b, 0x5be0_cd19_137e_2179,
    ]

    /// The bytes in one block.
    static let blockSize = 128

    /// The length of the digest in bytes.
    public let digestLength: Int
    var state: [UInt64]
    private var buffer: [UInt8]
    private var buffered = 0
    var counterLow: UInt64 = 0
    var counterHigh: UInt64 = 0

    /// Starts a hash with a digest of `digestLength` bytes, or `nil` unless it is in `1...64`.
    public init?(digestLength: Int) {
        guard (1...64).contains(digestLength) else { return nil }
        self.digestLength = digestLength
        state = Self.iv
        // Parameter block word 0: digest length, key length 0, fanout 1, depth 1 (section 2.5).
        state[0] ^= 0x0101_0000 ^ UInt64(digestLength)
        buffer = [UInt8](repeating: 0, count: Self.blockSize)
    }

    /// Starts BLAKE2b-256, the variant PyPI uses (a 32-byte digest).
    public static func blake2b256() -> Blake2b {
        Blake2b(unchecked: 32)
    }

    private init(unchecked digestLength: Int) {
        self.digestLength = digestLength
        state = Self.iv
        state[0] ^= 0x0101_0000 ^ UInt64(digestLength)
        buffer = [UInt8](repeating: 0, count: Self.blockSize)
    }

    /// Hashes `bytes` after everything given so far.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if handled == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update($0) }
        }
    }

    /// Hashes the bytes in `input` after everything given so far.
    public mutating func update(_ input: UnsafeRawBufferPointer) {
        var position = 0
        let count = input.count
        // The last block is held back: only the final compression carries the last-block flag.
        if buffered > 0 || count <= Self.blockSize {
            let taken = min(Self.blockSize - buffered, count)
            buffer.withUnsafeMutableBytes { target in
                for index in 0..<taken {
                    target[buffered + index] = input[index]
                }
            }
            buffered += taken
            position = taken
            guard position < count else { return }
            compressBuffer(last: false)
        }
        while count - position > Self.blockSize {
            advanceCounter(by: Self.blockSize)
            compress(input, at: position, last: false)
            position += Self.blockSize
        }
        let rest = count - position
        buffer.withUnsafeMutableBytes { target in
            for index in 0..<rest {
                target[index] = input[position + index]
            }
        }
        buffered = rest
    }

    /// The digest of everything hashed so far; the hash can still be updated afterwards.
    public func finalize() -> [UInt8] {
        var copy = self
        copy.buffer.withUnsafeMutableBytes { target in
            for index in copy.buffered..<Self.blockSize {
                target[index] = 0
            }
        }
        copy.compressBuffer(last: true)
        var digest: [UInt8] = []
        digest.reserveCapacity(digestLength)
        for index in 0..<digestLength {
            digest.append(UInt8(truncatingIfNeeded: copy.state[index / 8] >> (8 * UInt64(index % 8))))
        }
        return digest
    }

    private mutating func advanceCounter(by count: Int) {
        let (sum, overflow) = counterLow.addingReportingOverflow(UInt64(count))
        counterLow = sum
        if overflow { counterHigh &+= 1 }
    }

    private mutating func compressBuffer(last: Bool) {
        advanceCounter(by: buffered)
        let block = buffer
        block.withUnsafeBytes { compress($0, at: 0, last: last) }
        buffered = 0
    }
}
