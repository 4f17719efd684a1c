/// A language the web pages are written in. The simple index, the JSON API, the files and the
/// feeds are not localized; only the HTML pages for people are (``Translator``).
enum Language: String, CaseIterable, Hashable, Sendable {
    case en, de, fr, es, ja

    /// The language pages fall back to when nothing the client accepts is available.
    static let fallback = Language.en

    /// The language's name in itself, as the language picker lists it.
    var endonym: String {
        switch self {
        case .en: "English"
        case .de: "Deutsch"
        case .fr: "Français"
        case .es: "Español"
        case .ja: "日本語"
        }
    }

    /// The BCP 47 tag of `<html lang>` and `Content-Language`.
    var tag: String { rawValue }

    /// The language named by a tag or language range (`de`, `de-CH`, `ja-JP`), by its primary
    /// subtag, case-insensitively; `nil` when it is not one of ours.
    init?(tag: some StringProtocol) {
        let primary = tag.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        self.init(rawValue: primary.lowercased())
    }
}

/// A CLDR plural category (Unicode TR35, "Language Plural Rules").
enum PluralCategory: String, CaseIterable, Hashable, Sendable {
    case zero, one, two, few, many, other
}

extension Language {
    /// The categories CLDR's cardinal rules give this language for integers: every plural
    /// message of its catalog has a form for each (the catalog test checks it).
    var pluralCategories: [PluralCategory] {
        switch self {
        case .en, .de: [.one, .other]
        case .fr, .es: [.one, .many, .other]
        case .ja: [.other]
        }
    }

    /// The CLDR cardinal category of the integer `count` (CLDR 46 `plurals.xml`, integers only,
    /// so the visible fraction digits `v` are 0 and the exponent `e` is 0):
    /// - en, de: one for `i = 1`; other.
    /// - es: one for `n = 1`; many for `i != 0 and i % 1000000 = 0`; other.
    /// - fr: one for `i = 0,1`; many for `i != 0 and i % 1000000 = 0`; other.
    /// - ja: other.
    func pluralCategory(_ count: Int) -> PluralCategory {
        let i = count.magnitude
        switch self {
        case .en, .de:
            return i == 1 ? .one : .other
        case .es:
            if i == 1 { return .one }
            return i != 0 && i % 1_000_000 == 0 ? .many : .other
        case .fr:
            if i == 0 || i == 1 { return .one }
            return i % 1_000_000 == 0 ? .many : .other
        case .ja:
            return .other
        }
    }

    /// The decimal separator of the language's numbers (CLDR): `.` (en, ja) or `,`.
    var decimalSeparator: String {
        switch self {
        case .en, .ja: "."
        case .de, .fr, .es: ","
        }
    }

    /// `count` with the language's digit grouping (CLDR decimal formats, Latin digits):
    /// 1,234,567 (en, ja), 1.234.567 (de), 1 234 567 with narrow no-break spaces (fr), and
    /// 1.234.567 but 1234 (es: a minimum of two grouping digits).
    func number(_ count: Int) -> String {
        let digits = String(count.magnitude)
        let separator: String
        var minimumGrouping = 1
        switch self {
        case .en, .ja: separator = ","
        case .de: separator = "."
        case .fr: separator = "\u{202F}"
        case .es:
            separator = "."
            minimumGrouping = 2
        }
        let sign = count < 0 ? "-" : ""
        guard digits.count > 3 + (minimumGrouping - 1) else { return sign + digits }
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped += separator }
            grouped.append(digit)
        }
        return sign + grouped
    }
}
