import Logging
import NIOCore
import NIOHTTP1

/// Added by Hummingbird with a connection's handlers (after the HTTP types conversion), it puts
/// the ``RequestObserver``, the ``ConnectionGuard`` and the ``FastReadHandler`` right after NIO's
/// request decoder, where requests and responses are still NIO's HTTP/1 parts, in that order:
/// every request is logged, counted and timed, those the fast path answers too.
final class ConnectionHandlersInstaller: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    /// What every connection's handlers share.
    struct Shared: Sendable {
        let fastPath: FastReadPath
        let limits: ConnectionLimits
        let count: ConnectionCount
        let metrics: ServerMetrics
        let accessLog: Logger?
        /// Counts downloads (`nil`: not counted).
        let tally: DownloadTally?
        let ids = RequestIDs()
    }

    private let shared: Shared

    init(_ shared: Shared) {
        self.shared = shared
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let pipeline = context.pipeline.syncOperations
        guard let decoder = try? pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self) else { return }
        try? pipeline.addHandler(FastReadHandler(path: shared.fastPath), position: .after(decoder))
        try? pipeline.addHandler(
            ConnectionGuard(limits: shared.limits, count: shared.count, metrics: shared.metrics),
            position: .after(decoder))
        try? pipeline.addHandler(
            RequestObserver(logger: shared.accessLog, metrics: shared.metrics, ids: shared.ids, tally: shared.tally),
            position: .after(decoder))
    }
}
