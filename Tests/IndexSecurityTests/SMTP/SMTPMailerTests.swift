import Foundation
import Testing

@testable import IndexSecurity

@Suite struct SMTPMailerTests {
    static let sentAt = Date(timeIntervalSince1970: 1_700_000_000)

    func mailer(
        _ sink: SMTPTestSink, security: SMTPConfiguration.Security = .plain,
        username: String? = nil, password: String? = nil, timeout: Duration = .seconds(120)
    ) throws -> SMTPMailer {
        var configuration = SMTPConfiguration(
            host: "127.0.0.1", port: sink.port, security: security, username: username, password: password,
            from: "Cheeseshop <noreply@example.org>", heloName: "index.example.org", timeout: timeout
        )
        configuration.tlsConfiguration = try SMTPTestCertificate.clientConfiguration()
        return SMTPMailer(
            configuration: configuration, eventLoopGroup: SMTPTestLoop.group, now: { Self.sentAt },
            uniqueID: { "fixed-id" })
    }

    @Test func deliversEnvelopeHeadersAndDotStuffedBody() async throws {
        let sink = try await SMTPTestSink.start()
        try await mailer(sink).deliver(
            to: "alice@example.com", subject: "Verify your address", body: "Hello\n.hidden\r\n..two\nBye\n"
        )
        try await sink.shutdown()
        let message = try #require(sink.messages.first)
        #expect(sink.messages.count == 1)
        #expect(message.from == "noreply@example.org")
        #expect(message.to == ["alice@example.com"])
        let expected = [
            "From: Cheeseshop <noreply@example.org>", "To: alice@example.com", "Subject: Verify your address",
            "Date: Tue, 14 Nov 2023 22:13:20 +0000", "Message-ID: <fixed-id@example.org>", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 7bit",
        ]
        #expect(message.data == expected.joined(separator: "\r\n") + "\r\n\r\nHello\r\n.hidden\r\n..two\r\nBye\r\n")
        #expect(sink.commands.first == "EHLO index.example.org")
        #expect(sink.commands.last == "QUIT")
        #expect(sink.commands.contains("MAIL FROM:<noreply@example.org>"))
        #expect(sink.commands.contains("RCPT TO:<alice@example.com>"))
    }

    @Test func nonASCIISubjectIsEncodedAndDecodesBack() async throws {
        let sink = try await SMTPTestSink.start()
        let subject = "Bestätigen Sie Ihre Adresse für Cheeseshop — café ☕ and a long tail to fold"
        try await mailer(sink).deliver(to: "bob@example.com", subject: subject, body: "Grüße\n")
        try await sink.shutdown()
        let data = try #require(sink.messages.first?.data)
        let unfolded = data.replacingOccurrences(of: "\r\n ", with: " ")
        let line = try #require(unfolded.components(separatedBy: "\r\n").first { $0.hasPrefix("Subject: ") })
        #expect(line.allSatisfy { $0.isASCII })
        let words = line.dropFirst("Subject: ".count).split(separator: " ")
        #expect(words.count > 1)
        var decoded = Data()
        for word in words {
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?=") && word.count <= 75)
            decoded += try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
        }
        #expect(String(decoding: decoded, as: UTF8.self) == subject)
        #expect(data.hasSuffix("Content-Transfer-Encoding: 8bit\r\n\r\nGrüße\r\n"))
        #expect(sink.commands.contains("MAIL FROM:<noreply@example.org> BODY=8BITMIME"))
    }

    @Test func authPlainCredentialsReachTheSink() async throws {
        let credentials = SMTPTestSink.Credentials(username: "user@example.org", password: "p:ss wörd")
        let sink = try await SMTPTestSink.start(.init(credentials: credentials))
        try await mailer(sink, username: credentials.username, password: credentials.password)
            .deliver(to: "alice@example.com", subject: "Hi", body: "Hi")
        try await sink.shutdown()
        #expect(sink.authentications == [credentials])
        #expect(sink.commands.contains { $0.hasPrefix("AUTH PLAIN ") })
        #expect(sink.messages.count == 1)
    }

