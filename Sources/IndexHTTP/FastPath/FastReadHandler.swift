import NIOCore
import NIOHTTP1

#if canImport(Glibc)
    import Glibc
#endif

/// The hot read path on the event loop (DESIGN.md §2): a `GET`/`HEAD` whose page the
/// ``ReadModel`` already holds is answered right here, next to NIO's HTTP/1 codec, without the
/// async request machinery (measured: most of a request's CPU). Everything else goes on to
/// Hummingbird untouched. Responses stay in request order: a request is answered here only when
/// no earlier request of the connection is still being answered by Hummingbird.
///
/// It also moves a refusal's message into the status line (see ``ReasonPhrase``).
final class FastReadHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let path: FastReadPath
    /// Requests handed to Hummingbird whose response has not ended yet.
    private var inFlight = 0
    /// The answer to the request being read, when it is answered here.
    private var pending: FastReadPath.Answer?
    /// Answers ready to go, written when the decoder finishes its batch (`channelReadComplete`),
    /// outside its decode loop.
    private var ready: [FastReadPath.Answer] = []
    private var date = HTTPDateCache()

    init(path: FastReadPath) {
        self.path = path
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            if inFlight == 0, head.isKeepAlive, let answer = path.answer(head) {
                pending = answer
                return
            }
            flushReady(context: context)
            inFlight += 1
        case .body:
            if pending != nil { return }
        case .end:
            if let answer = pending {
                pending = nil
                ready.append(answer)
                return
            }
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        let answered = !ready.isEmpty
        flushReady(context: context)
        context.fireChannelReadComplete()
        // Nobody further down asked for the requests answered here, so nobody would ask for the
        // next ones: ask.
        if answered { context.read() }
    }

    private func flushReady(context: ChannelHandlerContext) {
        guard !ready.isEmpty else { return }
        // A file's head and its first bytes leave in one segment rather than two (nginx's
        // `tcp_nopush`): held back while they are written, let go once flushed.
        let corked = ready.contains { $0.file != nil } && Self.cork(true, context: context)
        for answer in ready { write(answer, context: context) }
        ready.removeAll(keepingCapacity: true)
        context.flush()
        if corked { _ = Self.cork(false, context: context) }
    }

    /// Sets `TCP_CORK` on the connection (Linux only); whether it was set.
    private static func cork(_ on: Bool, context: ChannelHandlerContext) -> Bool {
        #if os(Linux)
            let option = ChannelOptions.tcpOption(NIOBSDSocket.Option(rawValue: TCP_CORK))
            return (try? context.channel.syncOptions?.setOption(option, value: on ? 1 : 0)) != nil
        #else
            return false
        #endif
    }

    private func write(_ answer: FastReadPath.Answer, context: ChannelHandlerContext) {
        var headers = answer.headers
        headers.add(name: "Date", value: date.text(at: path.now()))
        headers.add(name: "Server", value: "cheeseshop")
        let head = HTTPResponseHead(version: .http1_1, status: answer.status, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        for part in answer.body { context.write(wrapOutboundOut(.body(.byteBuffer(part))), promise: nil) }
        guard let file = answer.file else {
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
            return
        }
        context.write(wrapOutboundOut(.body(.fileRegion(file))), promise: nil)
        // Sent or failed (the connection closed): either way the file is done with.
        let sent = context.eventLoop.makePromise(of: Void.self)
        sent.futureResult.whenComplete { _ in try? file.fileHandle.close() }
        context.write(wrapOutboundOut(.end(nil)), promise: sent)
    }

    /// Closes the files of answers never written (the connection went away first).
    func handlerRemoved(context: ChannelHandlerContext) {
        for answer in ready + (pending.map { [$0] } ?? []) {
            try? answer.file?.fileHandle.close()
        }
        ready.removeAll()
        pending = nil
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head):
            guard let reason = head.headers.first(name: ReasonPhrase.header) else { break }
            head.headers.remove(name: ReasonPhrase.header)
            head.status = .custom(code: head.status.code, reasonPhrase: reason)
            context.write(wrapOutboundOut(.head(head)), promise: promise)
            return
        case .end:
            inFlight = max(0, inFlight - 1)
        case .body:
            break
        }
        context.write(data, promise: promise)
    }
}
