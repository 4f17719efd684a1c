import Foundation
import Testing

@testable import IndexSecurity

@Suite struct SMTPMailerFailureTests {
    /// A mailer for `sink`. The default timeout is far above any exchange with the local sink,
    /// however loaded the machine: the tests that time out choose their own.
    func mailer(
        _ sink: SMTPTestSink, timeout: Duration = .seconds(120), trigger: SMTPTimeoutTrigger? = nil
    ) -> SMTPMailer {
        var mailer = SMTPMailer(
            configuration: SMTPConfiguration(
                host: "127.0.0.1", port: sink.port, from: "noreply@example.org", timeout: timeout
            ),
            eventLoopGroup: SMTPTestLoop.group
        )
        mailer.timeoutTrigger = trigger
        return mailer
    }

    struct Failure: Sendable, CustomTestStringConvertible {
        var verb: String
        var reply: String
        var kind: SMTPError.Kind
        var command: String
        var code: Int?
        var testDescription: String { "\(verb) -> \(reply.prefix(20))" }
    }

    static let failures: [Failure] = [
        Failure(verb: "RCPT", reply: "550 5.1.1 no such user", kind: .rejected, command: "RCPT TO", code: 550),
        Failure(verb: "MAIL", reply: "451 4.3.0 try later", kind: .rejected, command: "MAIL FROM", code: 451),
        Failure(verb: "DATA", reply: "554 5.7.1 no thanks", kind: .rejected, command: "DATA", code: 554),
        Failure(verb: "RCPT", reply: "354 huh", kind: .unexpectedReply, command: "RCPT TO", code: 354),
        Failure(verb: "EHLO", reply: "421 4.3.2 shutting down", kind: .rejected, command: "EHLO", code: 421),
        Failure(
            verb: "MAIL", reply: "250-" + String(repeating: "x", count: 3000) + "\r\n250 OK",
            kind: .lineTooLong, command: "MAIL FROM", code: nil),
        Failure(verb: "MAIL", reply: "250-first\r\n251 second", kind: .malformedReply, command: "MAIL FROM", code: nil),
        Failure(verb: "MAIL", reply: "hello", kind: .malformedReply, command: "MAIL FROM", code: nil),
    ]

    @Test(arguments: failures) func aFailingReplyThrowsNamingTheCommand(_ failure: Failure) async throws {
        let sink = try await SMTPTestSink.start(.init(failures: [failure.verb: failure.reply]))
        let error = await #expect(throws: SMTPError.self) {
            try await mailer(sink).deliver(to: "a@example.com", subject: "s", body: "b")
        }
        try await sink.shutdown()
        #expect(error?.kind == failure.kind)
        #expect(error?.command == failure.command)
        #expect(error?.code == failure.code)
        if failure.kind == .rejected { #expect(error?.reply == String(failure.reply.dropFirst(4))) }
        #expect(sink.messages.isEmpty)
    }

    @Test func ehloRefusedFallsBackToHelo() async throws {
        let sink = try await SMTPTestSink.start(.init(failures: ["EHLO": "502 5.5.1 not implemented"]))
        try await mailer(sink).deliver(to: "a@example.com", subject: "s", body: "b")
        try await sink.shutdown()
        #expect(sink.commands.prefix(2) == ["EHLO localhost", "HELO localhost"])
        #expect(sink.messages.count == 1)
    }

    /// The timeout names the command left unanswered. The test times the exchange out itself,
    /// once the sink has received that command, so a slow machine cannot move the timeout to an
    /// earlier command; the deadline (120 s) is only a backstop.
    @Test(arguments: ["CONNECT", "EHLO", "DATA"]) func aStalledServerTimesOutAtTheCommandItStalledOn(
        _ verb: String
    ) async throws {
        let trigger = SMTPTimeoutTrigger()
        let sink = try await SMTPTestSink.start(.init(stallOn: verb, onStall: { trigger.fire() }))
        let error = await #expect(throws: SMTPError.self) {
            try await mailer(sink, trigger: trigger).deliver(to: "a@example.com", subject: "s", body: "b")
        }
        try await sink.shutdown()
        #expect(error?.kind == .timedOut)
        #expect(error?.command == verb)
        #expect(sink.messages.isEmpty)
    }

    /// The real deadline fires: a server that never greets is given up on, no sooner than the
    /// timeout. (No upper bound: how much later depends on the machine's load.)
    @Test func aServerThatNeverGreetsTimesOutAtTheDeadline() async throws {
        let sink = try await SMTPTestSink.start(.init(stallOn: "CONNECT"))
        let start = ContinuousClock.now
        let error = await #expect(throws: SMTPError.self) {
            try await mailer(sink, timeout: .seconds(2)).deliver(to: "a@example.com", subject: "s", body: "b")
        }
        let elapsed = ContinuousClock.now - start
        try await sink.shutdown()
        #expect(error?.kind == .timedOut)
        #expect(error?.command == "CONNECT")
        #expect(elapsed >= .seconds(2))
    }

    @Test(arguments: ["RCPT", "DATA"]) func aClosedConnectionIsAnError(_ verb: String) async throws {
        let sink = try await SMTPTestSink.start(.init(closeOn: verb))
        let error = await #expect(throws: SMTPError.self) {
            try await mailer(sink).deliver(to: "a@example.com", subject: "s", body: "b")
        }
        try await sink.shutdown()
        #expect(error?.kind == .connectionClosed)
        #expect(error?.command == (verb == "RCPT" ? "RCPT TO" : verb))
    }

    @Test func aRefusedConnectionIsAnError() async throws {
        let sink = try await SMTPTestSink.start()
        try await sink.shutdown()
        let error = await #expect(throws: SMTPError.self) {
            try await mailer(sink).deliver(to: "a@example.com", subject: "s", body: "b")
        }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.command == "CONNECT")
    }

    @Test(arguments: [
        ("a@example.com\r\nBcc: x@example.com", "s", SMTPError.Kind.headerInjection),
        ("a@example.com\n", "s", .headerInjection),
        ("a@example.com", "s\r\nBcc: x@example.com", .headerInjection),
        ("a@example.com", "s\nx", .headerInjection),
        ("a@example.com", "s\r", .headerInjection),
        ("example.com", "s", .invalidAddress),
        ("a@b@example.com", "s", .invalidAddress),
        ("@example.com", "s", .invalidAddress),
        ("a@", "s", .invalidAddress),
        ("a b@example.com", "s", .invalidAddress),
        ("Name <a@example.com", "s", .invalidAddress),
    ])
    func badAddressesAndSubjectsAreRefusedBeforeConnecting(
        _ address: String, _ subject: String, _ kind: SMTPError.Kind
    ) async throws {
        let mailer = SMTPMailer(
            configuration: SMTPConfiguration(host: "192.0.2.1", port: 25, from: "noreply@example.org")
        )
        let error = await #expect(throws: SMTPError.self) {
            try await mailer.deliver(to: address, subject: subject, body: "b")
        }
        #expect(error?.kind == kind)
    }
}
