import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import Testing

@testable import IndexHTTP

/// PyPI's XML-RPC mirroring methods at `/pypi`, `/pypi/` and `/RPC2`, answered as Warehouse
/// answers them, faults included; hostile or malformed bodies get a fault, never a 500.
@Suite struct XMLRPCRouteTests {
    @Test func changelogLastSerialIsTheJournalsHighestOnEveryEndpoint() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let empty = try await client.xmlRPC(xmlRPCBody("changelog_last_serial"))
            #expect(String(buffer: empty.body).contains("<value><int>0</int></value>"))
            let serials = try await fixture.seed("Demo", versions: ["1.0", "2.0"])
            for path in ["/pypi", "/pypi/", "/RPC2"] {
                let response = try await client.xmlRPC(xmlRPCBody("changelog_last_serial"), path: path)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/xml")
                #expect(response.headers[.cacheControl] == "no-store")
                #expect(String(buffer: response.body).contains("<param>\n<value><int>\(serials[2])</int></value>"))
            }
        }
    }

    @Test func listPackagesWithSerialGivesStoredNamesAndLastSerialsAsSimpleListsThem() async throws {
        let fixture = try await HTTPFixture()
        let demo = try await fixture.seed("Demo_Pkg", versions: ["1.0"])
        let other = try await fixture.seed("other")
        try await fixture.seed("hidden", status: .quarantined)
        try await fixture.application.test(.router) { client in
            let text = String(buffer: try await client.xmlRPC(xmlRPCBody("list_packages_with_serial")).body)
            #expect(text.contains("<name>Demo_Pkg</name>\n<value><int>\(demo[1])</int></value>"))
            #expect(text.contains("<name>other</name>\n<value><int>\(other[0])</int></value>"))
            #expect(!text.contains("hidden"))
        }
    }

    @Test func changelogSinceSerialListsTheEntriesAfterItOldestFirst() async throws {
        let fixture = try await HTTPFixture()
        let start = fixture.clock.now().secondsSinceEpoch
        let serials = try await fixture.seed("Demo", versions: ["1.0", "2.0"])
        try await fixture.application.test(.router) { client in
            let text = String(
                buffer: try await client.xmlRPC(xmlRPCBody("changelog_since_serial", ["<int>\(serials[0])</int>"])).body
            )
            let expected = zip(["1.0", "2.0"], serials.dropFirst()).enumerated().map { offset, pair in
                "<value><array><data>\n<value><string>Demo</string></value>\n<value><string>\(pair.0)</string></value>\n"
                    + "<value><int>\(Int64(start) + Int64(offset) + 1)</int></value>\n"
                    + "<value><string>new release</string></value>\n<value><int>\(pair.1)</int></value>\n</data></array></value>"
            }
            #expect(
                text.contains(
                    "<param>\n<value><array><data>\n" + expected.joined(separator: "\n")
                        + "\n</data></array></value>\n</param>"))
            let all = String(
                buffer: try await client.xmlRPC(xmlRPCBody("changelog_since_serial", ["<int>0</int>"])).body)
            // The project's creation has no version: <nil/>, as Warehouse answers with allow_none.
            #expect(
                all.contains(
                    "<value><string>Demo</string></value>\n<value><nil/></value>\n<value><int>\(Int64(start))</int></value>\n<value><string>create</string></value>"
                ))
            let none = String(
                buffer: try await client.xmlRPC(xmlRPCBody("changelog_since_serial", ["<i4>\(serials[2])</i4>"])).body)
            #expect(none.contains("<param>\n<value><array><data>\n</data></array></value>\n</param>"))
        }
    }

    @Test func changelogSinceSerialStopsAtFiftyThousandEntries() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.store.write { tx in
            _ = try await tx.createProject(name: "busy", normalizedName: "busy", created: fixture.clock.now())
            for _ in 0..<(MirrorChangelog.maximumEntries + 5) {
                _ = try await tx.appendJournal(
                    normalizedName: "busy", projectName: "busy", version: "1", action: "a", time: fixture.clock.now(),
                    actor: nil)
            }
        }
        let entries = try await MirrorChangelog(store: fixture.store).entries(after: 0)
        #expect(entries.count == MirrorChangelog.maximumEntries)
        #expect(entries.first?.serial == 1)
        #expect(entries.last?.serial == Int64(MirrorChangelog.maximumEntries))
    }

    @Test func removedMethodsAnswerWarehousesFaults() async throws {
        let fixture = try await HTTPFixture()
        let see = "See https://warehouse.pypa.io/api-reference/xml-rpc.html#deprecated-methods for more information."
        let expected: [(String, String)] = [
            (
                "system.multicall",
                "ValueError: MultiCall requests have been deprecated, use individual requests instead."
            ),
            ("changelog", "ValueError: The changelog method has been deprecated, use changelog_since_serial instead."),
            ("package_data", "RuntimeError: This API has been deprecated. \(see)"),
            ("package_urls", "RuntimeError: This API has been deprecated. \(see)"),
            ("top_packages", "RuntimeError: This API has been removed. Use BigQuery instead. \(see)"),
            (
                "search",
                "RuntimeError: PyPI no longer supports 'pip search' (or XML-RPC search). "
                    + "Please use https://index.example/search (via a browser) instead. \(see)"
            ),
            (
                "list_packages",
                "RuntimeError: PyPI no longer supports the XMLRPC list_packages method. Use Simple API instead. \(see)"
            ),
            (
                "package_releases",
                "RuntimeError: PyPI no longer supports the XMLRPC package_releases method. Use JSON or Simple API instead. \(see)"
            ),
            (
                "release_urls",
                "RuntimeError: PyPI no longer supports the XMLRPC release_urls method. Use JSON or Simple API instead. \(see)"
            ),
            (
                "release_data",
                "RuntimeError: PyPI no longer supports the XMLRPC release_data method. Use JSON or Simple API instead. \(see)"
            ),
        ]
        try await fixture.application.test(.router) { client in
            for (method, message) in expected {
                let response = try await client.xmlRPC(xmlRPCBody(method, ["<string>pip</string>"]), path: "/RPC2")
                #expect(response.status == .ok)
                let answer = try #require(fault(in: response), "\(method)")
                #expect(answer.code == -32500)
                #expect(answer.message == message)
            }
        }
    }

    @Test func unknownMethodsAndWrongParametersAnswerPyramidsFaults() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let unknown = try #require(fault(in: try await client.xmlRPC(xmlRPCBody("multipassssss"))))
            #expect(unknown.code == -32601)
            #expect(unknown.message == "server error; requested method not found")
            let cases: [([String], String, String)] = [
                (
                    ["<string>wrong!</string>"], "changelog_since_serial",
                    "client error; serial: Input should be a valid integer"
                ),
                (
                    ["<boolean>1</boolean>"], "changelog_since_serial",
                    "client error; serial: Input should be a valid integer"
                ),
                (
                    ["<double>1.0</double>"], "changelog_since_serial",
                    "client error; serial: Input should be a valid integer"
                ),
                ([], "changelog_since_serial", "client error; serial: Missing required argument"),
                (
                    ["<int>1</int>", "<int>2</int>"], "changelog_since_serial",
                    "client error; 2: Unexpected positional argument"
                ),
                (["<int>1</int>"], "changelog_last_serial", "client error; 1: Unexpected positional argument"),
                (
                    ["<nil/>", "<int>2</int>"], "list_packages_with_serial",
                    "client error; 1: Unexpected positional argument; 2: Unexpected positional argument"
                ),
            ]
            for (params, method, message) in cases {
                let answer = try #require(fault(in: try await client.xmlRPC(xmlRPCBody(method, params))))
                #expect(answer.code == -32602)
                #expect(answer.message == message)
            }
        }
    }

    @Test func hostileAndMalformedBodiesGetAFaultNeverA500() async throws {
        let fixture = try await HTTPFixture()
        let bodies = [
            "", "not xml", "<methodCall><methodName>changelog_last_serial</methodName>",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><methodCall><methodName>&b;</methodName></methodCall>",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><methodCall><methodName>&x;</methodName></methodCall>",
            String(repeating: "<array><data><value>", count: 2_000),
        ]
        try await fixture.application.test(.router) { client in
            for body in bodies {
                let response = try await client.xmlRPC(ByteBuffer(string: body))
                #expect(response.status == .ok)
                let answer = try #require(fault(in: response))
                #expect(answer.code == -32700)
                #expect(answer.message == "parse error; not well formed")
            }
            var large = ByteBuffer(string: "<methodCall><methodName>changelog_last_serial</methodName>")
            large.writeString(String(repeating: " ", count: XMLRPCController.bodyLimit))
            large.writeString("</methodCall>")
            let tooLarge = try #require(fault(in: try await client.xmlRPC(large)))
            #expect(tooLarge.code == -32700)
            #expect(tooLarge.message == "parse error; request body larger than 65536 bytes")
            let notXML = try await client.execute(
                uri: "/pypi", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}")
            )
            #expect(notXML.status.code == 415)
            let charset = try await client.execute(
                uri: "/RPC2", method: .post, headers: [.contentType: "text/xml; charset=utf-8"],
                body: xmlRPCBody("changelog_last_serial"))
            #expect(fault(in: charset) == nil)
            #expect(String(buffer: charset.body).contains("<int>0</int>"))
        }
    }

    @Test func readOnlyModeStillAnswersCalls() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.seed("demo")
        try await fixture.application(readOnly: true).test(.router) { client in
            let response = try await client.xmlRPC(xmlRPCBody("changelog_last_serial"))
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains("<int>1</int>"))
        }
    }
}
