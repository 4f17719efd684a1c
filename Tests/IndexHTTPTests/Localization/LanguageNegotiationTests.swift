import Testing

@testable import IndexHTTP

/// `Accept-Language` (RFC 9110 §12.5.4, RFC 4647 ranges) and the picker's cookie.
@Suite struct LanguageNegotiationTests {
    @Test(
        arguments: [
            // Plain preferences and regional ranges.
            ("de", .de), ("de-CH", .de), ("DE-de", .de), ("ja-JP,ja;q=0.9,en;q=0.8", .ja),
            ("fr-CA,fr;q=0.9", .fr), ("es-419", .es), ("en-US,en;q=0.9", .en),
            // Qualities: the highest wins, whatever the order; between equals, the first listed.
            ("en;q=0.5, de;q=0.8", .de), ("de;q=0.8, fr;q=0.8", .de), ("fr;q=0.8, de;q=0.8", .fr),
            ("de;q=1.0, fr;q=1.000", .de), ("zh, de;q=0.1", .de), ("zh-CN,zh;q=0.9,fr;q=0.5,en;q=0.3", .fr),
            // q=0 is "not acceptable", also through a wildcard.
            ("de;q=0, fr", .fr), ("de;q=0", nil), ("de;q=0.000, *", .en), ("*", .en), ("en;q=0, *;q=0.5", .de),
            // The range of the primary subtag alone is more specific than a regional one.
            ("de;q=0, de-AT", nil), ("de-AT;q=0.9, de;q=0.2, fr;q=0.5", .fr),
            // Nothing of ours.
            ("zh-CN", nil), ("pt-BR, it", nil), ("", nil), ("jp", nil),
            // Malformed ranges and qualities are skipped, the rest still read.
            ("de;q=2, fr", .fr), ("de;q=abc, fr;q=0.5", .fr), ("de;q=0.5555, fr;q=0.1", .fr),
            ("d e, fr", .fr), ("de-, fr", .fr), ("-de, ja", .ja), ("de;level=1, fr", .fr),
            ("deutschland-xx, ja", .ja), (";q=1, de", .de), (",,,", nil), ("de;q=", nil), ("de;q=.5", nil),
            ("de ; q = 0.5 , fr ; q=0.4", .de), ("\u{0}de", nil), ("日本語", nil), ("ja;q=1.", .ja),
        ] as [(String, Language?)])
    func acceptLanguage(header: String, expected: Language?) {
        #expect(LanguageNegotiation.negotiate(header) == expected, "\(header)")
    }

    @Test func aHugeOrEndlessHeaderIsNotRead() {
        #expect(LanguageNegotiation.negotiate(String(repeating: "x", count: 5000) + ",de") == nil)
        let many = Array(repeating: "zh", count: 100).joined(separator: ",") + ",de"
        #expect(LanguageNegotiation.negotiate(many) == nil, "ranges past the limit are not read")
        #expect(LanguageNegotiation.negotiate(nil) == nil)
    }

    @Test func thePickersCookieComesFirst() {
        let cookie = ["session_id=abc; cheeseshop_lang=fr; other=1"]
        #expect(LanguageNegotiation.language(acceptLanguage: "de", cookies: cookie) == .fr)
        #expect(LanguageNegotiation.language(acceptLanguage: "de", cookies: ["cheeseshop_lang=xx"]) == .de)
        #expect(LanguageNegotiation.language(acceptLanguage: "de", cookies: ["cheeseshop_lang="]) == .de)
        #expect(LanguageNegotiation.language(acceptLanguage: "de", cookies: ["xcheeseshop_lang=fr"]) == .de)
        #expect(LanguageNegotiation.language(acceptLanguage: nil, cookies: []) == .en)
        #expect(LanguageNegotiation.language(acceptLanguage: "zh", cookies: ["a=b", "cheeseshop_lang=ja"]) == .ja)
    }

    /// Answers are remembered per header, the same as computed, and never more than the limit.
    @Test func answersAreRememberedWithinABound() {
        for index in 0..<(LanguageNegotiation.Remembered.limit + 100) {
            let header = "x-\(index), \(index % 2 == 0 ? "de" : "ja;q=0.5, fr;q=0.9")"
            let first = LanguageNegotiation.negotiate(header)
            #expect(first == (index % 2 == 0 ? .de : .fr))
            #expect(LanguageNegotiation.negotiate(header) == first)
        }
        #expect(LanguageNegotiation.Remembered.shared.count <= LanguageNegotiation.Remembered.limit)
        #expect(LanguageNegotiation.negotiate("xx, yy") == nil)
        #expect(LanguageNegotiation.negotiate("xx, yy") == nil, "a header none of ours matches, remembered")
    }
}
