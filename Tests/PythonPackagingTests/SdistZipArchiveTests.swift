import Testing

@testable import PythonPackaging

@Suite struct SdistZipArchiveTests {
    static let pkgInfo = "Metadata-Version: 1.0\nName: Demo\nVersion: 1.0\n"

    func open(_ members: [ZipTestMember], licenseFiles: [String] = [], pkgInfoLimit: Int = 1 << 20)
        throws(ArchiveError) -> SdistArchive
    {
        try SdistArchive(
            zip: InMemoryArchiveSource(ZipTestWriter(members).build()), name: "Demo", version: "1.0",
            licenseFiles: licenseFiles, pkgInfoLimit: pkgInfoLimit)
    }

    @Test func validZipSdistGivesPkgInfoAndLicenseFiles() throws {
        let sdist = try open(
            [
                ZipTestMember("Demo-1.0/"), ZipTestMember("Demo-1.0/PKG-INFO", Self.pkgInfo),
                ZipTestMember("Demo-1.0/LICENSE", "MIT"), ZipTestMember("Demo-1.0/docs/"),
            ], licenseFiles: ["LICENSE", "COPYING", "docs"])
        #expect(sdist.pkgInfo == Array(Self.pkgInfo.utf8))
        #expect(sdist.topLevelDirectory == "Demo-1.0")
        #expect(sdist.memberCount == 4)
        #expect(sdist.missingLicenseFiles(["LICENSE", "COPYING", "docs"]) == ["COPYING", "docs"])
    }

    @Test(arguments: [
        (
            [ZipTestMember("Demo-1.0/PKG-INFO", pkgInfo), ZipTestMember("other/x", "")],
            "Incorrect number of top-level directories in sdist"
        ),
        (
            [ZipTestMember("demo-2.0/PKG-INFO", pkgInfo)],
            "The top-level directory of the sdist is 'demo-2.0'; it must be 'Demo-1.0'."
        ),
        (
            [ZipTestMember("Demo-1.0", "not a directory")],
            "The top-level member 'Demo-1.0' of the sdist is not a directory."
        ),
        ([ZipTestMember("Demo-1.0/setup.py", "")], "PKG-INFO not found at Demo-1.0/PKG-INFO"),
        ([ZipTestMember("Demo-1.0/PKG-INFO/")], "PKG-INFO not found at Demo-1.0/PKG-INFO"),
        ([], "Incorrect number of top-level directories in sdist"),
    ])
    func badLayoutsAreRefused(members: [ZipTestMember], reason: String) {
        #expect(throws: ArchiveError(reason)) { try open(members) }
    }

    @Test func oversizedPkgInfoIsRefused() {
        #expect(throws: ArchiveError.self) {
            try open([ZipTestMember("Demo-1.0/PKG-INFO", Self.pkgInfo)], pkgInfoLimit: 10)
        }
    }

    @Test func notAZipIsRefused() {
        #expect(throws: ArchiveError.self) {
            try SdistArchive(zip: InMemoryArchiveSource(Array("plain text".utf8)), name: "Demo", version: "1.0")
        }
    }
}
