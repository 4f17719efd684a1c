import IndexCore

extension DownloadStatisticsHTML {
    /// The column chart of downloads per day, oldest on the left, with round ticks on the y axis,
    /// the first of each month on the x axis and a table of every day after it.
    struct DailyChart {
        let days: [DownloadFigures.Day]
        /// Already escaped.
        let projectName: String

        private static let width = 760.0
        private static let height = 240.0
        private static let plotLeft = 64.0
        private static let plotRight = 744.0
        private static let plotTop = 12.0
        private static let plotBottom = 208.0
        /// The least room between two date labels (a `YYYY-MM-DD` is about 70 wide).
        private static let labelGap = 88.0

        func render(into html: inout String) {
            let calendar = days.map { CalendarDay(daysSinceEpoch: $0.day) }
            let dates = calendar.map(\.iso)
            guard let firstDate = dates.first, let lastDate = dates.last else { return }
            let total = days.reduce(0) { $0 + $1.count }
            var busiest = 0
            for index in days.indices where days[index].count > days[busiest].count { busiest = index }

            html += "<div class=\"stats-block\"><h3 id=\"stats-daily-heading\">Downloads per day</h3>\n"
            html += "<svg class=\"stats-chart stats-daily\" role=\"img\" "
            html += "aria-labelledby=\"stats-daily-title stats-daily-desc\" width=\"100%\" "
            html += "viewBox=\"0 0 \(ChartNumbers.coordinate(Self.width)) \(ChartNumbers.coordinate(Self.height))\">"
            html += "<title id=\"stats-daily-title\">Downloads of \(projectName) per day</title>"
            html += "<desc id=\"stats-daily-desc\">Downloads per day from \(firstDate) to \(lastDate): "
            html += "\(ChartNumbers.thousands(total)) in all, most on \(dates[busiest]) "
            html += "(\(ChartNumbers.thousands(days[busiest].count))).</desc>\n"
            let ticks = ChartNumbers.ticks(upTo: days[busiest].count)
            appendGrid(ticks: ticks, to: &html)
            appendBars(dates: dates, top: ticks.last ?? 1, to: &html)
            appendDateLabels(calendar: calendar, dates: dates, to: &html)
            html += "</svg>\n"
            appendTable(dates: dates, firstDate: firstDate, lastDate: lastDate, to: &html)
            html += "</div>\n"
        }

        private var slot: Double { (Self.plotRight - Self.plotLeft) / Double(days.count) }

        private func y(_ value: Int, top: Int) -> Double {
            Self.plotBottom - Double(value) / Double(max(top, 1)) * (Self.plotBottom - Self.plotTop)
        }

        /// A gridline and a label at each tick; the zero line is the axis.
        private func appendGrid(ticks: [Int], to html: inout String) {
            let top = ticks.last ?? 1
            let left = ChartNumbers.coordinate(Self.plotLeft)
            let right = ChartNumbers.coordinate(Self.plotRight)
            let labelX = ChartNumbers.coordinate(Self.plotLeft - 8)
            html += "<g aria-hidden=\"true\">"
            for tick in ticks {
                let level = ChartNumbers.coordinate(y(tick, top: top))
                let kind = tick == 0 ? "stats-axis" : "stats-grid"
                html += "<line class=\"\(kind)\" x1=\"\(left)\" x2=\"\(right)\" y1=\"\(level)\" y2=\"\(level)\"/>"
                html += "<text class=\"stats-tick\" x=\"\(labelX)\" y=\"\(level)\" dy=\"0.35em\" text-anchor=\"end\">"
                html += "\(ChartNumbers.thousands(tick))</text>"
            }
            html += "</g>\n"
        }

        /// One `<rect>` a day with downloads (at least one unit high), none for a day without.
        private func appendBars(dates: [String], top: Int, to html: inout String) {
            let slot = slot
            let barWidth = slot >= 3 ? slot * 0.8 : slot
            let width = ChartNumbers.coordinate(barWidth)
            html += "<g>"
            for (index, day) in days.enumerated() where day.count > 0 {
                let height = max(1, Self.plotBottom - y(day.count, top: top))
                let x = Self.plotLeft + Double(index) * slot + (slot - barWidth) / 2
                let count = ChartNumbers.thousands(day.count)
                html += "<rect class=\"stats-bar\" x=\"\(ChartNumbers.coordinate(x))\" "
                html += "y=\"\(ChartNumbers.coordinate(Self.plotBottom - height))\" width=\"\(width)\" "
                html += "height=\"\(ChartNumbers.coordinate(height))\" data-day=\"\(dates[index])\" "
                html += "data-count=\"\(day.count)\"><title>\(dates[index]): \(count) "
                html += day.count == 1 ? "download</title></rect>" : "downloads</title></rect>"
            }
            html += "</g>\n"
        }

        /// The first of each month under its column, as room allows; the first and last day
        /// when fewer than two months begin in the days shown.
        private func appendDateLabels(calendar: [CalendarDay], dates: [String], to html: inout String) {
            var candidates = calendar.indices.filter { calendar[$0].day == 1 }
            if candidates.count < 2 { candidates = days.count > 1 ? [0, days.count - 1] : [0] }
            let baseline = ChartNumbers.coordinate(Self.plotBottom)
            let tickEnd = ChartNumbers.coordinate(Self.plotBottom + 4)
            let textY = ChartNumbers.coordinate(Self.plotBottom + 20)
            var lastX = -Double.infinity
            html += "<g aria-hidden=\"true\">"
            for index in candidates {
                let x = Self.plotLeft + (Double(index) + 0.5) * slot
                guard x - lastX >= Self.labelGap, x + Self.labelGap / 2 <= Self.width,
                    x - Self.labelGap / 2 >= 0
                else { continue }
                lastX = x
                let position = ChartNumbers.coordinate(x)
                html += "<line class=\"stats-axis\" x1=\"\(position)\" x2=\"\(position)\" "
                html += "y1=\"\(baseline)\" y2=\"\(tickEnd)\"/>"
                html += "<text class=\"stats-tick\" x=\"\(position)\" y=\"\(textY)\" text-anchor=\"middle\">"
                html += "\(dates[index])</text>"
            }
            html += "</g>\n"
        }

        /// Every day with its count, zero days included.
        private func appendTable(dates: [String], firstDate: String, lastDate: String, to html: inout String) {
            html += "<details><summary>Table of the numbers</summary><table class=\"stats-table\">"
            html += "<caption>Downloads of \(projectName) per day, \(firstDate) to \(lastDate)</caption>"
            html += "<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Downloads</th></tr></thead><tbody>\n"
            for (index, day) in days.enumerated() {
                html += "<tr><td>\(dates[index])</td><td class=\"stats-num\">"
                html += "\(ChartNumbers.thousands(day.count))</td></tr>\n"
            }
            html += "</tbody></table></details>\n"
        }
    }
}
