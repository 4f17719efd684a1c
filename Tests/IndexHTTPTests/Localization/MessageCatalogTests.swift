import Testing

@testable import IndexHTTP

/// Every catalog is complete against English: the same ids, the same placeholders, the plural
/// forms its language's rules need, and texts that are safe in HTML as they are.
@Suite struct MessageCatalogTests {
    static let others = Language.allCases.filter { $0 != .en }

    @Test(arguments: others)
    func everyEnglishIdIsTranslated(language: Language) {
        let catalog = MessageCatalogs.catalog(language)
        let missing = MessageCatalogs.english.keys.filter { catalog[$0] == nil }.sorted()
        #expect(missing.isEmpty, "\(language) lacks \(missing)")
    }

    @Test(arguments: others)
    func noCatalogHasIdsEnglishLacks(language: Language) {
        let extra = MessageCatalogs.catalog(language).keys.filter { MessageCatalogs.english[$0] == nil }.sorted()
        #expect(extra.isEmpty, "\(language) has ids English lacks: \(extra)")
    }

    @Test(arguments: Language.allCases)
    func pluralMessagesHaveExactlyTheFormsTheRulesNeed(language: Language) {
        for (id, english) in MessageCatalogs.english {
            guard let message = MessageCatalogs.catalog(language)[id] else { continue }
            switch (english, message) {
            case (.text, .text): break
            case (.plural, .plural(let forms)):
                #expect(
                    Set(forms.keys) == Set(language.pluralCategories),
                    "\(language) \(id): forms \(forms.keys.map(\.rawValue).sorted())")
            default:
                Issue.record("\(language) \(id): a plural message in one catalog and a text in the other")
            }
        }
    }

    /// A text message has English's placeholders exactly (each as often); a plural message's
    /// `other` form has English's `other` placeholders, and no form names one English lacks
    /// (a `one` form may say "one day" without `{count}`).
    @Test(arguments: others)
    func placeholdersMatchEnglish(language: Language) {
        for (id, english) in MessageCatalogs.english {
            guard let message = MessageCatalogs.catalog(language)[id] else { continue }
            switch (english, message) {
            case (.text(let reference), .text(let text)):
                #expect(
                    Translator.placeholders(text).sorted() == Translator.placeholders(reference).sorted(),
                    "\(language) \(id)")
            case (.plural(let reference), .plural(let forms)):
                let allowed = Set(reference.values.flatMap(Translator.placeholders))
                for (category, text) in forms {
                    #expect(
                        Set(Translator.placeholders(text)).isSubset(of: allowed), "\(language) \(id) \(category)")
                }
                #expect(
                    Translator.placeholders(forms[.other] ?? "").sorted()
                        == Translator.placeholders(reference[.other] ?? "").sorted(),
                    "\(language) \(id) other")
            default: break
            }
        }
    }

    @Test(arguments: Language.allCases)
    func textsAreSafeInHTMLAndBalanced(language: Language) {
        for (id, message) in MessageCatalogs.catalog(language) {
            for text in message.texts {
                #expect(!text.isEmpty, "\(language) \(id)")
                #expect(!text.contains { "<>&\"".contains($0) }, "\(language) \(id): \(text)")
                let opens = text.filter { $0 == "{" }.count
                #expect(opens == text.filter { $0 == "}" }.count, "\(language) \(id): unbalanced braces")
                #expect(Translator.placeholders(text).count == opens, "\(language) \(id)")
            }
        }
    }

    /// A translation that is English word for word is a forgotten one, except where the word is
    /// the same in both languages (names, "Navigation", "Pages"...), listed here.
    @Test(arguments: others)
    func translationsAreNotEnglishCopies(language: Language) {
        let sameWord: Set<String> = [
            "project.navigation", "search.pages", "project.source", "project.hashes", "project.maintainers",
            "project.maintainer_label", "project.homepage", "project.bytes", "manage.token_name", "manage.details",
            "report.kind.is_spam",
        ]
        let copies = MessageCatalogs.english.keys.filter { id in
            guard !sameWord.contains(id), let text = MessageCatalogs.catalog(language)[id] else { return false }
            return text == MessageCatalogs.english[id]
        }
        #expect(copies.isEmpty, "\(language) copies English for \(copies.sorted())")
    }
}

