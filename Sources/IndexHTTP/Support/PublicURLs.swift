import HTTPTypes
import Hummingbird
import IndexCore
import Synchronization

/// Where pages link to. A cache in front (Varnish, a CDN) is how the server is meant to run, so
/// nothing links to the address the server listens on:
/// - The simple pages and web pages link root-relative (`/packages/...`), which pip, uv, poetry,
///   pdm, bandersnatch and browsers resolve against the URL they asked, so an install through a
///   cache stays in the cache. A configured base URL or files URL makes them absolute (the files
///   URL as PyPI's files host).
/// - Documents that need absolute URLs (the JSON API: bandersnatch fetches its `url`s as they
///   are; the home page's install commands) use the configured base URL, else the origin the
///   client asked for (its `Host`, checked to be a host name or address with an optional port).
///   Those documents are kept per origin; past ``maximumOrigins`` distinct hosts, a new one is
///   answered without being kept, so made-up `Host` headers cannot churn the read model.
final class PublicURLs: Sendable {
    /// The configured public base URL (no trailing slash), if any.
    let configuredBase: String?
    /// The configured files URL (no trailing slash), if any.
    let configuredFiles: String?
    static let maximumOrigins = 16
    private let origins = Mutex<Set<String>>([])

    init(base: String?, files: String?) {
        configuredBase = base.map { IndexURLs(base: $0).base }
        configuredFiles = files.map { IndexURLs(base: $0).base }
    }

    convenience init(_ configuration: IndexServerConfiguration) {
        self.init(base: configuration.baseURL, files: configuration.filesURL)
    }

    /// The URLs of pages that may link relative: the simple pages, web pages, the snapshot.
    var relative: IndexURLs { IndexURLs(base: configuredBase ?? "", files: configuredFiles ?? configuredBase) }

    /// The absolute URLs for a request whose `Host` header is `host`, and whether a document
    /// built with them may be kept (its origin is one of the first ``maximumOrigins``).
    /// `origin` is the key to keep it under (`""` when the base URL is configured).
    func absolute(host: String?) -> (urls: IndexURLs, origin: String, keep: Bool) {
        if let configuredBase {
            return (IndexURLs(base: configuredBase, files: configuredFiles), "", true)
        }
        guard let host, let origin = Self.origin(host: host) else {
            // No usable Host (HTTP/1.0, or a malformed one): root-relative, as the simple pages.
            return (relative, "", true)
        }
        let keep = origins.withLock { known in
            if known.contains(origin) { return true }
            guard known.count < Self.maximumOrigins else { return false }
            known.insert(origin)
            return true
        }
        return (IndexURLs(base: origin, files: configuredFiles), origin, keep)
    }

    /// The absolute URLs for `request` (see ``absolute(host:)``).
    func absolute(for request: Request) -> (urls: IndexURLs, origin: String, keep: Bool) {
        absolute(host: request.head.authority)
    }

    /// The key a document for `host` is kept under, when it may be kept already (for
    /// ``FastReadPath``, which answers only what the model holds).
    func knownOrigin(host: String?) -> String? {
        guard configuredBase == nil else { return "" }
        guard let host, let origin = Self.origin(host: host) else { return "" }
        return origins.withLock { $0.contains(origin) } ? origin : nil
    }

    /// The host a client named, when it is a plain host name, IPv4 or bracketed IPv6 address,
    /// with an optional port: `http://<host>`, lowercased; anything else is `nil`.
    static func origin(host: String) -> String? {
        let bytes = Array(host.utf8)
        guard !bytes.isEmpty, bytes.count <= 255 else { return nil }
        var name = bytes[...]
        var port: ArraySlice<UInt8> = []
        if bytes.first == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            let inside = bytes[1..<close]
            guard !inside.isEmpty,
                inside.allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") })
            else { return nil }
            name = bytes[...close]
            port = bytes[(close + 1)...]
        } else if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            name = bytes[..<colon]
            port = bytes[colon...]
            guard !name.isEmpty, name.allSatisfy(isHostByte) else { return nil }
        } else {
            guard name.allSatisfy(isHostByte) else { return nil }
        }
        if !port.isEmpty {
            let digits = port.dropFirst()
            guard port.first == UInt8(ascii: ":"), !digits.isEmpty, digits.count <= 5,
                digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
            else { return nil }
        }
        return "http://" + String(decoding: bytes, as: UTF8.self).lowercased()
    }

    private static func isHostByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."):
            true
        default: false
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: false
        }
    }
}
