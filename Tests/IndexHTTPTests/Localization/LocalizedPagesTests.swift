import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOHTTP1
import Testing

@testable import IndexHTTP

/// The web pages in the reader's language: `Accept-Language`, the picker's cookie ahead of it,
/// one kept page per language, and the headers that keep shared caches from mixing them.
@Suite struct LocalizedPagesTests {
    static func get(
        _ client: some TestClientProtocol, _ uri: String, language: String? = nil, cookie: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let language { headers[.acceptLanguage] = language }
        if let cookie { headers[.cookie] = cookie }
        return try await client.execute(uri: uri, method: .get, headers: headers)
    }

    @Test func theHomePageIsServedInGerman() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.uploadDemoWheel()
        try await fixture.application.test(.router) { client in
            let response = try await Self.get(client, "/", language: "de-CH, de;q=0.9, en;q=0.5")
            #expect(response.status == .ok)
            let html = String(buffer: response.body)
            #expect(html.contains("<html lang=\"de\">"))
            #expect(html.contains("Python-Pakete finden, installieren und veröffentlichen"))
            #expect(html.contains("<strong>1</strong> Projekt</div>"))
            #expect(html.contains("Zum Hauptinhalt springen"))
            #expect(html.contains("<option value=\"de\" lang=\"de\" selected>Deutsch</option>"))
            #expect(!html.contains("Find, install and publish"))
            #expect(response.headers[.contentLanguage] == "de")
        }
    }

    @Test func aProjectPageIsServedInGermanAndThePickerCookieOverridesTheHeader() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.uploadDemoWheel()
        try await fixture.application.test(.router) { client in
            let german = String(buffer: try await Self.get(client, "/project/demo/", language: "de").body)
            #expect(german.contains("<html lang=\"de\">"))
            for text in ["Versionsverlauf", "Dateien herunterladen", "Projektbeschreibung", "diese Version"] {
                #expect(german.contains(text), "\(text)")
            }
            #expect(!german.contains("Release history"))
            let chosen = try await Self.get(
                client, "/project/demo/", language: "de", cookie: "session_id=x; cheeseshop_lang=ja")
            let japanese = String(buffer: chosen.body)
            #expect(japanese.contains("<html lang=\"ja\">"))
            #expect(japanese.contains("リリース履歴"))
            #expect(chosen.headers[.contentLanguage] == "ja")
            let release = String(buffer: try await Self.get(client, "/project/demo/1.0/", language: "fr").body)
            #expect(release.contains("<html lang=\"fr\">") && release.contains("Historique des versions"))
            #expect(release.contains("name=\"next\" value=\"/project/demo/1.0/\""))
        }
    }

    /// One URL asked in English, German, English: each answer in its language, never the kept
    /// page of the other, and every one says what it varies on.
    @Test(arguments: ["/", "/project/demo/", "/project/demo/1.0/", "/search/?q=demo", "/user/alice/"])
    func theSameURLIsKeptOncePerLanguage(uri: String) async throws {
        let fixture = try await HTTPFixture()
        try await fixture.uploadDemoWheel()
        try await fixture.application.test(.router) { client in
            for (language, tag) in [("en", "en"), ("de", "de"), (nil, "en"), ("es", "es"), ("en-GB", "en")] {
                let response = try await Self.get(client, uri, language: language)
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("<html lang=\"\(tag)\">"), "\(uri) \(language ?? "-")")
                let vary = response.headers[.vary] ?? ""
                #expect(vary.contains("Accept-Language") && vary.contains("Cookie"), "\(uri): \(vary)")
                #expect(response.headers[.contentLanguage] == tag)
            }
        }
    }

    @Test func theReadPathForInstallersDoesNotVary() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.uploadDemoWheel()
        try await fixture.application.test(.router) { client in
            for uri in ["/simple/", "/simple/demo/", "/pypi/demo/json", "/rss/updates.xml"] {
                let english = try await Self.get(client, uri)
                let german = try await Self.get(client, uri, language: "de", cookie: "cheeseshop_lang=de")
                #expect(english.status == .ok, "\(uri)")
                #expect(String(buffer: english.body) == String(buffer: german.body), "\(uri)")
                #expect(!(german.headers[.vary] ?? "").contains("Language"), "\(uri)")
                #expect(german.headers[.contentLanguage] == nil, "\(uri)")
            }
        }
    }

    @Test func searchCountsAndErrorPagesAreTranslated() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.uploadDemoWheel()
        try await fixture.application.test(.router) { client in
            let search = String(buffer: try await Self.get(client, "/search/?q=demo", language: "de").body)
            #expect(search.contains("1 Projekt gefunden"))
            #expect(search.contains("Ergebnisse für „demo“"))
            let none = String(buffer: try await Self.get(client, "/search/?q=nothing", language: "fr").body)
            #expect(none.contains("0 projet trouvé"), "French says one for 0")
            let missing = try await client.execute(
                uri: "/no-such-page/", method: .get, headers: [.accept: "text/html", .acceptLanguage: "es"])
            #expect(missing.status == .notFound)
            let page = String(buffer: missing.body)
            #expect(page.contains("<html lang=\"es\">") && page.contains("No hay ninguna página en esta dirección."))
            let login = String(buffer: try await Self.get(client, "/account/login/", language: "ja").body)
            #expect(login.contains("<title>ログイン · Cheeseshop</title>") && login.contains("パスワード"))
        }
    }

    @Test func thePickerSetsTheCookieAndReturnsOnlyToThisSite() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let chosen = try await client.execute(uri: "/locale/?lang=de&next=/project/demo/", method: .get)
            #expect(chosen.status == .seeOther)
            #expect(chosen.headers[.location] == "/project/demo/")
            let cookie = chosen.headers[.setCookie] ?? ""
            #expect(cookie.hasPrefix("cheeseshop_lang=de; Path=/; Max-Age=31536000; SameSite=Lax"))
            #expect(chosen.headers[.cacheControl] == "no-store")
            for next in ["https://elsewhere.example/", "//elsewhere.example/", "javascript:alert(1)"] {
                let escaped = PercentEncoding.encodeQueryValue(next)
                let away = try await client.execute(uri: "/locale/?lang=fr&next=\(escaped)", method: .get)
                #expect(away.headers[.location] == "/", "\(next)")
            }
            let unknown = try await client.execute(uri: "/locale/?lang=xx&next=/search/", method: .get)
            #expect(unknown.headers[.location] == "/search/")
            #expect(unknown.headers[.setCookie] == nil, "an unknown language changes nothing")
            let home = String(buffer: try await Self.get(client, "/", cookie: "cheeseshop_lang=de").body)
            #expect(home.contains("<html lang=\"de\">"))
        }
    }

    /// The event-loop fast path answers a project page only in the language the request
    /// negotiates: a German page kept is never the answer to an English reader.
    @Test func theFastPathAnswersTheNegotiatedLanguageOnly() async throws {
        let store = InMemoryIndexStore()
        let model = ReadModel(store: store, clock: FixedClock())
        let path = FastReadPath(model: model, urls: PublicURLs(base: nil, files: nil))
        await model.refreshIfDue()
        let german = CachedBody(bytes: Array("<html lang=\"de\">".utf8), contentType: "text/html", cacheControl: "x")
        _ = try await model.page(.projectPage(.de), of: "demo") { german }
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/project/demo/")
        #expect(path.answer(head) == nil, "no English page is kept")
        head.headers.add(name: "Accept-Language", value: "de-DE,de;q=0.9")
        #expect(path.answer(head)?.body == [german.buffer])
        head.headers.add(name: "Cookie", value: "cheeseshop_lang=en")
        #expect(path.answer(head) == nil, "the picker's English comes first")
    }
}
