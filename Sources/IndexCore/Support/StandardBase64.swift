/// Standard base64 (RFC 4648 §4) decoding, padding optional.
public enum StandardBase64 {
    /// The bytes `text` encodes; `nil` for a character outside the alphabet or data after padding.
    public static func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        var accumulator: UInt32 = 0
        var bits = 0
        var sawPadding = false
        for byte in text.utf8 {
            let value: UInt32
            switch byte {
            case 65...90: value = UInt32(byte - 65)
            case 97...122: value = UInt32(byte - 97 + 26)
            case 48...57: value = UInt32(byte - 48 + 52)
            case 43: value = 62
            case 47: value = 63
            case 61:
                sawPadding = true
                continue
            default: return nil
            }
            guard !sawPadding else { return nil }
            accumulator = (accumulator << 6) | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8((accumulator >> UInt32(bits)) & 0xFF))
            }
        }
        return output
    }
}
