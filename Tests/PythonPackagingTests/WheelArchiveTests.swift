import Testing

@testable import PythonPackaging

@Suite struct WheelArchiveTests {
    static let filename = "demo-1.0-py3-none-any.whl"

    @Test func validWheelIsAccepted() throws {
        var wheel = ZipTestWheel()
        wheel.files.append(("demo-1.0.dist-info/licenses/LICENSE", Array("MIT".utf8)))
        wheel.files.append(("demo-1.0.dist-info/entry_points.txt", Array("[console_scripts]\ndemo = demo:main\n".utf8)))
        let archive = try wheel.open()
        #expect(archive.distInfoDirectory == "demo-1.0.dist-info")
        #expect(archive.filename == Self.filename)
        #expect(archive.info.tags == ["py3-none-any"])
        #expect(archive.info.rootIsPurelib)
        #expect(archive.info.generator == "test")
        #expect(archive.info.build == nil)
        #expect(try archive.metadata() == Array("Metadata-Version: 2.4\nName: demo\nVersion: 1.0\n".utf8))
        try archive.validate(licenseFiles: ["LICENSE"])
    }

    @Test func storedWheelWithDirectoriesQuotedPathsAndSignatureIsAccepted() throws {
        var wheel = ZipTestWheel()
        wheel.method = 0
        let data = Array("x = 1\r\n".utf8)
        wheel.recordOverride =
            wheel.recordText()
            + "\"demo/a,\"\"b\"\".py\",sha256=\(ZipTestWheel.digest(data)),\(data.count)\r\n\r\n"
        wheel.files.append(("demo/a,\"b\".py", data))
        wheel.files.append(("demo-1.0.dist-info/RECORD.jws", Array("sig".utf8)))
        var members = wheel.members()
        members.insert(ZipTestMember("demo/", []), at: 0)
        let zip = try ZipArchive(source: InMemoryArchiveSource(ZipTestWriter(members).build()))
        try WheelArchive(archive: zip, filename: Self.filename).validate(licenseFiles: [])
    }

    @Test func otherHashAlgorithmsAreVerified() throws {
        var wheel = ZipTestWheel()
        wheel.files.append(("demo/empty.py", []))
        wheel.recordOverride = wheel.recordText().replacingFirst(
            "demo/empty.py,sha256=\(ZipTestWheel.digest([])),0",
            with: "demo/empty.py,sha384=OLBgp1GsljhM2TJ-sbHjaiH9txEUvgdDTAzHv2P24donTt6_529l-9Ua0vFImLlb,0")
        try wheel.open().validate(licenseFiles: [])
        wheel.recordOverride = wheel.recordText().replacingFirst(
            "demo/empty.py,sha256=\(ZipTestWheel.digest([])),0",
            with:
                "demo/empty.py,sha512=z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg_SpIdNs6c5H0NE8XYXysP-DGNKHfuwvY7kxvUdBeoGlODJ6-SfaPg,"
        )
        try wheel.open().validate(licenseFiles: [])
    }

    static let openingCases: [(String, ZipTestWheel, String)] = {
        var twoDistInfos = ZipTestWheel()
        twoDistInfos.files.append(("evil-1.0.dist-info/WHEEL", Array("Wheel-Version: 1.0\n".utf8)))
        var directoryWheel = ZipTestWheel()
        directoryWheel.files[1] = ("demo-1.0.dist-info/WHEEL/x", [])
        return [
            (
                "demo.whl", ZipTestWheel(),
                "Invalid distribution file. Unable to parse name and version from wheel filename"
            ),
            (
                "other-1.0-py3-none-any.whl", ZipTestWheel(),
                "Invalid distribution file. WHEEL not found at other-1.0.dist-info/WHEEL"
            ),
            (filename, directoryWheel, "Invalid distribution file. WHEEL not found at demo-1.0.dist-info/WHEEL"),
            (
                filename, twoDistInfos,
                "Invalid distribution file. Wheel contains more than one .dist-info directory: demo-1.0.dist-info, evil-1.0.dist-info"
            ),
        ]
    }()

    @Test(arguments: openingCases)
    func wheelsWithoutTheirDistInfoAreRefused(_ filename: String, _ wheel: ZipTestWheel, _ message: String) {
        #expect(throws: WheelError(message)) { try wheel.open(filename) }
    }

    static func without(_ path: String) -> ZipTestWheel {
        var wheel = ZipTestWheel()
        wheel.files.removeAll { $0.0 == path }
        return wheel
    }

    static func record(_ text: String) -> ZipTestWheel {
        var wheel = ZipTestWheel()
        wheel.recordOverride = text
        return wheel
    }

    static func withFile(_ path: String, _ text: String) -> ZipTestWheel {
        var wheel = ZipTestWheel()
        wheel.files.append((path, Array(text.utf8)))
        return wheel
    }

