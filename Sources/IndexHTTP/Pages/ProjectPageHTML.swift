import IndexCore
import PythonPackaging
import ReadmeRendering

/// The HTML of a project page: the band (name, version, install command, status banners),
/// the sidebar (links, meta, classifiers, maintainers) and the README, release history and
/// files sections. Everything from the database is escaped; the README is sanitized HTML.
struct ProjectPageHTML {
    let model: ProjectPageModel
    let urls: IndexURLs
    /// The download statistics section (``DownloadStatisticsHTML``), after the files; empty: none.
    var statistics = ""

    var title: String { "\(model.project.name) \(model.release.version)" }

    func render() -> String {
        SiteLayout.document(
            title: title, heading: nil, body: band + "<div class=\"layout\">" + sidebar + sections + "</div>",
            feeds: [("Releases of \(model.project.name)", "/rss/project/\(model.project.normalizedName)/releases.xml")])
    }

    private var band: String {
        let release = model.release
        let name = esc(model.project.name)
        var html = "<div class=\"band\"><h1>\(name) \(esc(release.version))"
        if release.yanked { html += " <span class=\"tag yanked\">yanked</span>" }
        if ProjectPageModel.isPrerelease(release) { html += " <span class=\"tag pre\">pre-release</span>" }
        html += "</h1>"
        if let summary = release.metadata.summary, !summary.isEmpty { html += "<p>\(esc(summary))</p>" }
        let pin = model.isLatest ? name : "\(name)==\(esc(release.version))"
        html += "<p><span class=\"pip\" id=\"install\">pip install \(pin)</span></p>"
        html += "<p class=\"muted\">Released \(release.created.iso8601Seconds.prefix(10))</p>"
        html += statusBanners
        if !model.isLatest {
            html +=
                "<div class=\"banner\" role=\"status\">This is not the latest version. The latest is <a href=\"/project/\(model.project.normalizedName)/\">\(esc(model.latest.version))</a>.</div>"
        }
        if release.yanked {
            let reason = release.yankedReason.isEmpty ? "" : " Reason: \(esc(release.yankedReason))"
            html +=
                "<div class=\"banner bad\" role=\"alert\" id=\"yanked-banner\">This release has been yanked: installers skip it unless it is pinned exactly.\(reason)</div>"
        }
        return html + "</div>\n"
    }

    /// PEP 792 project status.
    private var statusBanners: String {
        switch model.project.status {
        case .active, .quarantined: return ""
        case .archived:
            return
                "<div class=\"banner\" role=\"status\" id=\"status-banner\">This project has been archived by its maintainers: no new releases are expected.</div>"
        case .deprecated:
            return
                "<div class=\"banner bad\" role=\"status\" id=\"status-banner\">This project is deprecated: its maintainers recommend not using it.</div>"
        }
    }

    private var sidebar: String {
        let metadata = model.release.metadata
        var html = "<aside aria-label=\"About this project\"><h2>Navigation</h2><ul>"
            + "<li><a href=\"#description\">Project description</a></li><li><a href=\"#history\">Release history</a></li>"
            + "<li><a href=\"#files\">Download files</a></li>"
            + (statistics.isEmpty ? "" : "<li><a href=\"#statistics\">Download statistics</a></li>") + "</ul>"
        var links = metadata.projectURLs.map { ($0.label, $0.url) }
        if let home = metadata.homePage, !home.isEmpty { links.insert(("Homepage", home), at: 0) }
        let safe = links.filter { Self.isWebURL($0.1) }
        if !safe.isEmpty {
            html += "<h2>Project links</h2><ul>"
            for (label, url) in safe {
                html += "<li><a href=\"\(esc(url))\" rel=\"nofollow noopener noreferrer\">\(esc(label))</a></li>"
            }
            html += "</ul>"
        }
        var meta = ""
        if let license = metadata.licenseExpression ?? metadata.license, !license.isEmpty {
            meta += "<li><strong>License:</strong> \(esc(String(license.prefix(200))))</li>"
        }
        for (label, value) in [("Author", metadata.author), ("Maintainer", metadata.maintainer)] {
            if let value, !value.isEmpty { meta += "<li><strong>\(label):</strong> \(esc(value))</li>" }
        }
        if let python = metadata.requiresPython, !python.isEmpty {
            meta += "<li><strong>Requires:</strong> Python \(esc(python))</li>"
        }
        if !meta.isEmpty { html += "<h2>Meta</h2><ul>" + meta + "</ul>" }
        if let organization = model.organization {
            html +=
                "<h2>Organization</h2><p><a id=\"organization\" href=\"/org/\(organization.normalizedName)/\">\(esc(organization.name))</a></p>"
        }
        if !model.maintainers.isEmpty {
            html += "<h2>Maintainers</h2><ul>"
            for holder in model.maintainers {
                let user = PercentEncoding.encodePathSegment(holder.username)
                html += "<li><a href=\"/user/\(user)/\">\(esc(holder.username))</a></li>"
            }
            html += "</ul>"
        }
        if !metadata.classifiers.isEmpty {
            html += "<h2>Classifiers</h2><ul>"
            for classifier in metadata.classifiers {
                html += "<li><a href=\"/search/?c=\(PercentEncoding.encodeQueryValue(classifier))\">\(esc(classifier))</a></li>"
            }
            html += "</ul>"
        }
        let report = "/project/\(model.project.normalizedName)/submit-malware-report/"
        return html + "<h2>Report</h2><p><a href=\"\(report)\" id=\"report-project\">Report project as malware</a></p></aside>\n"
    }

