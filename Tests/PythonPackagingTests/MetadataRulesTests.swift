import Testing

@testable import PythonPackaging

/// Expected values come from Warehouse's `is_valid_uri`, `email.utils.parseaddr` and
/// `email_validator` 2.4, and Python's `repr`.
@Suite struct MetadataRulesTests {
    static let urls: [(String, Bool)] = [
        ("http://exa mple.com/", true), ("HtTpS://x", true), ("http:foo", true), ("https:", true),
        ("http://[::1]:80/", true), ("http://[::1]:99999", false), ("http://x.com:65535", true),
        ("http://x.com:65536", false), ("http://x.com:70000/p", false), ("http://u@x.com:70000", false),
        ("http://a:70000@x.com", true), ("http://x.com:123456", true), ("http://x.com:99999x", true),
        ("http://x.com?a:70000", true), ("ftp://example.com", false), ("example.com", false),
        ("mailto:x@y", false), ("javascript:alert(1)", false),
    ]

    @Test(arguments: urls)
    func urlsAreCheckedLikeWarehouse(_ url: String, _ valid: Bool) {
        #expect(HTTPURLValidator.isValid(url) == valid)
    }

    static let addresses: [(String, String?)] = [
        ("foo bar", "foo"), ("Foo <foo@x.com>", "foo@x.com"), ("foo@x.com (Foo)", "foo@x.com"),
        ("\"Foo, Bar\" <f@x.com>", "f@x.com"), ("a@x.com, b@y.com", nil), ("<>", nil),
        (" foo@x.com ", "foo@x.com"), ("foo @ x.com", "foo@x.com"), ("foo@x.com, ", nil),
        ("a b@x.com", "a b@x.com"), ("a@b.c,", "a@b.c"), ("g: a@b.c;", "a@b.c"), ("g: a@b.c, d@e.f;", nil),
        ("g:;", nil), ("a@[1.2.3.4]", nil), ("a@[1.2", nil), ("<@r.example:a@b.c>", "a@b.c"),
        ("<@r.example,@s:a@b.c>", nil), ("<a@b@c>", nil), ("a@b@c", nil), ("a . b@c.d", "a.b@c.d"),
        ("a .b@c.d", "a.b@c.d"), ("\"a b\"@c.d", "\"a b\"@c.d"), ("\"a\\\"b\"@c.d", "\"a\\\"b\"@c.d"),
        ("(x (y) \\) z)a@b.c", "a@b.c"), ("a(b@c.d", nil), ("a)b@c.d", nil), ("\"(\" a@b.c", "\"(\" a@b.c"),
        ("a@b.c (Name\\", nil), ("a@ (c) b . c", "a@b.c"), ("a@", nil), ("@b.c", "@b.c"), (";", nil),
        ("Foo <a@b.c", "a@b.c"), ("a@b.c\r\n", "a@b.c"), ("\"unclosed a@b.c", "unclosed a@b.c"),
        ("a@b.c\\", "a@b.c\\"), ("< a@b.c >", "a@b.c"), ("a\u{3000}.b@c", "a\u{3000}.b@c"),
        ("\u{3000}.b@c", ".b@c"), ("", nil), ("foo (c) bar", "foo"), ("(\"(\")a@b.c", nil),
        (String(repeating: "x:", count: 800) + "a@b.c", "a@b.c"),
        // Python fails with RecursionError on groups nested this deep; the rest is ignored.
        (String(repeating: "x:", count: 2000) + "a@b.c", nil),
    ]

    @Test(arguments: addresses)
    func addressesAreFoundLikeParseaddr(_ value: String, _ address: String?) {
        #expect(EmailAddressValidator.address(in: value) == address)
    }

