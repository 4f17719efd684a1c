import Logging
import NIOCore
import NIOHTTP1

/// One log line and the metrics of every request, right after NIO's request decoder, so the
/// requests the fast path answers are seen as well as Hummingbird's: method, path (never the
/// query, which may carry a reset token), status, body bytes, duration and a request id, which
/// the response carries as `X-Request-ID` (with the log on). Downloads and page requests are
/// told to the ``DownloadTally``, with their `User-Agent` and `Range`; no other header (tokens,
/// passwords, cookies) is ever read.
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
        /// For a download or page request that is counted: its User-Agent and Range.
        var counted: (userAgent: String?, range: String?)?
    }

    private let logger: Logger?
    private let metrics: ServerMetrics
    private let ids: RequestIDs
    private let tally: DownloadTally?
    /// Requests read and not yet answered, in order (HTTP/1.1 answers in request order).
    private var pending: [Pending] = []
    private var status = 0
    private var bytes = 0
    private var id = ""
    /// This connection's request counters and durations, so a kept-alive connection takes
    /// almost no lock to count.
    private var connection = ServerMetrics.ConnectionState()

    /// `logger` `nil`: metrics only; `tally` `nil`: downloads not counted.
    init(logger: Logger?, metrics: ServerMetrics, ids: RequestIDs, tally: DownloadTally? = nil) {
        self.logger = logger
        self.metrics = metrics
        self.ids = ids
        self.tally = tally
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        metrics.connectionClosed(&connection, now: NIODeadline.now().uptimeNanoseconds.asInt64)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) {
            let path = head.uri.firstIndex(of: "?").map { head.uri[..<$0] } ?? head.uri[...]
            let route = RouteKind(path: path)
            var request = Pending(method: head.method, path: path, route: route, start: .now())
            if tally != nil, head.method == .GET, route == .files || route == .simpleProject || path.hasPrefix("/proxy/"),
                !head.headers.contains(name: DownloadTally.loggedByHeader)
            {
                request.counted = (head.headers.first(name: "User-Agent"), head.headers.first(name: "Range"))
            }
            pending.append(request)
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
        if let request, let counted = request.counted, let tally {
            tally.count(
                method: request.method.rawValue, path: request.path, status: status, range: counted.range,
                userAgent: counted.userAgent)
        }
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