    private var sections: String {
        "<div>" + description + history + filesSection + statistics + "</div>"
    }

    private var description: String {
        let metadata = model.release.metadata
        let text = metadata.description ?? ""
        var html = "<section id=\"description\" aria-labelledby=\"description-heading\"><h2 id=\"description-heading\">Project description</h2>"
        guard !text.allSatisfy(\.isWhitespace) else { return html + "<p class=\"muted\">The author of this package has not provided a project description.</p></section>\n" }
        let format = ReadmeRenderer.format(contentType: metadata.descriptionContentType) ?? .plainText
        let rendered = (try? ReadmeRenderer.render(text, format: format))
            ?? (try? ReadmeRenderer.render(text, format: .plainText))
        html += "<div class=\"readme\">\(rendered?.html ?? "")</div></section>\n"
        return html
    }

    private var history: String {
        var html = "<section id=\"history\" aria-labelledby=\"history-heading\"><h2 id=\"history-heading\">Release history</h2><ul>"
        let name = model.project.normalizedName
        for release in model.history {
            html += "<li><a href=\"/project/\(name)/\(PercentEncoding.encodePathSegment(release.version))/\">\(esc(release.version))</a>"
            html += " <span class=\"muted\">\(release.created.iso8601Seconds.prefix(10))</span>"
            if release.id == model.release.id { html += " <span class=\"tag\">this version</span>" }
            if ProjectPageModel.isPrerelease(release) { html += " <span class=\"tag pre\">pre-release</span>" }
            if release.yanked { html += " <span class=\"tag yanked\">yanked</span>" }
            html += "</li>"
        }
        return html + "</ul></section>\n"
    }

    private var filesSection: String {
        var html = "<section id=\"files\" aria-labelledby=\"files-heading\"><h2 id=\"files-heading\">Download files</h2>"
        guard !model.files.isEmpty else { return html + "<p class=\"muted\">No files for this release.</p></section>\n" }
        html += "<table><thead><tr><th scope=\"col\">File</th><th scope=\"col\">Size</th><th scope=\"col\">Uploaded</th><th scope=\"col\">Hashes</th></tr></thead><tbody>"
        for file in model.files {
            let upload = file.upload
            let kind = upload.packageType == .sdist ? "Source" : "Built distribution, Python \(esc(upload.pythonVersion))"
            html += "<tr><td><a href=\"\(esc(urls.file(blobPath: upload.blobPath)))\">\(esc(file.filename))</a><br><span class=\"muted\">\(kind)</span></td>"
            html += "<td>\(Self.size(upload.size))</td><td>\(upload.uploadTime.iso8601Seconds.prefix(16).replacingT())</td>"
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

    /// `size` bytes for people: "812 bytes", "12.3 kB", "4.1 MB" (decimal units, like PyPI).
    static func size(_ size: Int) -> String {
        if size < 1000 { return "\(size) bytes" }
        let units = ["kB", "MB", "GB", "TB"]
        var value = Double(size) / 1000
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}

extension Substring {
    fileprivate func replacingT() -> String { String(map { $0 == "T" ? " " : $0 }) }
}
