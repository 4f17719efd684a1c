import Logging
import NIOCore
import NIOHTTP1

/// One log line and the metrics of every request, right after NIO's request decoder, so the
/// requests the fast path answers are seen as well as Hummingbird's: method, path (never the
/// query, which may carry a reset token), status, body bytes, duration and a request id, which
/// the response carries as `X-Request-ID` (with the log on). Headers (tokens, passwords,
/// cookies) are never read.
final class RequestObserver: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private struct Pending {
        let method: HTTPMethod
        let path: Substring
        let route: RouteKind
        let start: NIODeadline
    }

    private let logger: Logger?
    private let metrics: ServerMetrics
    private let ids: RequestIDs
    /// Requests read and not yet answered, in order (HTTP/1.1 answers in request order).
    private var pending: [Pending] = []
    private var status = 0
    private var bytes = 0
    private var id = ""
    /// This connection's request counters and durations, so a kept-alive connection takes
    /// almost no lock to count.
    private var connection = ServerMetrics.ConnectionState()

    /// `logger` `nil`: metrics only.
    init(logger: Logger?, metrics: ServerMetrics, ids: RequestIDs) {
        self.logger = logger
        self.metrics = metrics
        self.ids = ids
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        metrics.connectionClosed(&connection, now: NIODeadline.now().uptimeNanoseconds.asInt64)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) {
            let path = head.uri.firstIndex(of: "?").map { head.uri[..<$0] } ?? head.uri[...]
            pending.append(Pending(method: head.method, path: path, route: RouteKind(path: path), start: .now()))
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head):
            status = Int(head.status.code)
            bytes = 0
            guard logger != nil else { break }
            id = ids.next()
            head.headers.replaceOrAdd(name: "X-Request-ID", value: id)
            context.write(wrapOutboundOut(.head(head)), promise: promise)
            return
        case .body(let body):
            bytes += body.readableBytes
        case .end:
            finish()
        }
        context.write(data, promise: promise)
    }

    private func finish() {
        let now = NIODeadline.now()
        // A response without a request: the connection cap's refusal.
        let request = pending.isEmpty ? nil : pending.removeFirst()
        let nanoseconds = request.map { (now - $0.start).nanoseconds } ?? 0
        metrics.request(
            request?.route ?? .web, status: status, nanoseconds: nanoseconds, now: now.uptimeNanoseconds.asInt64,
            connection: &connection)
        logger?.info(
            "request",
            metadata: [
                "method": .string(request?.method.rawValue ?? "-"),
                "path": .string(request.map { String($0.path) } ?? "-"),
                "status": .stringConvertible(status),
                "bytes": .stringConvertible(bytes),
                "duration_ms": .stringConvertible(Double(nanoseconds / 1000) / 1000),
                "request_id": .string(id),
            ])
    }
}

extension UInt64 {
    /// The value as an `Int64` (clamped).
    fileprivate var asInt64: Int64 { Int64(clamping: self) }
}
