/// One entry of a message catalog: a text, or a text per plural category. Texts name their
/// values as placeholders, `{name}`; a plural message's count is `{count}`.
///
/// A catalog's texts are written to be safe in HTML as they are: no `<`, `>`, `&` or `"` (the
/// catalog test checks it), so only the values need escaping (``Translator/html(_:_:markup:)``).
enum Message: Sendable, Equatable, ExpressibleByStringLiteral {
    case text(String)
    case plural([PluralCategory: String])

    init(stringLiteral value: String) { self = .text(value) }

    /// A plural message: `other` always, and the forms the language's rules require
    /// (``Language/pluralCategories``).
    static func plural(one: String? = nil, many: String? = nil, other: String) -> Message {
        var forms: [PluralCategory: String] = [.other: other]
        forms[.one] = one
        forms[.many] = many
        return .plural(forms)
    }

    /// Every text of the message.
    var texts: [String] {
        switch self {
        case .text(let text): [text]
        case .plural(let forms): PluralCategory.allCases.compactMap { forms[$0] }
        }
    }
}

/// A language's messages by id (`"project.files"`): English is the reference every other
/// catalog matches (``MessageCatalogs``).
typealias MessageCatalog = [String: Message]

/// The catalogs, one per language, written as Swift source (`MessageCatalog+<Language>.swift`).
enum MessageCatalogs {
    static func catalog(_ language: Language) -> MessageCatalog {
        switch language {
        case .en: english
        case .de: german
        case .fr: french
        case .es: spanish
        case .ja: japanese
        }
    }
}