    static let emails: [(String, String?)] = [
        ("foo", "An email address must have an @-sign."),
        ("@x.com", "There must be something before the @-sign."),
        ("foo@", "There must be something after the @-sign."),
        ("foo@bar", "The part after the @-sign is not valid. It should have a period."),
        ("a;b c@x.com", "The email address contains invalid characters before the @-sign: ';', SPACE."),
        ("a\tb@x.com", "The email address contains invalid characters before the @-sign: U+0009."),
        ("foo@bar..com", "An email address cannot have two periods in a row."),
        ("a..b@x.com", "An email address cannot have two periods in a row."),
        ("foo@-bar.com", "An email address cannot have a hyphen immediately after the @-sign."),
        ("foo@x_y.com", "The part after the @-sign contains invalid characters: '_'."),
        ("foo@[1.2.3.4]", "A bracketed IP address after the @-sign is not allowed here."),
        (".foo@x.com", "An email address cannot start with a period."),
        ("foo.@x.com", "An email address cannot have a period immediately before the @-sign."),
        ("foo@x.123", "The part after the @-sign is not valid. It is not within a valid top-level domain."),
        (
            "foo@bar.invalid",
            "The part after the @-sign is a special-use or reserved name that cannot be used with email."
        ),
        ("\"quoted\"@x.com", "Quoting the part before the @-sign is not allowed here."),
        ("foo@x.com.", "An email address cannot end with a period."),
        ("foo@.bar.com", "An email address cannot have a period immediately after the @-sign."),
        ("foo@x.com-", "An email address cannot end with a hyphen."),
        ("foo@bar-.com", "An email address cannot have a period and a hyphen next to each other."),
        (
            "foo@" + String(repeating: "a", count: 64) + ".com",
            "After the @-sign, periods cannot be separated by so many characters (1 character too many)."
        ),
        (
            "foo@" + String(repeating: "a", count: 65) + ".com",
            "After the @-sign, periods cannot be separated by so many characters (2 characters too many)."
        ),
        ("foo@x.c", nil), ("ü@x.com", nil), ("foo@bücher.de", nil), ("a@x\u{FF13}.com", nil), ("foo@x-y.c-m", nil),
    ]

    @Test(arguments: emails)
    func emailsAreCheckedLikeEmailValidator(_ address: String, _ problem: String?) {
        #expect(EmailAddressValidator.problem(with: address) == problem)
    }

    static let reprs: [(String, String)] = [
        ("a", "'a'"), ("it's", "\"it's\""), ("'\"", "'\\'\"'"), ("a\\b", "'a\\\\b'"),
        ("\t\n\r", "'\\t\\n\\r'"), ("\u{0}", "'\\x00'"), ("\u{A0}", "'\\xa0'"), ("\u{2028}", "'\\u2028'"),
        ("\u{E0001}", "'\\U000e0001'"), ("café", "'café'"),
    ]

    @Test(arguments: reprs)
    func stringsAreQuotedLikePythonRepr(_ text: String, _ repr: String) {
        #expect(PythonRepr.quote(text) == repr)
    }

    @Test func namesFollowPackaging() {
        #expect(ProjectName.isValid("a"))
        #expect(ProjectName.isValid("Foo.Bar_baz-1"))
        #expect(!ProjectName.isValid("-a"))
        #expect(!ProjectName.isValid("a-"))
        #expect(!ProjectName.isValid(""))
        #expect(!ProjectName.isValid("a b"))
        #expect(ProjectName.normalize("Foo.._Bar") == "foo-bar")
    }

    @Test func classifierTablesComeFromTroveClassifiers() {
        #expect(TroveClassifiers.isKnown("Programming Language :: Python :: 3"))
        #expect(!TroveClassifiers.isKnown("Foo"))
        #expect(
            TroveClassifiers.replacements(forDeprecated: "Natural Language :: Ukranian") == [
                "Natural Language :: Ukrainian"
            ])
        #expect(TroveClassifiers.replacements(forDeprecated: "Programming Language :: Python :: 3") == nil)
        #expect(!TroveClassifiers.sourceVersion.isEmpty)
    }

    @Test func contentTypeParametersMayBeQuoted() {
        #expect(DescriptionContentType.problem(with: "text/markdown; charset=\"UTF-8\"; flag") == nil)
        #expect(DescriptionContentType.problem(with: "TEXT/X-RST") == nil)
    }

    @Test func errorsAreChosenLikeWarehouse() {
        #expect(MetadataError.first(of: []) == nil)
        let errors = [MetadataError(field: "summary", message: "s"), MetadataError(field: "classifier", message: "c")]
        #expect(MetadataError.first(of: errors)?.field == "classifier")
        #expect(MetadataError(field: "summary", message: "done.").description.hasPrefix("done. See"))
    }
}