/// CLDR's cardinal plural rules for integers, and the numbers as each language writes them.
@Suite struct PluralRuleTests {
    @Test func englishAndGermanSayOneForOneOnly() {
        for language in [Language.en, .de] {
            #expect(language.pluralCategory(1) == .one)
            for count in [0, 2, 5, 11, 21, 101, 1_000_000] { #expect(language.pluralCategory(count) == .other) }
        }
    }

    @Test func frenchSaysOneForZeroAndOneAndManyForMillions() {
        #expect(Language.fr.pluralCategory(0) == .one)
        #expect(Language.fr.pluralCategory(1) == .one)
        for count in [2, 10, 999_999, 1_000_001] { #expect(Language.fr.pluralCategory(count) == .other) }
        for count in [1_000_000, 2_000_000] { #expect(Language.fr.pluralCategory(count) == .many) }
    }

    @Test func spanishSaysOneForOneAndManyForMillions() {
        #expect(Language.es.pluralCategory(0) == .other)
        #expect(Language.es.pluralCategory(1) == .one)
        #expect(Language.es.pluralCategory(2) == .other)
        #expect(Language.es.pluralCategory(1_000_000) == .many)
        #expect(Language.es.pluralCategory(1_500_000) == .other)
    }

    @Test func japaneseHasOneForm() {
        for count in [0, 1, 2, 1_000_000] { #expect(Language.ja.pluralCategory(count) == .other) }
    }

    @Test func pluralMessagesPickTheirForm() {
        #expect(Translator(.en).plural("search.found", 1) == "1 project found")
        #expect(Translator(.en).plural("search.found", 0) == "0 projects found")
        #expect(Translator(.de).plural("search.found", 1) == "1 Projekt gefunden")
        #expect(Translator(.de).plural("search.found", 3) == "3 Projekte gefunden")
        #expect(Translator(.fr).plural("search.found", 0) == "0 projet trouvé")
        #expect(Translator(.fr).plural("search.found", 2) == "2 projets trouvés")
        #expect(Translator(.fr).plural("search.found", 1_000_000) == "1\u{202F}000\u{202F}000 de projets trouvés")
        #expect(Translator(.es).plural("search.found", 1_000_000) == "1.000.000 de proyectos encontrados")
        #expect(Translator(.ja).plural("search.found", 1) == "1 件のプロジェクトが見つかりました")
    }

    @Test func numbersAreGroupedAsEachLanguageWritesThem() {
        #expect(Language.en.number(999) == "999")
        #expect(Language.en.number(1_234_567) == "1,234,567")
        #expect(Language.de.number(1234) == "1.234")
        #expect(Language.fr.number(1234) == "1\u{202F}234")
        #expect(Language.es.number(1234) == "1234")
        #expect(Language.es.number(12345) == "12.345")
        #expect(Language.ja.number(-1234) == "-1,234")
    }

    @Test func valuesAreEscapedForHTMLAndMarkupIsNot() {
        let t = Translator(.en)
        #expect(t("search.results_for", ["query": "<b>"]) == "Results for “<b>”")
        #expect(t.html("search.results_for", ["query": "<b>&\""]) == "Results for “&lt;b&gt;&amp;&#34;”")
        #expect(
            t.html("error.go_home", markup: ["home": "<a href=\"/\">home</a>"]) == "Go to the <a href=\"/\">home</a>.")
        #expect(t("no.such.id") == "no.such.id", "an unknown id shows as itself")
        #expect(Translator.fill("{a} {b", values: ["a": "x"], markup: [:]) == "x {b")
    }
}
