/// The target of a post-login redirect (`?next=`), kept only when it stays on this site, as
/// Warehouse's `is_safe_url` (`warehouse/utils/http.py`, after Django's), one step stricter:
/// Warehouse strips tab, CR and LF before checking (browsers ignore them) and refuses leading
/// control characters; here any control character anywhere refuses the target, so what is
/// returned can go into a `Location` header as it is. `\` counts as `/`; a
/// scheme without a host (`https:evil.com`), a protocol-relative or `///` path, a scheme other
/// than http/https, and any host other than `host` are refused.
///
/// - Returns: `next` unchanged when safe, else `/`.
public func safeRedirectTarget(_ next: String?, host: String) -> String {
    guard let next, isSafeRedirect(next, host: host) else { return "/" }
    return next
}

private func isSafeRedirect(_ raw: String, host: String) -> Bool {
    guard raw.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { return false }
    let slashed = raw.trimmingSpaces.replacingBackslashes
    guard !slashed.isEmpty, !slashed.hasPrefix("///") else { return false }
    if let colon = slashed.firstIndex(of: ":"),
        slashed[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }),
        slashed[..<colon].first?.isLetter == true
    {
        let scheme = slashed[..<colon].lowercased()
        guard scheme == "http" || scheme == "https" else { return false }
        let rest = slashed[slashed.index(after: colon)...]
        guard rest.hasPrefix("//") else { return false }
        return authority(of: rest.dropFirst(2)) == host.lowercased()
    }
    if slashed.hasPrefix("//") { return authority(of: slashed.dropFirst(2)) == host.lowercased() }
    return true
}

/// The host (with port) of `rest`, what follows `//`, lowercased; userinfo counts as foreign.
private func authority(of rest: Substring) -> String? {
    let end = rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex
    let authority = rest[..<end]
    guard !authority.isEmpty, !authority.contains("@") else { return nil }
    return authority.lowercased()
}

extension String {
    fileprivate var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }

    fileprivate var replacingBackslashes: String {
        String(map { $0 == "\\" ? "/" : $0 })
    }
}
