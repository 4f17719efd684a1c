import Foundation

extension SMTPConfiguration {
    /// Parses a relay URL: `smtp://user:pass@host:port` (plain, port 25 by default),
    /// `smtp+starttls://…` (STARTTLS, 587) or `smtps://…` (implicit TLS, 465). User and password
    /// are percent-decoded; an IPv6 host is written in brackets. Nothing may follow but a `/`.
    public static func configuration(url: String, from: String) throws(SMTPError) -> SMTPConfiguration {
        func invalid(_ why: String) -> SMTPError { SMTPError(.invalidURL, reply: why) }
        guard let separator = url.range(of: "://") else { throw invalid("missing scheme") }
        let security: Security
        let defaultPort: Int
        switch url[..<separator.lowerBound].lowercased() {
        case "smtp": (security, defaultPort) = (.plain, 25)
        case "smtp+starttls": (security, defaultPort) = (.startTLS, 587)
        case "smtps": (security, defaultPort) = (.tls, 465)
        default: throw invalid("unknown scheme")
        }
        var authority = url[separator.upperBound...]
        if let end = authority.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            guard authority[end...] == "/" else { throw invalid("unexpected path or query") }
            authority = authority[..<end]
        }
        var username: String?
        var password: String?
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            let user = userInfo.firstIndex(of: ":").map { userInfo[..<$0] } ?? userInfo
            username = try percentDecoded(user)
            if let colon = userInfo.firstIndex(of: ":") {
                password = try percentDecoded(userInfo[userInfo.index(after: colon)...])
            }
        }
        let (host, portText) = try splitHostPort(authority)
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "%" }) else {
            throw invalid("missing or invalid host")
        }
        var port = defaultPort
        if let portText {
            guard let number = Int(portText), portText.allSatisfy(\.isASCII), (1...65535).contains(number) else {
                throw invalid("invalid port")
            }
            port = number
        }
        return SMTPConfiguration(
            host: host, port: port, security: security,
            username: username, password: password, from: from
        )
    }

    private static func splitHostPort(_ authority: Substring) throws(SMTPError) -> (String, Substring?) {
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw SMTPError(.invalidURL, reply: "unterminated IPv6 address")
            }
            let host = String(authority[authority.index(after: authority.startIndex)..<close])
            let rest = authority[authority.index(after: close)...]
            guard rest.isEmpty || rest.hasPrefix(":") else { throw SMTPError(.invalidURL, reply: "invalid host") }
            return (host, rest.isEmpty ? nil : rest.dropFirst())
        }
        guard let colon = authority.firstIndex(of: ":") else { return (String(authority), nil) }
        return (String(authority[..<colon]), authority[authority.index(after: colon)...])
    }

    private static func percentDecoded(_ text: Substring) throws(SMTPError) -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw SMTPError(.invalidURL, reply: "invalid percent-encoding in credentials")
        }
        return decoded
    }
}
