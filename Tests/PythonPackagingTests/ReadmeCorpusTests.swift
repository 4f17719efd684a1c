import Foundation
import PythonPackaging
import ReadmeRendering
import Testing

/// The READMEs of the real corpus, wheels and sdists (Markdown, reStructuredText and plain text
/// long descriptions that PyPI accepted, so its readme_renderer rendered them): each renders
/// (so the upload check U11 refuses none of them), and the sanitized
/// HTML has no script, no event handler and no `javascript:` URL.
@Suite(.enabled(if: Corpus.directory != nil, "set CHEESESHOP_TEST_CORPUS (scripts/test.sh does)"))
struct ReadmeCorpusTests {
    @Test(arguments: Corpus.files)
    func theLongDescriptionRendersSafely(filename: String) throws {
        let path = try #require(Corpus.directory) + "/" + filename
        let source = try FileArchiveSource(path: path)
        let raw: [UInt8]
        if filename.hasSuffix(".whl") {
            raw = try WheelArchive(archive: ZipArchive(source: source), filename: filename).metadata()
        } else {
            // PKG-INFO: what twine sends with an sdist (U11 refuses one that does not render).
            raw = try Corpus.sdist(filename, source: source, licenseFiles: []).pkgInfo
        }
        let metadata = try CoreMetadata.validated(parsing: raw).metadata
        // As twine sends it: a folded `Description` header keeps its prefix (the renderer unfolds).
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
