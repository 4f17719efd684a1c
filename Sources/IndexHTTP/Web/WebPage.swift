import HTTPTypes
import Hummingbird
import IndexCore

/// A server-rendered page of the account area (personal: never cached), with the headers every web page carries
/// (reference 1.4, W07): a strict Content-Security-Policy (no script at all), no framing,
/// nosniff, a referrer policy, no caching of personal pages, HSTS when served over TLS.
struct WebPage: Sendable {
    var title: String
    var body: String
    var status: HTTPResponse.Status = .ok
    /// The language of the page's frame (``SiteLayout``); ``response(to:tls:cookies:)`` sets it
    /// from the request.
    var translator = Translator(.en)
    /// The page's own URL (path and query), where the language picker returns to.
    var path = "/"

    /// The headers of every HTML page that depends on the reader's language: which one it is,
    /// and that a cache must keep one copy per `Accept-Language` and per `Cookie` (the
    /// picker's), so it never answers one reader's language to another.
    static let languageVary = ["Accept-Language", "Cookie"]

    static func securityHeaders(tls: Bool) -> HTTPFields {
        var headers: HTTPFields = [
            .contentSecurityPolicy:
                "default-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; "
                + "img-src 'self' data:; style-src 'self'",
            .xContentTypeOptions: "nosniff",
            .cacheControl: "no-store",
        ]
        for (name, value) in [
            ("X-Frame-Options", "DENY"), ("Referrer-Policy", "origin-when-cross-origin"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"),
        ] {
            if let name = HTTPField.Name(name) { headers[name] = value }
        }
        if tls { headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains" }
        return headers
    }

    /// The page in the language `request` negotiates, returning to `request`'s URL.
    func response(to request: Request, tls: Bool, cookies: [String] = []) -> Response {
        var page = self
        page.translator = Translator(request)
        page.path = Self.path(of: request)
        return page.response(tls: tls, cookies: cookies)
    }

    /// The page in `t`'s language, with the language picker returning to `path`.
    func response(in t: Translator, path: String, tls: Bool, cookies: [String] = []) -> Response {
        var page = self
        page.translator = t
        page.path = path
        return page.response(tls: tls, cookies: cookies)
    }

    /// The page in ``translator``'s language.
    func response(tls: Bool, cookies: [String] = []) -> Response {
        let html = SiteLayout.document(translator, path: path, title: title, heading: title, body: body)
        var headers = Self.securityHeaders(tls: tls)
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentLanguage] = translator.language.tag
        headers[.vary] = Self.languageVary.joined(separator: ", ")
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        let buffer = ByteBuffer(string: html)
        headers[.contentLength] = String(buffer.readableBytes)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: buffer))
    }

    /// A public page (the same for every visitor) as a cacheable body: the security headers,
    /// `Cache-Control: max-age=60, public`, surrogate keys (space-separated) for purging.
    /// The body is in `language`: `Content-Language` says so and `Vary` names what chose it.
    static func publicBody(html: String, surrogateKey: String, tls: Bool, language: Language) -> CachedBody {
        var headers = securityHeaders(tls: tls)
        headers[.contentLanguage] = language.tag
        headers[.cacheControl] = nil
        // README images (badges) come from their own hosts; images cannot run script.
        headers[.contentSecurityPolicy] =
            "default-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "img-src 'self' https:; style-src 'self'"
        headers.set("Surrogate-Key", surrogateKey)
        headers.set("Surrogate-Control", CacheHeaders.surrogateControl)
        return CachedBody(
            bytes: Array(html.utf8), contentType: "text/html; charset=utf-8", cacheControl: "max-age=60, public",
            headers: headers, vary: false, varyAlso: languageVary)
    }

    /// `request`'s URL as the page links it: its path and query.
    static func path(of request: Request) -> String {
        request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
    }

    /// A 303 to `location` (already checked to stay on-site), with cookies.
    static func redirect(_ location: String, tls: Bool, cookies: [String] = []) -> Response {
        var headers = securityHeaders(tls: tls)
        headers[.location] = location
        headers[.contentLength] = "0"
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: .seeOther, headers: headers)
    }

    /// `text` safe in HTML text and attribute values (the simple pages' escaper).
    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// A POST form with the CSRF field and the given inputs' HTML.
    static func form(action: String, csrf: String, submit: String, _ inputs: String = "") -> String {
        "<form method=\"post\" action=\"\(escape(action))\">"
            + "<input type=\"hidden\" name=\"csrf_token\" value=\"\(escape(csrf))\">"
            + inputs + "<button type=\"submit\">\(escape(submit))</button></form>\n"
    }

    /// A labelled input.
    static func input(_ name: String, label: String, type: String = "text", value: String = "", extra: String = "")
        -> String
    {
        "<p><label for=\"\(name)\">\(escape(label))</label> <input id=\"\(name)\" name=\"\(name)\" type=\"\(type)\" "
            + "value=\"\(escape(value))\" \(extra)></p>"
    }
}

/// An `application/x-www-form-urlencoded` body or query string.
struct FormData: Sendable {
    var fields: [String: String] = [:]

    init(_ text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = Self.decode(parts[0]) else { continue }
            fields[key] = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
        }
    }

    subscript(_ name: String) -> String? { fields[name] }

    /// Reads a form body of at most 64 KiB.
    static func read(_ request: Request) async throws -> FormData {
        var buffer = try await request.body.collect(upTo: 64 << 10)
        return FormData(buffer.readString(length: buffer.readableBytes) ?? "")
    }

    static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(0x20)
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hex), let low = iterator.next().flatMap(hex) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 97...102: byte - 87
        case 65...70: byte - 55
        default: nil
        }
    }
}

/// Cookies of a request.
enum Cookies {
    static func value(_ name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for item in header.split(separator: ";") {
                let pair = item.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingWhitespace() == name { return pair[1].trimmingWhitespace() }
            }
        }
        return nil
    }

    /// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Secure over TLS.
    static func set(_ name: String, _ value: String, tls: Bool, maxAge: Int? = nil) -> String {
        "\(name)=\(value); Path=/; HttpOnly; SameSite=Lax" + (tls ? "; Secure" : "")
            + (maxAge.map { "; Max-Age=\($0)" } ?? "")
    }
}
