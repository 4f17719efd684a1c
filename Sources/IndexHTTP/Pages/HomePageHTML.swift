import IndexCore
import PythonPackaging

/// The home page: what the index holds, a search box, the newest releases.
struct HomePageHTML {
    let figures: IndexStatistics
    let recent: [RecentRelease]
    let base: String

    func render() -> String {
        var body = "<div class=\"band\"><h1>Find, install and publish Python packages</h1>"
        body += "<form method=\"get\" action=\"/search/\" role=\"search\" class=\"search\"><label for=\"home-search\" class=\"visually-hidden\">Search projects</label>"
        body += "<input id=\"home-search\" type=\"search\" name=\"q\" placeholder=\"Search projects\"><button type=\"submit\">Search</button></form>"
        body += "<div class=\"stats\" aria-label=\"What this index holds\">"
        for (count, label) in [
            (figures.projects, "projects"), (figures.releases, "releases"), (figures.files, "files"),
            (figures.users, "users"),
        ] {
            body += "<div><strong>\(count)</strong> \(label)</div>"
        }
        body += "</div></div>"
        body += "<h2>New releases</h2>"
        if recent.isEmpty { body += "<p class=\"muted\">Nothing has been published yet.</p>" }
        body += "<ul class=\"results\">"
        for release in recent {
            let name = WebPage.escape(release.name)
            body += "<li><a class=\"name\" href=\"/project/\(ProjectName.normalize(release.name))/\(PercentEncoding.encodePathSegment(release.version))/\">\(name) \(WebPage.escape(release.version))</a>"
            body += " <span class=\"meta\">\(release.created.iso8601Seconds.prefix(10))</span>"
            if !release.summary.isEmpty { body += "<br>\(WebPage.escape(release.summary))" }
            body += "</li>"
        }
        body += "</ul>"
        let base = WebPage.escape(base)
        body += "<h2>Install from this index</h2><p><code>pip install --index-url \(base)/simple/ NAME</code>, <code>uv pip install --index-url \(base)/simple/ NAME</code>; publish with <code>twine upload --repository-url \(base)/legacy/</code> and an API token from your <a href=\"/manage/account/\">account</a>.</p>"
        return SiteLayout.document(
            title: "Cheeseshop", heading: nil, body: body,
            feeds: [("Newest releases", "/rss/updates.xml"), ("Newest projects", "/rss/packages.xml")])
    }
}
