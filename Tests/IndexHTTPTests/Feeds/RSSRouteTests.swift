import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import Testing

@testable import IndexHTTP

/// PyPI's three RSS feeds: absolute links, newest first, escaped text, quarantined projects left
/// out, 404 and 301 as the project pages.
@Suite struct RSSRouteTests {
    // The fixture's base URL is https://index.example: links are absolute under it.
    @Test func theFeedsListTheUpload() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.uploadDemoWheel()
        try await fixture.application.test(.router) { client in
            let updates = try await client.execute(uri: "/rss/updates.xml", method: .get)
            #expect(updates.status.code == 200)
            #expect(updates.headers[.contentType] == "application/rss+xml; charset=utf-8")
            let text = String(buffer: updates.body)
            #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\""))
            #expect(
                text.contains("<item>\n<title>demo 1.0</title>\n<link>https://index.example/project/demo/1.0/</link>"))
            #expect(text.contains("<atom:link href=\"https://index.example/rss/updates.xml\" rel=\"self\""))
            let packages = String(
                buffer: try await client.execute(uri: "/rss/packages.xml", method: .get).body)
            #expect(packages.contains("<title>demo added to Cheeseshop</title>"))
            let releases = try await client.execute(uri: "/rss/project/demo/releases.xml", method: .get)
            #expect(releases.status.code == 200)
            #expect(String(buffer: releases.body).contains("<title>1.0</title>"))
            #expect(
                try await client.execute(uri: "/rss/project/nothing/releases.xml", method: .get).status.code == 404)
            let page = String(buffer: try await client.execute(uri: "/project/demo/", method: .get).body)
            #expect(
                page.contains(
                    #"<link rel="alternate" type="application/rss+xml" title="Releases of demo" href="/rss/project/demo/releases.xml">"#
                ))
            let home = String(buffer: try await client.execute(uri: "/", method: .get).body)
            #expect(home.contains(#"href="/rss/updates.xml">"#) && home.contains(#"href="/rss/packages.xml">"#))
            let moved = try await client.execute(uri: "/rss/project/Demo/releases.xml", method: .get)
            #expect(moved.status.code == 301 && moved.headers[.location] == "/rss/project/demo/releases.xml")
        }
    }

    @Test func aQuarantinedProjectLeavesTheFeeds() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.uploadDemoWheel()
        let project = try #require(try await fixture.store.project(normalizedName: "demo"))
        try await fixture.store.write { tx in try await tx.setStatus(.quarantined, projectID: project.id) }
        try await fixture.application.test(.router) { client in
            let updates = String(buffer: try await client.execute(uri: "/rss/updates.xml", method: .get).body)
            let packages = String(buffer: try await client.execute(uri: "/rss/packages.xml", method: .get).body)
            #expect(!updates.contains("<item>") && !packages.contains("<item>"))
            #expect(try await client.execute(uri: "/rss/project/demo/releases.xml", method: .get).status.code == 404)
        }
    }

    @Test func textIsEscaped() {
        let feed = RSSFeed(
            title: "a & b", link: "https://x/?a=1&b=2", selfLink: "https://x/rss", description: "<script>\u{1}",
            items: [
                .init(
                    title: "it's \"quoted\"", link: "https://x/p/", guid: "https://x/p/", description: "d",
                    author: "a@x", published: Timestamp(secondsSinceEpoch: 0))
            ])
        let xml = feed.xml
        #expect(xml.contains("<title>a &amp; b</title>"))
        #expect(xml.contains("<link>https://x/?a=1&amp;b=2</link>"))
        #expect(xml.contains("<description>&lt;script&gt;</description>"), "a control character is dropped")
        #expect(xml.contains("<title>it&#39;s &#34;quoted&#34;</title>"))
        #expect(
            xml.contains("<author>a@x</author>") && xml.contains("<pubDate>Thu, 01 Jan 1970 00:00:00 GMT</pubDate>"))
    }
}
