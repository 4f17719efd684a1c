import Testing

@testable import PythonPackaging

@Suite struct SdistFilenameTests {
    // Expected values from packaging.utils.parse_sdist_filename (packaging 26.2).
    @Test(arguments: [
        ("requests-2.32.0.tar.gz", "requests", "2.32.0", SdistFilename.Format.tarGz),
        ("Django-1.0.zip", "django", "1.0", .zip),
        ("zope.interface-3.8.0.zip", "zope-interface", "3.8.0", .zip),
        ("foo-bar-1.0.post1.tar.gz", "foo-bar", "1.0.post1", .tarGz),
        ("-1.0.tar.gz", "", "1.0", .tarGz),
        ("foo-1.0-1.tar.gz", "foo-1-0", "1", .tarGz),
        ("foo-v1.0.tar.gz", "foo", "1.0", .tarGz),
        ("PyYAML-3.10.tar.gz", "pyyaml", "3.10", .tarGz),
    ])
    func parsesLikePackaging(filename: String, name: String, version: String, format: SdistFilename.Format) throws {
        let sdist = try SdistFilename(parsing: filename)
        #expect(sdist.name.normalized == name)
        #expect(sdist.version.description == version)
        #expect(sdist.format == format)
    }

    @Test(arguments: [
        ("foo.tar.gz", "Invalid sdist filename: 'foo.tar.gz'"),
        ("foo-1.0x.tar.gz", "Invalid sdist filename (invalid version): 'foo-1.0x.tar.gz'"),
        ("foo-1.0.tar.bz2", "Invalid sdist filename (extension must be '.tar.gz' or '.zip'): 'foo-1.0.tar.bz2'"),
        ("foo-1.0.TAR.GZ", "Invalid sdist filename (extension must be '.tar.gz' or '.zip'): 'foo-1.0.TAR.GZ'"),
        ("foo-1.0.tgz", "Invalid sdist filename (extension must be '.tar.gz' or '.zip'): 'foo-1.0.tgz'"),
    ])
    func refusesWithPackagingMessage(filename: String, message: String) {
        #expect(throws: FilenameError(message)) { try SdistFilename(parsing: filename) }
    }

    @Test(arguments: [
        ("Django-1.0.zip", "django-1.0.tar.gz"),
        ("zope.interface-3.8.0.tar.gz", "zope_interface-3.8.0.tar.gz"),
        ("foo-1.0.0.tar.gz", "foo-1.0.0.tar.gz"),
        ("Foo_Bar-1.0-1.tar.gz", "foo_bar_1_0-1.tar.gz"),
        ("foo-1.0-1.zip", "foo_1_0-1.tar.gz"),
    ])
    func pep625FilenameUsesNormalizedNameAndVersion(filename: String, expected: String) throws {
        #expect(try SdistFilename(parsing: filename).pep625Filename == expected)
    }

    @Test func partsAsWrittenSplitAtTheLastDash() {
        #expect(SdistFilename.parts(of: "Foo_Bar-1.0.tar.gz") == ("Foo_Bar", "1.0"))
        #expect(SdistFilename.parts(of: "foo-bar-2.0.ZIP") == ("foo-bar", "2.0"))
        #expect(SdistFilename.parts(of: "nodash.tar.gz") == ("nodash", ""))
    }
}
