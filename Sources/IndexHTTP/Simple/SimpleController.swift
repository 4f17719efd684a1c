import HTTPTypes
import Hummingbird
import IndexCore
import PythonPackaging

/// `GET /simple/` and `GET /simple/<name>/` (PEP 503, PEP 691): one page model, two renderings,
/// chosen by `Accept`, with `Vary: Accept`, a strong ETag and PyPI's cache headers (reference b.2).
struct SimpleController: Sendable {
    let store: any IndexStore
    let urls: IndexURLs
    let cache: RenderedPageCache

    static let cacheControl = "max-age=600, public"
    static let surrogateControl = "max-age=86400, stale-while-revalidate=300, stale-if-error=86400"

    func index(_ request: Request, context: some RequestContext) async throws -> Response {
        if !request.uri.path.hasSuffix("/") { return Self.redirect("/simple/") }
        let format = SimpleFormat.negotiate(accept: request.headers[.accept])
        let serial = try await store.maxSerial()
        let body = try await cache.body(key: .init(project: nil, serial: serial, format: format)) {
            let page = SimpleIndex(projects: try await store.projects(), lastSerial: serial)
            return format == .v1JSON ? page.json() : page.html()
        }
        var headers = HTTPFields()
        headers.set("X-PyPI-Last-Serial", String(serial))
        headers.set("Surrogate-Key", "all-projects")
        headers.set("Surrogate-Control", Self.surrogateControl)
        return body.response(to: request, cacheControl: Self.cacheControl, headers: headers)
    }

    func project(_ request: Request, context: some RequestContext) async throws -> Response {
        let raw = try context.parameters.require("project")
        let normalized = ProjectName.normalize(raw)
        guard raw == normalized, request.uri.path.hasSuffix("/") else {
            guard ProjectName.isValid(raw) else { throw MessageError(404, "Not Found", headers: CORS.headers) }
            return Self.redirect("/simple/\(normalized)/")
        }
        let format = SimpleFormat.negotiate(accept: request.headers[.accept])
        guard let project = try await store.project(normalizedName: normalized), project.status != .quarantined else {
            throw MessageError(404, "Not Found", headers: CORS.headers)
        }
        let key = RenderedPageCache.Key(project: normalized, serial: project.lastSerial, format: format)
        let body = try await cache.body(key: key) {
            guard let detail = try await store.projectDetail(normalizedName: normalized),
                let page = SimpleProjectPage(detail, urls: urls)
            else { throw MessageError(404, "Not Found", headers: CORS.headers) }
            return format == .v1JSON ? page.json() : page.html()
        }
        var headers = HTTPFields()
        headers.set("X-PyPI-Last-Serial", String(project.lastSerial))
        headers.set("Surrogate-Key", "project/\(normalized) all-projects")
        headers.set("Surrogate-Control", Self.surrogateControl)
        return body.response(to: request, cacheControl: Self.cacheControl, headers: headers)
    }

    /// A 301 that keeps the CORS headers (reference b.2).
    static func redirect(_ location: String) -> Response {
        var headers = CORS.headers
        headers[.location] = location
        headers[.vary] = "Accept"
        return Response(status: .movedPermanently, headers: headers)
    }
}
