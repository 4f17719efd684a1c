import HTTPTypes
import Hummingbird
import IndexCore
import NIOCore
import PythonPackaging

/// PyPI's RSS 2.0 feeds: `/rss/updates.xml` (the newest releases), `/rss/packages.xml` (the
/// newest projects) and `/rss/project/<name>/releases.xml` (a project's releases), 40 items
/// each, newest first. Links are absolute, under the configured base URL or the host asked for.
/// Quarantined projects are left out. Cached as pages are: for 5 minutes by browsers, and by a
/// cache in front until the next change purges them.
struct RSSController: Sendable {
    let store: any IndexStore
    let urls: PublicURLs

    static let contentType = "application/rss+xml; charset=utf-8"
    static let cacheControl = "max-age=300, public"

    func register(on router: Router<IndexRequestContext>) {
        for method in [HTTPRequest.Method.get, .head] {
            router.on("/rss/updates.xml", method: method) { request, _ in
                let urls = self.urls.absolute(for: request).urls
                let feed = RSSFeed.updates(
                    try await store.recentReleases(limit: RSSFeed.itemLimit), urls: urls,
                    selfLink: urls.base + "/rss/updates.xml")
                return Self.response(feed, to: request, surrogateKey: "\(SurrogateKeys.home) rss")
            }
            router.on("/rss/packages.xml", method: method) { request, _ in
                let urls = self.urls.absolute(for: request).urls
                let feed = RSSFeed.newestProjects(
                    try await store.newestProjects(limit: RSSFeed.itemLimit), urls: urls,
                    selfLink: urls.base + "/rss/packages.xml")
                return Self.response(feed, to: request, surrogateKey: "\(SurrogateKeys.home) rss")
            }
            router.on("/rss/project/:project/releases.xml", method: method) { request, context in
                try await project(request, name: try context.parameters.require("project"))
            }
        }
    }

    private func project(_ request: Request, name: String) async throws -> Response {
        let normalized = ProjectName.normalize(name)
        guard ProjectName.isValid(name) else { throw MessageError(404, "Not Found") }
        if name != normalized { return SimpleController.redirect("/rss/project/\(normalized)/releases.xml") }
        guard let detail = try await store.projectDetail(normalizedName: normalized),
            detail.project.status != .quarantined
        else { throw MessageError(404, "Not Found") }
        let urls = self.urls.absolute(for: request).urls
        let feed = RSSFeed.releases(
            of: detail, urls: urls, selfLink: urls.base + "/rss/project/\(normalized)/releases.xml")
        return Self.response(feed, to: request, surrogateKey: SurrogateKeys.project(normalized))
    }

    static func response(_ feed: RSSFeed, to request: Request, surrogateKey: String) -> Response {
        let bytes = Array(feed.xml.utf8)
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = cacheControl
        headers[.contentLength] = String(bytes.count)
        headers.set("Surrogate-Key", surrogateKey)
        headers.set("Surrogate-Control", CacheHeaders.surrogateControl)
        return Response(
            status: .ok, headers: headers,
            body: request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
