import HTTPTypes
import Hummingbird
import IndexCore
import PythonPackaging

/// `GET /pypi/<name>/json` and `/pypi/<name>/<version>/json`: PyPI's legacy JSON API
/// (reference b.3), with `X-PyPI-Last-Serial`, CORS, a strong ETag and `max-age=900`. Its URLs
/// are absolute, as PyPI's (bandersnatch fetches them as they are): under the configured base
/// URL, else under the origin the client asked for (``PublicURLs``).
struct ProjectJSONController: Sendable {
    let store: any IndexStore
    let urls: PublicURLs
    let model: ReadModel
    /// Fills `info.downloads` (`nil`: -1, as PyPI).
    var statistics: DownloadStatistics? = nil

    static let cacheControl = "max-age=900, public"

    func project(_ request: Request, context: some RequestContext) async throws -> Response {
        try await answer(request, context: context, version: nil)
    }

    func release(_ request: Request, context: some RequestContext) async throws -> Response {
        try await answer(request, context: context, version: try context.parameters.require("version"))
    }

    private func answer(_ request: Request, context: some RequestContext, version: String?) async throws -> Response {
        let raw = try context.parameters.require("project")
        let normalized = ProjectName.normalize(raw)
        let notFound = MessageError(404, "Not Found", headers: CORS.headers)
        guard ProjectName.isValid(raw) else { throw notFound }
        if raw != normalized {
            let location = version.map { "/pypi/\(normalized)/\($0)/json" } ?? "/pypi/\(normalized)/json"
            return SimpleController.redirect(location)
        }
        let (urls, origin, keep) = self.urls.absolute(for: request)
        let page: ReadModel.Page = version.map { .releaseJSON($0, origin: origin) } ?? .projectJSON(origin: origin)
        let render = { () async throws -> CachedBody? in
            let downloads = try await statistics?.recent(normalized)
            guard
                let json = try await store.projectJSON(
                    normalizedName: normalized, version: version, urls: urls, downloads: downloads)
            else { return nil }
            var headers = HTTPFields()
            headers.set("X-PyPI-Last-Serial", String(json.lastSerial))
            let key = version == nil ? "project-legacy-json" : "release-legacy-json"
            headers.set(
                "Surrogate-Key", "\(SurrogateKeys.project(normalized)) \(SurrogateKeys.allLegacyJSON) \(key)")
            headers.set("Surrogate-Control", CacheHeaders.surrogateControl)
            return CachedBody(
                bytes: json.json(), contentType: "application/json", cacheControl: Self.cacheControl,
                headers: headers, vary: false)
        }
        let body = keep ? try await model.page(page, of: normalized, render: render) : try await render()
        guard let body else { throw notFound }
        return body.response(to: request)
    }
}
