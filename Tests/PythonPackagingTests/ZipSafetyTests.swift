import Testing

@testable import PythonPackaging

@Suite struct ZipSafetyTests {
    static let unsafeNames: [([UInt8], Int, ArchiveError)] = [
        (Array("../evil.py".utf8), 0, zipRefusal("Parent directory component in filename '../evil.py'")),
        (Array("pkg/../../evil.py".utf8), 0, zipRefusal("Parent directory component in filename 'pkg/../../evil.py'")),
        (Array("/etc/passwd".utf8), 0, zipRefusal("Absolute filename '/etc/passwd'")),
        (Array("a\\..\\b".utf8), 0, zipRefusal("Backslash in filename 'a\\..\\b'")),
        (Array("C:/x.py".utf8), 0, zipRefusal("Drive letter in filename 'C:/x.py'")),
        (Array("c:x.py".utf8), 0, zipRefusal("Drive letter in filename 'c:x.py'")),
        (Array("a//b.py".utf8), 0, zipRefusal("Empty or '.' component in filename 'a//b.py'")),
        (Array("./b.py".utf8), 0, zipRefusal("Empty or '.' component in filename './b.py'")),
        ([], 0, zipRefusal("Empty filename")),
        ([0x61, 0x00, 0x62], 0, zipRefusal("Invalid character in filename")),
        ([0x61, 0x7F], 0, zipRefusal("Invalid character in filename")),
        ([0x61, 0x0A], 0, zipRefusal("Invalid character in filename")),
        ([0x61, 0xFF], 0x0800, zipRefusal("Filename not unicode")),
        ([0xC3, 0xA9], 0, zipRefusal("Filename 'é' is not ASCII and not flagged as UTF-8")),
    ]

    @Test(arguments: unsafeNames)
    func unsafeNamesAreRefused(_ name: [UInt8], _ flags: Int, _ error: ArchiveError) {
        var member = ZipTestMember("x", "data")
        member.name = name
        member.flags = flags
        #expect(throws: error) { try openZip(ZipTestWriter([member])) }
    }

    @Test(arguments: ["1:2.txt", "a/b:c", "pkg/x..y", "pkg/.hidden", "dir/"])
    func unusualButSafeNamesAreAccepted(_ name: String) throws {
        let member = ZipTestMember(name, name.hasSuffix("/") ? "" : "x")
        #expect(try openZip(ZipTestWriter([member])).entries[0].name == name)
    }

    @Test func directoryEntryPointingAtNoLocalHeaderIsRefused() {
        var bytes = ZipTestWriter([ZipTestMember("a.txt", "data")]).build()
        bytes[3] = 0x05  // "PK\u{3}\u{4}" becomes an unknown record
        #expect(throws: zipRefusal("Unknown record signature")) { try openZip(bytes) }
    }

