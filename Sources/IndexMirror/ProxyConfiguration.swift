import Foundation
import IndexCore
import PythonPackaging

/// How the pull-through proxy behaves (`serve --upstream URL ...`).
public struct ProxyConfiguration: Sendable {
    /// The upstream indexes' simple URLs (e.g. `https://upstream.example/simple/`), asked in order.
    public var upstreams: [String]
    /// How long a fetched page is answered without asking upstream again, in seconds.
    public var pageTTL: Double = 600
    /// How long "no upstream has it" is remembered, in seconds.
    public var negativeTTL: Double = 60
    /// How long to wait for an upstream's answer, in seconds.
    public var timeout: Double = 20
    /// Files uploaded upstream less than this many seconds ago are hidden (a cool-down); `nil`: none.
    public var excludeNewer: Double?
    /// Projects the cool-down does not apply to (normalized names or patterns).
    public var excludeNewerExempt: [String] = []
    /// Only projects matching one of these patterns are fetched (empty: all).
    public var allow: [String] = []
    /// Projects matching one of these patterns are never fetched.
    public var block: [String] = []
    /// The `User-Agent` the proxy sends.
    public var userAgent = "cheeseshop-proxy"
    /// The largest file proxied, in bytes.
    public var maximumFileSize = 4 << 30
    /// How often the private name patterns are read from the database, in seconds.
    public var privateNamesRefresh: Double = 5

    /// A configuration for `upstreams`.
    public init(upstreams: [String]) {
        self.upstreams = upstreams.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    }

}

/// The configuration's name lists as patterns, normalized once.
struct ProxyPolicy: Sendable {
    let allow: PrivateNames
    let block: PrivateNames
    let exempt: PrivateNames
    let excludeNewer: Double?

    init(_ configuration: ProxyConfiguration) {
        allow = PrivateNames(patterns: configuration.allow)
        block = PrivateNames(patterns: configuration.block)
        exempt = PrivateNames(patterns: configuration.excludeNewerExempt)
        excludeNewer = configuration.excludeNewer
    }

    /// Whether `name` may be fetched from upstream under the allow and block lists.
    func permits(_ name: String) -> Bool {
        !block.contains(name) && (allow.patterns.isEmpty || allow.contains(name))
    }

    /// The cool-down applying to `name`, if any.
    func cooldown(for name: String) -> Double? {
        guard let excludeNewer, !exempt.contains(name) else { return nil }
        return excludeNewer
    }
}

/// Durations as operators write them: `90`, `90s`, `30m`, `12h`, `7d`, `2w`.
public enum DurationText {
    /// The seconds `text` stands for, `nil` when it is not a duration.
    public static func seconds(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let last = trimmed.last else { return nil }
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        let (number, unit) = units[last].map { (String(trimmed.dropLast()), $0) } ?? (trimmed, 1)
        guard let value = Double(number), value >= 0, value.isFinite else { return nil }
        return value * unit
    }
}
