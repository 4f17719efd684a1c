/// The markup language of a project's long description, from its `Description-Content-Type`
/// (core metadata 2.1, PEP 566).
public enum ReadmeFormat: Sendable, Equatable {
    /// `text/markdown`, rendered with cmark-gfm in the given variant.
    case markdown(MarkdownVariant)
    /// `text/x-rst`, and the default when no content type is given.
    case restructuredText
    /// `text/plain`: escaped text with line breaks kept.
    case plainText
}

/// The `variant` parameter of `text/markdown` (RFC 7763/7764) that PyPI accepts.
public enum MarkdownVariant: Sendable, Equatable {
    /// GitHub Flavored Markdown: tables, strikethrough, autolinks, tag filter, task lists, footnotes.
    case gfm
    /// Plain CommonMark, no extensions.
    case commonMark
}

/// A long description rendered to sanitized HTML, ready to embed in a page.
public struct RenderedReadme: Sendable, Equatable {
    /// The sanitized HTML body fragment.
    public var html: String
    /// The format the text was rendered as.
    public var format: ReadmeFormat

    /// Creates a rendered description.
    public init(html: String, format: ReadmeFormat) {
        self.html = html
        self.format = format
    }
}

/// A long description could not be rendered (only reStructuredText can fail).
public struct ReadmeRenderError: Error, Sendable, Equatable {
    /// What went wrong, e.g. the line and the problem.
    public var message: String

    /// Creates an error with a human-readable message.
    public init(message: String) {
        self.message = message
    }
}
