import Testing

@testable import IndexCore

/// A resolver answering from a table.
struct TableResolver: HostResolving {
    var table: [String: [String]]

    func addresses(host: String, port: Int) async throws -> [IPAddress] {
        guard let found = table[host] else { throw ManageError(.notFound, "no such host") }
        return found.compactMap { IPAddress($0) }
    }
}

/// Target URLs are read strictly and must resolve only to public addresses.
@Suite struct WebhookTargetTests {
    static let resolver = TableResolver(table: [
        "hooks.example.com": ["93.184.216.34"],
        "inside.example.com": ["10.0.0.7"],
        "mixed.example.com": ["93.184.216.34", "127.0.0.1"],
        "mapped.example.com": ["::ffff:169.254.169.254"],
        "v6.example.com": ["2606:4700:4700::1111"],
        "empty.example.com": [],
    ])

    @Test func readsSchemeHostAndPort() throws {
        let plain = try WebhookTarget("https://Hooks.Example.com/path?q=1")
        #expect(plain.scheme == "https" && plain.host == "hooks.example.com" && plain.port == 443)
        let port = try WebhookTarget("http://hooks.example.com:8080")
        #expect(port.port == 8080 && port.scheme == "http")
        let v6 = try WebhookTarget("http://[::1]:9000/x")
        #expect(v6.host == "::1" && v6.port == 9000)
    }

    @Test(arguments: [
        ("ftp://hooks.example.com/", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("hooks.example.com/x", "no scheme"),
        ("https://user:pw@hooks.example.com/", "credentials"),
        ("https://hooks.example.com/#x", "fragment"),
        ("https://hooks example.com/", "spaces"),
        ("https:///path", "no host"),
        ("https://hooks.example.com:0/", "port"),
        ("https://hooks.example.com:99999/", "port"),
        ("https://hooks.example.com:8a/", "port"),
        ("http://[::1/", "lacks ']'"),
        ("http://[zz::1]/", "IPv6 address is malformed"),
        ("", "http or https URL"),
    ])
    func refusesMalformedURLs(_ url: String, _ reason: String) {
        #expect {
            try WebhookTarget(url)
        } throws: { error in
            guard let error = error as? ManageError else { return false }
            return error.kind == .invalid && error.message.contains(reason)
        }
    }

    @Test(arguments: [
        "http://127.0.0.1:8080/hook", "http://[::1]/", "http://10.1.2.3/", "http://169.254.169.254/latest/meta-data",
        "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "http://inside.example.com/", "http://mixed.example.com/",
        "http://mapped.example.com/", "http://[fe80::1]/", "http://224.0.0.1/",
    ])
    func refusesNonPublicTargets(_ url: String) async {
        let policy = WebhookTargetPolicy(resolver: Self.resolver, allowPrivate: false)
        await #expect {
            try await policy.check(url)
        } throws: { error in
            (error as? ManageError)?.message.contains("webhooks may only target public addresses") == true
        }
    }

    @Test func acceptsPublicTargetsAndGivesTheCheckedAddresses() async throws {
        let policy = WebhookTargetPolicy(resolver: Self.resolver, allowPrivate: false)
        #expect(try await policy.check("https://hooks.example.com/in").addresses == [IPAddress("93.184.216.34")])
        #expect(try await policy.check("https://v6.example.com/").addresses.count == 1)
        #expect(try await policy.check("http://8.8.8.8/").addresses == [IPAddress("8.8.8.8")])
    }

    @Test func privateTargetsPassWhenAllowed() async throws {
        let policy = WebhookTargetPolicy(resolver: Self.resolver, allowPrivate: true)
        #expect(try await policy.check("http://127.0.0.1:9/").addresses == [IPAddress("127.0.0.1")])
        #expect(try await policy.check("http://inside.example.com/").target.host == "inside.example.com")
    }

    @Test func unresolvableHostsAreRefused() async {
        let policy = WebhookTargetPolicy(resolver: Self.resolver, allowPrivate: true)
        for url in ["http://nowhere.example.com/", "http://empty.example.com/"] {
            await #expect {
                try await policy.check(url)
            } throws: { error in
                (error as? ManageError)?.message.contains("does not resolve") == true
            }
        }
    }
}
