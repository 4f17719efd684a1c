import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// An in-process SMTP server on 127.0.0.1 (a free port) that records what it receives: EHLO,
/// HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT, optional AUTH PLAIN/LOGIN and STARTTLS; it can
/// answer a chosen command with a chosen reply, or not answer it at all.
struct SMTPTestSink: Sendable {
    /// What the sink offers and how it misbehaves.
    struct Options: Sendable {
        /// The credentials AUTH accepts; `nil` accepts any.
        var credentials: Credentials?
        /// The AUTH mechanisms announced in the EHLO reply; empty announces no AUTH.
        var authMechanisms: [String] = ["PLAIN", "LOGIN"]
        /// The server TLS context; when set, STARTTLS is announced and supported.
        var tls: NIOSSLContext?
        /// A verb (`EHLO`, `RCPT`, ...) answered with this reply line instead.
        var failures: [String: String] = [:]
        /// A verb left without reply (`CONNECT` withholds the greeting).
        var stallOn: String?
        /// Called when the sink has received `stallOn` and leaves it unanswered (for `CONNECT`:
        /// when it has accepted the connection): the point a test may time the client out.
        var onStall: (@Sendable () -> Void)?
        /// A verb answered by closing the connection.
        var closeOn: String?
        /// Whether TLS starts with the connection (needs `tls`), as on port 465.
        var implicitTLS = false
    }

    /// A user name and password.
    struct Credentials: Sendable, Hashable {
        var username: String
        var password: String
    }

    /// One received message.
    struct Message: Sendable, Hashable {
        var from: String
        var to: [String]
        /// The DATA text, dot-unstuffed, lines ending in CRLF.
        var data: String
        /// Whether it arrived over TLS.
        var overTLS: Bool
    }

    /// Everything the sink saw.
    struct Record: Sendable {
        var messages: [Message] = []
        var authentications: [Credentials] = []
        /// Command lines in arrival order (AUTH payloads included).
        var commands: [String] = []
    }

    /// The port the sink listens on.
    let port: Int
    private let channel: any Channel
    private let record: NIOLockedValueBox<Record>

    /// Starts a sink with `options` on 127.0.0.1 and a free port.
    static func start(_ options: Options = Options()) async throws -> SMTPTestSink {
        let record = NIOLockedValueBox(Record())
        let channel = try await ServerBootstrap(group: SMTPTestLoop.group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    if options.implicitTLS, let tls = options.tls {
                        try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    try child.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPTestLineDecoder()))
                    try child.pipeline.syncOperations.addHandler(SMTPTestSinkHandler(options: options, record: record))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else { throw ChannelError.unknownLocalAddress }
        return SMTPTestSink(port: port, channel: channel, record: record)
    }

    /// The messages received so far.
    var messages: [Message] { record.withLockedValue { $0.messages } }
    /// The credentials clients presented.
    var authentications: [Credentials] { record.withLockedValue { $0.authentications } }
    /// The command lines received so far.
    var commands: [String] { record.withLockedValue { $0.commands } }

    /// Stops listening.
    func shutdown() async throws {
        try await channel.close()
    }

    /// Adds to the record (for the handler).
    static func note(_ record: NIOLockedValueBox<Record>, _ change: (inout Record) -> Void) {
        record.withLockedValue { change(&$0) }
    }
}

/// Splits a byte stream into lines without their CRLF (or LF).
struct SMTPTestLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = String

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")),
            var line = buffer.readString(length: newline - buffer.readerIndex)
        else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 1)
        if line.hasSuffix("\r") { line.removeLast() }
        context.fireChannelRead(wrapInboundOut(line))
        return .continue
    }
}

/// The SMTP tests' own event loop, so that other suites busy on the shared loops cannot stall
/// an exchange that a test times.
enum SMTPTestLoop {
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
}
