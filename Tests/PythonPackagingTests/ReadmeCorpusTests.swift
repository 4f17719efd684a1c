import Foundation
import PythonPackaging
import ReadmeRendering
import Testing

/// The READMEs of the real corpus, wheels and sdists (Markdown, reStructuredText and plain text
/// long descriptions that PyPI accepted, so its readme_renderer rendered them): each renders
/// (so the upload check U11 refuses none of them), and the sanitized
/// HTML has no script, no event handler and no `javascript:` URL.
@Suite(.enabled(if: Corpus.directory != nil, "set CHEESESHOP_CORPUS (scripts/test.sh does)"))
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
            let isZip = filename.hasSuffix(".zip")
            let stem = filename.dropLast(isZip ? ".zip".count : ".tar.gz".count)
            let dash = try #require(stem.lastIndex(of: "-"))
            let (name, version) = (String(stem[..<dash]), String(stem[stem.index(after: dash)...]))
            raw =
                isZip
                ? try SdistArchive(zip: source, name: name, version: version, licenseFiles: []).pkgInfo
                : try SdistArchive(source: source, name: name, version: version, licenseFiles: []).pkgInfo
        }
        let metadata = try CoreMetadata.validated(parsing: raw).metadata
        let headerForm = String(decoding: raw, as: UTF8.self).contains("\nDescription:")
        let text = headerForm ? Self.asTwineSendsIt(metadata.description ?? "") : metadata.description ?? ""
        let format = try #require(ReadmeRenderer.format(contentType: metadata.descriptionContentType))
        let rendered = try ReadmeRenderer.render(text, format: format)
        if !text.allSatisfy(\.isWhitespace) { #expect(!rendered.html.isEmpty) }
        let lower = rendered.html.lowercased()
        #expect(!lower.contains("<script"))
        #expect(!lower.contains("javascript:"))
        #expect(lower.range(of: #"<[^>]*\son[a-z]+\s*="#, options: .regularExpression) == nil)
        #expect(HTMLSanitizer.sanitize(rendered.html) == rendered.html)
    }

    /// A `Description` header's text as twine puts it in the upload form: old setuptools indented
    /// the header's continuation lines by 8 spaces, and twine (through pkginfo) removes them.
    static func asTwineSendsIt(_ description: String) -> String {
        let indent = String(repeating: " ", count: 8)
        return description.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(indent) ? $0.dropFirst(8) : $0 }
            .joined(separator: "\n")
    }
}
