import IndexCore
import PythonPackaging
import ReadmeRendering

/// The HTML of a project page: the band (name, version, install command, status banners),
/// the sidebar (links, meta, classifiers, maintainers) and the README, release history and
/// files sections. Everything from the database is escaped; the README is sanitized HTML.
struct ProjectPageHTML {
    let model: ProjectPageModel
    let urls: IndexURLs
    let t: Translator
    /// The page's own URL (``SiteLayout``'s language picker returns to it).
    let path: String
    /// The download statistics section (``DownloadStatisticsHTML``), after the files; empty: none.
    var statistics = ""

    var title: String { "\(model.project.name) \(model.release.version)" }

    func render() -> String {
        let feed = t("feed.project_releases", ["name": model.project.name])
        return SiteLayout.document(
            t, path: path, title: title, heading: nil,
            body: band + "<div class=\"layout\">" + sidebar + sections + "</div>",
            feeds: [(feed, "/rss/project/\(model.project.normalizedName)/releases.xml")])
    }

    private var band: String {
        let release = model.release
        let name = esc(model.project.name)
        var html = "<div class=\"band\"><h1>\(name) \(esc(release.version))"
        if release.yanked { html += " <span class=\"tag yanked\">\(t.html("project.yanked_tag"))</span>" }
        if ProjectPageModel.isPrerelease(release) {
            html += " <span class=\"tag pre\">\(t.html("project.prerelease_tag"))</span>"
        }
        html += "</h1>"
        if let summary = release.metadata.summary, !summary.isEmpty { html += "<p>\(esc(summary))</p>" }
        let pin = model.isLatest ? name : "\(name)==\(esc(release.version))"
        html += "<p><span class=\"pip\" id=\"install\">pip install \(pin)</span></p>"
        html += "<p class=\"muted\">\(t.html("project.released", ["date": String(release.created.iso8601Seconds.prefix(10))]))</p>"
        html += statusBanners
        if !model.isLatest {
            let latest = "<a href=\"/project/\(model.project.normalizedName)/\">\(esc(model.latest.version))</a>"
            html += "<div class=\"banner\" role=\"status\">\(t.html("project.not_latest", markup: ["latest": latest]))</div>"
        }
        if release.yanked {
            let reason =
                release.yankedReason.isEmpty ? "" : " " + t.html("project.yanked_reason", ["reason": release.yankedReason])
            html +=
                "<div class=\"banner bad\" role=\"alert\" id=\"yanked-banner\">\(t.html("project.yanked_banner"))\(reason)</div>"
        }
        return html + "</div>\n"
    }

    /// PEP 792 project status.
    private var statusBanners: String {
        switch model.project.status {
        case .active, .quarantined: return ""
        case .archived:
            return
                "<div class=\"banner\" role=\"status\" id=\"status-banner\">\(t.html("project.archived_banner"))</div>"
        case .deprecated:
            return
                "<div class=\"banner bad\" role=\"status\" id=\"status-banner\">\(t.html("project.deprecated_banner"))</div>"
        }
    }

    private var sidebar: String {
        let metadata = model.release.metadata
        var html = "<aside aria-label=\"\(t.html("project.about"))\"><h2>\(t.html("project.navigation"))</h2><ul>"
            + "<li><a href=\"#description\">\(t.html("project.description"))</a></li>"
            + "<li><a href=\"#history\">\(t.html("project.history"))</a></li>"
            + "<li><a href=\"#files\">\(t.html("project.files"))</a></li>"
            + (statistics.isEmpty ? "" : "<li><a href=\"#statistics\">\(t.html("project.statistics"))</a></li>")
            + "</ul>"
        var links = metadata.projectURLs.map { ($0.label, $0.url) }
        if let home = metadata.homePage, !home.isEmpty { links.insert((t("project.homepage"), home), at: 0) }
        let safe = links.filter { Self.isWebURL($0.1) }
        if !safe.isEmpty {
            html += "<h2>\(t.html("project.links"))</h2><ul>"
            for (label, url) in safe {
                html += "<li><a href=\"\(esc(url))\" rel=\"nofollow noopener noreferrer\">\(esc(label))</a></li>"
            }
            html += "</ul>"
        }
        var meta = ""
        if let license = metadata.licenseExpression ?? metadata.license, !license.isEmpty {
            meta += "<li><strong>\(t.html("project.license_label"))</strong> \(esc(String(license.prefix(200))))</li>"
        }
        let people = [("project.author_label", metadata.author), ("project.maintainer_label", metadata.maintainer)]
        for (label, value) in people {
            if let value, !value.isEmpty { meta += "<li><strong>\(t.html(label))</strong> \(esc(value))</li>" }
        }
        if let python = metadata.requiresPython, !python.isEmpty {
            meta += "<li><strong>\(t.html("project.requires_label"))</strong> Python \(esc(python))</li>"
        }
        if !meta.isEmpty { html += "<h2>\(t.html("project.meta"))</h2><ul>" + meta + "</ul>" }
        if let organization = model.organization {
            html +=
                "<h2>\(t.html("project.organization"))</h2><p><a id=\"organization\" "
                + "href=\"/org/\(organization.normalizedName)/\">\(esc(organization.name))</a></p>"
        }
        if !model.maintainers.isEmpty {
            html += "<h2>\(t.html("project.maintainers"))</h2><ul>"
            for holder in model.maintainers {
                let user = PercentEncoding.encodePathSegment(holder.username)
                html += "<li><a href=\"/user/\(user)/\">\(esc(holder.username))</a></li>"
            }
            html += "</ul>"
        }
        if !metadata.classifiers.isEmpty {
            html += "<h2>\(t.html("project.classifiers"))</h2><ul>"
            for classifier in metadata.classifiers {
                html += "<li><a href=\"/search/?c=\(PercentEncoding.encodeQueryValue(classifier))\">\(esc(classifier))</a></li>"
            }
            html += "</ul>"
        }
        let report = "/project/\(model.project.normalizedName)/submit-malware-report/"
        return html + "<h2>\(t.html("project.report"))</h2><p><a href=\"\(report)\" id=\"report-project\">"
            + "\(t.html("project.report_link"))</a></p></aside>\n"
    }

