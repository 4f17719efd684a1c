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

    func render() -> String {
        let text = parameters.text
        let heading = text.isEmpty ? "Search projects" : "Results for “\(text)”"
        var body = "<p role=\"status\" id=\"result-count\">\(results.total) project\(results.total == 1 ? "" : "s") found</p>"
        if !parameters.classifiers.isEmpty {
            body += "<p>Filtered by: "
            for classifier in parameters.classifiers {
                body += "<span class=\"tag\">\(WebPage.escape(classifier)) <a href=\"\(WebPage.escape(parameters.url(dropping: classifier)))\" aria-label=\"Remove filter \(WebPage.escape(classifier))\">×</a></span> "
            }
            body += "</p>"
        }
        if text.isEmpty && parameters.classifiers.isEmpty {
            body += "<p class=\"muted\">Type words from a project's name or description. Filter by a classifier from any project page.</p>"
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
            body += "<nav aria-label=\"Pages\"><p>"
            if parameters.page > 1 { body += "<a href=\"\(WebPage.escape(parameters.url(page: parameters.page - 1)))\" rel=\"prev\">Previous</a> " }
            body += "Page \(parameters.page) of \(pages)"
            if parameters.page < pages { body += " <a href=\"\(WebPage.escape(parameters.url(page: parameters.page + 1)))\" rel=\"next\">Next</a>" }
            body += "</p></nav>"
        }
        return SiteLayout.document(title: heading, heading: heading, body: body, searchText: text)
    }
}
