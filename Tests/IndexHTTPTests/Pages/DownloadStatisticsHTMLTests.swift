import IndexCore
import Testing

@testable import IndexHTTP

/// The download statistics section: the numbers in the charts' DOM and tables, the "other"
/// bucket, the axis, the empty state and the escaping of categories.
@Suite struct DownloadStatisticsHTMLTests {
    /// 2026-06-10, so that 180 days end on 2026-12-06.
    static let firstDay = 20_614

    /// 180 days, all zero but for the given offsets from the first day.
    static func days(_ counts: [Int: Int], length: Int = 180) -> [DownloadFigures.Day] {
        (0..<length).map { DownloadFigures.Day(day: firstDay + $0, count: counts[$0] ?? 0) }
    }

    static func share(_ category: String, _ count: Int) -> DownloadFigures.Share {
        DownloadFigures.Share(category: category, count: count)
    }

    /// 120 downloads: 12 on 2026-12-01 (offset 174), 87 on 2026-11-30 (173), 21 on 2026-06-11 (1).
    static let sample = DownloadFigures(
        days: days([1: 21, 173: 87, 174: 12]),
        byPython: [share("3.12", 40), share("3.11", 30), share("3.13", 20), share("", 30)],
        bySystem: [share("Linux", 100), share("Windows", 15), share("macOS", 5)],
        byInstaller: [share("pip", 90), share("uv", 30)])

    static func render(_ figures: DownloadFigures, name: String = "demo") -> String {
        DownloadStatisticsHTML(figures: figures, projectName: name).render()
    }

    /// The part of `html` from `start` up to the next `end`.
    static func slice(_ html: String, from start: String, to end: String) throws -> Substring {
        let from = try #require(html.range(of: start))
        let to = try #require(html[from.upperBound...].range(of: end))
        return html[from.lowerBound..<to.upperBound]
    }

    /// The values of `attribute` in `html`, in order.
    static func values(of attribute: String, in html: Substring) -> [String] {
        html.components(separatedBy: "\(attribute)=\"").dropFirst().compactMap { $0.split(separator: "\"").first }
            .map(String.init)
    }

