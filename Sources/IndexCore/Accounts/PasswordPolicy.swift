/// Why a new password was refused.
public struct PasswordPolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The message for the form.
    public let message: String
    /// What kind of refusal (the HTTP module picks the status).
    public let kind: DomainErrorKind

    init(_ message: String, kind: DomainErrorKind = .invalid) {
        self.message = message
        self.kind = kind
    }

    public var description: String { message }

    /// Under ``PasswordPolicy/minimumLength`` characters.
    public static let tooShort = PasswordPolicyError("Password must be at least 8 characters.")
    /// Over 4,096 bytes (Warehouse's message).
    public static let tooLong = PasswordPolicyError("Password too long.")
    /// A NUL byte (Warehouse's `PreventNullBytesValidator`).
    public static let nullByte = PasswordPolicyError("Null bytes are not allowed.")
    /// Weak (Warehouse's zxcvbn message when it has no more specific warning).
    public static let tooEasilyGuessed = PasswordPolicyError("Password is too easily guessed.")
}

/// The rules for a new password. Warehouse asks zxcvbn for a score of at least 2; this is a
/// smaller, honest estimate that refuses what zxcvbn scores lowest: passwords shorter than 8
/// characters, equal to or containing the username or the e-mail's local part, with fewer than
/// 5 distinct characters, all digits, keyboard or alphabet runs (`qwertyui`, `abcdefgh`,
/// `13579...` excluded), and the ~200 most common passwords (with simple digit/symbol suffixes).
public struct PasswordPolicy: Sendable {
    /// Fewest characters.
    public static let minimumLength = 8
    /// Most UTF-8 bytes (Warehouse's `MAX_PASSWORD_SIZE`).
    public static let maximumBytes = PasswordHashError.maximumPasswordBytes

    /// Creates the policy.
    public init() {}

    /// Throws the first rule `password` breaks, given the account's `username` and `email`.
    public func check(_ password: String, username: String, email: String) throws(PasswordPolicyError) {
        guard password.utf8.count <= Self.maximumBytes else { throw .tooLong }
        guard !password.unicodeScalars.contains("\0") else { throw .nullByte }
        guard password.count >= Self.minimumLength else { throw .tooShort }
        if isWeak(password.lowercased(), username: username.lowercased(), email: email.lowercased()) {
            throw .tooEasilyGuessed
        }
    }

    private func isWeak(_ password: String, username: String, email: String) -> Bool {
        let localPart = email.split(separator: "@").first.map(String.init) ?? ""
        for input in [username, localPart] where input.count >= 3 {
            if password.contains(input) { return true }
        }
        if Set(password).count < 5 { return true }
        if password.allSatisfy(\.isNumber) { return true }
        if Self.isSequence(password) { return true }
        let stem = String(password.reversed().drop { $0.isNumber || "!@#$%^&*.?_-".contains($0) }.reversed())
        return CommonPasswords.contains(password) || CommonPasswords.contains(stem)
    }

    /// Whether `password` is mostly (all but two characters) a run along a keyboard row or the
    /// alphabet, forwards or backwards.
    static func isSequence(_ password: String) -> Bool {
        let rows = [
            "1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz", "qwertzuiop",
            "azertyuiop", "1qaz2wsx3edc4rfv", "!@#$%^&*()",
        ]
        let characters = Array(password)
        var longest = 1
        var current = 1
        for index in characters.indices.dropFirst() {
            let pair = String([characters[index - 1], characters[index]])
            let reversed = String(pair.reversed())
            let adjacent = rows.contains { $0.contains(pair) || $0.contains(reversed) }
            current = adjacent ? current + 1 : 1
            longest = max(longest, current)
        }
        return longest >= characters.count - 2
    }
}
