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
    /// The language of the section's sentences (the charts' own texts are English for now).
    let t: Translator

    init(figures: DownloadFigures, projectName: String, t: Translator = Translator(.en)) {
        self.figures = figures
        self.projectName = projectName
        self.t = t
    }

    /// The `<section id="statistics">` fragment.
    func render() -> String {
        var html = ""
        html.reserveCapacity(16_384 + figures.days.count * 320)
        html += "<section id=\"statistics\" class=\"stats-section\" aria-labelledby=\"statistics-heading\">"
        html += "<h2 id=\"statistics-heading\">\(t.html("project.statistics"))</h2>\n"
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
            ? t.html("stats.none_yet")
            : t.pluralHTML("stats.none_in_days", figures.days.count)
    }

    private func appendSummary(to html: inout String) {
        let recent = figures.recent
        let strong = { (count: Int) in "<strong>\(t.number(count))</strong>" }
        html += "<p class=\"stats-summary\">"
        html += t.html(
            "stats.summary", markup: ["day": strong(recent.day), "week": strong(recent.week), "month": strong(recent.month)])
        html += "</p>\n<p class=\"muted\">\(t.html("stats.counted_by"))</p>\n"
    }

    private func shareCharts(projectName: String) -> [ShareChart] {
        [
            ShareChart(id: "python", subject: "Python version", shares: figures.byPython, projectName: projectName),
            ShareChart(id: "system", subject: "operating system", shares: figures.bySystem, projectName: projectName),
            ShareChart(id: "installer", subject: "installer", shares: figures.byInstaller, projectName: projectName),
        ]
    }
}
