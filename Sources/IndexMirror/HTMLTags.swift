/// The `<a>` and `<meta>` tags of an HTML page with their attributes (entities decoded) and, for
/// an anchor, its text: as much HTML as a PEP 503 page uses, read leniently (comments skipped,
/// other tags ignored, unquoted and single-quoted values accepted).
struct HTMLTags: Sequence {
    struct Tag {
        var name: String
        var attributes: [String: String]
        var text: String
    }

    let html: [UInt8]

    init(_ html: String) {
        self.html = Array(html.utf8)
    }

    func makeIterator() -> Iterator { Iterator(html: html) }

    struct Iterator: IteratorProtocol {
        let html: [UInt8]
        var index = 0

        mutating func next() -> Tag? {
            while let open = find(UInt8(ascii: "<"), from: index) {
                index = open + 1
                if starts(with: "!--", at: index) {
                    index = find("-->", from: index).map { $0 + 3 } ?? html.count
                    continue
                }
                let nameStart = index
                while index < html.count, isNameByte(html[index]) { index += 1 }
                let name = String(decoding: html[nameStart..<index], as: UTF8.self).lowercased()
                let attributes = readAttributes()
                guard name == "a" || name == "meta" else { continue }
                var text = ""
                if name == "a" {
                    let end = find("</a", from: index, caseInsensitive: true) ?? html.count
                    text = HTMLEntities.decode(String(decoding: html[index..<end], as: UTF8.self))
                    index = end
                }
                return Tag(name: name, attributes: attributes, text: text)
            }
            index = html.count
            return nil
        }

        /// The attributes up to the tag's `>`, which is passed.
        mutating func readAttributes() -> [String: String] {
            var attributes: [String: String] = [:]
            while index < html.count {
                while index < html.count, isSpace(html[index]) || html[index] == UInt8(ascii: "/") { index += 1 }
                guard index < html.count, html[index] != UInt8(ascii: ">") else { break }
                let start = index
                while index < html.count, !isSpace(html[index]), html[index] != UInt8(ascii: "="),
                    html[index] != UInt8(ascii: ">")
                {
                    index += 1
                }
                let name = String(decoding: html[start..<index], as: UTF8.self).lowercased()
                while index < html.count, isSpace(html[index]) { index += 1 }
                var value = ""
                if index < html.count, html[index] == UInt8(ascii: "=") {
                    index += 1
                    while index < html.count, isSpace(html[index]) { index += 1 }
                    if index < html.count, html[index] == UInt8(ascii: "\"") || html[index] == UInt8(ascii: "'") {
                        let quote = html[index]
                        let valueStart = index + 1
                        let end = find(quote, from: valueStart) ?? html.count
                        value = String(decoding: html[valueStart..<end], as: UTF8.self)
                        index = Swift.min(end + 1, html.count)
                    } else {
                        let valueStart = index
                        while index < html.count, !isSpace(html[index]), html[index] != UInt8(ascii: ">") { index += 1 }
                        value = String(decoding: html[valueStart..<index], as: UTF8.self)
                    }
                }
                if !name.isEmpty, attributes[name] == nil { attributes[name] = HTMLEntities.decode(value) }
            }
            if index < html.count { index += 1 }
            return attributes
        }

        func find(_ byte: UInt8, from start: Int) -> Int? {
            var position = start
            while position < html.count {
                if html[position] == byte { return position }
                position += 1
            }
            return nil
        }

        func find(_ text: String, from start: Int, caseInsensitive: Bool = false) -> Int? {
            var position = start
            while position < html.count {
                if starts(with: text, at: position, caseInsensitive: caseInsensitive) { return position }
                position += 1
            }
            return nil
        }

        func starts(with text: String, at position: Int, caseInsensitive: Bool = false) -> Bool {
            let bytes = Array(text.utf8)
            guard position + bytes.count <= html.count else { return false }
            for (offset, byte) in bytes.enumerated() {
                var other = html[position + offset]
                if caseInsensitive, other >= 65, other <= 90 { other += 32 }
                if other != byte { return false }
            }
            return true
        }

        func isNameByte(_ byte: UInt8) -> Bool {
            (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57)
        }

        func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 || byte == 12 }
    }
}

/// HTML character references in text and attribute values: the five XML ones, `&nbsp;`, and
/// numeric references (others are left as written).
enum HTMLEntities {
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            rest = rest[ampersand...]
            guard let semicolon = rest.prefix(12).firstIndex(of: ";") else {
                output.append("&")
                rest = rest.dropFirst()
                continue
            }
            let name = rest[rest.index(after: rest.startIndex)..<semicolon]
            if let decoded = Self.character(String(name)) {
                output += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                output.append("&")
                rest = rest.dropFirst()
            }
        }
        return output + rest
    }

    private static func character(_ name: String) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return "\u{a0}"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value =
                digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }
}

/// Relative URL references resolved against a page's URL (RFC 3986 §5.2, for http and https).
enum URLResolution {
    /// The absolute URL of `reference` without its fragment, and the fragment; `nil` when the
    /// result is not an http or https URL.
    static func resolve(_ reference: String, against base: String) -> (url: String, fragment: String?)? {
        var reference = Substring(reference.trimmingSpaces)
        var fragment: String?
        if let hash = reference.firstIndex(of: "#") {
            fragment = String(reference[reference.index(after: hash)...])
            reference = reference[..<hash]
        }
        let absolute: String
        if let scheme = scheme(of: reference) {
            guard scheme == "http" || scheme == "https" else { return nil }
            absolute = String(reference)
        } else {
            guard let baseScheme = scheme(of: Substring(base)) else { return nil }
            let afterScheme = base.dropFirst(baseScheme.count + 3)
            let authorityEnd =
                afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
            let origin = base[..<authorityEnd]
            if reference.hasPrefix("//") {
                absolute = baseScheme + ":" + reference
            } else if reference.hasPrefix("/") {
                absolute = origin + removingDotSegments(String(reference))
            } else {
                var basePath = String(afterScheme[authorityEnd...])
                if let cut = basePath.firstIndex(where: { $0 == "?" || $0 == "#" }) {
                    basePath = String(basePath[..<cut])
                }
                let directory = basePath.lastIndex(of: "/").map { String(basePath[...$0]) } ?? "/"
                absolute = origin + removingDotSegments(reference.isEmpty ? basePath : directory + reference)
            }
        }
        return (absolute, fragment)
    }

    /// The scheme of an absolute reference (letters, digits, `+-.` before the first `:`, which
    /// comes before any `/`, `?` or `#`), lowercased.
    private static func scheme(of text: Substring) -> String? {
        guard let colon = text.firstIndex(where: { $0 == ":" || $0 == "/" || $0 == "?" || $0 == "#" }),
            text[colon] == ":"
        else { return nil }
        let scheme = text[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") })
        else { return nil }
        return scheme.lowercased()
    }

    private static func removingDotSegments(_ path: String) -> String {
        var query = ""
        var path = Substring(path)
        if let mark = path.firstIndex(of: "?") {
            query = String(path[mark...])
            path = path[..<mark]
        }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            switch segment {
            case ".": if index == segments.count - 1 { output.append("") }
            case "..":
                if output.count > 1 { output.removeLast() }
                if index == segments.count - 1 { output.append("") }
            default: output.append(segment)
            }
        }
        let joined = output.joined(separator: "/")
        return (joined.hasPrefix("/") ? joined : "/" + joined) + query
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
