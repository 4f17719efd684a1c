import IndexCore
import IndexTesting
import PythonPackaging
import Testing

@Suite struct SimpleIndexTests {
    static func project(_ id: Int64, _ name: String, _ normalized: String, status: ProjectStatus = .active) -> Project {
        Project(
            id: ProjectID(id), name: name, normalizedName: normalized, status: status, lastSerial: id * 10,
            created: Timestamp(secondsSinceEpoch: 0))
    }

    @Test func listsVisibleProjectsByNormalizedNameInBothRenderings() {
        let index = SimpleIndex(
            projects: [
                Self.project(1, "Zope", "zope"), Self.project(2, "a<b", "a-b"),
                Self.project(3, "Hidden", "hidden", status: .quarantined),
                Self.project(4, "Old", "old", status: .archived),
            ], lastSerial: 99)
        #expect(index.projects.map(\.normalizedName) == ["a-b", "old", "zope"])
        #expect(
            String(decoding: index.json(), as: UTF8.self)
                == #"{"meta":{"api-version":"1.4","_last-serial":99},"projects":[{"name":"a<b","_last-serial":20},"#
                + #"{"name":"Old","_last-serial":40},{"name":"Zope","_last-serial":10}]}"#)
        let expected = """
            <!DOCTYPE html>
            <html>
              <head>
                <meta name="pypi:repository-version" content="1.4">
                <title>Simple index</title>
              </head>
              <body>
                <a href="/simple/a-b/">a&lt;b</a>
                <a href="/simple/old/">Old</a>
                <a href="/simple/zope/">Zope</a>
              </body>
            </html>
            <!--SERIAL 99-->

            """
        #expect(String(decoding: index.html(), as: UTF8.self) == expected)
    }

    @Test func storeLoaderUsesTheJournalsMaximumSerial() async throws {
        let store = InMemoryIndexStore()
        try await store.write { tx in
            let now = Timestamp(secondsSinceEpoch: 0)
            let project = try await tx.createProject(name: "Demo", normalizedName: "demo", created: now)
            _ = try await tx.appendJournal(
                normalizedName: "demo", projectName: "Demo", version: nil, action: "create", time: now, actor: nil)
            let hidden = try await tx.createProject(name: "Gone", normalizedName: "gone", created: now)
            try await tx.setStatus(.quarantined, projectID: hidden.id)
            _ = try await tx.appendJournal(
                normalizedName: "gone", projectName: "Gone", version: nil, action: "create", time: now, actor: nil)
            _ = project
        }
        let index = try await store.simpleIndex()
        #expect(index.lastSerial == 2)
        #expect(index.projects == [SimpleIndex.Entry(name: "Demo", normalizedName: "demo", lastSerial: 1)])
    }

    @Test(arguments: [false, true])
    func itemsWrittenAreReadBackExactly(leadingComma: Bool) {
        let names = [
            "Django", "zope.interface", #"quote"and\back"#, "tab\tnew\nline\r\u{8}\u{c}", "Ünïcode", "emoji-😀",
            "/slash",
        ]
        let entries = names.enumerated().map {
            SimpleIndex.Entry(name: $1, normalizedName: ProjectName.normalize($1), lastSerial: Int64($0 * 1_000_003))
        }
        var bytes: [UInt8] = []
        for (index, entry) in entries.enumerated() {
            if index > 0 || leadingComma { bytes.append(UInt8(ascii: ",")) }
            SimpleIndex.appendJSON(entry, to: &bytes)
        }
        #expect(SimpleIndex.entries(fromJSONItems: bytes, leadingComma: leadingComma) == entries)
        #expect(SimpleIndex.entries(fromJSONItems: [], leadingComma: leadingComma) == [])
        #expect(SimpleIndex.entries(fromJSONItems: bytes, leadingComma: !leadingComma) == nil)
    }

    @Test(arguments: [
        #"{"name":"a","_last-serial":1"#, #"{"name":"a","_last-serial":}"#, #"{"name":"a"}"#,
        #"{"name":"a\q","_last-serial":1}"#, #"{"name":"a\u12","_last-serial":1}"#, #"{"name":"a","_last-serial":1},"#,
        #"{"name":"a","_last-serial":1}{"name":"b","_last-serial":2}"#, #"{"name":"a\"#,
        #"{"name":"é","_last-serial":1}"#,
        #"{"name":"\u00zz","_last-serial":1}"#, #"{"name":"\u00E9\/","_last-serial":12}x"#, "[", #"{"name":a"#,
    ])
    func anythingElseIsNotRead(text: String) {
        #expect(SimpleIndex.entries(fromJSONItems: Array(text.utf8), leadingComma: false) == nil)
    }

    @Test func escapesOtherWritersUseAreReadToo() {
        let read = SimpleIndex.entries(
            fromJSONItems: Array(#"{"name":"\u00E9\/x","_last-serial":7}"#.utf8), leadingComma: false)
        #expect(read == [SimpleIndex.Entry(name: "é/x", normalizedName: ProjectName.normalize("é/x"), lastSerial: 7)])
    }
}
