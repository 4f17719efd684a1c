/// An IPv4 or IPv6 address, parsed from its text, and what kind of network it belongs to: the
/// webhook SSRF guard sends only to ``AddressScope/global`` addresses.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// 4 bytes (IPv4) or 16 (IPv6), network order.
    public let bytes: [UInt8]

    /// An address from its 4 or 16 bytes; `nil` for any other count.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Parses a strict dotted-quad IPv4 address (`192.0.2.1`) or an RFC 4291 IPv6 address
    /// (`2001:db8::1`, `::ffff:10.0.0.1`), without brackets or zone; `nil` for anything else
    /// (a host name, or a shorthand such as `127.1` that only a resolver should read).
    public init?(_ text: String) {
        if let v4 = Self.parseIPv4(Substring(text)) {
            bytes = v4
        } else if let v6 = Self.parseIPv6(text) {
            bytes = v6
        } else {
            return nil
        }
    }

    public var isIPv4: Bool { bytes.count == 4 }

    /// The IPv4 address an IPv6 address carries (IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible
    /// `::a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`, 6to4 `2002:aabb:ccdd::`), else `nil`.
    public var embeddedIPv4: IPAddress? {
        guard bytes.count == 16 else { return nil }
        let head = Array(bytes[0..<12])
        if head == [UInt8](repeating: 0, count: 10) + [0xFF, 0xFF] || head == [UInt8](repeating: 0, count: 12)
            || head == [0x00, 0x64, 0xFF, 0x9B] + [UInt8](repeating: 0, count: 8)
        {
            return IPAddress(bytes: Array(bytes[12..<16]))
        }
        if bytes[0] == 0x20, bytes[1] == 0x02 { return IPAddress(bytes: Array(bytes[2..<6])) }
        return nil
    }

    /// What kind of network the address belongs to.
    public var scope: AddressScope {
        isIPv4 ? Self.scopeIPv4(bytes) : Self.scopeIPv6(self)
    }

    public var description: String {
        if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
        var groups: [String] = []
        for index in stride(from: 0, to: 16, by: 2) {
            groups.append(String(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]), radix: 16))
        }
        return groups.joined(separator: ":")
    }

    private static func scopeIPv4(_ b: [UInt8]) -> AddressScope {
        switch (b[0], b[1], b[2]) {
        case (0, _, _): return b == [0, 0, 0, 0] ? .unspecified : .reserved
        case (127, _, _): return .loopback
        case (10, _, _), (172, 16...31, _), (192, 168, _), (100, 64...127, _): return .privateNetwork
        case (169, 254, _): return .linkLocal
        case (224...239, _, _): return .multicast
        case (240...255, _, _): return .reserved
        case (192, 0, 0), (192, 0, 2), (198, 18...19, _), (198, 51, 100), (203, 0, 113): return .reserved
        default: return .global
        }
    }

    private static func scopeIPv6(_ address: IPAddress) -> AddressScope {
        let b = address.bytes
        if b == [UInt8](repeating: 0, count: 16) { return .unspecified }
        if b == [UInt8](repeating: 0, count: 15) + [1] { return .loopback }
        if let v4 = address.embeddedIPv4 {
            // Whatever the IPv4 address is, a 6to4 or NAT64 relay or the stack itself reaches it.
            let inner = v4.scope
            return inner == .global ? .global : inner
        }
        switch b[0] {
        case 0xFF: return .multicast
        case 0xFC, 0xFD: return .privateNetwork
        case 0xFE where b[1] & 0xC0 == 0x80: return .linkLocal
        case 0xFE where b[1] & 0xC0 == 0xC0: return .privateNetwork  // deprecated site-local
        default: break
        }
        if b[0] == 0x20, b[1] == 0x01, b[2] == 0x0D, b[3] == 0xB8 { return .reserved }  // documentation
        if b[0] == 0x20, b[1] == 0x01, b[2] == 0, b[3] == 0 { return .reserved }  // Teredo
        if b[0] == 0x01, b[1] == 0, b[2...7].allSatisfy({ $0 == 0 }) { return .reserved }  // discard-only
        if b[0] & 0xE0 != 0x20 { return .reserved }  // outside 2000::/3, the global unicast space
        return .global
    }

    static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCIIDigit),
                part.count == 1 || part.first != "0", let value = UInt8(part)
            else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    static func parseIPv6(_ text: String) -> [UInt8]? {
        guard text.contains(":"), text.utf8.count <= 45 else { return nil }
        let halves = text.components(separatedByDoubleColon: ())
        guard halves.count <= 2 else { return nil }
        func groups(_ part: Substring, allowIPv4Tail: Bool) -> [UInt8]? {
            if part.isEmpty { return [] }
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            var bytes: [UInt8] = []
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, allowIPv4Tail, piece.contains(".") {
                    guard let v4 = parseIPv4(piece) else { return nil }
                    bytes += v4
                } else {
                    guard (1...4).contains(piece.count), piece.allSatisfy(\.isHexDigit),
                        let value = UInt16(piece, radix: 16)
                    else { return nil }
                    bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
                }
            }
            return bytes
        }
        if halves.count == 1 {
            guard let bytes = groups(halves[0], allowIPv4Tail: true), bytes.count == 16 else { return nil }
            return bytes
        }
        guard let head = groups(halves[0], allowIPv4Tail: false), let tail = groups(halves[1], allowIPv4Tail: true),
            head.count + tail.count <= 14
        else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}

/// The kind of network an address belongs to.
public enum AddressScope: String, Hashable, Sendable {
    /// Reachable on the internet: the only scope webhooks send to by default.
    case global
    /// `0.0.0.0`, `::`.
    case unspecified = "an unspecified address"
    /// `127.0.0.0/8`, `::1`.
    case loopback = "a loopback address"
    /// RFC 1918, shared address space (`100.64.0.0/10`), unique local `fc00::/7`, site-local.
    case privateNetwork = "a private address"
    /// `169.254.0.0/16` (cloud metadata services live here), `fe80::/10`.
    case linkLocal = "a link-local address"
    /// `224.0.0.0/4`, `ff00::/8`.
    case multicast = "a multicast address"
    /// Documentation, benchmarking, reserved and other special-purpose ranges.
    case reserved = "a reserved address"
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    /// The text split at its `::` (at most one is valid: more gives three or more parts).
    fileprivate func components(separatedByDoubleColon: Void) -> [Substring] {
        var parts: [Substring] = []
        var start = startIndex
        var index = startIndex
        while index < endIndex {
            let next = self.index(after: index)
            if self[index] == ":", next < endIndex, self[next] == ":" {
                parts.append(self[start..<index])
                start = self.index(after: next)
                index = start
            } else {
                index = next
            }
        }
        parts.append(self[start..<endIndex])
        return parts
    }
}
