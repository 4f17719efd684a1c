/// Inline content of a reStructuredText paragraph, title or table cell.
indirect enum RSTInline: Sendable, Equatable {
    /// Plain text, backslash escapes already removed (typographic quotes are applied when written).
    case text(String)
    case emphasis(String)
    case strong(String)
    case literal(String)
    case code(String)
    /// Interpreted text with the default role (title reference).
    case cite(String)
    case sub(String)
    case sup(String)
    /// A hyperlink with text; the destination is resolved when writing.
    case reference(RSTReference)
    /// `|name|`, optionally linked (`|name|_`).
    case substitution(name: String, link: RSTLinkTarget?, line: Int)
    /// `[1]_`, `[#]_`, `[#label]_`, `[CIT]_`.
    case footnoteReference(label: String, line: Int)
    /// `_`inline target``.
    case inlineTarget(id: String, text: String)
    /// An image from a substitution definition.
    case image(RSTImage)
}

/// A hyperlink reference in running text.
struct RSTReference: Sendable, Equatable {
    var text: String
    var target: RSTLinkTarget
    var line: Int
}

/// Where a reference points before resolution.
enum RSTLinkTarget: Sendable, Equatable {
    /// An embedded or standalone URI.
    case uri(String)
    /// A named reference (`name_`), normalized.
    case named(String)
    /// The n-th anonymous reference (`name__`).
    case anonymous(Int)
}

/// An image from the `image` directive or an image substitution.
struct RSTImage: Sendable, Equatable {
    var uri: String
    var alt: String?
    var width: String?
    var height: String?
    var align: String?
    var target: RSTLinkTarget?
    var classes: [String] = []
    /// Source line of the directive, for error messages.
    var line = 0
}

/// A table: rows of cells, each cell with its spans and parsed content.
struct RSTTable: Sendable, Equatable {
    struct Cell: Sendable, Equatable {
        var rowSpan = 1
        var colSpan = 1
        var blocks: [RSTBlock]
    }
    var title: [RSTInline]?
    var headerRows: [[Cell]]
    var bodyRows: [[Cell]]
}

/// A block-level element of a reStructuredText document.
indirect enum RSTBlock: Sendable, Equatable {
    case paragraph([RSTInline])
    case section(RSTSection)
    /// A section title from a lone subsection promoted to a subtitle.
    case subtitle(id: String, title: [RSTInline])
    case transition(line: Int)
    case blockQuote([RSTBlock], attribution: [RSTInline]?)
    case lineBlock([RSTLineBlockLine])
    case bulletList([[RSTBlock]])
    case enumeratedList(style: RSTEnumStyle, start: Int, items: [[RSTBlock]])
    case definitionList([RSTDefinition])
    case fieldList([RSTField])
    case optionList([RSTOptionListItem])
    case literalBlock(String)
    case codeBlock(String, language: String?)
    case doctestBlock(String)
    case admonition(kind: String, title: [RSTInline], body: [RSTBlock])
    case image(RSTImage)
    case figure(RSTImage, caption: [RSTInline]?, legend: [RSTBlock])
    case contents(title: String, depth: Int, local: Bool)
    case topic(kind: String, title: [RSTInline], body: [RSTBlock])
    case container(classes: [String], body: [RSTBlock])
    case table(RSTTable)
    case footnote(RSTFootnote)
    /// An internal hyperlink target (`.. _name:`) marking the following element.
    case target(id: String)
    /// Several blocks from one construct (a paragraph and its `::` literal block).
    case sequence([RSTBlock])
    /// Comments, substitution definitions, external targets: nothing is written.
    case invisible
}

/// One line of a line block, with its nesting level.
struct RSTLineBlockLine: Sendable, Equatable {
    var indent: Int
    var content: [RSTInline]
}

/// A section: title, id, nesting depth (1 = top level) and contents.
struct RSTSection: Sendable, Equatable {
    var title: [RSTInline]
    var titleText: String
    var id: String
    var depth: Int
    var body: [RSTBlock]
}

/// The numbering style of an enumerated list.
enum RSTEnumStyle: String, Sendable, Equatable {
    case arabic, loweralpha, upperalpha, lowerroman, upperroman
}

/// A definition list item.
struct RSTDefinition: Sendable, Equatable {
    var term: [RSTInline]
    var classifiers: [[RSTInline]]
    var body: [RSTBlock]
}

/// A field list item.
struct RSTField: Sendable, Equatable {
    var name: [RSTInline]
    var body: [RSTBlock]
}

/// A footnote or citation.
struct RSTFootnote: Sendable, Equatable {
    var label: String
    var id: String
    var isCitation: Bool
    var body: [RSTBlock]
}
