import NIOCore
import NIOHTTP1

/// Warehouse puts a refusal's message in the status line (`400 File already exists ...`), and
/// twine shows that line. NIO writes the standard phrase for a known code and the HTTP types
/// conversion before it drops a custom one, so the phrase travels in an internal header that
/// this handler, placed next to NIO's HTTP/1 encoder, moves into the status line.
final class ReasonPhraseHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// The internal header; never sent.
    static let header = "x-cheeseshop-reason-phrase"

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .head(var head) = unwrapOutboundIn(data), let reason = head.headers.first(name: Self.header) else {
            context.write(data, promise: promise)
            return
        }
        head.headers.remove(name: Self.header)
        head.status = .custom(code: head.status.code, reasonPhrase: reason)
        context.write(wrapOutboundOut(.head(head)), promise: promise)
    }
}

/// Added by Hummingbird with a connection's handlers (after the HTTP types conversion), it puts
/// a ``ReasonPhraseHandler`` next to NIO's response encoder, where the status line is still NIO's.
final class ReasonPhraseInstaller: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    func handlerAdded(context: ChannelHandlerContext) {
        let pipeline = context.pipeline.syncOperations
        guard let encoder = try? pipeline.handler(type: HTTPResponseEncoder.self) else { return }
        try? pipeline.addHandler(ReasonPhraseHandler(), position: .after(encoder))
    }
}
