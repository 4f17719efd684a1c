/// An XML-RPC method call, read strictly: `methodCall` with `methodName` and optional `params`,
/// each `param` one `value` of type `int`/`i4`/`i8`, `boolean`, `double`, `string` (or bare
/// text), `nil`, `array`, `struct`, `base64` or `dateTime.iso8601`. Whitespace between elements
/// is allowed; anything else (attributes, stray text, DOCTYPEs, comments) is refused.
struct XMLRPCCall: Equatable, Sendable {
    /// How deep arrays and structs may nest.
    static let maximumDepth = 32

    var methodName: String
    var params: [XMLRPCValue]

    init(methodName: String, params: [XMLRPCValue] = []) {
        self.methodName = methodName
        self.params = params
    }

    /// The call in `body`.
    init(parsing body: [UInt8]) throws(XMLRPCParseError) {
        var reader = Reader(tokens: try XMLRPCTokenizer.tokens(of: body))
        self = try reader.call()
    }
}

/// A recursive-descent reader over the tokens (depth bounded by ``XMLRPCCall/maximumDepth``).
private struct Reader {
    let tokens: [XMLToken]
    var position = 0

    init(tokens: [XMLToken]) {
        self.tokens = tokens
    }

    mutating func call() throws(XMLRPCParseError) -> XMLRPCCall {
        guard try !open("methodCall") else { throw .malformed }
        let name = try scalar("methodName")
        var params: [XMLRPCValue] = []
        if peek(.open("params", empty: false)) {
            position += 1
            while !peek(.close("params")) {
                guard try !open("param") else { throw .malformed }
                params.append(try value(depth: 0))
                try close("param")
            }
            position += 1
        } else if peek(.open("params", empty: true)) {
            position += 1
        }
        try close("methodCall")
        skipSpace()
        guard position == tokens.count else { throw .malformed }
        return XMLRPCCall(methodName: name, params: params)
    }

    mutating func value(depth: Int) throws(XMLRPCParseError) -> XMLRPCValue {
        guard depth < XMLRPCCall.maximumDepth else { throw .tooDeep }
        if try open("value") { return .string("") }
        var leading = ""
        if case .text(let text) = current {
            leading = text
            position += 1
        }
        if current == .close("value") {
            position += 1
            return .string(leading)
        }
        guard Self.isSpace(leading), case .open(let type, let empty) = current else { throw .malformed }
        let value: XMLRPCValue
        switch type {
        case "int", "i4", "i8":
            value = .int(try Self.integer(try scalar(type)))
        case "boolean":
            switch try scalar(type) {
            case "0": value = .bool(false)
            case "1": value = .bool(true)
            default: throw .malformed
            }
        case "double":
            value = .double(try Self.double(try scalar(type)))
        case "string":
            value = .string(try scalar(type))
        case "base64":
            value = .base64(try scalar(type))
        case "dateTime.iso8601":
            value = .dateTime(try scalar(type))
        case "nil":
            guard try scalar(type).isEmpty else { throw .malformed }
            value = .null
        case "array":
            position += 1
            var values: [XMLRPCValue] = []
            if !empty {
                if try !open("data") {
                    while !peek(.close("data")) { values.append(try self.value(depth: depth + 1)) }
                    position += 1
                }
                try close("array")
            }
            value = .array(values)
        case "struct":
            position += 1
            var members: [XMLRPCValue.Member] = []
            if !empty {
                while !peek(.close("struct")) {
                    guard try !open("member") else { throw .malformed }
                    let name = try scalar("name")
                    members.append(.init(name: name, value: try self.value(depth: depth + 1)))
                    try close("member")
                }
                position += 1
            }
            value = .struct(members)
        default:
            throw .malformed
        }
        try close("value")
        return value
    }

    private var current: XMLToken? { position < tokens.count ? tokens[position] : nil }

    private mutating func skipSpace() {
        while case .text(let text) = current, Self.isSpace(text) { position += 1 }
    }

    /// Whether the next token after whitespace is `token` (not consumed).
    private mutating func peek(_ token: XMLToken) -> Bool {
        skipSpace()
        return current == token
    }

    /// Consumes the start tag `name` after whitespace; whether it is empty (`<name/>`).
    private mutating func open(_ name: String) throws(XMLRPCParseError) -> Bool {
        skipSpace()
        guard case .open(name, let empty) = current else { throw .malformed }
        position += 1
        return empty
    }

    private mutating func close(_ name: String) throws(XMLRPCParseError) {
        skipSpace()
        guard current == .close(name) else { throw .malformed }
        position += 1
    }

    /// The text of element `name`, which holds nothing else (`""` for `<name/>`).
    private mutating func scalar(_ name: String) throws(XMLRPCParseError) -> String {
        if try open(name) { return "" }
        var text = ""
        if case .text(let value) = current {
            text = value
            position += 1
        }
        guard current == .close(name) else { throw .malformed }
        position += 1
        return text
    }

    private static func isSpace(_ text: String) -> Bool {
        text.utf8.allSatisfy(XMLRPCTokenizer.isSpace)
    }

    /// An integer as Python's `int()` reads one here: optional whitespace and sign, ASCII digits.
    private static func integer(_ text: String) throws(XMLRPCParseError) -> Int64 {
        let digits = text.trimmingSpaces
        let unsigned = digits.first == "+" || digits.first == "-" ? digits.dropFirst() : digits[...]
        guard !unsigned.isEmpty, unsigned.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { throw .malformed }
        guard let value = Int64(digits) else { throw .numberOutOfRange }
        return value
    }

    /// A finite decimal number (no `inf` or `nan`).
    private static func double(_ text: String) throws(XMLRPCParseError) -> Double {
        let digits = text.trimmingSpaces
        guard !digits.isEmpty,
            digits.utf8.allSatisfy({ (0x30...0x39).contains($0) || [0x2B, 0x2D, 0x2E, 0x45, 0x65].contains($0) }),
            let value = Double(digits), value.isFinite
        else { throw .malformed }
        return value
    }
}

extension String {
    /// Without leading and trailing XML whitespace.
    fileprivate var trimmingSpaces: String {
        let bytes = Array(utf8)
        guard let first = bytes.firstIndex(where: { !XMLRPCTokenizer.isSpace($0) }),
            let last = bytes.lastIndex(where: { !XMLRPCTokenizer.isSpace($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
