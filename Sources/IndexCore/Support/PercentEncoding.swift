/// Percent-encoding (RFC 3986 §2.1): every byte outside `kept` becomes `%XX` (uppercase hex).
public enum PercentEncoding {
    /// Unreserved characters (RFC 3986 §2.3) and `/`: safe in a path or a query value.
    public static let unreservedAndSlash = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".utf8)
    /// A path's `pchar` (RFC 3986 §3.3) and `/`, minus `'` (it would end an HTML attribute).
    public static let pathCharacters = unreservedAndSlash.union("!$&()*+,;=:@".utf8)

    /// `text` with every byte outside `kept` percent-encoded.
    public static func encode(_ text: String, keeping kept: Set<UInt8>) -> String {
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        var out = String.UnicodeScalarView()
        for byte in text.utf8 {
            if kept.contains(byte) {
                out.append(UnicodeScalar(byte))
            } else {
                out.append("%")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(out)
    }

    /// Unreserved characters only: one path segment or one query value.
    public static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    /// `text` as one path segment (a `/` is encoded).
    public static func encodePathSegment(_ text: String) -> String { encode(text, keeping: unreserved) }

    /// `text` as a query value (`&`, `=`, `+`, space encoded).
    public static func encodeQueryValue(_ text: String) -> String { encode(text, keeping: unreserved) }
}