    @Test func bombIsRefusedFromDeclaredSizes() {
        // 2 GiB declared, a few hundred bytes stored: refused before anything is inflated.
        var member = ZipTestMember("bomb.bin", [0], method: 8)
        member.declaredSize = 2 << 30
        #expect(throws: ArchiveError("File exceeds compression ratio of 50")) {
            try openZip(ZipTestWriter([member]))
        }
    }

    @Test func ratioAtTheThresholdIsAccepted() throws {
        // Pad the archive so that the declared size is exactly 50 times the archive size.
        var member = ZipTestMember("big.bin", [0], method: 8)
        member.declaredSize = 1
        var writer = ZipTestWriter([member, ZipTestMember("pad", [])])
        let unpadded = writer.build().count
        let archiveSize = (64 << 20) / 50 + 1
        writer.members[1] = ZipTestMember("pad", [UInt8](repeating: 0, count: archiveSize - unpadded))

        let padding = archiveSize - unpadded
        writer.members[0].declaredSize = archiveSize * 50 - padding
        #expect(writer.build().count == archiveSize)
        #expect(try openZip(writer).totalUncompressedSize == archiveSize * 50)
        writer.members[0].declaredSize = archiveSize * 50 - padding + 1
        #expect(throws: ArchiveError("File exceeds compression ratio of 50")) { try openZip(writer) }
    }

    @Test func dataLongerThanDeclaredStopsAtTheDeclaredSize() throws {
        var member = ZipTestMember("a", [UInt8](repeating: 7, count: 1 << 20), method: 8)
        member.declaredSize = 100
        let zip = try openZip(ZipTestWriter([member]))
        #expect(throws: ArchiveError("File 'a' is corrupt: The decompressed data exceeds the limit of 100 bytes.")) {
            try zip.read(zip.entries[0], limit: 1000)
        }
    }

    @Test func memberReadErrorsNameTheMember() throws {
        var short = ZipTestMember("short", "abc", method: 8)
        short.declaredSize = 10
        var crc = ZipTestMember("crc", "abc")
        crc.crc = 1
        var trailing = ZipTestMember("trailing", "abc", method: 8)
        trailing.compressed = ZipTestWriter.deflateStored(Array("abc".utf8)) + [0, 0]
        var corrupt = ZipTestMember("corrupt", "abc", method: 8)
        corrupt.compressed = [0xFF, 0xFF, 0xFF]
        let archive = try openZip(ZipTestWriter([short, crc, trailing, corrupt]))
        let expected = [
            "File 'short' is corrupt: it is shorter than its declared size",
            "File 'crc' is corrupt: its CRC-32 does not match",
            "File 'trailing' is corrupt: data follows its compressed stream",
            "File 'corrupt' is corrupt: The compressed data is corrupt.",
        ]
        for (entry, message) in zip(archive.entries, expected) {
            #expect(throws: ArchiveError(message)) { try archive.read(entry, limit: 100) }
        }
        #expect(throws: ArchiveError("File 'short' is too large (10 bytes; the limit is 5)")) {
            try archive.read(archive.entries[0], limit: 5)
        }
    }

    @Test func truncatedArchivesAreRefusedAtEveryCut() {
        let bytes = ZipTestWheel().bytes()
        for cut in 0..<bytes.count {
            #expect(throws: ArchiveError.self) { try openZip(Array(bytes[0..<cut])) }
        }
    }

    @Test func randomBytesAreRefused() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 10, 22, 100, 5000, 70_000] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(throws: ArchiveError.self) { try openZip(bytes) }
        }
        #expect(throws: ArchiveError("File is not a zipfile")) { try openZip([UInt8](repeating: 0, count: 100)) }
    }

    @Test func zipTarPolyglotIsRefused() throws {
        // A long first name puts bytes 148-155 of the archive inside it; fill them with a tar checksum.
        let nameLength = 600
        var name = [UInt8](repeating: UInt8(ascii: "a"), count: nameLength)
        for index in 118..<126 { name[index] = UInt8(ascii: " ") }
        var member = ZipTestMember("x", "data")
        member.name = name
        let first = Array(ZipTestWriter([member]).build()[0..<512])
        let sum = first.enumerated().reduce(0) { $0 + ((148..<156).contains($1.offset) ? 0x20 : Int($1.element)) }
        let octal = String(sum, radix: 8)
        name.replaceSubrange(
            118..<126, with: Array((String(repeating: "0", count: 7 - octal.count) + octal + " ").utf8))
        member.name = name
        #expect(throws: ArchiveError("File is both a zip and a tar file")) { try openZip(ZipTestWriter([member])) }
        name[118] = UInt8(ascii: "9")
        member.name = name
        #expect(try openZip(ZipTestWriter([member])).entries.count == 1)
    }

    @Test func tooManyEntriesAreRefused() {
        var writer = ZipTestWriter([])
        writer.zip64EndRecord = true
        writer.entryCountAdjustment = 100_001
        #expect(throws: zipRefusal("Too many files (100001; the limit is 100000)")) { try openZip(writer) }
    }

    static func zip64Writer() -> ZipTestWriter {
        var writer = ZipTestWriter([ZipTestMember("a.txt", "zip64").zip64ed()])
        writer.zip64EndRecord = true
        return writer
    }

    @Test func zip64EndRecordsAreChecked() {
        var writer = Self.zip64Writer()
        writer.zip64ExtensibleData = [1, 2, 3, 4]
        #expect(throws: zipRefusal("ZIP64 extensible data not allowed")) { try openZip(writer) }
        writer = Self.zip64Writer()
        writer.locatorDisks = 2
        #expect(throws: zipRefusal("Archives that span multiple disks are not supported")) { try openZip(writer) }
        writer = Self.zip64Writer()
        writer.eocdDisk = 1
        #expect(throws: zipRefusal("Archives that span multiple disks are not supported")) { try openZip(writer) }

        let bytes = Self.zip64Writer().build()
        let locator = bytes.count - 42
        // Bytes between the ZIP64 EOCD and its locator.
        var gap = bytes
        gap.insert(contentsOf: [0, 0, 0, 0], at: locator)
        #expect(throws: zipRefusal("Malformed zip file")) { try openZip(gap) }
        // A locator pointing one byte early, and one pointing past itself.
        for offset in [bytes.count - 99, bytes.count - 10] {
            var moved = bytes
            moved.replaceSubrange((locator + 8)..<(locator + 16), with: ZipTestWriter.u64(offset))
            #expect(throws: zipRefusal("Malformed zip file")) { try openZip(moved) }
        }
        // A classic EOCD value that is neither the ZIP64 value nor the sentinel.
        var narrow = bytes
        narrow[bytes.count - 12] = 5
        #expect(throws: zipRefusal("Malformed zip file")) { try openZip(narrow) }
    }
}
