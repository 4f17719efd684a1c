import Synchronization

/// The language of a page for a request: the language picker's cookie when it names one of
/// ours, else the best of `Accept-Language` (RFC 9110 §12.5.4), else English.
enum LanguageNegotiation {
    /// The cookie the language picker sets (``LanguagePicker``).
    static let cookieName = "cheeseshop_lang"
    /// Longer `Accept-Language` values are not read (browsers send a few dozen bytes).
    static let maximumHeaderBytes = 1024
    /// At most this many language ranges are read.
    static let maximumRanges = 32

    /// The language for `acceptLanguage` (the header's values joined by commas) and the
    /// request's `Cookie` header values.
    static func language(acceptLanguage: String?, cookies: [String]) -> Language {
        if let chosen = cookieLanguage(cookies) { return chosen }
        return negotiate(acceptLanguage) ?? .fallback
    }

    /// The language the picker's cookie names, if it is one of ours.
    static func cookieLanguage(_ cookieHeaders: [String]) -> Language? {
        for header in cookieHeaders {
            for item in header.split(separator: ";") {
                let pair = item.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, pair[0].trimmingWhitespace() == cookieName else { continue }
                return Language(rawValue: pair[1].trimmingWhitespace())
            }
        }
        return nil
    }

    /// The language of ours that `Accept-Language` prefers, or `nil` when it accepts none of
    /// them (or is absent, empty or unreadable).
    ///
    /// Each of our languages gets the quality of the most specific range that names it: the
    /// range of its primary subtag alone (`de`), else the best range with more subtags
    /// (`de-CH`, `de-DE`: a German reader reads German pages), else `*`. A quality of 0 means
    /// "not acceptable". The highest quality wins; between equals, the range listed first.
    /// Malformed ranges and quality values are skipped, not guessed at.
    static func negotiate(_ header: String?) -> Language? {
        guard let header, header.utf8.count <= maximumHeaderBytes else { return nil }
        // Readers' browsers send a handful of distinct headers: each is read once.
        if let known = Remembered.shared.answer(header) { return known }
        let chosen = best(header)
        Remembered.shared.remember(header, chosen)
        return chosen
    }

    /// The answers to the headers seen last (at most ``limit``; all forgotten when full).
    final class Remembered: Sendable {
        static let shared = Remembered()
        static let limit = 512
        private let answers = Mutex<[String: Language?]>([:])

        func answer(_ header: String) -> Language?? { answers.withLock { $0[header] } }

        /// How many answers are kept.
        var count: Int { answers.withLock { $0.count } }

        func remember(_ header: String, _ language: Language?) {
            answers.withLock { answers in
                if answers.count >= Self.limit { answers.removeAll(keepingCapacity: true) }
                answers[header] = language
            }
        }
    }

    /// ``negotiate(_:)`` computed.
    private static func best(_ header: String) -> Language? {
        var exact: [Language: (quality: Int, position: Int)] = [:]
        var longer: [Language: (quality: Int, position: Int)] = [:]
        var wildcard: (quality: Int, position: Int)?
        for (position, element) in header.split(separator: ",").prefix(maximumRanges).enumerated() {
            guard let (range, quality) = parse(element) else { continue }
            if range == "*" {
                if wildcard == nil { wildcard = (quality, position) }
                continue
            }
            guard let language = Language(tag: range) else { continue }
            if range.contains("-") {
                if let known = longer[language], known.quality >= quality { continue }
                longer[language] = (quality, position)
            } else if exact[language] == nil {
                exact[language] = (quality, position)
            }
        }
        var best: (language: Language, quality: Int, position: Int)?
        for language in Language.allCases {
            guard let (quality, position) = exact[language] ?? longer[language] ?? wildcard, quality > 0 else {
                continue
            }
            if let current = best,
                current.quality > quality || (current.quality == quality && current.position <= position)
            {
                continue
            }
            best = (language, quality, position)
        }
        return best?.language
    }

    /// One element `range [; q=value]`: the range lowercased and the quality in thousandths,
    /// or `nil` when either is malformed.
    static func parse(_ element: Substring) -> (range: String, quality: Int)? {
        let parts = element.split(separator: ";", omittingEmptySubsequences: false)
        let range = parts[0].trimmingWhitespace().lowercased()
        guard isLanguageRange(range) else { return nil }
        var quality = 1000
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, pair[0].trimmingWhitespace().lowercased() == "q" else { return nil }
            guard let value = qvalue(pair[1].trimmingWhitespace()) else { return nil }
            quality = value
        }
        return (range, quality)
    }

    /// RFC 4647 `language-range`: `*`, or 1-8 letters followed by `-` and 1-8 letters or digits.
    static func isLanguageRange(_ range: String) -> Bool {
        if range == "*" { return true }
        let subtags = range.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = subtags.first, (1...8).contains(first.count),
            first.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) })
        else { return false }
        return subtags.dropFirst().allSatisfy { subtag in
            (1...8).contains(subtag.count)
                && subtag.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        }
    }

    /// RFC 9110 `qvalue` (`0`, `0.5`, `1.000`...) in thousandths; `nil` when malformed.
    static func qvalue(_ text: String) -> Int? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts[0] == "0" || parts[0] == "1" else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 3,
            fraction.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) })
        else { return nil }
        while fraction.count < 3 { fraction += "0" }
        let value = (parts[0] == "1" ? 1000 : 0) + (Int(fraction) ?? 0)
        return value <= 1000 ? value : nil
    }
}
