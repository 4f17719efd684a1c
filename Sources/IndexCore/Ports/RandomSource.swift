/// Randomness, injected like the clock (STYLE.md): session ids, token keys, TOTP secrets,
/// recovery codes, salts. Production uses the system's CSPRNG; tests may fix it.
public protocol RandomSource: Sendable {
    /// `count` random bytes.
    func bytes(_ count: Int) -> [UInt8]
}

extension RandomSource {
    /// A `RandomNumberGenerator` drawing from this source, for APIs that take one.
    public var generator: RandomSourceGenerator { RandomSourceGenerator(source: self) }

    /// `count` random bytes as lowercase hex.
    public func hex(_ count: Int) -> String {
        bytes(count).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
    }
}

/// A `RandomNumberGenerator` over a ``RandomSource``.
public struct RandomSourceGenerator: RandomNumberGenerator {
    let source: any RandomSource

    public mutating func next() -> UInt64 {
        source.bytes(8).reduce(0) { ($0 << 8) | UInt64($1) }
    }
}
