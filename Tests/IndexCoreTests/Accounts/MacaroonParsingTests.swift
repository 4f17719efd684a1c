import Testing

@testable import IndexCore

@Suite struct MacaroonParsingTests {
    static func encode(_ bytes: [UInt8]) -> String { "pypi-" + Base64URL.encode(bytes) }
    static let signature = [UInt8](repeating: 7, count: 32)
    static func field(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        return [UInt8(bytes.count >> 8), UInt8(bytes.count & 0xFF)] + bytes
    }
    static let valid: [UInt8] = [1] + field("pypi.org") + field("id") + [0, 32] + signature

    @Test(
        arguments: [
            ("pypy-AAAA", TokenError.wrongPrefix),
            ("pypi-" + String(repeating: "A", count: 4092), .tooLong),
            ("pypi-AA=A", .notBase64),
            ("pypi-A", .notBase64),
            ("pypi-AB", .notBase64),  // non-zero unused bits
            (encode([2] + Array(valid.dropFirst())), .unsupportedVersion),
            (encode(Array(valid.dropLast())), .malformed),
            (encode(valid + [0]), .malformed),
            (encode([1] + field("l") + field("i") + [65]), .tooManyCaveats),
            (
                encode(
                    [1] + field("l") + field("i") + [1] + field(String(repeating: "x", count: 1025)) + [32] + signature),
                .caveatTooLong
            ),
            (encode([1] + field("l") + field("i") + [0, 31] + signature.dropLast()), .badSignatureLength),
            (encode([1, 0, 1, 0xFF] + field("i") + [0, 32] + signature), .malformed),
            ("pypi-", .malformed),
        ] as [(String, TokenError)])
    func malformedTokensAreRefused(text: String, error: TokenError) {
        #expect(throws: error) { try Macaroon(parsing: text) }
    }

    @Test func aValidEncodingParses() throws {
        let token = try Macaroon(parsing: Self.encode(Self.valid))
        #expect(token == Macaroon(location: "pypi.org", identifier: "id", caveats: [], signature: Self.signature))
        #expect(token.serialized == Self.encode(Self.valid))
    }

    @Test func randomTruncatedAndFlippedInputsNeverCrash() {
        var generator = SplitMix64(seed: 4)
        let base = Macaroon(rootKey: [1, 2, 3], identifier: "row-1", location: "pypi.org")
            .adding(.projects(named: ["a"])).adding(.expiration(expiresAt: 10, notBefore: 0))
        let bytes = Array(base.serialized.utf8)
        var refused = 0
        for round in 0..<3000 {
            var input = bytes
            switch round % 3 {
            case 0: input = Array(input.prefix(Int.random(in: 0...input.count, using: &generator)))
            case 1:
                let index = Int.random(in: 0..<input.count, using: &generator)
                input[index] ^= UInt8.random(in: 1...255, using: &generator)
            default:
                input =
                    "pypi-".utf8
                    + (0..<Int.random(in: 0...200, using: &generator)).map { _ in
                        UInt8.random(in: 0...255, using: &generator)
                    }
            }
            do {
                let parsed = try Macaroon(parsing: String(decoding: input, as: UTF8.self))
                _ = parsed.verify(rootKey: [1, 2, 3], context: CaveatContext(now: .init(secondsSinceEpoch: 5)))
            } catch { refused += 1 }
        }
        #expect(refused > 1000)
    }
}

/// A small seeded generator so random tests repeat.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
