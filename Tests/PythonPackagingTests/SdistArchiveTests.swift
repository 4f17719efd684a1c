import Testing

@testable import PythonPackaging

@Suite struct SdistArchiveTests {
    typealias Support = TarTestSupport
    static let pkgInfo = "Metadata-Version: 2.4\nName: demo\nVersion: 1.0\n"

    static func inspect(
        _ gzip: [UInt8], licenseFiles: [String] = [], pkgInfoLimit: Int = 10 << 20
    ) throws(ArchiveError) -> SdistArchive {
        try SdistArchive(
            source: InMemoryArchiveSource(gzip), name: "demo", version: "1.0", licenseFiles: licenseFiles,
            pkgInfoLimit: pkgInfoLimit
        )
    }

    static func refusal(_ gzip: [UInt8], pkgInfoLimit: Int = 10 << 20) -> String? {
        do {
            _ = try inspect(gzip, pkgInfoLimit: pkgInfoLimit)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func aValidSdistYieldsItsPkgInfoAndLicenseFiles() throws {
        var writer = Support.sdist(files: [("PKG-INFO", Self.pkgInfo), ("LICENSE", "MIT"), ("licenses/NOTICE", "n")])
        writer.directory("demo-1.0/licenses")
        writer.end()
        let sdist = try Self.inspect(
            writer.gzip(), licenseFiles: ["LICENSE", "licenses/NOTICE", "COPYING", "licenses"])
        #expect(sdist.topLevelDirectory == "demo-1.0")
        #expect(sdist.pkgInfo == Array(Self.pkgInfo.utf8))
        #expect(sdist.memberCount == 5)
        #expect(sdist.licenseFiles == ["LICENSE": true, "licenses/NOTICE": true, "COPYING": false, "licenses": false])
        #expect(sdist.missingLicenseFiles(["COPYING", "LICENSE", "licenses"]) == ["COPYING", "licenses"])
    }

    @Test func membersWithoutADirectoryEntryAreAccepted() throws {
        var writer = TarTestWriter()
        writer.file("demo-1.0/PKG-INFO", Array(Self.pkgInfo.utf8))
        writer.end()
        #expect(try Self.inspect(writer.gzip()).memberCount == 1)
    }

    static let refusals: [(String, [UInt8], String)] = {
        func archive(_ build: (inout TarTestWriter) -> Void) -> [UInt8] {
            var writer = TarTestWriter()
            build(&writer)
            writer.end()
            return writer.gzip()
        }
        let pkgInfo = Array(SdistArchiveTests.pkgInfo.utf8)
        return [
            ("empty", archive { _ in }, "Incorrect number of top-level directories in sdist"),
            (
                "two top-level directories",
                archive {
                    $0.file("demo-1.0/PKG-INFO", pkgInfo)
                    $0.file("other-1.0/PKG-INFO", pkgInfo)
                },
                "Incorrect number of top-level directories in sdist"
            ),
            (
                "a file at the top",
                archive {
                    $0.file("demo-1.0/PKG-INFO", pkgInfo)
                    $0.file("setup.py")
                },
                "Incorrect number of top-level directories in sdist"
            ),
            (
                "wrong top-level name", archive { $0.file("Demo-1.0/PKG-INFO", pkgInfo) },
                "The top-level directory of the sdist is 'Demo-1.0'; it must be 'demo-1.0'."
            ),
            (
                "top-level file", archive { $0.file("demo-1.0", pkgInfo) },
                "The top-level member 'demo-1.0' of the sdist is not a directory."
            ),
            (
                "no PKG-INFO",
                archive {
                    $0.directory("demo-1.0/")
                    $0.file("demo-1.0/setup.py")
                },
                "PKG-INFO not found at demo-1.0/PKG-INFO"
            ),
            (
                "nested PKG-INFO only", archive { $0.file("demo-1.0/src/PKG-INFO", pkgInfo) },
                "PKG-INFO not found at demo-1.0/PKG-INFO"
            ),
            (
                "PKG-INFO directory", archive { $0.directory("demo-1.0/PKG-INFO") },
                "PKG-INFO not found at demo-1.0/PKG-INFO"
            ),
            (
                "two PKG-INFO",
                archive {
                    $0.file("demo-1.0/PKG-INFO", pkgInfo)
                    $0.file("demo-1.0/PKG-INFO", pkgInfo)
                },
                "The sdist has more than one demo-1.0/PKG-INFO."
            ),
            (
                "symlink",
                archive {
                    $0.directory("demo-1.0/")
                    $0.header(name: Array("demo-1.0/PKG-INFO".utf8), type: UInt8(ascii: "2"))
                },
                "Member 'demo-1.0/PKG-INFO' is a symbolic link; only files and directories are allowed."
            ),
            (
                "not gzip",
                {
                    var writer = TarTestWriter()
                    writer.file("demo-1.0/PKG-INFO", pkgInfo)
                    writer.end()
                    return writer.bytes
                }(),
                "File is not a tarfile"
            ),
            ("one byte", [0x1f], "File is not a tarfile"),
        ]
    }()

    @Test(arguments: refusals)
    func invalidSdistsAreRefused(label: String, gzip: [UInt8], reason: String) {
        #expect(Self.refusal(gzip) == reason, "\(label)")
    }

    @Test func oversizedPkgInfoIsRefused() {
        var writer = Support.sdist(files: [("PKG-INFO", Self.pkgInfo)])
        writer.end()
        #expect(Self.refusal(writer.gzip(), pkgInfoLimit: 10) == "A member is larger than the limit of 10 bytes.")
    }
}
