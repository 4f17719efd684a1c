import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexSecurity
import NIOCore
import Synchronization
import Testing

@testable import IndexSecurity

/// The HIBP range-API checker against a small local server on 127.0.0.1: only the 5-character
/// prefix leaves the machine, suffixes are matched, and every failure (non-200, timeout, refused
/// connection, oversized answer) fails open with `nil`.
@Suite struct HIBPBreachedPasswordCheckerTests {
    /// SHA-1("password") = 5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8.
    static let breached = "password"
    static let breachedSuffix = "1E4C9B93F3F0682250B6CF8331B7EE68FD8"

    /// A checker of the local range server whose deadline no loaded machine misses (the
    /// default 3 s would fail open, `nil`, where a test expects an answer); the timeout test
    /// sets its own.
    private func checker(_ base: String, maxBodyBytes: Int = 1 << 20) -> HIBPBreachedPasswordChecker {
        HIBPBreachedPasswordChecker(baseURL: base, timeoutMilliseconds: 120_000, maxBodyBytes: maxBodyBytes)
    }

    enum Behaviour: Sendable {
        case answer(String)
        case status(Int)
        case hang, huge
    }

    /// Runs a range server that answers with `behaviour`, calls `body` with its base URL.
    private func withRangeServer(
        _ behaviour: Behaviour, release: AsyncStream<Void>? = nil,
        _ body: @Sendable @escaping (String, Requests) async throws -> Void
    ) async throws {
        let seen = Requests()
        let router = Router()
        router.get("/range/:prefix") { request, context -> Response in
            let prefix = try context.parameters.require("prefix")
            seen.paths.withLock { $0.append(prefix + (request.uri.query.map { "?" + $0 } ?? "")) }
            switch behaviour {
            case .answer(let text):
                return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: text)))
            case .status(let code):
                return Response(status: .init(code: code))
            case .hang:
                if let release { for await _ in release { break } }
                return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "\(Self.breachedSuffix):9")))
            case .huge:
                let line = "0000000000000000000000000000000000A:0\r\n"
                return Response(
                    status: .ok,
                    body: .init(
                        byteBuffer: ByteBuffer(
                            string: String(repeating: line, count: 40_000)
                                + "\(Self.breachedSuffix):3\r\n")))
            }
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await body("http://127.0.0.1:\(port)", seen)
        }
    }

    @Test func breachedPasswordIsFoundAndOnlyThePrefixIsSent() async throws {
        let answer =
            "0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n\(Self.breachedSuffix):10434004\r\n"
            + "011053FD0102E94D6AE2F8B83D76FAF94F6:0\r\n"
        try await withRangeServer(.answer(answer)) { base, seen in
            let checker = self.checker(base)
            #expect(await checker.isBreached(Self.breached) == true)
            #expect(await checker.isBreached("a password nobody uses 7f3a") == false)
            let requests = seen.paths.withLock { $0 }
            #expect(requests.first == "5BAA6")
            #expect(requests.allSatisfy { $0.utf8.count == 5 })
        }
    }

    @Test func paddingLineWithCountZeroIsNotABreach() async throws {
        try await withRangeServer(.answer("\(Self.breachedSuffix):0\n")) { base, _ in
            #expect(await checker(base + "/").isBreached(Self.breached) == false)
        }
    }

    @Test(arguments: [404, 429, 500, 503])
    func errorAnswerFailsOpen(status: Int) async throws {
        try await withRangeServer(.status(status)) { base, _ in
            #expect(await checker(base).isBreached(Self.breached) == nil)
        }
    }

    @Test func answerOverTheBodyCapFailsOpen() async throws {
        try await withRangeServer(.huge) { base, _ in
            let capped = checker(base, maxBodyBytes: 1 << 20)
            #expect(await capped.isBreached(Self.breached) == nil)
            let roomy = checker(base, maxBodyBytes: 4 << 20)
            #expect(await roomy.isBreached(Self.breached) == true)
        }
    }

    @Test func serverThatNeverAnswersTimesOutToNil() async throws {
        let (release, finish) = AsyncStream.makeStream(of: Void.self)
        try await withRangeServer(.hang, release: release) { base, _ in
            let checker = HIBPBreachedPasswordChecker(baseURL: base, timeoutMilliseconds: 200)
            #expect(await checker.isBreached(Self.breached) == nil)
            finish.finish()
        }
    }

    @Test func unreachableServiceFailsOpen() async {
        // Port 1 on the loopback: nothing listens there, the connection is refused.
        let checker = HIBPBreachedPasswordChecker(baseURL: "http://127.0.0.1:1", timeoutMilliseconds: 500)
        #expect(await checker.isBreached(Self.breached) == nil)
        #expect(await HIBPBreachedPasswordChecker(baseURL: "not a url").isBreached(Self.breached) == nil)
    }

    @Test func sha1IsUpperCaseHex() {
        #expect(HIBPBreachedPasswordChecker.sha1Hex("password") == "5BAA6" + Self.breachedSuffix)
        #expect(
            HIBPBreachedPasswordChecker.contains(
                suffix: "1e4c9b93f3f0682250b6cf8331b7ee68fd8", in: "\(Self.breachedSuffix):2"))
    }
}

/// The paths a range server was asked for.
final class Requests: Sendable {
    let paths = Mutex<[String]>([])
}
