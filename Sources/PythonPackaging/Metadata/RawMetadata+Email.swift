extension RawMetadata {
    /// Reads a `METADATA` or `PKG-INFO` file: RFC 822 headers, then the body as `Description`,
    /// as `packaging.metadata.parse_email` does with Python's `email` parser (compat32 policy).
    ///
    /// Lines end at CR LF, CR or LF. A header name is printable ASCII without `:`; a line
    /// starting with a space or tab continues the previous header (the line break and the
    /// indentation are kept in the value). The headers end at the first empty line or at the
    /// first line that is neither a header nor a continuation; the rest is the body. A leading
    /// `From ` line (an mbox envelope) is skipped. Nothing here throws: fields that cannot be
    /// read land in ``unparsed`` and ``RawMetadata/validated(options:)`` reports them.
    public init(parsing bytes: [UInt8]) {
        self.init()
        let (headers, body) = EmailHeaderScanner.scan(bytes)
        // The values of each header name, in order of first appearance.
        var groups: [(key: String, values: [[UInt8]])] = []
        var groupIndex: [String: Int] = [:]
        for header in headers {
            let key = String(decoding: header.name, as: UTF8.self).lowercased()
            if let index = groupIndex[key] {
                groups[index].values.append(header.value)
            } else {
                groupIndex[key] = groups.count
                groups.append((key, [header.value]))
            }
        }
        for (key, raw) in groups {
            let decoded = raw.map { String(validating: $0, as: UTF8.self) }
            let values = zip(raw, decoded).map { $1 ?? String(decoding: $0, as: UTF8.self) }
            guard decoded.allSatisfy({ $0 != nil }) else {
                unparsed.append(UnparsedField(name: key, values: values, reason: .invalidUTF8))
                continue
            }
            guard let field = MetadataField(headerName: key) else {
                unparsed.append(UnparsedField(name: key, values: values, reason: .unrecognized))
                continue
            }
            store(values, for: field, key: key)
        }
        storeBody(body)
    }

    /// Takes the body as the description, unless the `Description` header is also present, in
    /// which case both become unparsed (the ambiguity `parse_email` refuses to resolve).
    private mutating func storeBody(_ body: [UInt8]) {
        let key = MetadataField.description.rawValue
        guard let text = String(validating: body, as: UTF8.self) else {
            let lossy = String(decoding: body, as: UTF8.self)
            if let index = unparsed.firstIndex(where: { $0.name == key }) {
                unparsed[index].values.append(lossy)
                unparsed[index].reason = .invalidUTF8
            } else {
                unparsed.append(UnparsedField(name: key, values: [lossy], reason: .invalidUTF8))
            }
            return
        }
        guard !text.isEmpty else { return }
        if let header = strings.removeValue(forKey: .description) {
            unparsed.append(UnparsedField(name: key, values: [header, text], reason: .invalidData))
        } else if let index = unparsed.firstIndex(where: { $0.name == key }) {
            unparsed[index].values.append(text)
        } else {
            strings[.description] = text
        }
    }
}

/// Splits the header block of an RFC 822 message the way Python's `email.feedparser` does.
enum EmailHeaderScanner {
    struct Header {
        var name: ArraySlice<UInt8>
        var value: [UInt8]
    }

    /// Returns the headers and the body.
    static func scan(_ bytes: [UInt8]) -> (headers: [Header], body: [UInt8]) {
        var lines: [Range<Int>] = []
        var position = 0
        var bodyStart = bytes.count
        while position < bytes.count {
            let end = lineEnd(in: bytes, from: position)
            let first = bytes[position]
            if first == 0x0D || first == 0x0A {
                bodyStart = end  // the empty line separating headers from body
                break
            }
            guard isHeaderLine(bytes[position..<end]) else {
                bodyStart = position  // not a header: the body starts here
                break
            }
            lines.append(position..<end)
            position = end
        }
        var body = Array(bytes[bodyStart...])
        if lines.count > 1, let last = lines.last, bytes[last].starts(with: fromPrefix) {
            // A `From ` line ending the headers is pushed back as the first line of the body.
            lines.removeLast()
            body = Array(bytes[last]) + body
        }
        return (headers(from: lines, in: bytes), body)
    }

    /// The offset just past the line starting at `start` and its CR LF, CR or LF.
    private static func lineEnd(in bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case 0x0A:
                return index + 1
            case 0x0D:
                return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? index + 2 : index + 1
            default:
                index += 1
            }
        }
        return index
    }

    /// `feedparser.headerRE`: `From `, a name of printable ASCII other than `:` followed by
    /// `:`, or leading white space.
    private static func isHeaderLine(_ line: ArraySlice<UInt8>) -> Bool {
        if line.starts(with: fromPrefix) { return true }
        for byte in line {
            if byte == UInt8(ascii: ":") { return true }
            if byte == 0x20 || byte == 0x09 { return byte == line.first }
            if byte < 0x21 || byte > 0x7E { return false }
        }
        return false
    }

    private static let fromPrefix = Array("From ".utf8)

    /// `feedparser._parse_headers` with `compat32.header_source_parse`.
    private static func headers(from lines: [Range<Int>], in bytes: [UInt8]) -> [Header] {
        var headers: [Header] = []
        var open = false  // whether a continuation line extends the last header
        for range in lines {
            let line = bytes[range]
            let first = bytes[range.lowerBound]
            if first == 0x20 || first == 0x09 {
                // A continuation; one with no header to extend is dropped, as Python does.
                if open { headers[headers.count - 1].value += line }
                continue
            }
            open = false
            if line.starts(with: fromPrefix) { continue }  // an envelope line: skipped
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > range.lowerBound
            else { continue }  // "Missing header name": skipped
            let value = line[(colon + 1)...].drop { $0 == 0x20 || $0 == 0x09 }
            headers.append(Header(name: line[range.lowerBound..<colon], value: Array(value)))
            open = true
        }
        for index in headers.indices {
            while let last = headers[index].value.last, last == 0x0D || last == 0x0A {
                headers[index].value.removeLast()
            }
        }
        return headers
    }
}
