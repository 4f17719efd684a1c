/// Two-factor recovery codes as PyPI issues them: 8 codes of 8 random bytes, shown as 16
/// lowercase hex characters, stored hashed like passwords and burned on use.
public enum RecoveryCodes {
    /// Codes per batch.
    public static let count = 8
    /// Random bytes per code.
    public static let bytesPerCode = 8

    /// A fresh batch of codes to show the user once.
    public static func generate(using generator: inout some RandomNumberGenerator) -> [String] {
        (0..<count).map { _ in
            let digits = Array("0123456789abcdef")
            return String(
                (0..<bytesPerCode).flatMap { _ -> [Character] in
                    let byte = UInt8.random(in: .min ... .max, using: &generator)
                    return [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
                })
        }
    }

    /// What the user typed, trimmed of surrounding whitespace and lowercased; `nil` unless it is
    /// then exactly 16 hex digits.
    public static func normalized(_ input: String) -> String? {
        let trimmed = input.trimmingWhitespace.lowercased()
        let valid =
            trimmed.utf8.count == 2 * bytesPerCode
            && trimmed.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        return valid ? trimmed : nil
    }

    /// The stored form of each code, hashed with `hasher`.
    public static func hashes(of codes: [String], using hasher: some PasswordHasher) throws -> [String] {
        try codes.map { try hasher.hash($0) }
    }

    /// The index of the stored hash `input` matches, or `nil`. The caller burns that code.
    public static func match(_ input: String, storedHashes: [String], using hasher: some PasswordHasher) -> Int? {
        guard let code = normalized(input) else { return nil }
        return storedHashes.firstIndex { hasher.verify(code, against: $0) != .invalid }
    }
}

extension String {
    /// Without leading and trailing Unicode whitespace.
    fileprivate var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
