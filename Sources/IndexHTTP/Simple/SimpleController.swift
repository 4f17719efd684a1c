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
    /// The upstream indexes proxied for projects not hosted here (`nil`: none).
    var proxy: (any PackageProxy)? = nil
    /// The hosted projects merged with upstream.
    let merged = MergedProjects()

    static let cacheControl = "max-age=600, public"

    func index(_ request: Request, context: some RequestContext) async throws -> Response {
        if !request.uri.path.hasSuffix("/") { return Self.redirect("/simple/") }
        await model.refreshIfDue()
        return try await model.simpleRoot.body().response(to: request)
    }

    func project(_ request: Request, context: some RequestContext) async throws -> Response {
        let raw = try context.parameters.require("project")
        let normalized = ProjectName.normalize(raw)
        guard raw == normalized, request.uri.path.hasSuffix("/") else {
            guard ProjectName.isValid(raw) else { throw MessageError(404, "Not Found", headers: CORS.headers) }
            return Self.redirect("/simple/\(normalized)/")
        }
        let format = SimpleFormat.negotiate(accept: request.headers[.accept])
        if let proxy, try await merged.contains(normalized, model: model, store: store) {
            guard let body = try await mergedPage(normalized, format: format, proxy: proxy) else {
                throw MessageError(404, "Not Found", headers: CORS.headers)
            }
            return body.response(to: request)
        }
        let body = try await model.page(.simple(format), of: normalized) {
            guard let detail = try await store.projectDetail(normalizedName: normalized),
                detail.project.status != .quarantined, let page = SimpleProjectPage(detail, urls: urls)
            else { return nil }
            return Self.body(
                format == .v1JSON ? page.json() : page.html(), format: format, serial: detail.project.lastSerial,
                surrogateKey: SurrogateKeys.project(normalized))
        }
        if let body { return body.response(to: request) }
        guard let proxy, let proxied = try await proxied(normalized, format: format, proxy: proxy) else {
            throw MessageError(404, "Not Found", headers: CORS.headers)
        }
        return proxied.response(to: request)
    }

    /// The page of a project not hosted here, from upstream: rendered once per page version and
    /// kept in the read model while fresh (the fast path answers it then); a stale page (upstream
    /// down) says so in `X-Cheeseshop-Upstream` and `Warning`.
    private func proxied(_ name: String, format: SimpleFormat, proxy: any PackageProxy) async throws -> CachedBody? {
        let answer: ProxiedPage?
        do {
            answer = try await proxy.page(normalizedName: name, urls: urls)
        } catch {
            throw MessageError(502, "The upstream index could not be reached: \(error)", headers: CORS.headers)
        }
        guard let answer else { return nil }
        let page = ReadModel.Page.simple(format)
        if !answer.stale, let kept = model.proxiedBody(page, of: name, version: answer.version) { return kept }
        let body = Self.body(
            format == .v1JSON ? answer.page.json() : answer.page.html(), format: format,
            serial: answer.page.lastSerial, surrogateKey: SurrogateKeys.project(name),
            upstream: answer.stale ? "stale" : "fresh")
        if !answer.stale {
            model.keepProxied(body, as: page, of: name, freshUntil: answer.freshUntil, version: answer.version)
        }
        return body
    }

    /// A hosted project's page with the upstream's files of the same name added (its Owners
    /// allowed it): a file here wins over an upstream file of the same filename. Upstream failing,
    /// the hosted files alone are listed.
    private func mergedPage(_ name: String, format: SimpleFormat, proxy: any PackageProxy) async throws -> CachedBody? {
        let upstream = try? await proxy.page(normalizedName: name, urls: urls)
        let page = ReadModel.Page.simple(format)
        if let upstream, !upstream.stale, let kept = model.proxiedBody(page, of: name, version: upstream.version) {
            return kept
        }
        let generation = model.generation
        guard let detail = try await store.projectDetail(normalizedName: name),
            var local = SimpleProjectPage(detail, urls: urls)
        else { return nil }
        if let upstream {
            let here = Set(local.files.map(\.filename))
            local.files += upstream.page.files.filter { !here.contains($0.filename) }
            var versions = local.versions
            for version in upstream.page.versions where !versions.contains(version) { versions.append(version) }
            local.versions = versions.sorted { ReleaseVersion($0) < ReleaseVersion($1) }
        }
        let body = Self.body(
            format == .v1JSON ? local.json() : local.html(), format: format, serial: local.lastSerial,
            surrogateKey: SurrogateKeys.project(name), upstream: upstream.map { $0.stale ? "stale" : "merged" })
        if let upstream, !upstream.stale {
            model.keepProxied(
                body, as: page, of: name, freshUntil: upstream.freshUntil, version: upstream.version,
                mergedAt: generation)
        }
        return body
    }

    /// A simple-API body with PyPI's headers (reference b.2).
    private static func body(
        _ bytes: [UInt8], format: SimpleFormat, serial: Int64, surrogateKey: String, upstream: String? = nil
    ) -> CachedBody {
        var headers = HTTPFields()
        if let upstream { headers.set("X-Cheeseshop-Upstream", upstream) }
        if upstream == "stale" { headers.set("Warning", "110 cheeseshop \"Response is Stale\"") }
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
