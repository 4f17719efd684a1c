import Foundation
import IndexCore

/// What an upstream index's project page says (PEP 691 JSON or PEP 503 HTML), its URLs made
/// absolute: the proxy's raw material, checked and rewritten by ``PullThroughProxy``.
struct UpstreamPage: Sendable {
    /// One file the page lists.
    struct File: Sendable {
        var filename: String
        /// The absolute URL upstream serves it at (without a fragment).
        var url: String
        /// The SHA-256 digest (lowercase hex), when the page gives one; a file without one is
        /// not offered (its bytes could not be checked).
        var sha256: String?
        var requiresPython: String?
        var yanked: SimpleProjectPage.Yank
        /// Whether upstream serves a PEP 658 metadata file, and its SHA-256 when given.
        var hasCoreMetadata: Bool
        var coreMetadataSHA256: String?
        var size: Int?
        var uploadTime: Timestamp?
    }

    var files: [File]
    var versions: [String]?
    var status: ProjectStatus
    var statusReason: String?
    var lastSerial: Int64?

    /// The page in `body`, as its `contentType` says, its links resolved against `url`.
    static func parse(_ body: [UInt8], contentType: String, url: String) throws -> UpstreamPage {
        let type = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if type == "application/vnd.pypi.simple.v1+json" || type == "application/json" {
            return try parseJSON(body, url: url)
        }
        return parseHTML(String(decoding: body, as: UTF8.self), url: url)
    }

    /// A PEP 691 JSON page.
    static func parseJSON(_ body: [UInt8], url: String) throws -> UpstreamPage {
        guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let files = object["files"] as? [[String: Any]]
        else { throw UpstreamError.malformedPage("not a PEP 691 project page") }
        var page = UpstreamPage(files: [], versions: object["versions"] as? [String], status: .active)
        if let meta = object["meta"] as? [String: Any] {
            page.lastSerial = (meta["_last-serial"] as? NSNumber)?.int64Value
        }
        if let status = object["project-status"] as? [String: Any] {
            page.status = (status["status"] as? String).flatMap(ProjectStatus.init(rawValue:)) ?? .active
            page.statusReason = status["reason"] as? String
        }
        for file in files {
            guard let filename = file["filename"] as? String, let link = file["url"] as? String,
                let resolved = URLResolution.resolve(link, against: url)
            else { continue }
            let hashes = file["hashes"] as? [String: Any]
            let yanked: SimpleProjectPage.Yank =
                switch file["yanked"] {
                case let reason as String: .reason(reason)
                case let flag as NSNumber where flag.boolValue: .yanked
                default: .no
                }
            let metadata = file["core-metadata"] ?? file["data-dist-info-metadata"]
            var entry = File(
                filename: filename, url: resolved.url, sha256: (hashes?["sha256"] as? String)?.lowercased(),
                requiresPython: (file["requires-python"] as? String).flatMap { $0.isEmpty ? nil : $0 }, yanked: yanked,
                hasCoreMetadata: false, coreMetadataSHA256: nil, size: (file["size"] as? NSNumber)?.intValue,
                uploadTime: (file["upload-time"] as? String).flatMap(ISO8601Time.parse))
            switch metadata {
            case let digests as [String: Any]:
                entry.hasCoreMetadata = true
                entry.coreMetadataSHA256 = (digests["sha256"] as? String)?.lowercased()
            case let flag as NSNumber:
                entry.hasCoreMetadata = flag.boolValue
            default:
                break
            }
            page.files.append(entry)
        }
        return page
    }

    /// A PEP 503 HTML page: its anchors, with the PEP 592/629/658/714/792 attributes.
    static func parseHTML(_ html: String, url: String) -> UpstreamPage {
        var page = UpstreamPage(files: [], versions: nil, status: .active)
        for tag in HTMLTags(html) {
            switch tag.name {
            case "meta":
                switch tag.attributes["name"] {
                case "pypi:project-status":
                    page.status = tag.attributes["content"].flatMap(ProjectStatus.init(rawValue:)) ?? .active
                case "pypi:project-status-reason":
                    page.statusReason = tag.attributes["content"]
                default: break
                }
            case "a":
                guard let href = tag.attributes["href"], let resolved = URLResolution.resolve(href, against: url) else {
                    continue
                }
                let text = tag.text.trimmingCharacters(in: .whitespacesAndNewlines)
                let filename = text.isEmpty ? String(resolved.url.split(separator: "/").last ?? "") : text
                let yanked: SimpleProjectPage.Yank =
                    switch tag.attributes["data-yanked"] {
                    case nil: .no
                    case ""?: .yanked
                    case let reason?: .reason(reason)
                    }
                let metadata = tag.attributes["data-core-metadata"] ?? tag.attributes["data-dist-info-metadata"]
                page.files.append(
                    File(
                        filename: filename, url: resolved.url, sha256: Self.digest("sha256", in: resolved.fragment),
                        requiresPython: tag.attributes["data-requires-python"].flatMap { $0.isEmpty ? nil : $0 },
                        yanked: yanked, hasCoreMetadata: metadata != nil && metadata != "false",
                        coreMetadataSHA256: Self.digest("sha256", in: metadata), size: nil, uploadTime: nil))
            default:
                break
            }
        }
        return page
    }

    /// The hex digest `name=<hex>` in a fragment or attribute value, lowercased.
    static func digest(_ name: String, in text: String?) -> String? {
        guard let text, text.hasPrefix(name + "=") else { return nil }
        let hex = text.dropFirst(name.count + 1).lowercased()
        guard hex.count == 64, hex.allSatisfy(\.isHexDigit) else { return nil }
        return hex
    }
}

/// Why an upstream answer could not be used.
enum UpstreamError: Error, CustomStringConvertible {
    case malformedPage(String)
    case status(Int, url: String)
    case digestMismatch(filename: String, expected: String, got: String)
    case tooLarge(url: String)
    case unavailable(String)
    /// The fetches of a file this request waited for (another request's) failed, three times.
    case fileNotFetched(String)

    var description: String {
        switch self {
        case .malformedPage(let why): "The upstream page is malformed: \(why)."
        case .status(let status, let url): "The upstream answered \(status) for \(url)."
        case .digestMismatch(let filename, let expected, let got):
            "\(filename) from upstream has SHA-256 \(got), but its page says \(expected): refused, not kept."
        case .tooLarge(let url): "The upstream answer for \(url) is too large."
        case .unavailable(let index): "The upstream index \(index) failed a moment ago; it is asked again shortly."
        case .fileNotFetched(let filename): "\(filename) could not be fetched from upstream: the fetches it waited for failed."
        }
    }
}

/// RFC 3339 times as PEP 700 writes them (`2024-01-02T03:04:05.123456Z`, or with an offset).
enum ISO8601Time {
    static func parse(_ text: String) -> Timestamp? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84 || bytes[10] == 116 || bytes[10] == 32,
            bytes[13] == 58, bytes[16] == 58
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), let second = number(17..<19), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            var scale = 0.1
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        var offset = 0
        if index < bytes.count, bytes[index] == 43 || bytes[index] == 45, index + 6 <= bytes.count,
            let hours = number(index + 1..<index + 3), let minutes = number(index + 4..<index + 6)
        {
            offset = (hours * 3600 + minutes * 60) * (bytes[index] == 43 ? 1 : -1)
        } else if index >= bytes.count || (bytes[index] != 90 && bytes[index] != 122) {
            return nil
        }
        // Days from the civil date (proleptic Gregorian), 1970-01-01 being 0.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
        return Timestamp(secondsSinceEpoch: seconds)
    }
}
