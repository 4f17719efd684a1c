import Crypto

/// The placeholder scheme Cheeseshop stored before Argon2id,
/// `$sha256-salted$<salt base64url>$<hex sha256(salt + password)>` (see `cheeseshop user
/// create`). Still verified so existing users can log in, and always reported for rehash.
public enum LegacySaltedSHA256Password {
    /// The scheme's prefix.
    public static let prefix = "$sha256-salted$"

    /// `nil` when `stored` is not in this scheme (or malformed), else whether `password` matches,
    /// compared in constant time.
    public static func matches(_ password: String, stored: String) -> Bool? {
        guard stored.hasPrefix(prefix) else { return nil }
        let parts = stored.dropFirst(prefix.count).split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 2, let salt = Base64URL.decode(parts[0]), parts[1].utf8.count == 64 else { return nil }
        let digest = SHA256.hash(data: salt + Array(password.utf8))
        let hex = digest.map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
        }.flatMap { $0 }
        return ConstantTime.equals(hex, Array(parts[1].lowercased().utf8))
    }

    /// A hash in this scheme; for tests and migrations only, never for new passwords.
    public static func hash(_ password: String, salt: [UInt8]) -> String {
        let digest = SHA256.hash(data: salt + Array(password.utf8))
        let hex = digest.map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        return prefix + Base64URL.encode(salt) + "$" + hex
    }
}
