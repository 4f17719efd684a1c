import IndexCore

/// The `/search/?q=&c=&page=` parameters (PyPI's names): text, classifier filters, page.
struct SearchQueryParameters {
    var text = ""
    var classifiers: [String] = []
    var page = 1

    init(_ query: String) {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = FormData.decode(parts[0]) else { continue }
            let value = parts.count > 1 ? FormData.decode(parts[1]) ?? "" : ""
            switch key {
            case "q": text = String(value.prefix(200))
            case "c" where !value.isEmpty && classifiers.count < 10: classifiers.append(String(value.prefix(200)))
            case "page": page = min(max(Int(value) ?? 1, 1), 50)
            default: break
            }
        }
    }

    var query: SearchQuery { SearchQuery(text: text, classifiers: classifiers, page: page, perPage: 20) }

    /// This search's URL with another page, or without one classifier.
    func url(page: Int? = nil, dropping classifier: String? = nil) -> String {
        var items = ["q=" + PercentEncoding.encodeQueryValue(text)]
        for value in classifiers where value != classifier { items.append("c=" + PercentEncoding.encodeQueryValue(value)) }
        if let page, page > 1 { items.append("page=\(page)") }
        return "/search/?" + items.joined(separator: "&")
    }
}

/// The search results page.
struct SearchPageHTML {
    let parameters: SearchQueryParameters
    let results: SearchResults
    let t: Translator
    /// The page's own URL (``SiteLayout``'s language picker returns to it).
    let path: String

    func render() -> String {
        let text = parameters.text
        let heading = text.isEmpty ? t("search.heading") : t("search.results_for", ["query": text])
        var body = "<p role=\"status\" id=\"result-count\">\(t.pluralHTML("search.found", results.total))</p>"
        if !parameters.classifiers.isEmpty {
            body += "<p>\(t.html("search.filtered_by")) "
            for classifier in parameters.classifiers {
                body += "<span class=\"tag\">\(WebPage.escape(classifier)) <a href=\"\(WebPage.escape(parameters.url(dropping: classifier)))\" aria-label=\"\(t.html("search.remove_filter", ["classifier": classifier]))\">×</a></span> "
            }
            body += "</p>"
        }
        if text.isEmpty && parameters.classifiers.isEmpty {
            body += "<p class=\"muted\">\(t.html("search.hint"))</p>"
        }
        body += "<ul class=\"results\">"
        for hit in results.hits {
            body += "<li><a class=\"name\" href=\"/project/\(hit.normalizedName)/\">\(WebPage.escape(hit.name))</a> <span class=\"meta\">\(WebPage.escape(hit.version)) · \(hit.released.iso8601Seconds.prefix(10))</span>"
            if !hit.summary.isEmpty { body += "<br>\(WebPage.escape(hit.summary))" }
            body += "</li>"
        }
        body += "</ul>"
        let perPage = parameters.query.perPage
        let pages = (results.total + perPage - 1) / perPage
        if pages > 1 {
            body += "<nav aria-label=\"\(t.html("search.pages"))\"><p>"
            if parameters.page > 1 { body += "<a href=\"\(WebPage.escape(parameters.url(page: parameters.page - 1)))\" rel=\"prev\">\(t.html("search.previous"))</a> " }
            body += t.html("search.page_of", ["page": t.number(parameters.page), "pages": t.number(pages)])
            if parameters.page < pages { body += " <a href=\"\(WebPage.escape(parameters.url(page: parameters.page + 1)))\" rel=\"next\">\(t.html("search.next"))</a>" }
            body += "</p></nav>"
        }
        return SiteLayout.document(t, path: path, title: heading, heading: heading, body: body, searchText: text)
    }
}
