import Foundation

/// The parts of a JWS protected header (RFC 7515 section 4) read before any key is chosen.
struct JOSEHeader: Decodable {
    var alg: String
    var kid: String?
    var crit: [String]?

    /// Reads the header of a compact JWS `header.payload.signature`; anything else is malformed.
    init(token: String) throws(OIDCError) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }),
            let bytes = Self.base64URLDecode(parts[0])
        else { throw .malformed }
        do {
            self = try JSONDecoder().decode(JOSEHeader.self, from: bytes)
        } catch {
            throw .malformed
        }
        // No critical extensions are understood, so any is a reason to refuse (RFC 7515 4.1.11).
        guard crit == nil else { throw .malformed }
    }

    static func base64URLDecode(_ text: Substring) -> Data? {
        guard text.utf8.allSatisfy({ $0 != UInt8(ascii: "=") }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
