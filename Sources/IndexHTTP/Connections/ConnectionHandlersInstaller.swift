import NIOCore
import NIOHTTP1

/// Added by Hummingbird with a connection's handlers (after the HTTP types conversion), it puts
/// the ``ConnectionGuard`` and the ``FastReadHandler`` right after NIO's request decoder, where
/// requests and responses are still NIO's HTTP/1 parts, in that order: the guard times every
/// request, those the fast path answers too.
final class ConnectionHandlersInstaller: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let fastPath: FastReadPath
    private let limits: ConnectionLimits
    private let count: ConnectionCount

    init(fastPath: FastReadPath, limits: ConnectionLimits, count: ConnectionCount) {
        self.fastPath = fastPath
        self.limits = limits
        self.count = count
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let pipeline = context.pipeline.syncOperations
        guard let decoder = try? pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self) else { return }
        try? pipeline.addHandler(FastReadHandler(path: fastPath), position: .after(decoder))
        try? pipeline.addHandler(ConnectionGuard(limits: limits, count: count), position: .after(decoder))
    }
}
