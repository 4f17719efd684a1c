/// Just enough XML to read S3's answers (error documents, multipart upload ids, upload
/// listings): elements found by name, their text with the five entities and character
/// references decoded. S3's documents are flat and attribute-free below the root, which is
/// all this handles.
struct S3XML {
    private let text: Substring

    /// Reads `text`.
    init(_ text: String) {
        self.text = Substring(text)
    }

    private init(_ text: Substring) {
        self.text = text
    }

    /// The decoded text of the first `<name>` element, or `nil` when there is none.
    func value(of name: String) -> String? {
        elements(named: name).first.map { Self.decoded($0.text) }
    }

    /// Every `<name>...</name>` element, in order, as documents of their own.
    func elements(named name: String) -> [S3XML] {
        var found: [S3XML] = []
        var rest = text[...]
        while let open = rest.firstRange(of: "<" + name) {
            let afterName = rest[open.upperBound...]
            guard let next = afterName.first, next == ">" || next == " " || next == "/",
                let end = afterName.firstIndex(of: ">")
            else {
                rest = afterName
                continue
            }
            if afterName[..<end].hasSuffix("/") {
                found.append(S3XML(Substring("")))
                rest = afterName[afterName.index(after: end)...]
                continue
            }
            let content = afterName[afterName.index(after: end)...]
            guard let close = content.firstRange(of: "</" + name + ">") else { break }
            found.append(S3XML(content[..<close.lowerBound]))
            rest = content[close.upperBound...]
        }
        return found
    }

    /// `text` with `&lt;`, `&gt;`, `&amp;`, `&quot;`, `&apos;` and `&#N;` / `&#xN;` decoded.
    static func decoded(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var out = ""
        var rest = text
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let entity = rest[amp...]
            guard let semicolon = entity.firstIndex(of: ";") else { break }
            let name = entity[entity.index(after: amp)..<semicolon]
            if let replacement = replacement(for: name) {
                out += replacement
            } else {
                out += entity[...semicolon]
            }
            rest = entity[entity.index(after: semicolon)...]
        }
        return out + rest
    }

    /// Escapes `text` for element content.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    private static func replacement(for name: Substring) -> String? {
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let number = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return number.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }
}
