import NIOCore
import NIOHTTP1

/// Sheds slow and idle clients (catalogue L02), right after NIO's request decoder:
///
/// - a new connection has ``ConnectionLimits/headerTimeout`` to deliver its first request's
///   headers, an answered kept-alive one ``ConnectionLimits/keepAliveTimeout`` for the next's;
/// - a request body is cut off (the connection closed, so the upload's staged file is
///   discarded) when no byte comes for ``ConnectionLimits/bodyTimeout``, or when it arrives
///   slower than ``ConnectionLimits/bodyMinimumRate``. Both only count the time the server is
///   ready to read: while the server holds back (its own backpressure), the client owes nothing;
/// - past ``ConnectionLimits/maximumConnections`` open connections, a new one is answered
///   `503 Service Unavailable` at once and closed.
///
/// Nothing is timed while a request is being answered: a slow response is the server's business.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private enum Phase {
        /// Waiting for a request's headers until the deadline.
        case awaitingHead(deadline: NIODeadline)
        /// Reading a request's body.
        case readingBody
        /// Every request read is being answered.
        case answering
    }

    private let limits: ConnectionLimits
    private let count: ConnectionCount
    private let metrics: ServerMetrics
    private var phase: Phase = .answering
    private var counted = false
    private var closed = false
    /// Requests read whose response has not ended.
    private var unanswered = 0
    /// Whether a response has ended on this connection (so it waits as a kept-alive one).
    private var answeredOne = false
    /// Since when the server has been ready for body bytes that have not come (`nil`: not ready,
    /// or bytes just came).
    private var readySince: NIODeadline?
    /// From when the server's ready time has not been added to ``windowReady`` yet.
    private var unaccountedSince: NIODeadline?
    /// The body bytes and the ready time of the current rate window.
    private var windowBytes = 0
    private var windowReady: TimeAmount = .zero
    private var timer: RepeatedTask?

    init(limits: ConnectionLimits, count: ConnectionCount, metrics: ServerMetrics = .none) {
        self.limits = limits
        self.count = count
        self.metrics = metrics
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stop()
    }

    private func start(context: ChannelHandlerContext) {
        guard !counted else { return }
        counted = true
        let open = count.enter()
        metrics.openConnections.record(open)
        if open > limits.maximumConnections {
            metrics.shed(.overCapacity)
            refuse(context: context)
            return
        }
        phase = .awaitingHead(deadline: context.eventLoop.now + limits.headerTimeout)
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleRepeatedTask(initialDelay: limits.tick, delay: limits.tick) { _ in
            let (handler, context) = loopBound.value
            handler.check(context: context)
        }
    }

    private func stop() {
        timer?.cancel()
        timer = nil
        if counted {
            counted = false
            metrics.openConnections.record(count.leave())
        }
    }

    /// Over the connection cap: a clear answer, then the connection closes.
    private func refuse(context: ChannelHandlerContext) {
        let message = "Too many connections; try again shortly.\n"
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: String(message.utf8.count))
        headers.add(name: "Retry-After", value: "5")
        headers.add(name: "Connection", value: "close")
        let head = HTTPResponseHead(version: .http1_1, status: .serviceUnavailable, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        let body = context.channel.allocator.buffer(string: message)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
        closed = true
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if closed { return }
        account(until: context.eventLoop.now, stillReady: false)
        readySince = nil
        switch unwrapInboundIn(data) {
        case .head:
            unanswered += 1
            phase = .readingBody
            windowBytes = 0
            windowReady = .zero
        case .body(let buffer):
            windowBytes += buffer.readableBytes
        case .end:
            phase = .answering
        }
        context.fireChannelRead(data)
    }

    func read(context: ChannelHandlerContext) {
        if readySince == nil {
            readySince = context.eventLoop.now
            unaccountedSince = readySince
        }
        context.read()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            unanswered = max(0, unanswered - 1)
            answeredOne = true
            if unanswered == 0, case .answering = phase {
                phase = .awaitingHead(deadline: context.eventLoop.now + limits.keepAliveTimeout)
            }
        }
        context.write(data, promise: promise)
    }

    /// Closes the connection when the client is late.
    private func check(context: ChannelHandlerContext) {
        guard !closed else { return }
        let now = context.eventLoop.now
        switch phase {
        case .awaitingHead(let deadline):
            guard now >= deadline else { return }
            // Closing an idle kept-alive connection is routine; not sending headers is not.
            if !answeredOne { metrics.shed(.headerTimeout) }
            cut(context: context)
        case .readingBody:
            guard let since = readySince else { return }
            if now - since >= limits.bodyTimeout {
                metrics.shed(.bodyTimeout)
                cut(context: context)
                return
            }
            guard limits.bodyMinimumRate > 0 else { return }
            account(until: now, stillReady: true)
            guard windowReady >= limits.rateWindow else { return }
            let owed = Int64(limits.bodyMinimumRate) * windowReady.nanoseconds / 1_000_000_000
            if Int64(windowBytes) < owed {
                metrics.shed(.bodyRate)
                cut(context: context)
                return
            }
            windowBytes = 0
            windowReady = .zero
        case .answering:
            break
        }
    }

    /// Adds the time the server has been ready to read, up to `now`, to the rate window.
    private func account(until now: NIODeadline, stillReady: Bool) {
        guard let since = unaccountedSince else { return }
        windowReady = windowReady + (now - since)
        unaccountedSince = stillReady ? now : nil
    }

    private func cut(context: ChannelHandlerContext) {
        closed = true
        context.close(promise: nil)
    }
}
