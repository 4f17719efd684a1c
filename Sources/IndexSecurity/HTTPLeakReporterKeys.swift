import AsyncHTTPClient
import Foundation
import IndexCore
import NIOCore

/// A leak reporter's public keys fetched from a configured URL in GitHub's format
/// (`{"public_keys": [{"key_identifier": ..., "key": "-----BEGIN PUBLIC KEY-----..."}]}`),
/// 5-second timeout, 1 MiB cap, kept for an hour.
public actor HTTPLeakReporterKeys: LeakReporterKeys {
    let client: HTTPClient
    let url: String
    private var cached: (keys: [String: String], at: Date)?

    /// Reads keys from `url` with `client`.
    public init(url: String, client: HTTPClient = .shared) {
        self.client = client
        self.url = url
    }

    public func publicKey(id: String) async throws -> String? {
        if let cached, Date().timeIntervalSince(cached.at) < 3600, let key = cached.keys[id] { return key }
        let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
        guard response.status == .ok else { return nil }
        let body = try await response.body.collect(upTo: 1 << 20)
        let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        let entries = object?["public_keys"] as? [[String: Any]] ?? []
        var keys: [String: String] = [:]
        for entry in entries {
            if let identifier = entry["key_identifier"] as? String, let key = entry["key"] as? String {
                keys[identifier] = key
            }
        }
        cached = (keys, Date())
        return keys[id]
    }
}
