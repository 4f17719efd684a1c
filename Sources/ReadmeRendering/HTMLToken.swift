/// One token of HTML as the sanitizer's tokenizer reads it; text and attribute values are decoded.
enum HTMLToken: Equatable, Sendable {
    /// Character data with character references already decoded.
    case text(String)
    /// A start tag; the name is lowercased, attributes keep their first occurrence only.
    case startTag(name: String, attributes: [HTMLAttribute], selfClosing: Bool)
    /// An end tag; the name is lowercased and any attributes are discarded.
    case endTag(name: String)
    /// A comment, doctype, CDATA section, processing instruction or other bogus comment.
    case comment
}

/// An attribute of a start tag: lowercased name and decoded value (`""` for a bare attribute).
struct HTMLAttribute: Equatable, Sendable {
    var name: String
    var value: String
}
