import AsyncHTTPClient
import IndexCore
import NIOCore

/// Sends webhook deliveries with AsyncHTTPClient: redirects are not followed (a redirect could
/// lead anywhere, the SSRF guard included), connecting is bounded to 5 seconds and the whole
/// request to the deliverer's timeout. An `http` target is reached at the address the guard
/// checked (the URL's host goes in `Host`), so a name that resolves differently a moment later
/// (DNS rebinding) cannot redirect it; an `https` target is reached by name, for its
/// certificate, right after the check.
public struct HTTPWebhookSender: WebhookSending {
    let client: HTTPClient

    /// Runs `body` with a sender whose client is shut down afterwards.
    public static func withSender<T: Sendable>(_ body: (HTTPWebhookSender) async throws -> T) async throws -> T {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(10)))
        configuration.decompression = .disabled
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let result = try await body(HTTPWebhookSender(client: client))
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// The URL to request: for `http`, the target's with its host replaced by the checked
    /// `address`.
    static func requestURL(_ target: WebhookTarget, address: IPAddress?) -> String {
        guard target.scheme == "http", let address else { return target.url }
        let afterScheme = target.url.dropFirst("http://".count)
        let path = afterScheme.drop { $0 != "/" && $0 != "?" }
        let host = address.isIPv4 ? address.description : "[\(address.description)]"
        return "http://\(host):\(target.port)" + (path.isEmpty ? "/" : String(path))
    }

    public func post(
        _ target: WebhookTarget, addresses: [IPAddress], headers: [String: String], body: [UInt8], timeout: Double
    ) async throws -> Int {
        var request = HTTPClientRequest(url: Self.requestURL(target, address: addresses.first))
        request.method = .POST
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { request.headers.add(name: name, value: value) }
        if target.scheme == "http" {
            let defaultPort = target.port == 80
            let host = target.host.contains(":") ? "[\(target.host)]" : target.host
            request.headers.replaceOrAdd(name: "Host", value: defaultPort ? host : "\(host):\(target.port)")
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: .milliseconds(Int64(max(1, timeout) * 1000)))
        // Read (and drop) at most 64 KiB of the answer, so the connection can be reused.
        _ = try? await response.body.collect(upTo: 64 << 10)
        return Int(response.status.code)
    }
}
