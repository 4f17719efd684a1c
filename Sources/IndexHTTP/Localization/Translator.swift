import Hummingbird
import IndexCore

/// The texts of a page in one language, from the message catalogs:
///
///     let t = Translator(request)                       // or Translator(.de)
///     t("project.files")                                // "Download files"
///     t("search.results_for", ["query": text])          // plain text: the caller escapes it
///     t.html("search.results_for", ["query": text])     // the values escaped for HTML
///     t.plural("search.found", results.total)           // "3 projects found"
///
/// A message missing from the language's catalog falls back to English (the catalog test keeps
/// that from happening); an id missing from English is answered as itself, so it shows.
struct Translator: Sendable {
    let language: Language
    private let catalog: MessageCatalog

    init(_ language: Language) {
        self.language = language
        catalog = MessageCatalogs.catalog(language)
    }

    /// The language `request` negotiates (``LanguageNegotiation``).
    init(_ request: Request) {
        self.init(Language(request))
    }

    /// The message `id` with `values` put in its placeholders as they are (plain text).
    func callAsFunction(_ id: String, _ values: [String: String] = [:]) -> String {
        Self.fill(text(id, count: nil), values: values, markup: [:])
    }

    /// The message `id` for HTML: `values` escaped, `markup` (HTML this code built) as it is.
    func html(_ id: String, _ values: [String: String] = [:], markup: [String: String] = [:]) -> String {
        Self.fill(text(id, count: nil), values: values.mapValues(HTMLText.escape), markup: markup)
    }

    /// The plural message `id` in the form for `count`, with `{count}` the number as the
    /// language writes it (plain text).
    func plural(_ id: String, _ count: Int, _ values: [String: String] = [:]) -> String {
        var values = values
        values["count"] = language.number(count)
        return Self.fill(text(id, count: count), values: values, markup: [:])
    }

    /// ``plural(_:_:_:)`` for HTML: `values` escaped, `markup` as it is (a `count` given there,
    /// such as `<strong>3</strong>`, takes the number's place).
    func pluralHTML(_ id: String, _ count: Int, _ values: [String: String] = [:], markup: [String: String] = [:])
        -> String
    {
        var markup = markup
        if markup["count"] == nil && values["count"] == nil { markup["count"] = language.number(count) }
        return Self.fill(text(id, count: count), values: values.mapValues(HTMLText.escape), markup: markup)
    }

    /// `count` with the language's digit grouping.
    func number(_ count: Int) -> String { language.number(count) }

    private func text(_ id: String, count: Int?) -> String {
        let message = catalog[id] ?? MessageCatalogs.english[id]
        switch message {
        case .text(let text): return text
        case .plural(let forms):
            let category = count.map { language.pluralCategory($0) } ?? .other
            return forms[category] ?? forms[.other] ?? id
        case nil: return id
        }
    }

    /// `text` with each `{name}` replaced by `values[name]` or `markup[name]`; an unknown name
    /// is left as it is.
    static func fill(_ text: String, values: [String: String], markup: [String: String]) -> String {
        guard text.contains("{") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            if let value = values[name] ?? markup[name] {
                result += value
            } else {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// The placeholder names of `text`, in order (for the catalog test).
    static func placeholders(_ text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

extension Language {
    /// The language of the pages answered to `request`: the picker's cookie, else
    /// `Accept-Language`, else English.
    init(_ request: Request) {
        let accept = request.headers[values: .acceptLanguage]
        self = LanguageNegotiation.language(
            acceptLanguage: accept.isEmpty ? nil : accept.joined(separator: ","),
            cookies: request.headers[values: .cookie])
    }
}