    private var sections: String {
        "<div>" + description + history + filesSection + statistics + "</div>"
    }

    private var description: String {
        let metadata = model.release.metadata
        let text = metadata.description ?? ""
        var html = "<section id=\"description\" aria-labelledby=\"description-heading\"><h2 id=\"description-heading\">\(t.html("project.description"))</h2>"
        guard !text.allSatisfy(\.isWhitespace) else {
            return html + "<p class=\"muted\">\(t.html("project.no_description"))</p></section>\n"
        }
        let format = ReadmeRenderer.format(contentType: metadata.descriptionContentType) ?? .plainText
        let rendered = (try? ReadmeRenderer.render(text, format: format))
            ?? (try? ReadmeRenderer.render(text, format: .plainText))
        html += "<div class=\"readme\">\(rendered?.html ?? "")</div></section>\n"
        return html
    }

    private var history: String {
        var html = "<section id=\"history\" aria-labelledby=\"history-heading\"><h2 id=\"history-heading\">\(t.html("project.history"))</h2><ul>"
        let name = model.project.normalizedName
        for release in model.history {
            html += "<li><a href=\"/project/\(name)/\(PercentEncoding.encodePathSegment(release.version))/\">\(esc(release.version))</a>"
            html += " <span class=\"muted\">\(release.created.iso8601Seconds.prefix(10))</span>"
            if release.id == model.release.id { html += " <span class=\"tag\">\(t.html("project.this_version"))</span>" }
            if ProjectPageModel.isPrerelease(release) {
                html += " <span class=\"tag pre\">\(t.html("project.prerelease_tag"))</span>"
            }
            if release.yanked { html += " <span class=\"tag yanked\">\(t.html("project.yanked_tag"))</span>" }
            html += "</li>"
        }
        return html + "</ul></section>\n"
    }

    private var filesSection: String {
        var html = "<section id=\"files\" aria-labelledby=\"files-heading\"><h2 id=\"files-heading\">\(t.html("project.files"))</h2>"
        guard !model.files.isEmpty else {
            return html + "<p class=\"muted\">\(t.html("project.no_files"))</p></section>\n"
        }
        html += "<table><thead><tr>"
        for id in ["project.file", "project.size", "project.uploaded", "project.hashes"] {
            html += "<th scope=\"col\">\(t.html(id))</th>"
        }
        html += "</tr></thead><tbody>"
        for file in model.files {
            let upload = file.upload
            let kind =
                upload.packageType == .sdist
                ? t.html("project.source") : t.html("project.built", ["python": upload.pythonVersion])
            html += "<tr><td><a href=\"\(esc(urls.file(blobPath: upload.blobPath)))\">\(esc(file.filename))</a><br><span class=\"muted\">\(kind)</span></td>"
            html += "<td>\(Self.size(upload.size, t))</td><td>\(upload.uploadTime.iso8601Seconds.prefix(16).replacingT())</td>"
            html += "<td class=\"hash\">SHA256 \(upload.digests.sha256)<br>MD5 \(upload.digests.md5)<br>BLAKE2b-256 \(upload.digests.blake2b256)</td></tr>"
        }
        return html + "</tbody></table></section>\n"
    }

    private func esc(_ text: String) -> String { WebPage.escape(text) }

    /// Only http(s) links are shown as links.
    static func isWebURL(_ url: String) -> Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://")
    }

    /// `size` bytes for people: "812 bytes", "12.3 kB", "4.1 MB" (decimal units, like PyPI),
    /// in `t`'s language ("12,3 kB" in German).
    static func size(_ size: Int, _ t: Translator = Translator(.en)) -> String {
        if size < 1000 { return t.pluralHTML("project.bytes", size) }
        let units = ["kB", "MB", "GB", "TB"]
        var value = Double(size) / 1000
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10)\(t.language.decimalSeparator)\(tenths % 10) \(units[unit])"
    }
}

extension Substring {
    fileprivate func replacingT() -> String { String(map { $0 == "T" ? " " : $0 }) }
}
