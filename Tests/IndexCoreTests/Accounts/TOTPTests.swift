import Testing

@testable import IndexCore

@Suite struct TOTPTests {
    static let rfcSecret = Array("12345678901234567890".utf8)

    @Test(arguments: [
        (59.0, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"), (1_234_567_890, "89005924"),
        (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
    ])
    func rfc6238AppendixBVectors(time: Double, expected: String) {
        let counter = TOTP.counter(at: Timestamp(secondsSinceEpoch: time))
        #expect(TOTP.code(secret: Self.rfcSecret, counter: counter, digits: 8) == expected)
        #expect(TOTP.code(secret: Self.rfcSecret, counter: counter) == String(expected.suffix(6)))
        let now = Timestamp(secondsSinceEpoch: time)
        #expect(
            TOTP.verify(code: String(expected.suffix(6)), secret: Self.rfcSecret, now: now, lastUsedCounter: nil)
                == counter)
    }

    @Test(arguments: [-1, 0, 1, -2, 2] as [Int64])
    func acceptsOneStepEitherSide(step: Int64) {
        let now = Timestamp(secondsSinceEpoch: 1_111_111_111)
        let counter = TOTP.counter(at: now) + step
        let code = TOTP.code(secret: Self.rfcSecret, counter: counter)
        let result = TOTP.verify(code: code, secret: Self.rfcSecret, now: now, lastUsedCounter: nil)
        #expect(result == (abs(step) <= 1 ? counter : nil))
    }

    @Test func replayOfTheLastAcceptedStepIsRefused() {
        let now = Timestamp(secondsSinceEpoch: 1_234_567_890)
        let code = "005924"
        let used = TOTP.verify(code: code, secret: Self.rfcSecret, now: now, lastUsedCounter: nil)
        #expect(used != nil)
        #expect(TOTP.verify(code: code, secret: Self.rfcSecret, now: now, lastUsedCounter: used) == nil)
        let later = Timestamp(secondsSinceEpoch: now.secondsSinceEpoch + 30)
        #expect(TOTP.verify(code: code, secret: Self.rfcSecret, now: later, lastUsedCounter: used) == nil)
        let next = TOTP.code(secret: Self.rfcSecret, counter: (used ?? 0) + 1)
        #expect(TOTP.verify(code: next, secret: Self.rfcSecret, now: later, lastUsedCounter: used) == (used ?? 0) + 1)
    }

    @Test(arguments: ["005 924", " 005924", "005924 ", "00592", "0059244", "+05924", "００５９２４", "00592a", ""])
    func onlyExactlySixASCIIDigitsAreAccepted(code: String) {
        let now = Timestamp(secondsSinceEpoch: 1_234_567_890)
        #expect(TOTP.verify(code: code, secret: Self.rfcSecret, now: now, lastUsedCounter: nil) == nil)
    }

    @Test func generatedSecretsAreBase32OfTwentyBytesAndVerify() throws {
        var generator = SplitMix64(seed: 1)
        let secret = TOTP.generateSecret(using: &generator)
        #expect(secret.count == 32)
        let bytes = try #require(TOTP.base32Decode(secret))
        #expect(bytes.count == 20)
        #expect(TOTP.base32Encode(bytes) == secret)
        let now = Timestamp(secondsSinceEpoch: 1_767_225_600)
        let code = TOTP.code(secret: bytes, counter: TOTP.counter(at: now))
        #expect(TOTP.verify(code: code, secret: secret, now: now, lastUsedCounter: nil) == TOTP.counter(at: now))
        #expect(TOTP.verify(code: code, secret: "not base32!", now: now, lastUsedCounter: nil) == nil)
    }

    @Test(arguments: [
        ("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"),
        ("foobar", "MZXW6YTBOI"),
    ])
    func base32MatchesRFC4648(plain: String, encoded: String) {
        #expect(TOTP.base32Encode(Array(plain.utf8)) == encoded)
        #expect(TOTP.base32Decode(encoded.lowercased() + "==") == Array(plain.utf8))
    }

    @Test func provisioningURIEscapesTheLabel() {
        let uri = TOTP.provisioningURI(secret: "ABC", account: "jane doe", issuer: "PyPI")
        #expect(uri == "otpauth://totp/PyPI:jane%20doe?secret=ABC&issuer=PyPI&algorithm=SHA1&digits=6&period=30")
    }
}
