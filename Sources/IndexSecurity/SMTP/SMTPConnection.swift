import NIOCore
import NIOPosix
import NIOSSL

/// One TCP (or TLS) connection to a relay: writes command lines, reads framed replies. Every
/// read ends: with a reply, with the connection's end, or with the exchange's deadline, when
/// a scheduled task fails the reply stream and closes the channel.
struct SMTPConnection {
    private let channel: any Channel
    private var replies: AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator
    private let deadlineTask: Scheduled<Void>

    /// Connects to the configured relay (TLS from the start for `.tls`); the whole exchange must
    /// end by `deadline`, or earlier when a test fires `timeoutTrigger`.
    static func connect(
        _ configuration: SMTPConfiguration, group: any EventLoopGroup, deadline: NIODeadline,
        timeoutTrigger: SMTPTimeoutTrigger? = nil
    ) async throws(SMTPError) -> SMTPConnection {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: SMTPReply.self)
        let tls = try configuration.security == .tls ? tlsContext(configuration, command: "CONNECT") : nil
        let hostname = serverHostname(configuration.host)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(max(deadline - .now(), .milliseconds(1)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let operations = channel.pipeline.syncOperations
                    if let tls {
                        try operations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: hostname))
                    }
                    try operations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                    try operations.addHandler(SMTPReplyHandler(continuation: continuation))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: configuration.host, port: configuration.port).get()
        } catch {
            var timedOut = NIODeadline.now() >= deadline
            if case .connectTimeout = error as? ChannelError { timedOut = true }
            throw SMTPError(timedOut ? .timedOut : .connectionFailed, command: "CONNECT", reply: "\(error)")
        }
        let expire: @Sendable () -> Void = {
            continuation.finish(throwing: SMTPError(.timedOut, reply: "no reply in time"))
            channel.close(promise: nil)
        }
        let deadlineTask = channel.eventLoop.scheduleTask(deadline: deadline, expire)
        timeoutTrigger?.install { channel.eventLoop.execute(expire) }
        return SMTPConnection(channel: channel, replies: stream.makeAsyncIterator(), deadlineTask: deadlineTask)
    }

    /// The next reply, or an error naming `command` when the connection ends or times out.
    mutating func reply(to command: String) async throws(SMTPError) -> SMTPReply {
        do {
            guard let reply = try await replies.next() else {
                throw SMTPError(.connectionClosed, command: command, reply: "connection closed")
            }
            return reply
        } catch var error as SMTPError {
            if error.command == nil { error.command = command }
            throw error
        } catch {
            throw SMTPError(.connectionFailed, command: command, reply: "\(error)")
        }
    }

    /// Writes `bytes` and flushes. When the write fails, the reply stream tells why: a reply the
    /// server sent before closing, a TLS failure, the deadline, or the connection's end.
    mutating func write(_ bytes: [UInt8], command: String) async throws(SMTPError) {
        do {
            try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes)).get()
        } catch {
            let reply = try await reply(to: command)
            let kind: SMTPError.Kind = reply.isFailure ? .rejected : .unexpectedReply
            throw SMTPError(kind, command: command, code: reply.code, reply: reply.text)
        }
    }

    /// Starts TLS on the open connection (after the server's 220 to `STARTTLS`); the handshake
    /// completes, or fails, with the next read.
    func startTLS(_ configuration: SMTPConfiguration) async throws(SMTPError) {
        let context = try Self.tlsContext(configuration, command: "STARTTLS")
        let hostname = Self.serverHostname(configuration.host)
        let channel = self.channel
        do {
            try await channel.eventLoop.submit {
                let handler = try NIOSSLClientHandler(context: context, serverHostname: hostname)
                try channel.pipeline.syncOperations.addHandler(handler, position: .first)
            }.get()
        } catch {
            throw SMTPError(.connectionFailed, command: "STARTTLS", reply: "\(error)")
        }
    }

    /// Cancels the deadline and closes the channel.
    func close() async {
        deadlineTask.cancel()
        try? await channel.close()
    }

    private static func tlsContext(
        _ configuration: SMTPConfiguration, command: String
    ) throws(SMTPError) -> NIOSSLContext {
        do {
            return try NIOSSLContext(configuration: configuration.tlsConfiguration)
        } catch {
            throw SMTPError(.connectionFailed, command: command, reply: "TLS configuration: \(error)")
        }
    }

    /// The SNI name: the host, or `nil` for an IP address (then the certificate must name the IP).
    private static func serverHostname(_ host: String) -> String? {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return (try? SocketAddress(ipAddress: bare, port: 0)) == nil ? host : nil
    }
}

/// Passes replies into the stream ``SMTPConnection`` reads; errors and the connection's end finish it.
private final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = SMTPReply

    private let continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation

    init(continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        continuation.yield(unwrapInboundIn(data))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }
}
