import HTTPTypes
import Hummingbird
import IndexCore

/// The language picker: a form in every page's footer that asks `/locale/?lang=de&next=/path`,
/// which sets the ``LanguageNegotiation/cookieName`` cookie (ahead of `Accept-Language` from
/// then on) and sends the reader back to `next` when it stays on this site (the login's
/// ``safeRedirectTarget(_:host:)``). A GET, so cached pages can carry the form: it changes a
/// preference of the reader's own browser only.
struct LanguagePicker: Sendable {
    /// The public host of the configured base URL; `nil`: the host each request names.
    let host: String?
    let tls: Bool

    static let path = "/locale/"
    /// A year.
    static let cookieLifetime = 31_536_000

    func register(on router: Router<IndexRequestContext>) {
        router.get("/locale") { request, _ in choose(request) }
    }

    func choose(_ request: Request) -> Response {
        let query = request.uri.queryParameters
        let next = safeRedirectTarget(
            query["next"].map(String.init), host: host ?? request.head.authority ?? "")
        guard let language = query["lang"].flatMap({ Language(rawValue: String($0)) }) else {
            return WebPage.redirect(next, tls: tls)
        }
        let cookie =
            "\(LanguageNegotiation.cookieName)=\(language.rawValue); Path=/; Max-Age=\(Self.cookieLifetime); "
            + "SameSite=Lax" + (tls ? "; Secure" : "")
        return WebPage.redirect(next, tls: tls, cookies: [cookie])
    }

    /// The footer's form, for a page at `path` (its own URL: where the reader returns to).
    static func form(_ t: Translator, path: String) -> String {
        var html = "<form class=\"language\" method=\"get\" action=\"\(Self.path)\">"
        html += "<input type=\"hidden\" name=\"next\" value=\"\(HTMLText.escape(path))\">"
        html += "<label for=\"site-language\">\(t.html("picker.label"))</label> "
        html += "<select id=\"site-language\" name=\"lang\">"
        for language in Language.allCases {
            let selected = language == t.language ? " selected" : ""
            html +=
                "<option value=\"\(language.rawValue)\" lang=\"\(language.tag)\"\(selected)>\(language.endonym)</option>"
        }
        html += "</select> <button type=\"submit\">\(t.html("picker.submit"))</button></form>"
        return html
    }
}
