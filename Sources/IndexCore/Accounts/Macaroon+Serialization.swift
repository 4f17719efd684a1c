/// The text form: `pypi-` followed by base64url (no padding) of
///
///     version (1 byte, = 1)
///     location    (2-byte big-endian length, UTF-8)
///     identifier  (2-byte big-endian length, UTF-8)
///     caveat count (1 byte, at most 64), then each caveat (2-byte length, UTF-8, at most 1024)
///     signature   (1-byte length, must be 32)
///
/// with nothing after the signature.
extension Macaroon {
    /// The prefix of every token, which leak scanners look for.
    public static let prefix = "pypi-"
    /// The longest token text accepted, checked before decoding.
    public static let maximumTextBytes = 4096
    /// The serialization version written and accepted.
    static let formatVersion: UInt8 = 1

    /// The token as text, `pypi-...`. Meant for tokens within the parsing limits (at most 64
    /// caveats of at most 1,024 bytes); longer fields would be cut and the token refused.
    public var serialized: String {
        var bytes: [UInt8] = [Self.formatVersion]
        Self.appendField(Array(location.utf8), to: &bytes)
        Self.appendField(Array(identifier.utf8), to: &bytes)
        bytes.append(UInt8(truncatingIfNeeded: caveats.count))
        for caveat in caveats { Self.appendField(Array(caveat.utf8), to: &bytes) }
        bytes.append(UInt8(truncatingIfNeeded: signature.count))
        bytes.append(contentsOf: signature)
        return Self.prefix + Base64URL.encode(bytes)
    }

    /// Parses a token's text form. Refuses a wrong prefix, text over 4,096 bytes, bad base64url,
    /// truncated or trailing bytes, an unknown version, more than 64 caveats, a caveat over
    /// 1,024 bytes, invalid UTF-8, or a signature that is not 32 bytes. Never traps.
    public init(parsing text: String) throws(TokenError) {
        guard text.utf8.count <= Self.maximumTextBytes else { throw .tooLong }
        guard text.hasPrefix(Self.prefix) else { throw .wrongPrefix }
        guard let bytes = Base64URL.decode(text.dropFirst(Self.prefix.count)) else {
            throw .notBase64
        }
        var reader = ByteReader(bytes: bytes)
        guard try reader.byte() == Self.formatVersion else { throw .unsupportedVersion }
        let location = try reader.text(lengthBytes: 2, limit: Int(UInt16.max))
        let identifier = try reader.text(lengthBytes: 2, limit: Int(UInt16.max))
        let count = try Int(reader.byte())
        guard count <= Self.maximumCaveats else { throw .tooManyCaveats }
        var caveats: [String] = []
        for _ in 0..<count {
            caveats.append(try reader.text(lengthBytes: 2, limit: Self.maximumCaveatBytes, tooLong: .caveatTooLong))
        }
        let signatureLength = try Int(reader.byte())
        guard signatureLength == 32 else { throw .badSignatureLength }
        let signature = try reader.take(signatureLength)
        guard reader.isAtEnd else { throw .malformed }
        self.init(location: location, identifier: identifier, caveats: caveats, signature: signature)
    }

    private static func appendField(_ field: [UInt8], to bytes: inout [UInt8]) {
        let length = UInt16(truncatingIfNeeded: field.count)
        bytes.append(UInt8(length >> 8))
        bytes.append(UInt8(length & 0xFF))
        bytes.append(contentsOf: field.prefix(Int(length)))
    }
}

/// Reads length-prefixed fields, throwing `.malformed` instead of reading past the end.
private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    var isAtEnd: Bool { offset == bytes.count }

    mutating func byte() throws(TokenError) -> UInt8 {
        guard offset < bytes.count else { throw .malformed }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func take(_ count: Int) throws(TokenError) -> [UInt8] {
        guard count >= 0, bytes.count - offset >= count else { throw .malformed }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func text(lengthBytes: Int, limit: Int, tooLong: TokenError = .malformed) throws(TokenError) -> String {
        var length = 0
        for _ in 0..<lengthBytes { length = try length << 8 | Int(byte()) }
        guard length <= limit else { throw tooLong }
        let field = try take(length)
        guard let text = String(validating: field, as: UTF8.self) else { throw .malformed }
        return text
    }
}
