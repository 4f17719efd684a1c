import IndexCore
import PythonPackaging

/// The text form of an API token: `pypi-<id>.<secret>`, where `<id>` names the stored token and
/// `<secret>` is checked against its SHA-256 digest. Both parts are base64url without padding.
/// The store never sees the secret.
public struct APITokenString: Hashable, Sendable {
    /// The prefix of every token, as PyPI's.
    public static let prefix = "pypi-"
    /// The longest token text accepted; anything longer is refused unread.
    static let maximumLength = 512

    /// The token's id.
    public let id: TokenID
    /// The secret.
    public let secret: String

    /// Wraps an id and a secret.
    public init(id: TokenID, secret: String) {
        self.id = id
        self.secret = secret
    }

    /// Parses `text`; `nil` when it is not a token of this form.
    public init?(parsing text: String) {
        guard text.utf8.count <= Self.maximumLength, text.hasPrefix(Self.prefix) else { return nil }
        let body = text.dropFirst(Self.prefix.count)
        guard let dot = body.firstIndex(of: ".") else { return nil }
        let id = body[..<dot]
        let secret = body[body.index(after: dot)...]
        guard !id.isEmpty, !secret.isEmpty, Self.isBase64URL(id), Self.isBase64URL(secret) else { return nil }
        self.id = TokenID(String(id))
        self.secret = String(secret)
    }

    /// The token as the user pastes it.
    public var text: String { "\(Self.prefix)\(id.rawValue).\(secret)" }

    /// The lowercase hex SHA-256 of the secret, as ``APIToken/secretDigest`` stores it.
    public var secretDigest: String { Self.sha256Hex(Array(secret.utf8)) }

    /// Whether the secret matches `stored` (a ``APIToken/secretDigest``), in constant time.
    public func matches(_ stored: String) -> Bool {
        DistributionDigests.hexDigest(secretDigest, equals: stored)
    }

    /// The lowercase hex SHA-256 of `bytes`.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        var hasher = DistributionHasher()
        hasher.update(bytes)
        return hasher.finalize().sha256
    }

    /// `bytes` in base64url without padding (RFC 4648 §5).
    public static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value: UInt32 = 0
            for (offset, byte) in chunk.enumerated() { value |= UInt32(byte) << (16 - 8 * offset) }
            for digit in 0...chunk.count { output.append(alphabet[Int((value >> (18 - 6 * digit)) & 63)]) }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func isBase64URL(_ text: Substring) -> Bool {
        text.utf8.allSatisfy { byte in
            (65...90).contains(byte) || (97...122).contains(byte) || (48...57).contains(byte) || byte == 45
                || byte == 95
        }
    }
}
