import Foundation
import NIOCore
import NIOPosix

#if canImport(IndexCore)
    import IndexCore
#endif

/// A ``Mailer`` that delivers each message to an SMTP relay (RFC 5321) over its own connection:
/// EHLO, optional STARTTLS (RFC 3207), AUTH PLAIN or LOGIN, MAIL, RCPT, DATA, QUIT. Every reply
/// is checked; a 4xx/5xx reply, the connection's end or the timeout throws ``SMTPError``.
public struct SMTPMailer: Mailer {
    /// The relay and sender.
    public let configuration: SMTPConfiguration
    private let eventLoopGroup: any EventLoopGroup
    private let now: @Sendable () -> Date
    private let uniqueID: @Sendable () -> String
    /// Fires the exchange's timeout before its deadline, when a test chooses; `nil` (always,
    /// outside tests): the deadline alone.
    var timeoutTrigger: SMTPTimeoutTrigger?

    /// A mailer for `configuration`; `now` dates messages and `uniqueID` names them in
    /// `Message-ID` (inject both in tests).
    public init(
        configuration: SMTPConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        now: @escaping @Sendable () -> Date = { Date() },
        uniqueID: @escaping @Sendable () -> String = { UUID().uuidString }
    ) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.now = now
        self.uniqueID = uniqueID
    }

    /// Sends a plain-text UTF-8 message to `address`. Checks addresses, subject and the
    /// credentials' safety before connecting; the whole exchange is bounded by the timeout.
    public func send(to address: String, subject: String, body: String) async throws {
        try await deliver(to: address, subject: subject, body: body)
    }

    /// ``send(to:subject:body:)`` with its one error type.
    public func deliver(to address: String, subject: String, body: String) async throws(SMTPError) {
        let message = try SMTPMessage(
            from: configuration.from, to: address, subject: subject, body: body,
            date: now(), uniqueID: uniqueID()
        )
        if configuration.credentials != nil, configuration.security == .plain, !configuration.hostIsLoopback {
            throw SMTPError(
                .insecureCredentials,
                reply: "refusing to send credentials unencrypted to \(configuration.host); use STARTTLS or TLS"
            )
        }
        let deadline = NIODeadline.now() + TimeAmount(configuration.timeout)
        let connection = try await SMTPConnection.connect(
            configuration, group: eventLoopGroup, deadline: deadline, timeoutTrigger: timeoutTrigger)
        var session = SMTPSession(connection: connection, configuration: configuration)
        do {
            try await session.run(message)
        } catch {
            await session.connection.close()
            throw error
        }
        await session.connection.close()
    }
}