    static let validationCases: [(ZipTestWheel, [String], String)] = {
        let prefix = "Wheel '\(filename)' "
        let mismatch = prefix + "has a RECORD file that does not match its contents: "
        let entryPoints = prefix + "has invalid entry points defined in the entry_points.txt file"
        var unlisted = ZipTestWheel()
        unlisted.recordOverride = unlisted.recordText()
        unlisted.files.append(("demo/evil.pth", Array("import os".utf8)))
        var noRecord = ZipTestWheel()
        noRecord.recordPath = "demo-1.0.dist-info/RECORDS"
        var badHash = ZipTestWheel()
        badHash.recordOverride = badHash.recordText().replacingFirst("sha256=", with: "sha256=A")
        var badSize = ZipTestWheel()
        badSize.recordOverride = badSize.recordText().replacingFirst(",12\n", with: ",13\n")
        var md5 = ZipTestWheel()
        md5.recordOverride = md5.recordText().replacingFirst("sha256=", with: "md5=")
        var duplicate = ZipTestWheel()
        duplicate.extraRecordLines = ["demo/__init__.py,,"]
        var corruptMetadata = ZipTestWheel()
        corruptMetadata.method = 0
        let metadataMissing = without("demo-1.0.dist-info/METADATA")
        return [
            (
                ZipTestWheel(), ["LICENSE"],
                "License-File LICENSE does not exist in distribution file \(filename) at demo-1.0.dist-info/licenses/LICENSE"
            ),
            (noRecord, [], prefix + "does not contain the required RECORD file: demo-1.0.dist-info/RECORD"),
            (unlisted, [], mismatch + "'demo/evil.pth' is not listed"),
            (record("demo/gone.py,,\n"), [], mismatch + "'demo/gone.py' is listed but is not in the wheel"),
            (badHash, [], mismatch + "the sha256 hash of 'demo/__init__.py' does not match"),
            (badSize, [], mismatch + "'demo/__init__.py' is 12 bytes, not 13"),
            (md5, [], mismatch + "'demo/__init__.py' uses the unsupported hash algorithm 'md5'"),
            (duplicate, [], mismatch + "'demo/__init__.py' is listed more than once"),
            (
                record("\"demo/__init__.py,,\n"), [],
                prefix + "has an invalid RECORD file: RECORD line 1 has an unterminated quoted field"
            ),
            (
                record("demo/__init__.py,\"a\"b,\n"), [],
                prefix + "has an invalid RECORD file: RECORD line 1 has a malformed quoted field"
            ),
            (
                record("a,b\"c,\n"), [],
                prefix + "has an invalid RECORD file: RECORD line 1 has a malformed quoted field"
            ),
            (
                record("demo/__init__.py,\n"), [],
                prefix + "has an invalid RECORD file: RECORD line 1 has 2 fields instead of 3"
            ),
            (
                record("demo/__init__.py,abc,\n"), [],
                prefix + "has an invalid RECORD file: RECORD line 1 has a hash without an algorithm"
            ),
            (
                record("demo/__init__.py,,-1\n"), [],
                prefix + "has an invalid RECORD file: RECORD line 1 has an invalid size '-1'"
            ),
            (record("\u{FFFD}"), [], prefix + "has an invalid RECORD file: RECORD line 1 has 1 fields instead of 3"),
            (
                withFile("demo-1.0.dist-info/entry_points.txt", "[console_scripts]\n../../bin/sh = x:y\n"), [],
                entryPoints
            ),
            (withFile("demo-1.0.dist-info/entry_points.txt", "demo = x:y\n"), [], entryPoints),
            (metadataMissing, [], prefix + "does not contain the required METADATA file: demo-1.0.dist-info/METADATA"),
        ]
    }()

    @Test(arguments: validationCases)
    func invalidWheelContentsAreRefused(_ wheel: ZipTestWheel, _ licenseFiles: [String], _ message: String) throws {
        let archive = try wheel.open()
        #expect(throws: WheelError(message)) { try archive.validate(licenseFiles: licenseFiles) }
    }

    @Test func unreadableFilesAreInvalidDistributions() throws {
        var members = ZipTestWheel().members()
        members[2].crc = 1
        let zip = try ZipArchive(source: InMemoryArchiveSource(ZipTestWriter(members).build()))
        let wheel = try WheelArchive(archive: zip, filename: Self.filename)
        let message =
            "Invalid distribution file. File 'demo-1.0.dist-info/METADATA' is corrupt: its CRC-32 does not match"
        #expect(throws: WheelError(message)) { try wheel.metadata() }
        members = ZipTestWheel().members()
        members[0].crc = 1
        let hashed = try ZipArchive(source: InMemoryArchiveSource(ZipTestWriter(members).build()))
        #expect(
            throws: WheelError(
                "Invalid distribution file. File 'demo/__init__.py' is corrupt: its CRC-32 does not match")
        ) {
            try WheelArchive(archive: hashed, filename: Self.filename).validate(licenseFiles: [])
        }
        members = ZipTestWheel().members()
        members[1].data = []
        members[1].declaredSize = WheelArchive.maximumMetadataFileSize + 1
        members[1].method = 8
        let huge = try ZipArchive(source: InMemoryArchiveSource(ZipTestWriter(members).build()))
        #expect(
            throws: WheelError(
                "Invalid distribution file. File 'demo-1.0.dist-info/WHEEL' is too large (33554433 bytes; the limit is 33554432)"
            )
        ) {
            try WheelArchive(archive: huge, filename: Self.filename)
        }
    }

    @Test func nonUTF8RecordIsRefused() throws {
        var wheel = ZipTestWheel()
        wheel.recordOverride = ""
        var members = wheel.members()
        members[3].data = [0xFF]
        let zip = try ZipArchive(source: InMemoryArchiveSource(ZipTestWriter(members).build()))
        #expect(throws: WheelError("Wheel '\(Self.filename)' has an invalid RECORD file: RECORD is not valid UTF-8")) {
            try WheelArchive(archive: zip, filename: Self.filename).validate(licenseFiles: [])
        }
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        replacing(target, with: replacement, maxReplacements: 1)
    }
}
