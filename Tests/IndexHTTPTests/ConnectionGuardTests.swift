import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@testable import IndexHTTP

/// ``ConnectionGuard`` on an embedded event loop, whose clock only moves when told.
@Suite struct ConnectionGuardTests {
    static func connection(
        _ limits: ConnectionLimits = ConnectionLimits(), count: ConnectionCount = ConnectionCount()
    ) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ConnectionGuard(limits: limits, count: count))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 80)).wait()
        return channel
    }

    static func head(_ method: HTTPMethod = .POST) -> HTTPServerRequestPart {
        .head(HTTPRequestHead(version: .http1_1, method: method, uri: "/legacy/"))
    }

    static func body(_ count: Int, on channel: EmbeddedChannel) -> HTTPServerRequestPart {
        .body(channel.allocator.buffer(repeating: 0x61, count: count))
    }

    @Test func aConnectionWithoutHeadersIsClosedAtTheHeaderTimeout() throws {
        let channel = try Self.connection()
        channel.embeddedEventLoop.advanceTime(by: .seconds(59))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive)
    }

    @Test func anAnsweredConnectionWaitsTheKeepAliveTimeoutForTheNext() throws {
        let channel = try Self.connection()
        try channel.writeInbound(Self.head(.GET))
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        // Answering takes as long as it takes.
        channel.embeddedEventLoop.advanceTime(by: .seconds(300))
        #expect(channel.isActive)
        try channel.writeOutbound(HTTPServerResponsePart.head(HTTPResponseHead(version: .http1_1, status: .ok)))
        try channel.writeOutbound(HTTPServerResponsePart.end(nil))
        channel.embeddedEventLoop.advanceTime(by: .seconds(74))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive)
    }

    @Test func aStalledBodyIsCutOnlyForTimeTheServerWasReady() throws {
        var limits = ConnectionLimits()
        limits.bodyMinimumRate = 0  // The stall alone.
        let channel = try Self.connection(limits)
        try channel.writeInbound(Self.head())
        try channel.writeInbound(Self.body(100, on: channel))
        // The server holds back (no read asked for): the client owes nothing.
        channel.embeddedEventLoop.advanceTime(by: .seconds(200))
        #expect(channel.isActive)
        channel.read()
        channel.embeddedEventLoop.advanceTime(by: .seconds(59))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive)
    }

    @Test func aTricklingBodyIsCutByTheMinimumRate() throws {
        let channel = try Self.connection()
        try channel.writeInbound(Self.head())
        var seconds = 0
        while channel.isActive, seconds < 60 {
            channel.read()
            channel.embeddedEventLoop.advanceTime(by: .seconds(1))
            if channel.isActive { try channel.writeInbound(Self.body(1, on: channel)) }
            seconds += 1
        }
        #expect(!channel.isActive && seconds <= 12, "cut after \(seconds) s")
    }

    @Test func aBodyHeldBackByTheServerIsNotCutByTheRate() throws {
        let channel = try Self.connection()
        try channel.writeInbound(Self.head())
        // Each second the server reads once and 600 bytes (below the rate) are there at once; the rest
        // of the second it holds back.
        for _ in 0..<120 {
            channel.read()
            try channel.writeInbound(Self.body(600, on: channel))
            channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        }
        #expect(channel.isActive)
    }

    @Test func aSteadyBodyIsNotCut() throws {
        let channel = try Self.connection()
        try channel.writeInbound(Self.head())
        for _ in 0..<120 {
            channel.read()
            channel.embeddedEventLoop.advanceTime(by: .milliseconds(500))
            try channel.writeInbound(Self.body(600, on: channel))
        }
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        #expect(channel.isActive)
    }

    @Test func pastTheCapAConnectionIsAnswered503AndClosed() throws {
        var limits = ConnectionLimits()
        limits.maximumConnections = 1
        let count = ConnectionCount()
        let first = try Self.connection(limits, count: count)
        let second = try Self.connection(limits, count: count)
        guard case .head(let head) = try second.readOutbound(as: HTTPServerResponsePart.self) else {
            Issue.record("no response head")
            return
        }
        #expect(head.status == .serviceUnavailable && head.headers["Connection"] == ["close"])
        guard case .body(.byteBuffer(let body)) = try second.readOutbound(as: HTTPServerResponsePart.self) else {
            Issue.record("no response body")
            return
        }
        #expect(String(buffer: body).hasPrefix("Too many connections"))
        #expect(!second.isActive && first.isActive && count.current == 1)
        _ = try first.finish()
        #expect(count.current == 0)
    }
}
