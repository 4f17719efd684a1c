import HTTPTypes
import Hummingbird
import IndexCore
import PythonPackaging

/// The pages for people that are the same for every visitor: home, search, project and
/// release pages, user and organization pages, and PyPI's old URLs redirected. Project, release and home pages
/// are kept by the ``ReadModel`` (rendered once per change, README included).
struct PublicPagesController: Sendable {
    let store: any IndexStore
    let urls: PublicURLs
    let model: ReadModel
    let tls: Bool
    /// The download counts shown on project pages (`nil`: none shown).
    var statistics: DownloadStatistics? = nil
    let searches = SearchPageCache()

    func register(on router: Router<IndexRequestContext>) {
        for method in [HTTPRequest.Method.get, .head] {
            router.on("/", method: method) { request, _ in try await home(request) }
            router.on("/search", method: method) { request, _ in try await search(request) }
            router.on("/project/:project", method: method) { request, context in
                try await project(request, name: try context.parameters.require("project"), version: nil)
            }
            router.on("/project/:project/:version", method: method) { request, context in
                try await project(
                    request, name: try context.parameters.require("project"),
                    version: try context.parameters.require("version"))
            }
            router.on("/user/:username", method: method) { request, context in
                try await user(request, username: try context.parameters.require("username"))
            }
            router.on("/org/:organization", method: method) { request, context in
                try await organization(request, name: try context.parameters.require("organization"))
            }
            for prefix in ["/pypi", "/p"] {
                router.on("\(prefix)/:project", method: method) { _, context in
                    Self.redirect(to: "/project/\(ProjectName.normalize(try context.parameters.require("project")))/")
                }
            }
            router.on("/pypi/:project/:version", method: method) { _, context in
                let name = ProjectName.normalize(try context.parameters.require("project"))
                let version = PercentEncoding.encodePathSegment(try context.parameters.require("version"))
                return Self.redirect(to: "/project/\(name)/\(version)/")
            }
        }
    }

    static func redirect(to location: String) -> Response {
        Response(status: .movedPermanently, headers: [.location: location, .contentLength: "0"])
    }

    /// A 404 page in the request's language; `what` says what is missing (plain text).
    private func notFound(_ request: Request, _ what: (Translator) -> String) -> Response {
        let t = Translator(request)
        return WebPage(title: t("error.404.title"), body: "<p>\(WebPage.escape(what(t)))</p>", status: .notFound)
            .response(to: request, tls: tls)
    }

    func home(_ request: Request) async throws -> Response {
        let (store, tls) = (store, tls)
        // The install commands name this index's absolute URL: kept per origin (``PublicURLs``).
        let (urls, origin, keep) = self.urls.absolute(for: request)
        let language = Language(request)
        let render = { @Sendable () async throws -> CachedBody? in
            let figures = try await store.statistics()
            let recent = try await store.recentReleases(limit: 12)
            return WebPage.publicBody(
                html: HomePageHTML(figures: figures, recent: recent, base: urls.base, t: Translator(language)).render(),
                surrogateKey: SurrogateKeys.home, tls: tls, language: language)
        }
        guard keep else {
            guard let body = try await render() else { return notFound(request) { $0("home.missing") } }
            return body.response(to: request)
        }
        let answer = try await model.rootPage(.home(origin: origin, language: language), render: render)
        guard let answer else { return notFound(request) { $0("home.missing") } }
        return answer.response(to: request)
    }

    func search(_ request: Request) async throws -> Response {
        let queryString = request.uri.query ?? ""
        let language = Language(request)
        await model.refreshIfDue()
        let body = try await searches.body(
            for: queryString, language: language, generation: model.generation,
            now: model.clock.now().secondsSinceEpoch
        ) {
            let query = SearchQueryParameters(queryString)
            let results = try await store.search(query.query)
            let path = "/search/" + (queryString.isEmpty ? "" : "?" + queryString)
            let html = SearchPageHTML(parameters: query, results: results, t: Translator(language), path: path)
                .render()
            return WebPage.publicBody(html: html, surrogateKey: SurrogateKeys.search, tls: tls, language: language)
        }
        return body.response(to: request)
    }

