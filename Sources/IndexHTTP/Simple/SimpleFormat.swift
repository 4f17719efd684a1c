import IndexCore

/// The renderings of the simple API, chosen from `Accept` by q-value as Warehouse does
/// (reference b.2): no header or no match gives `text/html`; never 406.
enum SimpleFormat: CaseIterable, Sendable {
    case html
    case v1HTML
    case v1JSON

    /// The media type answered.
    var contentType: String {
        switch self {
        case .html: "text/html; charset=utf-8"
        case .v1HTML: SimpleAPI.htmlContentType
        case .v1JSON: SimpleAPI.jsonContentType
        }
    }

    /// The media types that select this format (`latest` is PEP 691's alias of the newest).
    private var offers: [String] {
        switch self {
        case .html: ["text/html"]
        case .v1HTML: [SimpleAPI.htmlContentType, "application/vnd.pypi.simple.latest+html"]
        case .v1JSON: [SimpleAPI.jsonContentType, "application/vnd.pypi.simple.latest+json"]
        }
    }

    /// The best format for `accept`; ties go to the earlier format (HTML first).
    static func negotiate(accept: String?) -> SimpleFormat {
        guard let accept, !accept.isEmpty else { return .html }
        let ranges = AcceptRange.parse(accept)
        var best: (format: SimpleFormat, quality: Double)?
        for format in allCases {
            let quality = format.offers.map { AcceptRange.quality(of: $0, in: ranges) }.max() ?? 0
            if quality > 0, quality > (best?.quality ?? 0) { best = (format, quality) }
        }
        return best?.format ?? .html
    }
}

/// One media range of an `Accept` header with its q-value.
struct AcceptRange: Hashable, Sendable {
    var type: String
    var subtype: String
    var quality: Double

    /// The ranges of an `Accept` header; malformed ones are skipped.
    static func parse(_ header: String) -> [AcceptRange] {
        header.split(separator: ",").prefix(64).compactMap { item -> AcceptRange? in
            let parameters = item.split(separator: ";").map { $0.trimmingWhitespace() }
            guard let media = parameters.first else { return nil }
            let pieces = media.lowercased().split(separator: "/", maxSplits: 1)
            guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty else { return nil }
            var quality = 1.0
            for parameter in parameters.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingWhitespace() }
                if pair.count == 2, pair[0].lowercased() == "q" {
                    guard let value = Double(pair[1]), (0...1).contains(value) else { return nil }
                    quality = value
                }
            }
            return AcceptRange(type: String(pieces[0]), subtype: String(pieces[1]), quality: quality)
        }
    }

    /// The q-value `ranges` give `mediaType`: that of the most specific matching range.
    static func quality(of mediaType: String, in ranges: [AcceptRange]) -> Double {
        let pieces = mediaType.split(separator: "/", maxSplits: 1).map(String.init)
        var best: (specificity: Int, quality: Double)?
        for range in ranges {
            let specificity: Int
            if range.type == pieces[0], range.subtype == pieces[1] {
                specificity = 2
            } else if range.type == pieces[0], range.subtype == "*" {
                specificity = 1
            } else if range.type == "*", range.subtype == "*" {
                specificity = 0
            } else {
                continue
            }
            if specificity > (best?.specificity ?? -1) { best = (specificity, range.quality) }
        }
        return best?.quality ?? 0
    }
}
