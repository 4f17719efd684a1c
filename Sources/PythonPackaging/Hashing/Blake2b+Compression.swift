extension Blake2b {
    /// The message word schedule for the twelve rounds (RFC 7693, section 2.7); rounds 10 and 11
    /// repeat rounds 0 and 1.
    static let sigma: [UInt8] = [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
        11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
        7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
        9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
        2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
        12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
        13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
        6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
        10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
    ]

    @inline(__always)
    private static func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value &>> count) | (value &<< (64 &- count))
    }

    /// The mixing function G (RFC 7693, section 3.1).
    @inline(__always)
    private static func mix(
        _ a: inout UInt64, _ b: inout UInt64, _ c: inout UInt64, _ d: inout UInt64,
        _ x: UInt64, _ y: UInt64
    ) {
        a = a &+ b &+ x
        d = Self.rotate(d ^ a, 32)
        c = c &+ d
        b = Self.rotate(b ^ c, 24)
        a = a &+ b &+ y
        d = Self.rotate(d ^ a, 16)
        c = c &+ d
        b = Self.rotate(b ^ c, 63)
    }

    /// The compression function F (RFC 7693, section 3.2) over the 128 bytes of `block` at
    /// `offset`, using the byte counter as it stands.
    mutating func compress(_ block: UnsafeRawBufferPointer, at offset: Int, last: Bool) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 16) { m in
            for index in 0..<16 {
                m[index] = UInt64(
                    littleEndian: block.loadUnaligned(fromByteOffset: offset + 8 * index, as: UInt64.self)
                )
            }
            compressWords(m, last: last)
        }
    }

    private mutating func compressWords(_ m: UnsafeMutableBufferPointer<UInt64>, last: Bool) {
        let h = state
        var v0 = h[0]
        var v1 = h[1]
        var v2 = h[2]
        var v3 = h[3]
        var v4 = h[4]
        var v5 = h[5]
        var v6 = h[6]
        var v7 = h[7]
        var v8 = Self.iv[0]
        var v9 = Self.iv[1]
        var v10 = Self.iv[2]
        var v11 = Self.iv[3]
        var v12 = Self.iv[4] ^ counterLow
        var v13 = Self.iv[5] ^ counterHigh
        var v14 = last ? ~Self.iv[6] : Self.iv[6]
        var v15 = Self.iv[7]
        Self.sigma.withUnsafeBufferPointer { sigma in
            for round in 0..<12 {
                let s = round * 16
                func word(_ i: Int) -> UInt64 { m[Int(sigma[s + i])] }
                Self.mix(&v0, &v4, &v8, &v12, word(0), word(1))
                Self.mix(&v1, &v5, &v9, &v13, word(2), word(3))
                Self.mix(&v2, &v6, &v10, &v14, word(4), word(5))
                Self.mix(&v3, &v7, &v11, &v15, word(6), word(7))
                Self.mix(&v0, &v5, &v10, &v15, word(8), word(9))
                Self.mix(&v1, &v6, &v11, &v12, word(10), word(11))
                Self.mix(&v2, &v7, &v8, &v13, word(12), word(13))
                Self.mix(&v3, &v4, &v9, &v14, word(14), word(15))
            }
        }
        state[0] = h[0] ^ v0 ^ v8
        state[1] = h[1] ^ v1 ^ v9
        state[2] = h[2] ^ v2 ^ v10
        state[3] = h[3] ^ v3 ^ v11
        state[4] = h[4] ^ v4 ^ v12
        state[5] = h[5] ^ v5 ^ v13
        state[6] = h[6] ^ v6 ^ v14
        state[7] = h[7] ^ v7 ^ v15
    }
}
