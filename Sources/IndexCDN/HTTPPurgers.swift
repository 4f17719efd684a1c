import AsyncHTTPClient
import Crypto
import Foundation
import IndexCore
import NIOCore

/// A purge a cache refused or could not take.
public struct PurgeError: Error, CustomStringConvertible {
    public let description: String
}

/// Sends one purge request and checks that the answer is a success.
private func send(_ request: HTTPClientRequest, client: HTTPClient, what: String) async throws {
    let response = try await client.execute(request, timeout: .seconds(10))
    let body = try await response.body.collect(upTo: 64 << 10)
    guard (200..<300).contains(response.status.code) else {
        throw PurgeError(
            description: "\(what) answered \(response.status.code): \(String(buffer: body).prefix(300))")
    }
}

/// Varnish (or any cache whose configuration bans by surrogate key, as `varnish.vcl` does):
/// `PURGE /` with the keys in `Surrogate-Key`, to every cache server.
public struct VarnishPurger: Purger {
    let servers: [String]
    let client: HTTPClient

    /// Purges through the Varnish servers at `servers` (e.g. `http://127.0.0.1:6081`).
    public init(servers: [String], client: HTTPClient = .shared) {
        self.servers = servers
        self.client = client
    }

    public func purge(keys: [String]) async throws {
        for server in servers {
            // A header of at most a few KiB per request.
            for batch in KeyBatches.split(keys, maximumBytes: 4000) {
                var request = HTTPClientRequest(url: server.trimmingSuffix("/") + "/")
                request.method = .RAW(value: "PURGE")
                request.headers.add(name: "Surrogate-Key", value: batch.joined(separator: " "))
                try await send(request, client: client, what: "Varnish at \(server)")
            }
        }
    }
}

/// Fastly's purge API: a soft purge (the content is marked stale, so `stale-if-error` still
/// holds) of up to 256 keys per request.
public struct FastlyPurger: Purger {
    let apiURL: String
    let serviceID: String
    let token: String
    let client: HTTPClient

    /// Purges service `serviceID` with the API token `token` through `apiURL`.
    public init(apiURL: String, serviceID: String, token: String, client: HTTPClient = .shared) {
        self.apiURL = apiURL
        self.serviceID = serviceID
        self.token = token
        self.client = client
    }

    public func purge(keys: [String]) async throws {
        for start in stride(from: 0, to: keys.count, by: 256) {
            let batch = keys[start..<min(start + 256, keys.count)]
            let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            let service = serviceID.addingPercentEncoding(withAllowedCharacters: unreserved) ?? serviceID
            var request = HTTPClientRequest(url: apiURL.trimmingSuffix("/") + "/service/\(service)/purge")
            request.method = .POST
            request.headers.add(name: "Fastly-Key", value: token)
            request.headers.add(name: "Fastly-Soft-Purge", value: "1")
            request.headers.add(name: "Accept", value: "application/json")
            request.headers.add(name: "Surrogate-Key", value: batch.joined(separator: " "))
            try await send(request, client: client, what: "Fastly")
        }
    }
}

/// Any other cache: a `POST` of `{"keys": [...]}` to a URL, signed with HMAC-SHA256 of the
/// body under a shared secret in `X-Cheeseshop-Signature: sha256=<hex>` when one is set.
public struct WebhookPurger: Purger {
    let url: String
    let secret: [UInt8]?
    let client: HTTPClient

    /// Posts purges to `url`, signed with `secret` if given.
    public init(url: String, secret: [UInt8]?, client: HTTPClient = .shared) {
        self.url = url
        self.secret = secret
        self.client = client
    }

    public func purge(keys: [String]) async throws {
        let body = try JSONSerialization.data(
            withJSONObject: ["keys": keys], options: [.sortedKeys, .withoutEscapingSlashes])
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let secret {
            request.headers.add(name: "X-Cheeseshop-Signature", value: "sha256=" + Self.signature(body, secret: secret))
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        try await send(request, client: client, what: "The purge webhook")
    }

    /// The hex HMAC-SHA256 of `body` under `secret`.
    static func signature(_ body: Data, secret: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret))
        return code.map { String(format: "%02x", $0) }.joined()
    }
}

/// Every purger in turn: a failure of one fails the job, which is retried for all (a purge
/// done twice is harmless).
public struct PurgerSet: Purger {
    let purgers: [any Purger]

    /// All of `purgers`.
    public init(_ purgers: [any Purger]) { self.purgers = purgers }

    public func purge(keys: [String]) async throws {
        for purger in purgers { try await purger.purge(keys: keys) }
    }
}

/// Keys split so that each batch's space-joined header stays under a size.
enum KeyBatches {
    static func split(_ keys: [String], maximumBytes: Int) -> [[String]] {
        var batches: [[String]] = []
        var current: [String] = []
        var size = 0
        for key in keys {
            if !current.isEmpty, size + 1 + key.utf8.count > maximumBytes {
                batches.append(current)
                current = []
                size = 0
            }
            size += (current.isEmpty ? 0 : 1) + key.utf8.count
            current.append(key)
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
