import IndexCore

extension DownloadStatisticsHTML {
    /// A horizontal bar chart of downloads by one kind of category (Python version, operating
    /// system, installer), biggest first: the top eight and one "other" bar for the rest, each
    /// with its label, count and percentage; then a table of the same rows.
    struct ShareChart {
        /// One bar: a category, or the sum of the categories past the top ones.
        struct Row: Equatable {
            /// As shown, not yet escaped: `unknown` for an empty category.
            var label: String
            var count: Int
            /// How many categories an "other" row sums; 0 for a single category.
            var othersSummed = 0
        }

        /// Used in element ids: `python`, `system`, `installer`.
        let id: String
        /// What the categories are, in lower case but for names: `Python version`, `installer`.
        let subject: String
        let shares: [DownloadFigures.Share]
        /// Already escaped.
        let projectName: String

        /// More categories than this draw the top `shownCategories` and an "other" bar.
        static let maximumBars = 9
        static let shownCategories = 8

        private static let width = 540.0
        private static let rowHeight = 30.0
        private static let barHeight = 20.0
        private static let labelRight = 160.0
        private static let barLeft = 168.0
        private static let barMaximum = 230.0
        /// Labels longer than this are shortened in the chart (the title and table have them whole).
        private static let labelLength = 17

        /// The bars: every share when few, else the top ones and an "other" row summing the rest.
        static func rows(of shares: [DownloadFigures.Share]) -> [Row] {
            let labelled = shares.map { Row(label: $0.category.isEmpty ? "unknown" : $0.category, count: $0.count) }
            guard labelled.count > maximumBars else { return labelled }
            let rest = labelled[shownCategories...]
            let other = Row(label: "other", count: rest.reduce(0) { $0 + $1.count }, othersSummed: rest.count)
            return Array(labelled[..<shownCategories]) + [other]
        }

        func render(into html: inout String) {
            let capitalized = subject.prefix(1).uppercased() + subject.dropFirst()
            html += "<div class=\"stats-block\"><h3 id=\"stats-\(id)-heading\">By \(subject)</h3>\n"
            let rows = Self.rows(of: shares)
            let total = rows.reduce(0) { $0 + $1.count }
            // The shares come biggest first; the "other" row may outgrow them, and sets the scale.
            guard let biggest = rows.first, let largest = rows.map(\.count).max(), total > 0 else {
                html += "<p class=\"muted\">No downloads with a known \(subject).</p></div>\n"
                return
            }
            let height = Double(rows.count) * Self.rowHeight + 8
            html += "<svg class=\"stats-chart stats-share\" role=\"img\" "
            html += "aria-labelledby=\"stats-\(id)-title stats-\(id)-desc\" width=\"100%\" "
            html += "viewBox=\"0 0 \(ChartNumbers.coordinate(Self.width)) \(ChartNumbers.coordinate(height))\">"
            html += "<title id=\"stats-\(id)-title\">Downloads of \(projectName) by \(subject)</title>"
            html += "<desc id=\"stats-\(id)-desc\">Downloads by \(subject): \(ChartNumbers.thousands(total)) in all "
            html += "across \(ChartNumbers.thousands(shares.count)) "
            html += shares.count == 1 ? "category" : "categories"
            html += ", the most from \(WebPage.escape(biggest.label)) (\(ChartNumbers.thousands(biggest.count)), "
            html += "\(ChartNumbers.percent(biggest.count, of: total))).</desc>\n"
            for (index, row) in rows.enumerated() {
                appendBar(row, at: index, total: total, largest: largest, to: &html)
            }
            html += "</svg>\n"
            appendTable(rows, total: total, categoryHeader: capitalized, to: &html)
            html += "</div>\n"
        }

        private func appendBar(_ row: Row, at index: Int, total: Int, largest: Int, to html: inout String) {
            let top = Double(index) * Self.rowHeight + 4 + (Self.rowHeight - Self.barHeight) / 2
            let middle = ChartNumbers.coordinate(top + Self.barHeight / 2)
            // A category with downloads keeps a sliver of a bar, however small its share.
            let scaled = Double(row.count) / Double(max(largest, 1)) * Self.barMaximum
            let length = row.count > 0 ? max(2, scaled) : 0
            let label = WebPage.escape(row.label)
            let shortLabel =
                row.label.count > Self.labelLength
                ? WebPage.escape(String(row.label.prefix(Self.labelLength - 1)) + "…") : label
            let count = ChartNumbers.thousands(row.count)
            let percent = ChartNumbers.percent(row.count, of: total)
            let kind = row.othersSummed > 0 ? "stats-bar stats-other" : "stats-bar"
            html += "<g><text x=\"\(ChartNumbers.coordinate(Self.labelRight))\" y=\"\(middle)\" dy=\"0.35em\" "
            html += "text-anchor=\"end\">\(shortLabel)</text>"
            html += "<rect class=\"\(kind)\" x=\"\(ChartNumbers.coordinate(Self.barLeft))\" "
            html += "y=\"\(ChartNumbers.coordinate(top))\" width=\"\(ChartNumbers.coordinate(length))\" "
            html += "height=\"\(ChartNumbers.coordinate(Self.barHeight))\" data-category=\"\(label)\" "
            html += "data-count=\"\(row.count)\"><title>\(tableLabel(row, escaped: label)): \(count) "
            html += row.count == 1 ? "download" : "downloads"
            html += " (\(percent))</title></rect>"
            html += "<text x=\"\(ChartNumbers.coordinate(Self.barLeft + length + 6))\" y=\"\(middle)\" "
            html += "dy=\"0.35em\">\(count) (\(percent))</text></g>\n"
        }

        private func appendTable(_ rows: [Row], total: Int, categoryHeader: String, to html: inout String) {
            html += "<details><summary>Table of the numbers</summary><table class=\"stats-table\">"
            html += "<caption>Downloads of \(projectName) by \(subject)</caption><thead><tr>"
            html += "<th scope=\"col\">\(categoryHeader)</th><th scope=\"col\">Downloads</th>"
            html += "<th scope=\"col\">Share</th></tr></thead><tbody>\n"
            for row in rows {
                html += "<tr><td>\(tableLabel(row, escaped: WebPage.escape(row.label)))</td>"
                html += "<td class=\"stats-num\">\(ChartNumbers.thousands(row.count))</td>"
                html += "<td class=\"stats-num\">\(ChartNumbers.percent(row.count, of: total))</td></tr>\n"
            }
            html += "</tbody></table></details>\n"
        }

        /// `other (5 more)` for the summing row, else the label itself.
        private func tableLabel(_ row: Row, escaped label: String) -> String {
            row.othersSummed > 0 ? "\(label) (\(ChartNumbers.thousands(row.othersSummed)) more)" : label
        }
    }
}
