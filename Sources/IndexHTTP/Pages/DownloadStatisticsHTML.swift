import IndexCore

/// The download statistics section of a project page, as an HTML fragment with server-drawn
/// SVG charts and no script: the downloads of the last day, week and month; a column chart of
/// the downloads per day; bar charts of the shares by Python version, operating system and
/// installer. Each chart is an image with a title and a one-sentence description, followed by
/// a table of the same numbers. The same figures always give the same bytes.
struct DownloadStatisticsHTML {
    let figures: DownloadFigures
    /// The project's name as the page shows it.
    let projectName: String

    init(figures: DownloadFigures, projectName: String) {
        self.figures = figures
        self.projectName = projectName
    }

    /// The `<section id="statistics">` fragment.
    func render() -> String {
        var html = ""
        html.reserveCapacity(16_384 + figures.days.count * 320)
        html += "<section id=\"statistics\" class=\"stats-section\" aria-labelledby=\"statistics-heading\">"
        html += "<h2 id=\"statistics-heading\">Download statistics</h2>\n"
        guard figures.total > 0 else {
            html += "<p class=\"muted\">\(noDownloadsSentence)</p>\n</section>\n"
            return html
        }
        appendSummary(to: &html)
        let name = WebPage.escape(projectName)
        DailyChart(days: figures.days, projectName: name).render(into: &html)
        for chart in shareCharts(projectName: name) { chart.render(into: &html) }
        html += "</section>\n"
        return html
    }

    /// "No downloads recorded in the last 180 days." (the number of days shown).
    private var noDownloadsSentence: String {
        figures.days.isEmpty
            ? "No downloads recorded yet."
            : "No downloads recorded in the last \(ChartNumbers.thousands(figures.days.count)) days."
    }

    private func appendSummary(to html: inout String) {
        html += "<p class=\"stats-summary\">Downloads: "
        let recent = figures.recent
        html += "<strong>\(ChartNumbers.thousands(recent.day))</strong> in the last day, "
        html += "<strong>\(ChartNumbers.thousands(recent.week))</strong> in the last week, "
        html += "<strong>\(ChartNumbers.thousands(recent.month))</strong> in the last month.</p>\n"
        html += "<p class=\"muted\">Counted by this index from the files it served, together with the "
        html += "cache and CDN logs it has taken in.</p>\n"
    }

    private func shareCharts(projectName: String) -> [ShareChart] {
        [
            ShareChart(id: "python", subject: "Python version", shares: figures.byPython, projectName: projectName),
            ShareChart(id: "system", subject: "operating system", shares: figures.bySystem, projectName: projectName),
            ShareChart(id: "installer", subject: "installer", shares: figures.byInstaller, projectName: projectName),
        ]
    }
}
