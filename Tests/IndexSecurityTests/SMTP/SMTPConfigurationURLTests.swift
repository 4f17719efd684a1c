import Testing

@testable import IndexSecurity

@Suite struct SMTPConfigurationURLTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var url: String
        var host: String
        var port: Int
        var security: SMTPConfiguration.Security
        var username: String?
        var password: String?
        var testDescription: String { url }
    }

    static let valid: [Row] = [
        Row(url: "smtp://localhost", host: "localhost", port: 25, security: .plain),
        Row(url: "smtp://mail.example.org:2525/", host: "mail.example.org", port: 2525, security: .plain),
        Row(url: "smtp+starttls://mail.example.org", host: "mail.example.org", port: 587, security: .startTLS),
        Row(url: "SMTPS://mail.example.org", host: "mail.example.org", port: 465, security: .tls),
        Row(
            url: "smtps://user:secret@mail.example.org:1465", host: "mail.example.org", port: 1465,
            security: .tls, username: "user", password: "secret"
        ),
        Row(
            url: "smtp+starttls://me%40example.org:p%3Ass%20w%C3%B6rd%2F@mail.example.org", host: "mail.example.org",
            port: 587, security: .startTLS, username: "me@example.org", password: "p:ss wörd/"
        ),
        Row(url: "smtp://user@127.0.0.1:1025", host: "127.0.0.1", port: 1025, security: .plain, username: "user"),
        Row(url: "smtp://[::1]:1025", host: "::1", port: 1025, security: .plain),
        Row(url: "smtp://a:b:c@h", host: "h", port: 25, security: .plain, username: "a", password: "b:c"),
    ]

    @Test(arguments: valid) func parsesRelayURLs(_ row: Row) throws {
        let configuration = try SMTPConfiguration.configuration(url: row.url, from: "noreply@example.org")
        #expect(configuration.host == row.host)
        #expect(configuration.port == row.port)
        #expect(configuration.security == row.security)
        #expect(configuration.username == row.username)
        #expect(configuration.password == row.password)
        #expect(configuration.from == "noreply@example.org")
        #expect(configuration.timeout == .seconds(10))
    }

    @Test(arguments: [
        "mail.example.org", "http://mail.example.org", "smtp://", "smtp://:25", "smtp://h:0", "smtp://h:65536",
        "smtp://h:port", "smtp://h:25/path", "smtp://h?x=1", "smtp://[::1", "smtp://[::1]x", "smtp://u:%zz@h",
        "smtp://h h", "smtp://h:-1",
    ])
    func rejectsMalformedURLs(_ url: String) {
        #expect(throws: SMTPError.self) { try SMTPConfiguration.configuration(url: url, from: "a@example.org") }
    }

    @Test(arguments: [
        ("localhost", true), ("LOCALHOST", true), ("mail.localhost", true), ("127.0.0.1", true),
        ("127.1.2.3", true), ("::1", true), ("[::1]", true), ("192.0.2.1", false), ("127.0.0.256", false),
        ("mail.example.org", false), ("127.example.org", false),
    ])
    func recognisesLoopbackHosts(_ host: String, _ loopback: Bool) {
        #expect(SMTPConfiguration(host: host, port: 25, from: "a@example.org").hostIsLoopback == loopback)
    }
}
