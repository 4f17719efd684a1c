import Foundation
import PythonPackaging
import ReadmeRendering
import Testing

/// The READMEs of the real corpus (Markdown, reStructuredText and plain text long descriptions
/// that PyPI accepted, so its readme_renderer rendered them): each renders, and the sanitized
/// HTML has no script, no event handler and no `javascript:` URL.
@Suite(.enabled(if: Corpus.directory != nil, "set CHEESESHOP_CORPUS (scripts/test.sh does)"))
struct ReadmeCorpusTests {
    static var wheels: [String] { Corpus.files.filter { $0.hasSuffix(".whl") } }

    @Test(arguments: wheels)
    func theLongDescriptionRendersSafely(filename: String) throws {
        let path = try #require(Corpus.directory) + "/" + filename
        let wheel = try WheelArchive(archive: ZipArchive(source: FileArchiveSource(path: path)), filename: filename)
        let metadata = try CoreMetadata.validated(parsing: wheel.metadata()).metadata
        let text = metadata.description ?? ""
        let format = try #require(ReadmeRenderer.format(contentType: metadata.descriptionContentType))
        let rendered = try ReadmeRenderer.render(text, format: format)
        if !text.allSatisfy(\.isWhitespace) { #expect(!rendered.html.isEmpty) }
        let lower = rendered.html.lowercased()
        #expect(!lower.contains("<script"))
        #expect(!lower.contains("javascript:"))
        #expect(lower.range(of: #"<[^>]*\son[a-z]+\s*="#, options: .regularExpression) == nil)
        #expect(HTMLSanitizer.sanitize(rendered.html) == rendered.html)
    }
}
