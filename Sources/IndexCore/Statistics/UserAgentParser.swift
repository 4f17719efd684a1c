/// Reads who made a download from its User-Agent, by linehaul's rules (the reader of PyPI's
/// download logs behind pypistats and the BigQuery tables), widened to the clients linehaul
/// does not know: any `<name>/<version> {json}` with an `installer` object (uv, Hatch), and
/// `<tool>/<version> CPython/<version> <system>/<release>` (Poetry, PDM, twine).
///
/// It runs on every download, so it is hand-written: prefix checks on the UTF-8 bytes, no
/// regular expressions, and strings made only of the fields it keeps.
public enum UserAgentParser {
    /// What a User-Agent says about a download.
    public enum Result: Hashable, Sendable {
        /// A client linehaul (or its widening here) recognises; fields it did not tell are empty.
        case client(DownloadClient)
        /// A bot or agent on linehaul's ignore list: the request is not counted.
        case ignored
        /// Nothing recognised: the download counts, with an empty `DownloadClient`.
        case unknown
    }

    /// Reads `userAgent`, e.g. `pip/24.0 {"installer":{"name":"pip","version":"24.0"},...}`.
    public static func parse(_ userAgent: String) -> Result {
        let bytes = Array(userAgent.utf8)[...]
        if let client = client(in: bytes) { return .client(client) }
        return isIgnored(bytes) ? .ignored : .unknown
    }

    /// The client a download by `userAgent` is counted under, its fields cut to
    /// ``DownloadClient/fieldLimit``: empty for an unknown agent, `nil` for an ignored one (not
    /// counted).
    public static func countedClient(_ userAgent: String) -> DownloadClient? {
        switch parse(userAgent) {
        case .client(let client): client.bounded
        case .unknown: DownloadClient()
        case .ignored: nil
        }
    }

    /// The client a User-Agent names, trying the forms most downloads use first. Linehaul's
    /// forms do not overlap, so the order only matters for the widened forms, which come last.
    static func client(in userAgent: ArraySlice<UInt8>) -> DownloadClient? {
        if let client = installerJSONForm(userAgent) { return client }
        if let client = pipLegacyForm(userAgent) { return client }
        if let client = mirrorForms(userAgent) { return client }
        if let client = libraryForms(userAgent) { return client }
        if let client = installerForms(userAgent) { return client }
        if isOperatingSystemDownloader(userAgent) { return DownloadClient(installer: "OS") }
        if isBrowser(userAgent) { return DownloadClient(installer: "Browser") }
        return toolForm(userAgent)
    }

    /// The `major.minor` a Python version starts with (`3.12` of `3.12.1`, `2.7` of
    /// `2.7.18+`), or empty when it does not start with digits, a dot and digits (at most three
    /// digits each, so no absurd text is stored as a version).
    static func majorMinor(_ version: ArraySlice<UInt8>) -> String {
        let major = version.prefix(while: \.isASCIIDigit)
        guard (1...3).contains(major.count), major.endIndex < version.endIndex,
            version[major.endIndex] == UInt8(ascii: ".")
        else { return "" }
        let minor = version[(major.endIndex + 1)...].prefix(while: \.isASCIIDigit)
        guard (1...3).contains(minor.count) else { return "" }
        return version[version.startIndex..<minor.endIndex].decodedString
    }

    /// ``majorMinor(_:)`` of a string.
    static func majorMinor(_ version: String) -> String {
        majorMinor(Array(version.utf8)[...])
    }

    /// The release numbers a version starts with (`[1, 5, 6]` of `1.5.6rc1`), at most three;
    /// empty when it does not start with a digit.
    static func releaseNumbers(_ version: ArraySlice<UInt8>) -> [Int] {
        var numbers: [Int] = []
        var rest = version
        while numbers.count < 3 {
            let digits = rest.prefix(while: \.isASCIIDigit)
            guard let number = digits.decimalValue else { break }
            numbers.append(number)
            rest = rest[digits.endIndex...]
            guard let afterDot = rest.afterASCIIPrefix(".") else { break }
            rest = afterDot
        }
        return numbers
    }
}
