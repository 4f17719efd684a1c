import Foundation
import Testing

@testable import PythonPackaging

/// Every real distribution of `../shared/bench/corpus.sh` (wheels and sdists of about 50 popular
/// projects, several releases and platforms each) is read without extraction, passes the archive
/// checks, and its METADATA / PKG-INFO parses and validates and names the file's project and
/// version. `scripts/test.sh` downloads the corpus and sets `CHEESESHOP_TEST_CORPUS`.
@Suite(.enabled(if: Corpus.directory != nil, "set CHEESESHOP_TEST_CORPUS (scripts/test.sh does)"))
struct CorpusTests {
    @Test func corpusHasWheelsAndSdists() {
        #expect(Corpus.files.filter { $0.hasSuffix(".whl") }.count > 100)
        #expect(Corpus.files.filter { $0.hasSuffix(".tar.gz") }.count > 10)
    }

    @Test(arguments: Corpus.files)
    func distributionIsReadAndItsMetadataValidates(filename: String) throws {
        let path = try #require(Corpus.directory) + "/" + filename
        let source = try FileArchiveSource(path: path)
        let validated: ValidatedMetadata
        let expectedName: ProjectName
        let expectedVersion: Version
        if filename.hasSuffix(".whl") {
            let parsed = try WheelFilename(parsing: filename)
            (expectedName, expectedVersion) = (parsed.name, parsed.version)
            let wheel = try WheelArchive(archive: ZipArchive(source: source), filename: filename)
            validated = try CoreMetadata.validated(parsing: wheel.metadata())
            try wheel.validate(licenseFiles: validated.metadata.requiredLicenseFiles)
        } else {
            let parsed = try SdistFilename(parsing: filename)
            (expectedName, expectedVersion) = (parsed.name, parsed.version)
            validated = try CoreMetadata.validated(
                parsing: Corpus.sdist(filename, source: source, licenseFiles: []).pkgInfo)
            let licenses = validated.metadata.requiredLicenseFiles
            let sdist = try Corpus.sdist(filename, source: source, licenseFiles: licenses)
            #expect(sdist.missingLicenseFiles(licenses).isEmpty)
        }
        #expect(ProjectName(validated.metadata.name) == expectedName)
        #expect(validated.metadata.version == expectedVersion)
    }
}

/// The corpus folder and its distributions.
enum Corpus {
    /// The sdist `filename` (`.tar.gz` or `.zip`, named `<name>-<version>`) read from `source`.
    static func sdist(_ filename: String, source: FileArchiveSource, licenseFiles: [String]) throws -> SdistArchive {
        let isZip = filename.hasSuffix(".zip")
        let stem = filename.dropLast(isZip ? ".zip".count : ".tar.gz".count)
        let dash = try #require(stem.lastIndex(of: "-"))
        let (name, version) = (String(stem[..<dash]), String(stem[stem.index(after: dash)...]))
        return isZip
            ? try SdistArchive(zip: source, name: name, version: version, licenseFiles: licenseFiles)
            : try SdistArchive(source: source, name: name, version: version, licenseFiles: licenseFiles)
    }

    static var directory: String? { ProcessInfo.processInfo.environment["CHEESESHOP_TEST_CORPUS"] }

    static var files: [String] {
        guard let directory, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return []
        }
        return names.filter { $0.hasSuffix(".whl") || $0.hasSuffix(".tar.gz") || $0.hasSuffix(".zip") }.sorted()
    }
}
