/// The name rule `packaging.utils.canonicalize_name(validate=True)` applies to `Name` and
/// `Provides-Extra`: ASCII letters and digits, with `.`, `_`, `-` inside (PEP 508, PEP 685).
enum DistributionName {
    static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, let last = bytes.last, isAlphanumeric(first), isAlphanumeric(last)
        else { return false }
        return bytes.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
