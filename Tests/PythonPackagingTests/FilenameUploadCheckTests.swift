import Testing

@testable import PythonPackaging

@Suite struct FilenameUploadCheckTests {
    // Expected messages from Warehouse's forklift/legacy.py checks, run under CPython with
    // packaging 26.2 (nil: accepted).
    @Test(
        arguments: [
            ("foo-1.0.tar.gz", .sdist, nil),
            ("foo-1.0.zip", .sdist, nil),
            ("foo-1.0-py3-none-any.whl", .bdistWheel, nil),
            (
                "foo-1.0.tar.gz", .bdistWheel,
                "Invalid file extension: Extension .tar.gz is invalid for filetype bdist_wheel. See https://www.python.org/dev/peps/pep-0527 for more information."
            ),
            (
                "foo-1.0-py3-none-any.whl", .sdist,
                "Invalid file extension: Extension .whl is invalid for filetype sdist. See https://www.python.org/dev/peps/pep-0527 for more information."
            ),
            (
                "foo-1.0.ZIP", .sdist,
                "Invalid file extension: Extension .ZIP is invalid for filetype sdist. See https://www.python.org/dev/peps/pep-0527 for more information."
            ),
            (
                "foo-1.0.Tar.Gz", .sdist,
                "Invalid file extension: Extension .Tar.Gz is invalid for filetype sdist. See https://www.python.org/dev/peps/pep-0527 for more information."
            ),
            (
                "foo-1.0.z\u{130}p", .sdist,
                "Invalid file extension: Extension .z\u{130}p is invalid for filetype sdist. See https://www.python.org/dev/peps/pep-0527 for more information."
            ),
            (
                "foo-1.0.z\u{131}p", .sdist,
                "Invalid file extension: Extension .z\u{131}p is invalid for filetype sdist. See https://www.python.org/dev/peps/pep-0527 for more information."
            ),
            (
                "foo-1.0.tar.bz2", .sdist,
                "Invalid file extension: Use .tar.gz, .whl or .zip extension. See https://www.python.org/dev/peps/pep-0527 and https://peps.python.org/pep-0715/ for more information"
            ),
            (
                "foo-1.0.egg", .bdistWheel,
                "Invalid file extension: Use .tar.gz, .whl or .zip extension. See https://www.python.org/dev/peps/pep-0527 and https://peps.python.org/pep-0715/ for more information"
            ),
            (
                ".whl", .bdistWheel,
                "Invalid file extension: Use .tar.gz, .whl or .zip extension. See https://www.python.org/dev/peps/pep-0527 and https://peps.python.org/pep-0715/ for more information"
            ),
            (
                "foo.tgz", .sdist,
                "Invalid file extension: Use .tar.gz, .whl or .zip extension. See https://www.python.org/dev/peps/pep-0527 and https://peps.python.org/pep-0715/ for more information"
            ),
            (
                "foo\u{0}.tar.gz", .sdist,
                "Cannot upload a file with non-printable characters (ordinals 0-31) or the DEL character (ordinal 127) in the name."
            ),
            (
                "foo\u{7F}.whl", .bdistWheel,
                "Cannot upload a file with non-printable characters (ordinals 0-31) or the DEL character (ordinal 127) in the name."
            ),
            (
                "foo\u{A}.tar.gz", .sdist,
                "Cannot upload a file with non-printable characters (ordinals 0-31) or the DEL character (ordinal 127) in the name."
            ),
            ("../foo-1.0.tar.gz", .sdist, "Cannot upload a file with '/' or '\\' in the name."),
            ("foo\\bar.zip", .sdist, "Cannot upload a file with '/' or '\\' in the name."),
            (
                "foo-1.0.tar.gz\u{200B}", .sdist,
                "Invalid file extension: Use .tar.gz, .whl or .zip extension. See https://www.python.org/dev/peps/pep-0527 and https://peps.python.org/pep-0715/ for more information"
            ),
            (
                "x.w\u{131}l", .bdistWheel,
                "Invalid file extension: Use .tar.gz, .whl or .zip extension. See https://www.python.org/dev/peps/pep-0527 and https://peps.python.org/pep-0715/ for more information"
            ),
            (
                "foo-1.0.exe", .bdistWheel,
                "Invalid file extension: Use .tar.gz, .whl or .zip extension. See https://www.python.org/dev/peps/pep-0527 and https://peps.python.org/pep-0715/ for more information"
            ),
        ] as [(String, UploadFiletype, String?)])
    func validateMatchesWarehouse(filename: String, filetype: UploadFiletype, message: String?) {
        if let message {
            #expect(throws: FilenameError(message)) {
                try UploadFilenameCheck.validate(filename: filename, filetype: filetype)
            }
        } else {
            #expect(throws: Never.self) { try UploadFilenameCheck.validate(filename: filename, filetype: filetype) }
        }
    }

    @Test(
        arguments: [
            ("foo-1.0.tar.gz", "foo", "foo", "1.0", nil),
            (
                "Foo-1.0.tar.gz", "Foo", "Foo", "1.0",
                "Filename 'Foo-1.0.tar.gz' is invalid, should be 'foo-1.0.tar.gz'."
            ),
            ("foo_bar-1.0.tar.gz", "Foo.Bar", "Foo.Bar", "1.0", nil),
            (
                "foo-bar-1.0.tar.gz", "foo-bar", "foo-bar", "1.0",
                "Filename 'foo-bar-1.0.tar.gz' is invalid, should be 'foo_bar-1.0.tar.gz'."
            ),
            ("foo-1.0.zip", "foo", "foo", "1.0", "Filename 'foo-1.0.zip' is invalid, should be 'foo-1.0.tar.gz'."),
            (
                "foo-1.0.0.tar.gz", "foo", "foo", "1.0",
                "Filename 'foo-1.0.0.tar.gz' is invalid, should be 'foo-1.0.tar.gz'."
            ),
            ("foo-1.0.tar.bz2", "foo", "foo", "1.0", "Invalid source distribution filename: foo-1.0.tar.bz2"),
            ("foo.tar.gz", "foo", "foo", "1.0", "Invalid source distribution filename: foo.tar.gz"),
            ("bar-1.0.tar.gz", "foo", "foo", "1.0", "Start filename for 'foo' with 'foo'."),
            (
                "foo-1.0-1.tar.gz", "foo", "foo", "1.0.post1",
                "Filename 'foo-1.0-1.tar.gz' is invalid, should be 'foo-1.0.post1.tar.gz'."
            ),
            ("foo-1.0.post1.tar.gz", "foo", "foo", "1.0-1", nil),
            (
                "foo-bar-1.0-1.tar.gz", "foo-bar", "foo-bar", "1.0.post1",
                "Filename 'foo-bar-1.0-1.tar.gz' is invalid, should be 'foo_bar-1.0.post1.tar.gz'."
            ),
            ("foo-1.0-x.tar.gz", "foo", "foo", "1.0.post1", "Invalid source distribution filename: foo-1.0-x.tar.gz"),
            (
                "foo-1.0-1.zip", "foo", "foo", "1.0.post1",
                "Filename 'foo-1.0-1.zip' is invalid, should be 'foo-1.0.post1.tar.gz'."
            ),
            ("foo-1.0x.tar.gz", "foo", "foo", "1.0", "Invalid source distribution filename: foo-1.0x.tar.gz"),
            (
                "foo-1.0-1.tar.gz", "foo", "bar", "1.0.post1",
                "Filename 'foo-1.0-1.tar.gz' is invalid, should be 'foo-1.0.post1.tar.gz'."
            ),
            (
                "foo-1.0.tar.gz", "foo", "foo", "1.0+local",
                "Filename 'foo-1.0.tar.gz' is invalid, should be 'foo-1.0+local.tar.gz'."
            ),
            ("foo-1.0+local.tar.gz", "foo", "foo", "1.0+local", nil),
        ] as [(String, String, String, String, String?)])
    func sdistChecksMatchWarehouse(
        filename: String, project: String, metadataName: String, metadataVersion: String, message: String?
    ) throws {
        let version = try Version(parsing: metadataVersion)
        let check = { () throws(FilenameError) in
            try UploadFilenameCheck.validateSdist(
                filename: filename, project: ProjectName(project), metadataName: metadataName, metadataVersion: version)
        }
        if let message {
            #expect(throws: FilenameError(message)) { try check() }
        } else {
            #expect(throws: Never.self) { try check() }
        }
    }

    @Test(
        arguments: [
            ("foo-1.0-py3-none-any.whl", "foo", "foo", "1.0", nil),
            ("foo_bar-1.0-py3-none-any.whl", "Foo.Bar", "foo.bar", "1.0", nil),
            ("Foo_Bar-1.0-py3-none-any.whl", "Foo.Bar", "Foo.Bar", "1.0", nil),
            ("foo.bar-1.0-py3-none-any.whl", "Foo.Bar", "Foo.Bar", "1.0", nil),
            (
                "foo-1.0-py3-none-linux_x86_64.whl", "foo", "foo", "1.0",
                "Binary wheel 'foo-1.0-py3-none-linux_x86_64.whl' has an unsupported platform tag 'linux_x86_64'."
            ),
            ("foo-1.0-py3-none-any.whl", "foo", "bar", "1.0", "Start filename for 'foo' with 'bar'."),
            ("foo-1.0-py3-none-any.whl", "foo", "foo", "1.0.0", nil),
            ("foo-1.0-py3-none-any.whl", "foo", "foo", "2.0", "Version in filename should be '2.0' not '1.0'."),
            (
                "foo-1.0-py3-none-any.whl", "foo", "foo", "1.0.post0",
                "Version in filename should be '1.0.post0' not '1.0'."
            ),
            ("foo-1.0.whl", "foo", "foo", "1.0", "Invalid wheel filename (wrong number of parts): 'foo-1.0'"),
            ("foo-1.0-1-cp312-cp312-manylinux_2_17_x86_64.whl", "foo", "foo", "1.0", nil),
            ("foo-1.0-py3-none-any.whl", "it's", "it's", "1.0", "Start filename for \"it's\" with \"it's\"."),
        ] as [(String, String, String, String, String?)])
    func wheelChecksMatchWarehouse(
        filename: String, project: String, metadataName: String, metadataVersion: String, message: String?
    ) throws {
        let version = try Version(parsing: metadataVersion)
        let check = { () throws(FilenameError) in
            try UploadFilenameCheck.validateWheel(
                filename: filename, project: ProjectName(project), metadataName: metadataName, metadataVersion: version)
        }
        if let message {
            #expect(throws: FilenameError(message)) { try check() }
        } else {
            #expect(throws: Never.self) { try check() }
        }
    }

    @Test(
        arguments: [
            ("foo_bar-1.0-py3-none-any.whl", nil),
            (
                "Foo_Bar-1.0-py3-none-any.whl",
                "Filename 'Foo_Bar-1.0-py3-none-any.whl' should contain the normalized project name 'foo_bar', not 'Foo_Bar'."
            ),
            (
                "foo.bar-1.0-py3-none-any.whl",
                "Filename 'foo.bar-1.0-py3-none-any.whl' should contain the normalized project name 'foo_bar', not 'foo.bar'."
            ),
        ] as [(String, String?)])
    func wheelNamesNotNormalizedGetWarehousesMessageAsAWarning(filename: String, warning: String?) {
        #expect(UploadFilenameCheck.wheelNameWarning(filename: filename, project: ProjectName("Foo.Bar")) == warning)
    }

    @Test func filetypesKnowTheirExtensions() {
        #expect(UploadFiletype(rawValue: "bdist_wheel") == .bdistWheel)
        #expect(UploadFiletype(rawValue: "bdist_egg") == nil)
        #expect(UploadFiletype.allCases.flatMap(\.extensions).sorted() == [".tar.gz", ".whl", ".zip"])
        #expect(FilenameError("x").description == "x")
    }
}
