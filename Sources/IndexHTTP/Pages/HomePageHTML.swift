import IndexCore
import PythonPackaging

/// The home page: what the index holds, a search box, the newest releases.
struct HomePageHTML {
    let figures: IndexStatistics
    let recent: [RecentRelease]
    let base: String
    let t: Translator

    func render() -> String {
        var body = "<div class=\"band\"><h1>\(t.html("home.heading"))</h1>"
        body += "<form method=\"get\" action=\"/search/\" role=\"search\" class=\"search\"><label for=\"home-search\" class=\"visually-hidden\">\(t.html("layout.search_label"))</label>"
        body += "<input id=\"home-search\" type=\"search\" name=\"q\" placeholder=\"\(t.html("layout.search_label"))\"><button type=\"submit\">\(t.html("layout.search_button"))</button></form>"
        body += "<div class=\"stats\" aria-label=\"\(t.html("home.stats_label"))\">"
        for (count, id) in [
            (figures.projects, "home.projects"), (figures.releases, "home.releases"), (figures.files, "home.files"),
            (figures.users, "home.users"),
        ] {
            body += "<div>\(t.pluralHTML(id, count, markup: ["count": "<strong>\(t.number(count))</strong>"]))</div>"
        }
        body += "</div></div>"
        body += "<h2>\(t.html("home.new_releases"))</h2>"
        if recent.isEmpty { body += "<p class=\"muted\">\(t.html("home.nothing_yet"))</p>" }
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
        body += "<h2>\(t.html("home.install_heading"))</h2><p>"
        body += t.html(
            "home.install_text",
            markup: [
                "pip": "<code>pip install --index-url \(base)/simple/ NAME</code>",
                "uv": "<code>uv pip install --index-url \(base)/simple/ NAME</code>",
                "twine": "<code>twine upload --repository-url \(base)/legacy/</code>",
                "account": "<a href=\"/manage/account/\">\(t.html("home.account_link"))</a>",
            ])
        body += "</p>"
        return SiteLayout.document(
            t, path: "/", title: "Cheeseshop", heading: nil, body: body,
            feeds: [(t("feed.newest_releases"), "/rss/updates.xml"), (t("feed.newest_projects"), "/rss/packages.xml")])
    }
}
