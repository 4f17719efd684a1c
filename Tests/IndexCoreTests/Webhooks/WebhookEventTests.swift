import Testing

@testable import IndexCore

/// Events come from the journal's actions, as the write paths word them.
@Suite struct WebhookEventTests {
    static func entry(_ serial: Int64, _ action: String, version: String? = "1.0", name: String = "Demo.Pkg")
        -> JournalEntry
    {
        JournalEntry(
            serial: serial, projectName: name, version: version, action: action,
            time: Timestamp(secondsSinceEpoch: 1_767_225_600 + Double(serial)), actor: "alice")
    }

    @Test func eachWritePathsActionIsAnEvent() {
        let entries = [
            Self.entry(1, "create", version: nil),
            Self.entry(2, "add Owner alice", version: nil),
            Self.entry(3, "new release"),
            Self.entry(4, "add py3 file demo_pkg-1.0-py3-none-any.whl"),
            Self.entry(5, "add source file demo_pkg-1.0.tar.gz"),
            Self.entry(6, "yank release"),
            Self.entry(7, "unyank release"),
            Self.entry(8, "remove file demo_pkg-1.0.tar.gz"),
            Self.entry(9, "remove release"),
            Self.entry(10, "quarantine project", version: nil),
            Self.entry(11, "release project from quarantine", version: nil),
            Self.entry(12, "remove project", version: nil),
            Self.entry(13, "archive project", version: nil),
            Self.entry(14, "remove Maintainer bob", version: nil),
        ]
        let found = WebhookEvent.occurrences(in: entries)
        #expect(
            found.map(\.event) == [
                .releasePublished, .fileUploaded, .fileUploaded, .releaseYanked, .releaseUnyanked, .fileDeleted,
                .releaseDeleted, .projectQuarantined, .projectReleased, .projectDeleted,
            ])
        #expect(found.map(\.serial) == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
        #expect(found[0].filename == "demo_pkg-1.0-py3-none-any.whl", "a release names its first file")
        #expect(found[1].filename == "demo_pkg-1.0-py3-none-any.whl")
        #expect(found[2].filename == "demo_pkg-1.0.tar.gz")
        #expect(found[5].filename == "demo_pkg-1.0.tar.gz", "a deleted file is named")
        #expect(found[3].filename == nil && found[3].version == "1.0")
        #expect(found.allSatisfy { $0.normalizedName == "demo-pkg" })
    }

    @Test func aReleaseWithoutItsFileInTheBatchNamesNoFile() {
        let found = WebhookEvent.occurrences(in: [Self.entry(3, "new release")])
        #expect(found.map(\.event) == [.releasePublished] && found[0].filename == nil)
        let other = WebhookEvent.occurrences(in: [
            Self.entry(3, "new release"), Self.entry(4, "add py3 file x-2.0-py3-none-any.whl", version: "2.0"),
        ])
        #expect(other[0].filename == nil, "the next file belongs to another version")
    }

    @Test func theBodyCarriesTheEventAndAbsoluteLinks() {
        let occurrence = WebhookEvent.occurrences(in: [
            Self.entry(3, "new release"), Self.entry(4, "add py3 file demo_pkg-1.0-py3-none-any.whl"),
        ])[0]
        let body = String(
            decoding: occurrence.body(baseURL: "https://index.example/", deliveryID: "abc"), as: UTF8.self)
        #expect(
            body
                == #"{"event":"release.published","delivery":"abc","project":"Demo.Pkg","normalized_name":"demo-pkg","#
                + #""version":"1.0","filename":"demo_pkg-1.0-py3-none-any.whl","serial":3,"#
                + #""time":"2026-01-01T00:00:03Z","actor":"alice","#
                + #""project_url":"https://index.example/project/demo-pkg/","#
                + #""release_url":"https://index.example/project/demo-pkg/1.0/"}"#)
    }

    @Test func eventListsParse() {
        #expect(WebhookEvent.parseList("release.published, file.uploaded") == [.releasePublished, .fileUploaded])
        #expect(WebhookEvent.parseList("all") == Set(WebhookEvent.allCases))
        #expect(WebhookEvent.parseList("release.published,nope") == nil)
        #expect(WebhookEvent.parseList(" , ") == nil)
    }
}
