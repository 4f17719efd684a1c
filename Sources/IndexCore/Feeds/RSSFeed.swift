/// An RSS 2.0 channel as PyPI serves its feeds (`/rss/updates.xml`, `/rss/packages.xml`,
/// `/rss/project/<name>/releases.xml`): a title, the site's link, the feed's own link
/// (`atom:link rel="self"`), a description and the items, newest first.
public struct RSSFeed: Sendable, Equatable {
    /// One entry: a release or a new project.
    public struct Item: Sendable, Equatable {
        public var title: String
        public var link: String
        /// A permanent id (the link, which never changes for a release).
        public var guid: String
        public var description: String
        /// The release's author e-mail, as PyPI gives it (empty: none).
        public var author: String
        public var published: Timestamp

        public init(
            title: String, link: String, guid: String, description: String, author: String = "", published: Timestamp
        ) {
            self.title = title
            self.link = link
            self.guid = guid
            self.description = description
            self.author = author
            self.published = published
        }
    }

    public var title: String
    public var link: String
    public var selfLink: String
    public var description: String
    public var items: [Item]

    /// How many items a feed lists (PyPI's 40).
    public static let itemLimit = 40

    public init(title: String, link: String, selfLink: String, description: String, items: [Item]) {
        self.title = title
        self.link = link
        self.selfLink = selfLink
        self.description = description
        self.items = items
    }

    /// The feed as XML (UTF-8), every text escaped.
    public var xml: String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n"
        xml += "<title>\(Self.escaped(title))</title>\n<link>\(Self.escaped(link))</link>\n"
        xml += "<atom:link href=\"\(Self.escaped(selfLink))\" rel=\"self\" type=\"application/rss+xml\"/>\n"
        xml += "<description>\(Self.escaped(description))</description>\n<language>en</language>\n"
        if let newest = items.map(\.published).max(by: { $0.secondsSinceEpoch < $1.secondsSinceEpoch }) {
            xml += "<lastBuildDate>\(newest.httpDate)</lastBuildDate>\n"
        }
        for item in items {
            xml += "<item>\n<title>\(Self.escaped(item.title))</title>\n<link>\(Self.escaped(item.link))</link>\n"
            xml += "<guid isPermaLink=\"true\">\(Self.escaped(item.guid))</guid>\n"
            xml += "<description>\(Self.escaped(item.description))</description>\n"
            if !item.author.isEmpty { xml += "<author>\(Self.escaped(item.author))</author>\n" }
            xml += "<pubDate>\(item.published.httpDate)</pubDate>\n</item>\n"
        }
        return xml + "</channel>\n</rss>\n"
    }

    /// `text` escaped as HTML text is (``HTMLText``: `& < > " '`), without the characters XML 1.0
    /// forbids (control characters but tab, line feed and carriage return; U+FFFE, U+FFFF).
    static func escaped(_ text: String) -> String {
        var allowed = String.UnicodeScalarView()
        allowed.append(
            contentsOf: text.unicodeScalars.filter {
                ($0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r") && $0.value != 0xFFFE && $0.value != 0xFFFF
            })
        return HTMLText.escape(String(allowed))
    }
}

extension RSSFeed {
    /// `/rss/updates.xml`: the newest releases of the index.
    public static func updates(_ releases: [RecentRelease], urls: IndexURLs, selfLink: String) -> RSSFeed {
        RSSFeed(
            title: "Cheeseshop recent updates", link: urls.base + "/", selfLink: selfLink,
            description: "Recent updates to the package index",
            items: releases.prefix(itemLimit).map { release in
                let link = urls.release(release.name, version: release.version)
                return Item(
                    title: "\(release.name) \(release.version)", link: link, guid: link, description: release.summary,
                    published: release.created)
            })
    }

    /// `/rss/packages.xml`: the newest projects (`RecentRelease` holding each project's first
    /// release time and latest summary).
    public static func newestProjects(_ projects: [RecentRelease], urls: IndexURLs, selfLink: String) -> RSSFeed {
        RSSFeed(
            title: "Cheeseshop newest packages", link: urls.base + "/", selfLink: selfLink,
            description: "Newest packages registered at the package index",
            items: projects.prefix(itemLimit).map { project in
                let link = urls.project(project.name)
                return Item(
                    title: "\(project.name) added to Cheeseshop", link: link, guid: link,
                    description: project.summary, published: project.created)
            })
    }

    /// `/rss/project/<name>/releases.xml`: a project's releases, newest first.
    public static func releases(of detail: ProjectDetail, urls: IndexURLs, selfLink: String) -> RSSFeed {
        let project = detail.project
        let newest = detail.releases.sorted {
            ($0.created.secondsSinceEpoch, $0.id.rawValue) > ($1.created.secondsSinceEpoch, $1.id.rawValue)
        }
        return RSSFeed(
            title: "Cheeseshop recent updates for \(project.name)", link: urls.project(project.name),
            selfLink: selfLink, description: "Recent updates to the package index for \(project.name)",
            items: newest.prefix(itemLimit).map { release in
                let link = urls.release(project.name, version: release.version)
                return Item(
                    title: release.version, link: link, guid: link, description: release.metadata.summary ?? "",
                    author: release.metadata.authorEmail ?? "", published: release.created)
            })
    }
}
