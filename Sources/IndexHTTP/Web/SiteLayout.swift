/// The frame of every HTML page: the header with the search box and account links, the main
/// column, the footer. The same for every visitor, so public pages can be cached; no script.
enum SiteLayout {
    /// A whole document around `body` (already HTML). `heading` nil: the body brings its own.
    static func document(
        title: String, heading: String?, body: String, searchText: String = "",
        feeds: [(title: String, href: String)] = []
    ) -> String {
        let title = WebPage.escape(title)
        let alternates = feeds.map {
            "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"\(WebPage.escape($0.title))\" href=\"\(WebPage.escape($0.href))\">\n"
        }.joined()
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · Cheeseshop</title>
            <link rel="stylesheet" href="\(Stylesheet.path)">
            \(alternates)</head><body>
            <a class="skip" href="#content">Skip to main content</a>
            <header class="site"><div class="bar">
            <a class="brand" href="/">Cheeseshop</a>
            <form class="search" role="search" method="get" action="/search/">
            <label for="site-search" class="visually-hidden">Search projects</label>
            <input id="site-search" type="search" name="q" value="\(WebPage.escape(searchText))" placeholder="Search projects">
            <button type="submit">Search</button></form>
            <nav aria-label="Account"><a href="/manage/projects/">Your projects</a> <a href="/manage/organizations/">Your organizations</a> <a href="/manage/account/">Account</a> <a href="/account/login/">Log in</a> <a href="/account/register/">Register</a></nav>
            </div></header>
            <main id="content">
            \(heading.map { "<h1>\(WebPage.escape($0))</h1>\n" } ?? "")\(body)
            </main>
            <footer class="site"><p>Served by Cheeseshop, a Python package index. <a href="/simple/">Simple index</a></p></footer>
            </body></html>

            """
    }
}
