/// An XML-RPC value (the XML-RPC specification, with the `nil` and `i8` extensions that
/// Python's `xmlrpc.client` reads).
indirect enum XMLRPCValue: Equatable, Sendable {
    /// `<int>`, `<i4>` or `<i8>`.
    case int(Int64)
    /// `<boolean>`: `0` or `1`.
    case bool(Bool)
    /// `<double>`.
    case double(Double)
    /// `<string>`, or a `<value>` holding only text.
    case string(String)
    /// `<nil/>`.
    case null
    /// `<base64>`, its text as sent (no method here takes one).
    case base64(String)
    /// `<dateTime.iso8601>`, its text as sent (no method here takes one).
    case dateTime(String)
    /// `<array>`.
    case array([XMLRPCValue])
    /// `<struct>`, its members in the order sent.
    case `struct`([Member])

    /// A member of a struct.
    struct Member: Equatable, Sendable {
        var name: String
        var value: XMLRPCValue
    }

    /// A string, or `<nil/>` when `value` is `nil` (Warehouse answers with `allow_none`).
    static func string(_ value: String?) -> XMLRPCValue {
        value.map { .string($0) } ?? .null
    }

    /// Appends the `<value>` element, as Python's `xmlrpc.client.dumps` writes it.
    func write(to output: inout [UInt8]) {
        output.append(contentsOf: "<value>".utf8)
        switch self {
        case .int(let value):
            // Python reads <i8> for integers past 32 bits; <int> elsewhere, as every client reads.
            let tag = Int64(Int32.min)...Int64(Int32.max) ~= value ? "int" : "i8"
            output.append(contentsOf: "<\(tag)>\(value)</\(tag)>".utf8)
        case .bool(let value):
            output.append(contentsOf: "<boolean>\(value ? 1 : 0)</boolean>".utf8)
        case .double(let value):
            output.append(contentsOf: "<double>\(value)</double>".utf8)
        case .string(let value):
            output.append(contentsOf: "<string>".utf8)
            Self.escape(value, to: &output)
            output.append(contentsOf: "</string>".utf8)
        case .null:
            output.append(contentsOf: "<nil/>".utf8)
        case .base64(let value):
            output.append(contentsOf: "<base64>".utf8)
            Self.escape(value, to: &output)
            output.append(contentsOf: "</base64>".utf8)
        case .dateTime(let value):
            output.append(contentsOf: "<dateTime.iso8601>".utf8)
            Self.escape(value, to: &output)
            output.append(contentsOf: "</dateTime.iso8601>".utf8)
        case .array(let values):
            output.append(contentsOf: "<array><data>\n".utf8)
            for value in values {
                value.write(to: &output)
                output.append(UInt8(ascii: "\n"))
            }
            output.append(contentsOf: "</data></array>".utf8)
        case .struct(let members):
            output.append(contentsOf: "<struct>\n".utf8)
            for member in members {
                output.append(contentsOf: "<member>\n<name>".utf8)
                Self.escape(member.name, to: &output)
                output.append(contentsOf: "</name>\n".utf8)
                member.value.write(to: &output)
                output.append(contentsOf: "\n</member>\n".utf8)
            }
            output.append(contentsOf: "</struct>".utf8)
        }
        output.append(contentsOf: "</value>".utf8)
    }

    /// `text` as XML character data: `&`, `<`, `>` escaped, a carriage return as `&#13;` (so the
    /// reader's line-end normalization keeps it), and the characters XML 1.0 cannot carry
    /// (controls other than tab and line ends, U+FFFE, U+FFFF) left out, as Warehouse cleans
    /// user data before it answers.
    static func escape(_ text: String, to output: inout [UInt8]) {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x26: output.append(contentsOf: "&amp;".utf8)
            case 0x3C: output.append(contentsOf: "&lt;".utf8)
            case 0x3E: output.append(contentsOf: "&gt;".utf8)
            case 0x0D: output.append(contentsOf: "&#13;".utf8)
            case 0x09, 0x0A: output.append(UInt8(scalar.value))
            case 0x00..<0x20, 0xFFFE, 0xFFFF: continue
            default: UTF8.encode(scalar) { output.append($0) }
            }
        }
    }
}

/// An XML-RPC `methodResponse` body.
enum XMLRPCResponse {
    static let declaration = "<?xml version='1.0'?>\n"

    /// The response carrying `value`.
    static func success(_ value: XMLRPCValue) -> [UInt8] {
        var output = Array("\(declaration)<methodResponse>\n<params>\n<param>\n".utf8)
        value.write(to: &output)
        output.append(contentsOf: "\n</param>\n</params>\n</methodResponse>\n".utf8)
        return output
    }

    /// The response carrying `fault`.
    static func fault(_ fault: XMLRPCFault) -> [UInt8] {
        var output = Array("\(declaration)<methodResponse>\n<fault>\n".utf8)
        XMLRPCValue.struct([
            .init(name: "faultCode", value: .int(Int64(fault.code))),
            .init(name: "faultString", value: .string(fault.message)),
        ]).write(to: &output)
        output.append(contentsOf: "\n</fault>\n</methodResponse>\n".utf8)
        return output
    }
}
