import HTTPTypes
import Hummingbird

/// The site's own answer to a web address that fails: 404 (no such page), 405 (a method the
/// address does not take), 500 (an unexpected error). A browser (a client that accepts HTML)
/// gets the page in the site frame, with the search box and a way home; any other client a
/// short plain-text line ("404 Not Found"). Never cached (`no-store`, the web pages' security
/// headers, ``WebPage/securityHeaders(tls:)``); `Vary: Accept`; no body for `HEAD`.
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
            response = WebPage(title: title, body: html(for: request, allow: extra[.allow]), status: status)
                .response(tls: true)
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
        headers[.vary] = "Accept"
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

    var title: String {
        switch status.code {
        case 404: "Not found"
        case 405: "Method not allowed"
        default: "Something went wrong"
        }
    }

    private func html(for request: Request, allow: String?) -> String {
        let home = "<a href=\"/\">home page</a>"
        switch status.code {
        case 404:
            return """
                <p>There is no page at this address. If you typed it, check it for mistakes; if you followed a link, \
                the page may have moved or been removed.</p>
                <ul>
                <li>Find a project with the <a href="#site-search">search box</a>.</li>
                <li>Go to the \(home).</li>
                <li>Installers such as pip use the <a href="/simple/">simple index</a>.</li>
                </ul>
                """
        case 405:
            let method = WebPage.escape(request.method.rawValue)
            let allowed = allow.map { " (it takes \(WebPage.escape($0)))" } ?? ""
            return """
                <p>This address does not take a <code>\(method)</code> request\(allowed). It is where a form \
                sends its answer: go back to the page with the form and send it from there.</p>
                <p>Go to the \(home).</p>
                """
        default:
            return """
                <p>The server met an unexpected error and could not answer this request. The error has been \
                recorded. Try again in a moment; if it goes on, tell the administrators of this index.</p>
                <p>Go to the \(home).</p>
                """
        }
    }
}
