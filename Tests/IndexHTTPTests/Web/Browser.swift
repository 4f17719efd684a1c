import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import NIOCore

@testable import IndexHTTP

/// A browser over the router test client: it keeps the cookies the server sets and sends them
/// back, reads hidden form fields; redirects are followed by hand (`location`).
struct Browser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]

    init(_ client: any TestClientProtocol) { self.client = client }

    @discardableResult
    mutating func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await send(uri, method: .get, headers: headers, body: nil)
    }

    @discardableResult
    mutating func post(_ uri: String, form: KeyValuePairs<String, String>, headers: HTTPFields = [:]) async throws
        -> TestResponse
    {
        try await post(uri, form: form.map { ($0.key, $0.value) }, headers: headers)
    }

    @discardableResult
    mutating func post(_ uri: String, form: [(String, String)], headers: HTTPFields = [:]) async throws
        -> TestResponse
    {
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = form.map { Self.encode($0.0) + "=" + Self.encode($0.1) }.joined(separator: "&")
        return try await send(uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    mutating func send(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?)
        async throws -> TestResponse
    {
        var headers = headers
        if !cookies.isEmpty, headers[.cookie] == nil {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                .joined(separator: "; ")
        }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        for value in response.headers[values: .setCookie] {
            let first = value.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            let pair = first.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard pair.count == 2 else { continue }
            if value.contains("Max-Age=0") || pair[1].isEmpty {
                cookies[pair[0]] = nil
            } else {
                cookies[pair[0]] = pair[1]
            }
        }
        return response
    }

    /// GETs the login page and posts the form; the answer of the POST.
    @discardableResult
    mutating func logIn(_ username: String, _ password: String, next: String? = nil) async throws -> TestResponse {
        let page = try await get("/account/login/")
        var form = [
            ("csrf_token", Page.field("csrf_token", in: page) ?? ""), ("username", username), ("password", password),
        ]
        if let next { form.append(("next", next)) }
        return try await post("/account/login/", form: form)
    }

    /// The CSRF token of the account overview (the session's).
    mutating func sessionCSRF() async throws -> String? {
        Page.field("csrf_token", in: try await get("/manage/account/"))
    }

    /// Posts `form` to a logged-in page with the session's CSRF token.
    @discardableResult
    mutating func postWithCSRF(_ uri: String, form: [(String, String)] = []) async throws -> TestResponse {
        let csrf = try await sessionCSRF() ?? ""
        return try await post(uri, form: [("csrf_token", csrf)] + form)
    }

    /// Form-urlencodes `text`: every byte but the unreserved ones as `%XX`.
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case 48...57, 65...90, 97...122, UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(byte))
            default:
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }
}

/// Reads what a test needs from a rendered page.
enum Page {
    /// The `value` of the first input named `name` in the page.
    static func field(_ name: String, in response: TestResponse) -> String? {
        text(after: "name=\"\(name)\" value=\"", until: "\"", in: String(buffer: response.body))
    }

    /// The text content of the element with this `id` (no nested tags).
    static func element(_ id: String, in response: TestResponse) -> String? {
        text(after: "id=\"\(id)\">", until: "<", in: String(buffer: response.body))
    }

    /// Every `<code>` inside the element with this id.
    static func codes(in id: String, of response: TestResponse) -> [String] {
        let html = String(buffer: response.body)
        guard let start = html.range(of: "id=\"\(id)\"") else { return [] }
        let tail = html[start.upperBound...]
        let end = tail.range(of: "</ul>")?.lowerBound ?? tail.endIndex
        return tail[..<end].components(separatedBy: "<code>").dropFirst()
            .compactMap { $0.components(separatedBy: "</code>").first }
    }

    private static func text(after marker: String, until end: Character, in html: String) -> String? {
        guard let range = html.range(of: marker) else { return nil }
        let rest = html[range.upperBound...]
        return String(rest.prefix { $0 != end })
            .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#34;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">")
    }
}