    @Test func authLoginIsUsedWhenPlainIsNotOffered() async throws {
        let credentials = SMTPTestSink.Credentials(username: "user", password: "secret")
        let sink = try await SMTPTestSink.start(.init(credentials: credentials, authMechanisms: ["LOGIN"]))
        try await mailer(sink, username: "user", password: "secret").deliver(
            to: "a@example.com", subject: "s", body: "b")
        try await sink.shutdown()
        #expect(sink.authentications == [credentials])
        #expect(sink.commands.contains("AUTH LOGIN"))
    }

    @Test func wrongCredentialsFailWithoutEchoingThePassword() async throws {
        let credentials = SMTPTestSink.Credentials(username: "user", password: "right")
        let sink = try await SMTPTestSink.start(.init(credentials: credentials))
        let error = await #expect(throws: SMTPError.self) {
            try await mailer(sink, username: "user", password: "wrong-secret")
                .deliver(to: "a@example.com", subject: "s", body: "b")
        }
        try await sink.shutdown()
        #expect(error?.kind == .rejected)
        #expect(error?.command == "AUTH PLAIN")
        #expect(error?.code == 535)
        #expect(error.map { !"\($0)".contains("wrong-secret") && !"\($0)".contains("AHVzZXIAd3Jvbmct") } == true)
        #expect(sink.messages.isEmpty)
    }

    @Test func credentialsAreRefusedOverPlainToANonLoopbackHostWithoutConnecting() async throws {
        let configuration = SMTPConfiguration(
            host: "192.0.2.1", port: 25, security: .plain, username: "u", password: "p",
            from: "noreply@example.org", timeout: .seconds(30)
        )
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPMailer(configuration: configuration, eventLoopGroup: SMTPTestLoop.group).deliver(
                to: "a@example.com", subject: "s", body: "b")
        }
        // A connection attempt to the unroutable address would end in `timedOut` or
        // `connectionFailed` at CONNECT: this error, without a command, comes before it.
        #expect(error?.kind == .insecureCredentials)
        #expect(error?.command == nil)
    }

    @Test func startTLSUpgradesAndGreetsAgain() async throws {
        let sink = try await SMTPTestSink.start(.init(tls: try SMTPTestCertificate.serverContext()))
        try await mailer(sink, security: .startTLS, username: "u", password: "p")
            .deliver(to: "a@example.com", subject: "s", body: "b")
        try await sink.shutdown()
        #expect(sink.messages.first?.overTLS == true)
        #expect(sink.authentications == [.init(username: "u", password: "p")])
        let commands = sink.commands
        let upgrade = try #require(commands.firstIndex(of: "STARTTLS"))
        #expect(commands[upgrade + 1] == "EHLO index.example.org")
    }

    @Test func implicitTLSDelivers() async throws {
        let sink = try await SMTPTestSink.start(.init(tls: try SMTPTestCertificate.serverContext(), implicitTLS: true))
        try await mailer(sink, security: .tls).deliver(to: "a@example.com", subject: "s", body: "b")
        try await sink.shutdown()
        #expect(sink.messages.first?.overTLS == true)
    }

    @Test func startTLSNotOfferedIsAnError() async throws {
        let sink = try await SMTPTestSink.start()
        let error = await #expect(throws: SMTPError.self) {
            try await mailer(sink, security: .startTLS, username: "u", password: "p")
                .deliver(to: "a@example.com", subject: "s", body: "b")
        }
        try await sink.shutdown()
        #expect(error?.kind == .startTLSNotOffered)
        #expect(sink.authentications.isEmpty)
        #expect(!sink.commands.contains { $0.hasPrefix("MAIL") })
    }

    @Test func anUntrustedCertificateFailsTheUpgrade() async throws {
        let sink = try await SMTPTestSink.start(.init(tls: try SMTPTestCertificate.serverContext()))
        var configuration = try mailer(sink, security: .startTLS).configuration
        configuration.tlsConfiguration = .makeClientConfiguration()
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPMailer(configuration: configuration, eventLoopGroup: SMTPTestLoop.group).deliver(
                to: "a@example.com", subject: "s", body: "b")
        }
        try await sink.shutdown()
        #expect(error?.kind == .connectionFailed)
        #expect(error?.command == "EHLO")
        #expect(sink.messages.isEmpty)
    }
}
