import HTTPTypes
import Hummingbird

/// The site's own answer to a web address that fails: 404 (no such page), 405 (a method the
/// address does not take), 500 (an unexpected error). A browser (a client that accepts HTML)
/// gets the page in the site frame, with the search box and a way home; any other client a
/// short plain-text line ("404 Not Found"). The page is in the reader's language
/// (``Translator``). Never cached (`no-store`, the web pages' security headers,
/// ``WebPage/securityHeaders(tls:)``); `Vary: Accept, Accept-Language, Cookie`; no body for `HEAD`.
struct ErrorPage: Sendable {
    /// The status (404, 405, else 500), with its standard reason phrase.
    let status: HTTPResponse.Status

    /// The statuses that have a page.
    static let statuses: Set<Int> = [404, 405, 500]

    init(status: HTTPResponse.Status) {
        self.status =
            switch status.code {
            case 404: .notFound
            case 405: .methodNotAllowed
            default: .internalServerError
            }
    }

    /// The answer to `request`, with `extra` headers of the original answer (`Allow`, cookies);
    /// its own `Content-Type`, `Content-Length` and security headers win over theirs.
    func response(to request: Request, headers extra: HTTPFields = [:]) -> Response {
        // The refusals of web pages carry HSTS too (browsers ignore it over plain HTTP), as
        // ``AccountController/csrfFailure``.
        var response: Response
        if Self.acceptsHTML(request.headers[values: .accept]) {
            let t = Translator(request)
            response = WebPage(title: title(t), body: html(for: request, allow: extra[.allow], t), status: status)
                .response(to: request, tls: true)
        } else {
            let text = ByteBuffer(string: "\(status.code) \(status.reasonPhrase)\n")
            var headers = WebPage.securityHeaders(tls: true)
            headers[.contentType] = "text/plain; charset=utf-8"
            headers[.contentLength] = String(text.readableBytes)
            response = Response(status: status, headers: headers, body: ResponseBody(byteBuffer: text))
        }
        var headers = extra
        headers[.contentType] = nil
        headers[.contentLength] = nil
        headers[.contentEncoding] = nil
        for name in Set(response.headers.map(\.name)) { headers[values: name] = response.headers[values: name] }
        headers[.vary] = (["Accept"] + WebPage.languageVary).joined(separator: ", ")
        response.headers = headers
        if request.method == .head {
            // Setting the body sets `Content-Length` to 0; a HEAD answers the GET's length.
            let length = response.headers[.contentLength]
            response.body = ResponseBody()
            response.headers[.contentLength] = length
        }
        return response
    }

    /// Whether an `Accept` header asks for HTML (`text/html` or `application/xhtml+xml` with a
    /// quality above 0), as browsers send it; `*/*` alone (curl, scripts) does not.
    static func acceptsHTML(_ values: [String]) -> Bool {
        for value in values {
            for range in value.split(separator: ",") {
                let parts = range.split(separator: ";").map { $0.trimmingWhitespace().lowercased() }
                guard let type = parts.first, type == "text/html" || type == "application/xhtml+xml" else {
                    continue
                }
                let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) }
                if (quality ?? 1) > 0 { return true }
            }
        }
        return false
    }

    /// The page's title in `t`'s language.
    func title(_ t: Translator) -> String {
        switch status.code {
        case 404: t("error.404.title")
        case 405: t("error.405.title")
        default: t("error.500.title")
        }
    }

    private func html(for request: Request, allow: String?, _ t: Translator) -> String {
        let home = t.html("error.go_home", markup: ["home": "<a href=\"/\">\(t.html("error.home_page"))</a>"])
        switch status.code {
        case 404:
            let search = "<a href=\"#site-search\">\(t.html("error.404.search_box"))</a>"
            let simple = "<a href=\"/simple/\">\(t.html("error.404.simple_index"))</a>"
            return """
                <p>\(t.html("error.404.text"))</p>
                <ul>
                <li>\(t.html("error.404.search", markup: ["search_box": search]))</li>
                <li>\(home)</li>
                <li>\(t.html("error.404.installers", markup: ["simple_index": simple]))</li>
                </ul>
                """
        case 405:
            let method = "<code>\(WebPage.escape(request.method.rawValue))</code>"
            let text =
                allow.map { t.html("error.405.text_allowed", ["allowed": $0], markup: ["method": method]) }
                ?? t.html("error.405.text", markup: ["method": method])
            return """
                <p>\(text)</p>
                <p>\(home)</p>
                """
        default:
            return """
                <p>\(t.html("error.500.text"))</p>
                <p>\(home)</p>
                """
        }
    }
}
