import AsyncHTTPClient
import Crypto
import IndexCore

/// The breached-password check of Have I Been Pwned's k-anonymity range API, as Warehouse's
/// `HaveIBeenPwnedPasswordBreachedService`: the password's SHA-1 in upper-case hex, only its
/// first 5 characters sent (`GET <base>/range/<prefix>`), the answer's `SUFFIX:COUNT` lines
/// compared with the other 35. Bounded (a deadline and a body cap) and failing open: any
/// error, timeout, non-200 answer or oversized body gives `nil`, so registration goes on when
/// the service is down.
public struct HIBPBreachedPasswordChecker: BreachedPasswordChecker {
    private let client: HTTPClient
    private let baseURL: String
    private let timeoutMilliseconds: Int64
    private let maxBodyBytes: Int

    /// Checks against `baseURL` (e.g. `https://api.pwnedpasswords.com`, no trailing `/range`),
    /// through `client` (owned by the caller), 3 s per request and 1 MiB per answer by default.
    public init(
        baseURL: String = "https://api.pwnedpasswords.com", client: HTTPClient = .shared,
        timeoutMilliseconds: Int64 = 3000, maxBodyBytes: Int = 1 << 20
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.client = client
        self.timeoutMilliseconds = timeoutMilliseconds
        self.maxBodyBytes = maxBodyBytes
    }

    public func isBreached(_ password: String) async -> Bool? {
        let digest = Self.sha1Hex(password)
        let prefix = String(digest.prefix(5))
        let suffix = digest.dropFirst(5)
        var request = HTTPClientRequest(url: "\(baseURL)/range/\(prefix)")
        request.method = .GET
        // Padded answers hide the prefix's real entry count from an observer (count-0 lines).
        request.headers.add(name: "Add-Padding", value: "true")
        request.headers.add(name: "User-Agent", value: "cheeseshop")
        do {
            let response = try await client.execute(request, timeout: .milliseconds(timeoutMilliseconds))
            guard response.status == .ok else { return nil }
            let body = try await response.body.collect(upTo: maxBodyBytes)
            return Self.contains(suffix: suffix, in: String(decoding: body.readableBytesView, as: UTF8.self))
        } catch {
            return nil
        }
    }

    /// Whether a `SUFFIX:COUNT` line of `body` names `suffix` with a count above zero (padding
    /// lines have count 0). Suffixes compare case-insensitively.
    static func contains(suffix: Substring, in body: String) -> Bool {
        let wanted = suffix.uppercased()
        for line in body.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].uppercased() == wanted else { continue }
            let count = Int(parts[1].drop { $0 == " " }.prefix { $0.isNumber }) ?? 0
            return count > 0
        }
        return false
    }

    /// SHA-1 of the UTF-8 password in upper-case hex (40 characters).
    static func sha1Hex(_ password: String) -> String {
        let digits = Array("0123456789ABCDEF")
        var text = ""
        for byte in Insecure.SHA1.hash(data: Array(password.utf8)) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }
}
