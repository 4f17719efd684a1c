extension ProjectName {
    /// PEP 503 normalization, exactly `packaging.utils.canonicalize_name`: Python's
    /// `str.lower()`, then every run of `-`, `_` and `.` becomes a single `-`.
    public static func normalize(_ name: String) -> String {
        let lowered = PythonText.lower(name)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lowered.utf8.count)
        var inSeparatorRun = false
        for byte in lowered.utf8 {
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") {
                if !inSeparatorRun { bytes.append(UInt8(ascii: "-")) }
                inSeparatorRun = true
            } else {
                bytes.append(byte)
                inSeparatorRun = false
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `name` is a valid project name: ASCII letters and digits, with `.`, `_` and `-`
    /// allowed inside but not at either end (Warehouse's `PROJECT_NAME_RE`, packaging's
    /// `canonicalize_name(validate=True)`).
    public static func isValid(_ name: String) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, let last = bytes.last,
            PythonText.isASCIIAlphanumeric(first), PythonText.isASCIIAlphanumeric(last)
        else { return false }
        return bytes.allSatisfy { byte in
            PythonText.isASCIIAlphanumeric(byte) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }

    /// Whether `name` is already in normalized form, exactly as `packaging.utils.is_normalized_name`:
    /// lowercase ASCII letters, digits and `-`, starting and ending with a letter or digit, with
    /// no `--` from the third character on (packaging's pattern lets `a--b` through).
    public static func isNormalized(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, let last = bytes.last, first != UInt8(ascii: "-"),
            last != UInt8(ascii: "-")
        else { return false }
        for (index, byte) in bytes.enumerated() {
            let isLowerAlphanumeric =
                (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            if byte == UInt8(ascii: "-") {
                if index >= 3, bytes[index - 1] == byte { return false }
            } else if !isLowerAlphanumeric {
                return false
            }
        }
        return true
    }
}
