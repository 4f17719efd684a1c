/// The frame of every HTML page: the header with the search box and account links, the main
/// column, the footer with the language picker. The same for every visitor of a language, so
/// public pages can be cached (one body per language); no script.
enum SiteLayout {
    /// A whole document around `body` (already HTML) in `t`'s language, for the page at `path`
    /// (its own URL, where the language picker returns to). `heading` nil: the body brings its own.
    static func document(
        _ t: Translator, path: String, title: String, heading: String?, body: String, searchText: String = "",
        feeds: [(title: String, href: String)] = []
    ) -> String {
        let title = WebPage.escape(title)
        let alternates = feeds.map {
            "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"\(WebPage.escape($0.title))\" href=\"\(WebPage.escape($0.href))\">\n"
        }.joined()
        return """
            <!DOCTYPE html>
            <html lang="\(t.language.tag)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · Cheeseshop</title>
            <link rel="stylesheet" href="\(Stylesheet.path)">
            \(alternates)</head><body>
            <a class="skip" href="#content">\(t.html("layout.skip"))</a>
            <header class="site"><div class="bar">
            <a class="brand" href="/">Cheeseshop</a>
            <form class="search" role="search" method="get" action="/search/">
            <label for="site-search" class="visually-hidden">\(t.html("layout.search_label"))</label>
            <input id="site-search" type="search" name="q" value="\(WebPage.escape(searchText))" placeholder="\(t.html("layout.search_label"))">
            <button type="submit">\(t.html("layout.search_button"))</button></form>
            <nav aria-label="\(t.html("layout.account_nav"))"><a href="/manage/projects/">\(t.html("layout.your_projects"))</a> <a href="/manage/organizations/">\(t.html("layout.your_organizations"))</a> <a href="/manage/account/">\(t.html("layout.account"))</a> <a href="/account/login/">\(t.html("layout.log_in"))</a> <a href="/account/register/">\(t.html("layout.register"))</a></nav>
            </div></header>
            <main id="content">
            \(heading.map { "<h1>\(WebPage.escape($0))</h1>\n" } ?? "")\(body)
            </main>
            <footer class="site"><p>\(t.html("layout.served_by")) <a href="/simple/">\(t.html("layout.simple_index"))</a></p>
            \(LanguagePicker.form(t, path: path))</footer>
            </body></html>

            """
    }
}
