import HTTPTypes
import Hummingbird
import IndexCore
import PythonPackaging

/// `GET /simple/` and `GET /simple/<name>/` (PEP 503, PEP 691): one page model, two renderings,
/// chosen by `Accept`, with `Vary: Accept`, a strong ETag and PyPI's cache headers (reference b.2).
struct SimpleController: Sendable {
    let store: any IndexStore
    let urls: IndexURLs
    let model: ReadModel

    static let cacheControl = "max-age=600, public"

    func index(_ request: Request, context: some RequestContext) async throws -> Response {
        if !request.uri.path.hasSuffix("/") { return Self.redirect("/simple/") }
        let format = SimpleFormat.negotiate(accept: request.headers[.accept])
        let (store, model) = (store, model)
        let answer = try await model.rootPage(.simple(format)) {
            let serial = model.serial
            let page = SimpleIndex(projects: try await store.projects(), lastSerial: serial)
            return Self.body(
                format == .v1JSON ? page.json() : page.html(), format: format, serial: serial,
                surrogateKey: SurrogateKeys.allProjects)
        }
        guard let answer else { throw MessageError(404, "Not Found", headers: CORS.headers) }
        return answer.response(to: request)
    }

    func project(_ request: Request, context: some RequestContext) async throws -> Response {
        let raw = try context.parameters.require("project")
        let normalized = ProjectName.normalize(raw)
        guard raw == normalized, request.uri.path.hasSuffix("/") else {
            guard ProjectName.isValid(raw) else { throw MessageError(404, "Not Found", headers: CORS.headers) }
            return Self.redirect("/simple/\(normalized)/")
        }
        let format = SimpleFormat.negotiate(accept: request.headers[.accept])
        let body = try await model.page(.simple(format), of: normalized) {
            guard let detail = try await store.projectDetail(normalizedName: normalized),
                detail.project.status != .quarantined, let page = SimpleProjectPage(detail, urls: urls)
            else { return nil }
            return Self.body(
                format == .v1JSON ? page.json() : page.html(), format: format, serial: detail.project.lastSerial,
                surrogateKey: SurrogateKeys.project(normalized))
        }
        guard let body else { throw MessageError(404, "Not Found", headers: CORS.headers) }
        return body.response(to: request)
    }

    /// A simple-API body with PyPI's headers (reference b.2).
    private static func body(_ bytes: [UInt8], format: SimpleFormat, serial: Int64, surrogateKey: String)
        -> CachedBody
    {
        var headers = HTTPFields()
        headers.set("X-PyPI-Last-Serial", String(serial))
        headers.set("Surrogate-Key", surrogateKey)
        headers.set("Surrogate-Control", CacheHeaders.surrogateControl)
        return CachedBody(bytes: bytes, contentType: format.contentType, cacheControl: cacheControl, headers: headers)
    }

    /// A 301 that keeps the CORS headers (reference b.2).
    static func redirect(_ location: String) -> Response {
        var headers = CORS.headers
        headers[.location] = location
        headers[.vary] = "Accept"
        return Response(status: .movedPermanently, headers: headers)
    }
}