    func project(_ request: Request, name: String, version: String?) async throws -> Response {
        let normalized = ProjectName.normalize(name)
        guard ProjectName.isValid(name) else { return notFound(request) { $0("project.no_such", ["name": name]) } }
        if name != normalized {
            let suffix = version.map { "\(PercentEncoding.encodePathSegment($0))/" } ?? ""
            return Self.redirect(to: "/project/\(normalized)/\(suffix)")
        }
        let language = Language(request)
        let page: ReadModel.Page = version.map { .releasePage($0, language) } ?? .projectPage(language)
        let body = try await model.page(page, of: normalized) {
            guard let page = try await store.projectPage(normalizedName: normalized, version: version) else {
                return nil
            }
            let t = Translator(language)
            let path = "/project/\(normalized)/" + (version.map { "\(PercentEncoding.encodePathSegment($0))/" } ?? "")
            var html = ProjectPageHTML(model: page, urls: urls.relative, t: t, path: path)
            if let statistics {
                let figures = try await statistics.figures(normalized)
                html.statistics = DownloadStatisticsHTML(figures: figures, projectName: page.project.name, t: t)
                    .render()
            }
            return WebPage.publicBody(
                html: html.render(),
                surrogateKey: SurrogateKeys.project(normalized),
                tls: tls, language: language)
        }
        guard let body else {
            return notFound(request) { t in
                version.map { t("project.no_release", ["name": name, "version": $0]) }
                    ?? t("project.no_such", ["name": name])
            }
        }
        return body.response(to: request)
    }

    func user(_ request: Request, username: String) async throws -> Response {
        guard let user = try await store.user(username: username), !user.isFrozen else {
            return notFound(request) { $0("user.no_such", ["name": username]) }
        }
        var projects: [Project] = []
        for role in try await store.roles(userID: user.id) {
            if let project = try await store.project(id: role.projectID), project.status != .quarantined {
                projects.append(project)
            }
        }
        projects.sort { $0.normalizedName < $1.normalizedName }
        let t = Translator(request)
        var body = "<p class=\"muted\">\(t.html("user.joined", ["date": String(user.created.iso8601Seconds.prefix(10))]))</p>"
        body += "<h2>\(t.pluralHTML("user.projects", projects.count))</h2><ul class=\"results\">"
        for project in projects {
            body +=
                "<li><a class=\"name\" href=\"/project/\(project.normalizedName)/\">\(WebPage.escape(project.name))</a></li>"
        }
        body += "</ul>"
        let organizations = try await store.organizations(userID: user.id)
        if !organizations.isEmpty {
            body += "<h2>\(t.html("user.organizations"))</h2><ul class=\"results\" id=\"user-organizations\">"
            for organization in organizations {
                body +=
                    "<li><a class=\"name\" href=\"/org/\(organization.normalizedName)/\">\(WebPage.escape(organization.name))</a></li>"
            }
            body += "</ul>"
        }
        let html = SiteLayout.document(
            t, path: WebPage.path(of: request), title: user.username, heading: user.username, body: body)
        // The page lists the user's projects: a change to one of them (removed, quarantined)
        // purges it too.
        let keys = [SurrogateKeys.user(user.username)] + projects.map { SurrogateKeys.project($0.normalizedName) }
        let page = WebPage.publicBody(
            html: html, surrogateKey: keys.joined(separator: " "), tls: tls, language: t.language)
        return page.response(to: request)
    }

    /// `/org/<name>/`: rendered per request (a few reads), kept by a cache in front under the
    /// organization's surrogate key, which a transfer (a journal entry) and a member change
    /// (``ManageOrganizations``) purge, and under each of its projects' keys, so a project that
    /// changes (a new release, quarantined or released, deleted) purges it too.
    func organization(_ request: Request, name: String) async throws -> Response {
        let normalized = ProjectName.normalize(name)
        guard ProjectName.isValid(name), let page = try await store.organizationPage(normalizedName: normalized)
        else { return notFound(request) { t in t("org.no_such", ["name": name]) } }
        if name != normalized { return Self.redirect(to: "/org/\(normalized)/") }
        let keys = [SurrogateKeys.organization(normalized)] + page.allProjectNames.map(SurrogateKeys.project)
        let t = Translator(request)
        let html = OrganizationPageHTML(model: page, t: t, path: WebPage.path(of: request)).render()
        return WebPage.publicBody(
            html: html, surrogateKey: keys.joined(separator: " "), tls: tls, language: t.language
        ).response(to: request)
    }
}
