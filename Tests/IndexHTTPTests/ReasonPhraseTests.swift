import Foundation
import Glibc
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import Testing

@testable import IndexHTTP

/// Over a real connection, a refusal's message is the status line's reason phrase, as Warehouse
/// sends it (twine prints that line), and the internal header that carries it is never sent.
@Suite struct ReasonPhraseTests {
    @Test func aRefusalsMessageIsTheReasonPhraseOnTheWire() async throws {
        let fixture = try await HTTPFixture()
        let application = buildApplication(
            configuration: IndexServerConfiguration(host: "127.0.0.1", port: 0),
            store: fixture.store, blobs: fixture.blobs, clock: fixture.clock, security: fixture.security)
        try await application.test(.live) { client in
            let port = try #require(client.port)
            let body = MultipartBody(
                form: DistributionBuilder().form(sha256: String(repeating: "0", count: 64)), file: nil)
            let head =
                "POST /legacy/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: \(MultipartBody.contentType)\r\n"
                + "Authorization: \(HTTPFixture.basic("__token__", fixture.token.text))\r\n"
                + "Content-Length: \(body.bytes.count)\r\n\r\n"
            let request = Array(head.utf8) + body.bytes
            let refused = try await RawHTTP.offThePool { try RawHTTP.exchange(port: port, request: request) }
            #expect(refused.hasPrefix("HTTP/1.1 400 Upload payload does not have a file.\r\n"))
            #expect(!refused.lowercased().contains(ReasonPhrase.header))
            let get = Array("GET /simple/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
            let found = try await RawHTTP.offThePool { try RawHTTP.exchange(port: port, request: get) }
            #expect(found.hasPrefix("HTTP/1.1 200 OK\r\n"))
        }
    }
}

/// One HTTP/1.1 exchange over a plain socket, to see the status line as sent (HTTP clients
/// normalize the reason phrase of known codes).
enum RawHTTP {
    struct SocketError: Error {}

    /// Runs blocking socket work on a thread of its own: on the cooperative pool (2 threads on a
    /// 2-core machine) it could starve the server under test, which answers on that pool.
    static func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }

    static func exchange(port: Int, request: [UInt8]) throws -> String {
        let socket = try connected(port: port)
        defer { close(socket) }
        try sendAll(socket, request)
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            response += buffer[..<count]
        }
        return String(decoding: response, as: UTF8.self)
    }

    /// A socket connected to 127.0.0.1:`port`.
    static func connected(port: Int) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw SocketError() }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(socket)
            throw SocketError()
        }
        return socket
    }

    /// Sends every byte of `bytes`.
    static func sendAll(_ socket: Int32, _ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw SocketError() }
            sent += count
        }
    }
}
