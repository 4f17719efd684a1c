import IndexCore
import Testing

/// A transparent hasher for tests: marks the input, so matching is visible.
struct MarkingHasher: PasswordHasher {
    func hash(_ password: String) throws -> String { "h:" + password }
    func verify(_ password: String, against stored: String) -> PasswordCheck {
        stored == "h:" + password ? .valid : .invalid
    }
}

@Suite struct RecoveryCodesTests {
    @Test func generatesEightDistinctSixteenHexCodes() {
        var generator = SplitMix64(seed: 9)
        let codes = RecoveryCodes.generate(using: &generator)
        #expect(codes.count == 8)
        #expect(Set(codes).count == 8)
        #expect(codes.allSatisfy { $0.count == 16 && $0.allSatisfy { "0123456789abcdef".contains($0) } })
    }

    @Test(
        arguments: [
            ("  0123456789ABCDEF\n", "0123456789abcdef"), ("0123456789abcdef", "0123456789abcdef"),
            ("0123 4567 89ab cdef", nil), ("0123456789abcde", nil), ("0123456789abcdeg", nil),
        ] as [(String, String?)])
    func inputIsTrimmedAndLowercased(input: String, expected: String?) {
        #expect(RecoveryCodes.normalized(input) == expected)
    }

    @Test func matchFindsTheStoredCode() throws {
        var generator = SplitMix64(seed: 2)
        let codes = RecoveryCodes.generate(using: &generator)
        let stored = try RecoveryCodes.hashes(of: codes, using: MarkingHasher())
        #expect(RecoveryCodes.match(" " + codes[3].uppercased(), storedHashes: stored, using: MarkingHasher()) == 3)
        #expect(RecoveryCodes.match("ffffffffffffffff", storedHashes: stored, using: MarkingHasher()) == nil)
        #expect(RecoveryCodes.match("nope", storedHashes: stored, using: MarkingHasher()) == nil)
    }
}
