/// Why a request body is not an XML-RPC call this server reads.
enum XMLRPCParseError: Error, Equatable, Sendable {
    /// The body is not UTF-8 (or not what its declaration names).
    case encoding
    /// A character XML 1.0 does not allow, written or referenced.
    case invalidCharacter
    /// `<!`: a DOCTYPE, an entity declaration, a comment or CDATA, none of which XML-RPC needs
    /// (refused so no entity can expand: XXE, billion laughs).
    case markupDeclaration
    /// A processing instruction other than the XML declaration.
    case processingInstruction
    /// An entity reference other than XML's five and character references.
    case undefinedEntity
    /// Values nested deeper than ``XMLRPCCall/maximumDepth``.
    case tooDeep
    /// An integer outside 64 bits.
    case numberOutOfRange
    /// Anything else that is not well-formed XML or not an XML-RPC call.
    case malformed
}

/// A token of the document: a tag or the text between two tags (references resolved, line ends
/// normalized to LF as XML 1.0 §2.11 asks).
enum XMLToken: Equatable, Sendable {
    case open(String, empty: Bool)
    case close(String)
    case text(String)
}

/// Splits a request body into ``XMLToken``s. Only what XML-RPC uses is read: the XML declaration,
/// elements without attributes, text with the predefined and character references. Nothing is
/// fetched or expanded, so the work is linear in the body's size.
struct XMLRPCTokenizer {
    private let bytes: [UInt8]
    private var index = 0

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The tokens of `bytes`.
    static func tokens(of bytes: [UInt8]) throws(XMLRPCParseError) -> [XMLToken] {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .encoding }
        for scalar in text.unicodeScalars where !isXMLCharacter(scalar) { throw .invalidCharacter }
        var tokenizer = XMLRPCTokenizer(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { tokenizer.index = 3 }
        try tokenizer.declaration()
        var tokens: [XMLToken] = []
        while let token = try tokenizer.next() { tokens.append(token) }
        return tokens
    }

    /// XML 1.0's `Char` production.
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Reads the XML declaration, if any: version 1.x, and an encoding that is UTF-8 or, for an
    /// all-ASCII body, one of the ASCII-compatible ones Python's `xmlrpc.client` may name.
    private mutating func declaration() throws(XMLRPCParseError) {
        let opening = Array("<?xml".utf8)
        guard bytes[index...].starts(with: opening) else { return }
        let start = index + opening.count
        guard start < bytes.count, Self.isSpace(bytes[start]) else { throw .processingInstruction }
        guard let end = Self.find([0x3F, 0x3E], in: bytes, from: start) else { throw .malformed }
        var pairs: [(String, String)] = []
        var cursor = start
        while true {
            while cursor < end, Self.isSpace(bytes[cursor]) { cursor += 1 }
            guard cursor < end else { break }
            let nameStart = cursor
            while cursor < end, (0x61...0x7A).contains(bytes[cursor]) { cursor += 1 }
            let name = String(decoding: bytes[nameStart..<cursor], as: UTF8.self)
            while cursor < end, Self.isSpace(bytes[cursor]) { cursor += 1 }
            guard cursor < end, bytes[cursor] == 0x3D else { throw .malformed }
            cursor += 1
            while cursor < end, Self.isSpace(bytes[cursor]) { cursor += 1 }
            guard cursor < end, bytes[cursor] == 0x22 || bytes[cursor] == 0x27 else { throw .malformed }
            let quote = bytes[cursor]
            guard let close = bytes[(cursor + 1)..<end].firstIndex(of: quote) else { throw .malformed }
            pairs.append((name, String(decoding: bytes[(cursor + 1)..<close], as: UTF8.self)))
            cursor = close + 1
        }
        let names = pairs.map(\.0)
        guard let version = pairs.first, version.0 == "version", version.1.hasPrefix("1."),
            names == ["version", "encoding", "standalone"].filter(names.contains)
        else { throw .malformed }
        if let encoding = pairs.first(where: { $0.0 == "encoding" })?.1.lowercased() {
            switch encoding {
            case "utf-8", "utf8": break
            case "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1":
                guard bytes.allSatisfy({ $0 < 0x80 }) else { throw .encoding }
            default: throw .encoding
            }
        }
        index = end + 2
    }

    private mutating func next() throws(XMLRPCParseError) -> XMLToken? {
        guard index < bytes.count else { return nil }
        guard bytes[index] == 0x3C else { return .text(try text()) }
        guard index + 1 < bytes.count else { throw .malformed }
        switch bytes[index + 1] {
        case 0x21: throw .markupDeclaration
        case 0x3F: throw .processingInstruction
        case 0x2F:
            index += 2
            let name = try name()
            skipSpaces()
            try expect(0x3E)
            return .close(name)
        default:
            index += 1
            let name = try name()
            skipSpaces()
            if index + 1 < bytes.count, bytes[index] == 0x2F, bytes[index + 1] == 0x3E {
                index += 2
                return .open(name, empty: true)
            }
            try expect(0x3E)
            return .open(name, empty: false)
        }
    }

    /// The text up to the next `<`.
    private mutating func text() throws(XMLRPCParseError) -> String {
        var output: [UInt8] = []
        while index < bytes.count, bytes[index] != 0x3C {
            let byte = bytes[index]
            switch byte {
            case 0x26:
                try reference(into: &output)
            case 0x0D:
                output.append(0x0A)
                index += 1
                if index < bytes.count, bytes[index] == 0x0A { index += 1 }
            case 0x3E where index >= 2 && bytes[index - 1] == 0x5D && bytes[index - 2] == 0x5D:
                throw .malformed  // `]]>` outside CDATA
            default:
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// An entity or character reference at `index` (the `&`), resolved into `output`.
    private mutating func reference(into output: inout [UInt8]) throws(XMLRPCParseError) {
        guard let end = bytes[index...].prefix(12).firstIndex(of: 0x3B) else { throw .malformed }
        let name = bytes[(index + 1)..<end]
        index = end + 1
        switch String(decoding: name, as: UTF8.self) {
        case "lt": output.append(0x3C)
        case "gt": output.append(0x3E)
        case "amp": output.append(0x26)
        case "quot": output.append(0x22)
        case "apos": output.append(0x27)
        default:
            guard name.first == 0x23 else { throw .undefinedEntity }
            let hex = name.dropFirst().first == 0x78
            let digits = name.dropFirst(hex ? 2 : 1)
            guard !digits.isEmpty,
                digits.allSatisfy({ (0x30...0x39).contains($0) || (hex && (0x61...0x66).contains($0 | 0x20)) }),
                let value = UInt32(String(decoding: digits, as: UTF8.self), radix: hex ? 16 : 10),
                let scalar = Unicode.Scalar(value), Self.isXMLCharacter(scalar)
            else { throw .invalidCharacter }
            UTF8.encode(scalar) { output.append($0) }
        }
    }

    /// An element name of at most 64 ASCII name characters.
    private mutating func name() throws(XMLRPCParseError) -> String {
        let start = index
        while index < bytes.count, index - start < 64, Self.isNameByte(bytes[index]) { index += 1 }
        guard index > start, !(0x30...0x39).contains(bytes[start]), bytes[start] != 0x2D, bytes[start] != 0x2E
        else { throw .malformed }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func skipSpaces() {
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws(XMLRPCParseError) {
        guard index < bytes.count, bytes[index] == byte else { throw .malformed }
        index += 1
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x3A: true
        default: false
        }
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
