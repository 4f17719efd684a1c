/// The `RECORD` file of a wheel: one CSV row `path,hash,size` per file (PEP 376, PEP 427).
///
/// Rows are read as Python's `csv` module reads them (comma-separated, fields optionally quoted
/// with `"`, a doubled `""` inside quotes for a quote), one row per line. Every row must have
/// three fields; `hash` is empty or `algorithm=urlsafe-base64-digest-without-padding`.
public struct WheelRecord: Hashable, Sendable {
    /// One row of `RECORD`.
    public struct Row: Hashable, Sendable {
        /// The file's path in the wheel, with `\` turned into `/` as Warehouse does.
        public let path: String
        /// The hash algorithm, e.g. `sha256`, or `nil` when the row gives no hash.
        public let hashAlgorithm: String?
        /// The digest (urlsafe base64 without padding, as written), or `nil`.
        public let hashDigest: String?
        /// The file size in bytes, or `nil` when the row gives none.
        public let size: Int?
    }

    /// The rows, in file order.
    public let rows: [Row]

    /// Parses the bytes of a `RECORD` file; errors say what is wrong, for the caller to frame.
    public init(parsing bytes: [UInt8]) throws(WheelError) {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw WheelError("RECORD is not valid UTF-8")
        }
        var rows: [Row] = []
        for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.isEmpty { continue }
            let fields = try Self.fields(of: Substring(line), line: number + 1)
            guard fields.count == 3 else {
                throw WheelError("RECORD line \(number + 1) has \(fields.count) fields instead of 3")
            }
            rows.append(try Self.row(fields, line: number + 1))
        }
        self.rows = rows
    }

    private static func row(_ fields: [String], line: Int) throws(WheelError) -> Row {
        let path = String(fields[0].map { $0 == "\\" ? "/" : $0 })
        var algorithm: String?
        var digest: String?
        if !fields[1].isEmpty {
            guard let equals = fields[1].firstIndex(of: "=") else {
                throw WheelError("RECORD line \(line) has a hash without an algorithm")
            }
            algorithm = String(fields[1][..<equals])
            digest = String(fields[1][fields[1].index(after: equals)...])
        }
        var size: Int?
        if !fields[2].isEmpty {
            guard fields[2].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(fields[2]) else {
                throw WheelError("RECORD line \(line) has an invalid size '\(fields[2])'")
            }
            size = value
        }
        return Row(path: path, hashAlgorithm: algorithm, hashDigest: digest, size: size)
    }

    /// Splits one CSV line into fields (Python's `csv` excel dialect, refusing malformed quoting).
    private static func fields(of line: Substring, line number: Int) throws(WheelError) -> [String] {
        var fields: [String] = []
        var field = ""
        var characters = line.makeIterator()
        var quoted = false
        var afterQuote = false
        var atFieldStart = true
        while let character = characters.next() {
            if quoted {
                if character == "\"" {
                    quoted = false
                    afterQuote = true
                } else {
                    field.append(character)
                }
            } else if character == "," {
                fields.append(field)
                field = ""
                atFieldStart = true
                afterQuote = false
                continue
            } else if character == "\"" && afterQuote {
                field.append("\"")  // A doubled quote inside a quoted field.
                quoted = true
                afterQuote = false
            } else if character == "\"" && atFieldStart {
                quoted = true
            } else if afterQuote || character == "\"" {
                throw WheelError("RECORD line \(number) has a malformed quoted field")
            } else {
                field.append(character)
            }
            atFieldStart = false
        }
        guard !quoted else { throw WheelError("RECORD line \(number) has an unterminated quoted field") }
        fields.append(field)
        return fields
    }
}
