import Crypto

/// Time-based one-time passwords (RFC 6238 over HOTP, RFC 4226) as PyPI uses them: HMAC-SHA1,
/// 6 digits, 30-second steps, the current step and one either side accepted, the last accepted
/// step never accepted again.
///
/// A code must be exactly six ASCII digits `0`-`9`. Nothing is normalised: spaces anywhere,
/// other whitespace, signs and non-ASCII digits (e.g. full-width `１`) are refused, which
/// closes the space-normalisation bypass of PyPI's 2026 audit (TOB-PYPI26-9). A form that wants
/// to accept `123 456` must say so itself, before calling ``verify(code:secret:now:lastUsedCounter:)``.
public enum TOTP {
    /// Digits in a code.
    public static let digits = 6
    /// Seconds per time step.
    public static let period: Int64 = 30
    /// Bytes of a generated secret (160 bits, RFC 4226's recommendation).
    public static let secretBytes = 20

    /// A new secret: 20 random bytes in base32 without padding.
    public static func generateSecret(using generator: inout some RandomNumberGenerator) -> String {
        base32Encode((0..<secretBytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// The `otpauth://totp/Issuer:account?secret=...&issuer=...` URI authenticator apps read
    /// from a QR code (Google Authenticator's key-URI format).
    public static func provisioningURI(secret: String, account: String, issuer: String) -> String {
        let label = percentEncoded(issuer) + ":" + percentEncoded(account)
        return "otpauth://totp/\(label)?secret=\(secret)&issuer=\(percentEncoded(issuer))"
            + "&algorithm=SHA1&digits=\(digits)&period=\(period)"
    }

    /// The time-step counter at `time`: whole 30-second steps since the epoch.
    public static func counter(at time: Timestamp) -> Int64 {
        Int64((time.secondsSinceEpoch / Double(period)).rounded(.down))
    }

    /// The HOTP value for `counter` (RFC 4226 §5.3, dynamic truncation) with `digits` digits,
    /// zero-padded, using HMAC-SHA1.
    public static func code(secret: [UInt8], counter: Int64, digits: Int = TOTP.digits) -> String {
        var message = [UInt8](repeating: 0, count: 8)
        for index in 0..<8 {
            message[index] = UInt8(truncatingIfNeeded: UInt64(bitPattern: counter) >> (56 - 8 * UInt64(index)))
        }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary =
            (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<min(max(digits, 1), 9) { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: max(0, digits - value.count)) + value
    }

    /// The time step `code` matches for the base32 `secret` at `now` (the current step or one
    /// either side), or `nil`. A step at or before `lastUsedCounter` is never accepted (replay),
    /// and `code` must be exactly six ASCII digits. Digits are compared in constant time.
    public static func verify(code: String, secret: String, now: Timestamp, lastUsedCounter: Int64?) -> Int64? {
        guard let key = base32Decode(secret), !key.isEmpty else { return nil }
        return verify(code: code, secret: key, now: now, lastUsedCounter: lastUsedCounter)
    }

    /// As the base32 overload, with the secret's bytes.
    public static func verify(code: String, secret: [UInt8], now: Timestamp, lastUsedCounter: Int64?) -> Int64? {
        let given = Array(code.utf8)
        guard given.count == digits, given.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        let current = counter(at: now)
        var matched: Int64?
        for candidate in [current - 1, current, current + 1] {
            let expected = Array(Self.code(secret: secret, counter: candidate).utf8)
            let fresh = lastUsedCounter.map { candidate > $0 } ?? true
            if ConstantTime.equals(expected, given), fresh, matched == nil { matched = candidate }
        }
        return matched
    }

    private static func percentEncoded(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                output.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = Array("0123456789ABCDEF")
                output += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)])
            }
        }
        return output
    }
}