    @Test func theSectionHasItsHeadingAndSummary() {
        let html = Self.render(Self.sample)
        let opening = #"<section id="statistics" class="stats-section" aria-labelledby="statistics-heading">"#
        #expect(html.hasPrefix(opening))
        #expect(html.contains(#"<h2 id="statistics-heading">Download statistics</h2>"#))
        #expect(html.contains("<strong>0</strong> in the last day"))
        #expect(html.contains("<strong>99</strong> in the last week"))
        #expect(html.contains("<strong>99</strong> in the last month"))
        let recent = Self.render(
            DownloadFigures(days: Self.days([160: 2, 175: 1, 179: 4]), byPython: [], bySystem: [], byInstaller: []))
        #expect(
            recent.contains(
                "<strong>4</strong> in the last day, <strong>5</strong> in the last week, <strong>7</strong> in the last month"
            ))
        #expect(html.contains("cache and CDN logs"))
        #expect(html.hasSuffix("</section>\n"))
    }

    @Test func dailyBarsCarryTheirDayAndCountAndZeroDaysDrawNone() throws {
        let html = Self.render(Self.sample)
        let chart = try Self.slice(html, from: "<svg class=\"stats-chart stats-daily\"", to: "</svg>")
        #expect(Self.values(of: "data-day", in: chart) == ["2026-06-11", "2026-11-30", "2026-12-01"])
        #expect(Self.values(of: "data-count", in: chart) == ["21", "87", "12"])
        #expect(chart.contains(#"data-day="2026-12-01" data-count="12"><title>2026-12-01: 12 downloads</title>"#))
        #expect(
            chart.contains(
                "<desc id=\"stats-daily-desc\">Downloads per day from 2026-06-10 to 2026-12-06: 120 in all, "
                    + "most on 2026-11-30 (87).</desc>"))
    }

    @Test func theDailyTableListsEveryDayWithTheChartsNumbers() throws {
        let html = Self.render(Self.sample)
        let table = try Self.slice(html, from: "<caption>Downloads of demo per day", to: "</table>")
        #expect(table.components(separatedBy: "<tr><td>").count - 1 == 180)
        #expect(table.contains(#"<tr><td>2026-06-10</td><td class="stats-num">0</td></tr>"#))
        #expect(table.contains(#"<tr><td>2026-11-30</td><td class="stats-num">87</td></tr>"#))
        #expect(table.contains(#"<tr><td>2026-12-06</td><td class="stats-num">0</td></tr>"#))
    }

    @Test func theTopTickCoversTheBusiestDay() throws {
        let html = Self.render(Self.sample)
        let chart = try Self.slice(html, from: "<svg class=\"stats-chart stats-daily\"", to: "</svg>")
        #expect(chart.contains(">100</text>"))
        #expect(!chart.contains(">120</text>"))
        #expect(ChartNumbers.ticks(upTo: 87) == [0, 20, 40, 60, 80, 100])
        #expect(ChartNumbers.ticks(upTo: 12) == [0, 5, 10, 15])
        #expect(ChartNumbers.ticks(upTo: 1) == [0, 1])
        for maximum in 1...5_000 {
            let ticks = ChartNumbers.ticks(upTo: maximum)
            #expect((ticks.last ?? 0) >= maximum && ticks.count <= 6 && ticks.count >= 2, "\(maximum): \(ticks)")
        }
    }

    @Test func shareBarsShowTheirCountAndPercentage() throws {
        let html = Self.render(Self.sample)
        let chart = try Self.slice(html, from: "<svg class=\"stats-chart stats-share\"", to: "</svg>")
        #expect(Self.values(of: "data-category", in: chart) == ["3.12", "3.11", "3.13", "unknown"])
        #expect(Self.values(of: "data-count", in: chart) == ["40", "30", "20", "30"])
        #expect(chart.contains(#"data-category="3.12" data-count="40"><title>3.12: 40 downloads (33.3%)</title>"#))
        #expect(chart.contains(">40 (33.3%)</text>"))
        #expect(chart.contains(">unknown</text>"))
        #expect(chart.contains(">30 (25.0%)</text>"))
        #expect(html.contains(#"<tr><td>3.12</td><td class="stats-num">40</td><td class="stats-num">33.3%</td></tr>"#))
        #expect(html.contains(#"<tr><td>uv</td><td class="stats-num">30</td><td class="stats-num">25.0%</td></tr>"#))
    }

    @Test func categoriesPastTheTopEightAreSummedAsOther() throws {
        let many = (1...12).map { Self.share("3.\($0)", 100 - $0) }
        var figures = Self.sample
        figures.byPython = many
        let html = Self.render(figures)
        let chart = try Self.slice(html, from: "<svg class=\"stats-chart stats-share\"", to: "</svg>")
        let counts = Self.values(of: "data-count", in: chart)
        #expect(counts.count == 9)
        // 3.9 to 3.12: 91 + 90 + 89 + 88.
        #expect(counts.last == "358")
        #expect(Self.values(of: "data-category", in: chart).last == "other")
        #expect(chart.contains(#"class="stats-bar stats-other""#))
        let total = many.reduce(0) { $0 + $1.count }
        #expect(counts.compactMap { Int($0) }.reduce(0, +) == total)
        #expect(html.contains("<tr><td>other (4 more)</td><td class=\"stats-num\">358</td>"))

        figures.byPython = Array(many.prefix(9))
        let nine = try Self.slice(Self.render(figures), from: "<svg class=\"stats-chart stats-share\"", to: "</svg>")
        #expect(!nine.contains("other"))
        #expect(Self.values(of: "data-count", in: nine).count == 9)
    }

    @Test func categoriesAndTheNameAreEscaped() {
        var figures = Self.sample
        figures.bySystem = [Self.share("<script>alert(1)</script>", 5), Self.share("\"quoted\"", 1)]
        let html = Self.render(figures, name: "<b>demo</b>")
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<b>"))
        #expect(html.contains(#"data-category="&lt;script&gt;alert(1)&lt;/script&gt;""#))
        #expect(html.contains(#"data-category="&#34;quoted&#34;""#))
        #expect(html.contains("Downloads of &lt;b&gt;demo&lt;/b&gt; per day"))
    }

    @Test func withoutDownloadsTheSectionSaysSoAndDrawsNothing() {
        let empty = DownloadFigures(
            days: Self.days([:]), byPython: [], bySystem: [], byInstaller: [])
        let html = Self.render(empty)
        #expect(html.contains("No downloads recorded in the last 180 days."))
        #expect(html.contains(#"<h2 id="statistics-heading">Download statistics</h2>"#))
        #expect(!html.contains("<svg"))
        #expect(!html.contains("<table"))
    }

    @Test func everyChartIsALabelledImageFollowedByATable() {
        let html = Self.render(Self.sample)
        for id in ["daily", "python", "system", "installer"] {
            #expect(html.contains("role=\"img\" aria-labelledby=\"stats-\(id)-title stats-\(id)-desc\""))
            #expect(html.contains("<title id=\"stats-\(id)-title\">"))
            #expect(html.contains("<desc id=\"stats-\(id)-desc\">"))
        }
        #expect(html.components(separatedBy: "<svg ").count - 1 == 4)
        #expect(html.components(separatedBy: "<details><summary>Table of the numbers</summary>").count - 1 == 4)
        #expect(html.components(separatedBy: "<th scope=\"col\">").count - 1 == 2 + 3 * 3)
    }

    @Test func theSameFiguresGiveTheSameBytes() {
        #expect(Self.render(Self.sample) == Self.render(Self.sample))
    }

    @Test func numbersAreWrittenWithoutFoundation() {
        #expect(ChartNumbers.thousands(0) == "0")
        #expect(ChartNumbers.thousands(999) == "999")
        #expect(ChartNumbers.thousands(1_000) == "1,000")
        #expect(ChartNumbers.thousands(1_234_567) == "1,234,567")
        #expect(ChartNumbers.thousands(-12_345) == "-12,345")
        #expect(ChartNumbers.percent(1, of: 3) == "33.3%")
        #expect(ChartNumbers.percent(2, of: 3) == "66.7%")
        #expect(ChartNumbers.percent(3, of: 3) == "100.0%")
        #expect(ChartNumbers.percent(1, of: 2_000) == "0.1%")
        #expect(ChartNumbers.percent(1, of: 100_000) == "<0.1%")
        #expect(ChartNumbers.percent(0, of: 0) == "0.0%")
        #expect(ChartNumbers.coordinate(3.04) == "3")
        #expect(ChartNumbers.coordinate(3.96) == "4")
        #expect(ChartNumbers.coordinate(12.25) == "12.3")
        #expect(ChartNumbers.coordinate(-0.5) == "-0.5")
    }

    @Test func calendarDaysAgreeWithTimestamps() {
        for day in stride(from: -800, through: 80_000, by: 7) {
            let expected = Timestamp(secondsSinceEpoch: Double(day) * 86_400).iso8601Seconds.prefix(10)
            #expect(CalendarDay(daysSinceEpoch: day).iso == expected, "day \(day)")
        }
        #expect(CalendarDay(daysSinceEpoch: 0).iso == "1970-01-01")
        let first = CalendarDay(daysSinceEpoch: 20_788)
        #expect(first.year == 2026 && first.month == 12 && first.day == 1)
        #expect(CalendarDay(daysSinceEpoch: 11_016).iso == "2000-02-29")
    }
}
