import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL

/// One sink connection: the server side of RFC 5321, line by line.
final class SMTPTestSinkHandler: ChannelInboundHandler {
    typealias InboundIn = String
    typealias OutboundOut = ByteBuffer

    private enum Mode {
        case command
        case data([String])
        case loginUser
        case loginPassword(String)
    }

    private let options: SMTPTestSink.Options
    private let record: NIOLockedValueBox<SMTPTestSink.Record>
    private var mode = Mode.command
    private lazy var overTLS = options.implicitTLS
    private var from: String?
    private var to: [String] = []

    init(options: SMTPTestSink.Options, record: NIOLockedValueBox<SMTPTestSink.Record>) {
        self.options = options
        self.record = record
    }

    func channelActive(context: ChannelHandlerContext) {
        if options.stallOn == "CONNECT" {
            options.onStall?()
        } else {
            reply(context, "220 sink ESMTP ready")
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = unwrapInboundIn(data)
        switch mode {
        case .data(var lines):
            guard line != "." else {
                let message = SMTPTestSink.Message(
                    from: from ?? "", to: to, data: lines.map { $0 + "\r\n" }.joined(), overTLS: overTLS
                )
                SMTPTestSink.note(record) { $0.messages.append(message) }
                mode = .command
                return reply(context, "250 2.0.0 queued")
            }
            lines.append(line.hasPrefix(".") ? String(line.dropFirst()) : line)
            mode = .data(lines)
        case .loginUser:
            mode = .loginPassword(decode(line))
            reply(context, "334 UGFzc3dvcmQ6")
        case .loginPassword(let user):
            mode = .command
            authenticate(context, SMTPTestSink.Credentials(username: user, password: decode(line)))
        case .command:
            command(context, line)
        }
    }

    private func command(_ context: ChannelHandlerContext, _ line: String) {
        SMTPTestSink.note(record) { $0.commands.append(line) }
        let verb = line.split(separator: " ").first.map { $0.split(separator: ":")[0].uppercased() } ?? ""
        if options.stallOn == verb {
            options.onStall?()
            return
        }
        if options.closeOn == verb { return context.close(promise: nil) }
        if let failure = options.failures[verb] { return reply(context, failure) }
        let argument = line.split(separator: " ", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
        switch verb {
        case "EHLO":
            var lines = ["sink", "8BITMIME"]
            if options.tls != nil, !overTLS { lines.append("STARTTLS") }
            if !options.authMechanisms.isEmpty { lines.append("AUTH " + options.authMechanisms.joined(separator: " ")) }
            lines.append("HELP")
            reply(
                context,
                lines.enumerated().map { "250\($0 == lines.count - 1 ? " " : "-")\($1)" }.joined(separator: "\r\n"))
        case "HELO", "NOOP": reply(context, "250 OK")
        case "RSET":
            (from, to) = (nil, [])
            reply(context, "250 OK")
        case "MAIL", "RCPT":
            let address =
                line.split(separator: "<").dropFirst().first?.split(separator: ">").first.map(String.init) ?? ""
            if verb == "MAIL" { (from, to) = (address, []) } else { to.append(address) }
            reply(context, "250 OK")
        case "DATA":
            mode = .data([])
            reply(context, "354 end with <CRLF>.<CRLF>")
        case "STARTTLS": startTLS(context)
        case "AUTH": auth(context, argument)
        case "QUIT":
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "221 bye\r\n"))).whenComplete { _ in
                channel.close(promise: nil)
            }
        default: reply(context, "500 unknown command")
        }
    }

    private func auth(_ context: ChannelHandlerContext, _ argument: String) {
        let parts = argument.split(separator: " ").map(String.init)
        switch parts.first?.uppercased() {
        case "PLAIN" where parts.count == 2:
            let fields = decode(parts[1]).split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { return reply(context, "501 malformed") }
            authenticate(context, SMTPTestSink.Credentials(username: fields[1], password: fields[2]))
        case "LOGIN":
            mode = .loginUser
            reply(context, "334 VXNlcm5hbWU6")
        default: reply(context, "504 unsupported mechanism")
        }
    }

    private func authenticate(_ context: ChannelHandlerContext, _ credentials: SMTPTestSink.Credentials) {
        SMTPTestSink.note(record) { $0.authentications.append(credentials) }
        let accepted = options.credentials.map { $0 == credentials } ?? true
        reply(context, accepted ? "235 2.7.0 accepted" : "535 5.7.8 bad credentials")
    }

    private func startTLS(_ context: ChannelHandlerContext) {
        guard let tls = options.tls, !overTLS else { return reply(context, "502 not offered") }
        reply(context, "220 go ahead")
        do {
            try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
            (overTLS, from, to) = (true, nil, [])
        } catch {
            context.close(promise: nil)
        }
    }

    private func decode(_ base64: String) -> String {
        Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    private func reply(_ context: ChannelHandlerContext, _ text: String) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
    }
}
