/// linehaul's groups: operating systems' package tools (installer `OS`), browsers and download
/// tools (installer `Browser`), and the bots and agents whose requests are not counted.
extension UserAgentParser {
    /// How a group's pattern matches a User-Agent.
    enum Pattern {
        /// The User-Agent starts with the text.
        case prefix(StaticString)
        /// The User-Agent is the text.
        case exactly(StaticString)
        /// The text occurs anywhere in the User-Agent.
        case anywhere(StaticString)

        func matches(_ userAgent: ArraySlice<UInt8>) -> Bool {
            switch self {
            case .prefix(let text): userAgent.hasASCIIPrefix(text)
            case .exactly(let text): userAgent.equalsASCII(text)
            case .anywhere(let text): userAgent.containsASCII(text)
            }
        }
    }

    /// linehaul's `OSUserAgent`, case-sensitive.
    static let operatingSystemPatterns: [Pattern] = [
        .prefix("MacPorts"), .prefix("NetBSD-ftp/"), .prefix("slapt-get"), .prefix("pypi-install/"),
        .exactly("slackrepo"), .prefix("PTXdist"), .prefix("GARstow/"), .prefix("xbps/"), .exactly("OpenBSD ftp"),
    ]

    /// linehaul's `BrowserUserAgent` names, compared without regard to case and followed by
    /// `/` or the end. Names linehaul writes with a trailing `/` (`Firefox/`) match as
    /// prefixes, which is what its pattern means to do.
    static let browserNames: [StaticString] = [
        "Mozilla", "Safari", "wget", "curl", "Opera", "aria2", "AndroidDownloadManager", "URL/Emacs", "UCWEB",
        "Links", "okhttp", "Apache-HttpClient",
    ]

    /// Browser prefixes that need nothing after them.
    static let browserPrefixes: [StaticString] = ["com.apple.WebKit.Networking/", "Firefox/"]

    /// linehaul's ignore list (`_ignore_re`), consulted only when no form matched, minus the
    /// patterns with digits in them, which ``isIgnored(_:)`` checks by hand.
    static let ignoredPatterns: [Pattern] = [
        .prefix("Datadog Agent/"), .exactly("(null)"), .prefix("WordPress/"), .prefix("Chef Client/"),
        .prefix("Chef Knife/"), .exactly("Ruby"), .prefix("Slackbot-LinkExpanding"), .prefix("TextualInlineMedia/"),
        .prefix("WeeChat/"), .exactly("Download Master"), .prefix("Java/"), .prefix("Go-http-client/"),
        .exactly("GNU Guile"), .exactly("github-olee"), .exactly("YisouSpider"), .prefix("Apache Ant/"),
        .prefix("Salt/"), .exactly("ansible-httpget"), .prefix("ltx71 - (http://ltx71.com/)"), .prefix("Scrapy/"),
        .prefix("spectool/"), .anywhere("Nutch"), .prefix("AWSBrewLinkChecker/"), .prefix("Y!J-ASR/"),
        .exactly("NSIS_Inetc (Mozilla)"), .prefix("Debian uscan"),
        .exactly("MauiBot (crawler.feedback+dc@gmail.com)"),
    ]

    /// `^fetch libfetch/\S+$`, `^libfetch/\S+$` and ``operatingSystemPatterns``.
    static func isOperatingSystemDownloader(_ userAgent: ArraySlice<UInt8>) -> Bool {
        if let version = userAgent.afterASCIIPrefix("fetch libfetch/") ?? userAgent.afterASCIIPrefix("libfetch/") {
            return !version.isEmpty && version.hasNoWhitespace
        }
        return operatingSystemPatterns.contains { $0.matches(userAgent) }
    }

    /// Whether the User-Agent is a browser's or a download tool's (`Mozilla/5.0 ...`,
    /// `curl/8.5.0`, `Wget/1.21`, `FDM 6.19/...`).
    static func isBrowser(_ userAgent: ArraySlice<UInt8>) -> Bool {
        for name in browserNames {
            if let rest = userAgent.afterASCIIPrefixIgnoringCase(name),
                rest.isEmpty || rest.first == UInt8(ascii: "/")
            {
                return true
            }
        }
        if browserPrefixes.contains(where: { userAgent.afterASCIIPrefixIgnoringCase($0) != nil }) { return true }
        // ^FDM \S+(?:/|$): a word after `FDM ` with a `/` after its first byte, or reaching the end.
        if let rest = userAgent.afterASCIIPrefixIgnoringCase("FDM ") {
            let word = rest.firstWord().word
            return !word.isEmpty && (word.dropFirst().contains(UInt8(ascii: "/")) || word.endIndex == rest.endIndex)
        }
        return false
    }

    /// Whether linehaul ignores requests with this User-Agent.
    static func isIgnored(_ userAgent: ArraySlice<UInt8>) -> Bool {
        if ignoredPatterns.contains(where: { $0.matches(userAgent) }) { return true }
        // ^Go \d\.\d package http$
        if let rest = userAgent.afterASCIIPrefix("Go "), rest.count == 16,
            rest.dropFirst(3).equalsASCII(" package http")
        {
            return rest[rest.startIndex].isASCIIDigit && rest[rest.startIndex + 1] == UInt8(ascii: ".")
                && rest[rest.startIndex + 2].isASCIIDigit
        }
        // ^Pingdom\.com_bot_version_\d+\.\d+_\(https?://www.pingdom.com/\)$
        if let rest = userAgent.afterASCIIPrefix("Pingdom.com_bot_version_") {
            let version = rest.prefix { $0 != UInt8(ascii: "_") }
            let tail = rest[version.endIndex...]
            return !version.isEmpty && majorMinor(version).utf8.count == version.count
                && (tail.equalsASCII("_(http://www.pingdom.com/)") || tail.equalsASCII("_(https://www.pingdom.com/)"))
        }
        return false
    }
}
