/// Warehouse's `utils.http.is_valid_uri(url, require_authority=False)`, which checks the URL
/// with the `rfc3986` library after its normalisation (percent-encoding).
///
/// In practice that accepts a URL when its scheme (the text before the first `:`) is `http` or
/// `https` in any case, unless its authority ends in a port of one to five digits above 65535:
/// host, path and query are encoded before they are checked, so `rfc3986` finds them valid
/// (`http://exa mple.com/` passes, as it does on PyPI).
enum HTTPURLValidator {
    static func isValid(_ url: String) -> Bool {
        let bytes = Array(url.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
            ["http", "https"].contains(String(decoding: bytes[..<colon], as: UTF8.self).lowercased())
        else { return false }
        let rest = bytes[(colon + 1)...]
        guard rest.starts(with: Array("//".utf8)) else { return true }
        let authority = rest.dropFirst(2).prefix {
            $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#")
        }
        var hostPort = authority
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) { hostPort = authority[(at + 1)...] }
        if hostPort.first == UInt8(ascii: "["), let close = hostPort.firstIndex(of: UInt8(ascii: "]")) {
            hostPort = hostPort[(close + 1)...]
        }
        guard let portColon = hostPort.firstIndex(of: UInt8(ascii: ":")) else { return true }
        let port = hostPort[(portColon + 1)...]
        guard (1...5).contains(port.count), port.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return true }
        return port.reduce(0) { $0 * 10 + Int($1 - 0x30) } <= 65535
    }
}
