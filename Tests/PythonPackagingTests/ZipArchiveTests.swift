import Testing

@testable import PythonPackaging

func zipRefusal(_ detail: String) -> ArchiveError {
    ArchiveError("ZIP archive not accepted: \(detail). See https://docs.pypi.org/archives for more information")
}

func openZip(_ bytes: [UInt8]) throws(ArchiveError) -> ZipArchive {
    try ZipArchive(source: InMemoryArchiveSource(bytes))
}

func openZip(_ writer: ZipTestWriter) throws(ArchiveError) -> ZipArchive {
    try openZip(writer.build())
}

@Suite struct ZipArchiveTests {
    @Test func validArchiveListsAndReadsMembers() throws {
        let text = Array(String(repeating: "hello zip ", count: 20_000).utf8)
        let zip = try openZip(
            ZipTestWriter([
                ZipTestMember("pkg/", []), ZipTestMember("pkg/a.txt", text),
                ZipTestMember("pkg/b.txt", text, method: 8),
                ZipTestMember("pkg/é.txt", [1, 2, 3]).flagged(0x0800),
            ]))
        #expect(zip.entries.map(\.name) == ["pkg/", "pkg/a.txt", "pkg/b.txt", "pkg/é.txt"])
        #expect(zip.entries.map(\.isDirectory) == [true, false, false, false])
        #expect(zip.totalUncompressedSize == 2 * text.count + 3)
        let deflated = try #require(zip.entry(named: "pkg/b.txt"))
        #expect(deflated.method == .deflated)
        #expect(try zip.read(deflated, limit: 1 << 20) == text)
        #expect(try zip.read(try #require(zip.entry(named: "pkg/a.txt")), limit: 1 << 20) == text)
        #expect(zip.entry(named: "missing") == nil)
        let reader = zip.reader(for: deflated)
        #expect(reader.entry == deflated)
        while try reader.next() != nil {}
        #expect(try reader.next() == nil)
    }

    @Test func realDeflateDataIsInflated() throws {
        // zlib.compressobj(9, zlib.DEFLATED, -15) of 10,000 'a' bytes.
        let compressed: [UInt8] = [
            0xed, 0xc1, 0x01, 0x0d, 0x00, 0x00, 0x00, 0xc2, 0xa0, 0xac, 0xef, 0x5f, 0xc2, 0x1c,
            0x6e, 0x40, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0xbf, 0x01,
        ]
        var member = ZipTestMember("a", Array(repeating: UInt8(ascii: "a"), count: 10_000), method: 8)
        member.compressed = compressed
        let zip = try openZip(ZipTestWriter([member]))
        #expect(try zip.read(zip.entries[0], limit: 10_000).count == 10_000)
    }

    @Test func emptyArchiveIsValid() throws {
        #expect(try openZip(ZipTestWriter([])).entries.isEmpty)
    }

    @Test func zip64RecordsAreRead() throws {
        var writer = ZipTestWriter([
            ZipTestMember("a.txt", "zip64").zip64ed(), ZipTestMember("b.txt", "plain", method: 8),
        ])
        writer.zip64EndRecord = true
        let zip = try openZip(writer)
        #expect(try zip.read(zip.entries[0], limit: 100) == Array("zip64".utf8))
        #expect(try zip.read(zip.entries[1], limit: 100) == Array("plain".utf8))
    }

    static let framingCases: [(String, ZipTestWriter, ArchiveError)] = {
        let a = ZipTestMember("a.py", "print(1)\n")
        func with(_ change: (inout ZipTestMember) -> Void) -> ZipTestWriter {
            var member = a
            change(&member)
            return ZipTestWriter([member])
        }
        func writer(_ change: (inout ZipTestWriter) -> Void) -> ZipTestWriter {
            var writer = ZipTestWriter([a, ZipTestMember("b.py", "b", method: 8)])
            change(&writer)
            return writer
        }
        var hidden = a
        hidden.inDirectory = false
        var hiddenOther = hidden
        hiddenOther.name = Array("z.py".utf8)
        return [
            (
                "duplicate in central directory", ZipTestWriter([a, a]),
                zipRefusal("Duplicate filename in central directory")
            ),
            ("duplicate local header", ZipTestWriter([hidden, a]), zipRefusal("Duplicate filename in local headers")),
            (
                "local header not in directory", ZipTestWriter([hiddenOther, a]),
                zipRefusal("Filename not in central directory")
            ),
            (
                "local name differs", with { $0.localName = Array("b.py".utf8) },
                zipRefusal("Filename not in central directory")
            ),
            ("local compressed size", with { $0.localCompressedSize = 3 }, zipRefusal("Mis-matched data size")),
            ("local file size", with { $0.localUncompressedSize = 3 }, zipRefusal("Mis-matched file size")),
            ("local flags", with { $0.localFlags = 0x0002 }, zipRefusal("Mis-matched flags for 'a.py'")),
            ("local method", with { $0.localMethod = 8 }, zipRefusal("Mis-matched compression method for 'a.py'")),
            ("local CRC", with { $0.localCRC = 7 }, zipRefusal("Mis-matched CRC-32 for 'a.py'")),
            ("local data descriptor", with { $0.localFlags = 0x0008 }, zipRefusal("ZIP contains a data descriptor")),
            ("data descriptor", with { $0.flags = 0x0008 }, zipRefusal("ZIP contains a data descriptor")),
            (
                "local unprintable name", with { $0.localName = [0x61, 0x07] },
                zipRefusal("Invalid character in filename")
            ),
            ("encrypted", with { $0.flags = 0x0001 }, zipRefusal("Encrypted files are not supported")),
            ("bzip2", with { $0.method = 12 }, ArchiveError.unsupportedCompression),
            ("lzma", with { $0.method = 14 }, ArchiveError.unsupportedCompression),
            ("directory comment", with { $0.comment = Array("hi".utf8) }, zipRefusal("Comment in central directory")),
            ("trailing bytes", writer { $0.trailing = [0, 1, 2] }, zipRefusal("Trailing data")),
            (
                "archive comment", writer { $0.archiveComment = Array("comment".utf8) },
                zipRefusal("Archive comment not allowed")
            ),
            (
                "second EOCD", writer { $0.trailing = ZipTestWriter([]).build() },
                zipRefusal("Mismatched central directory size")
            ),
            ("prefix", writer { $0.prefix = Array("#!/bin/sh\n".utf8) }, zipRefusal("Unknown record signature")),
            (
                "data before directory", writer { $0.gapBeforeDirectory = [1, 2, 3, 4] },
                zipRefusal("Unknown record signature")
            ),
            ("hidden short gap", writer { $0.gapBeforeDirectory = [1] }, zipRefusal("Unknown record signature")),
            (
                "EOCD disk", writer { $0.eocdDisk = 1 },
                zipRefusal("Archives that span multiple disks are not supported")
            ),
            ("entry disk", with { $0.disk = 1 }, zipRefusal("Archives that span multiple disks are not supported")),
            ("entries on disk", writer { $0.entriesOnDiskAdjustment = 1 }, zipRefusal("Malformed zip file")),
            ("entry count", writer { $0.entryCountAdjustment = 1 }, zipRefusal("Mismatched central directory records")),
            (
                "entry count low", writer { $0.entryCountAdjustment = -1 },
                zipRefusal("Mismatched central directory records")
            ),
            (
                "directory offset", writer { $0.directoryOffsetAdjustment = 1 },
                zipRefusal("Mismatched central directory size")
            ),
            (
                "directory offset far", writer { $0.directoryOffsetAdjustment = 100_000 },
                zipRefusal("Mismatched central directory offset")
            ),
            (
                "directory too large", writer { $0.directorySizeAdjustment = 64 << 20 },
                zipRefusal("Central directory too large (\(64 << 20 + 100) bytes)")
            ),
            (
                "stored sizes", with { $0.compressed = [1, 2] },
                zipRefusal("Stored file 'a.py' has different compressed and uncompressed sizes")
            ),
            ("directory with data", ZipTestWriter([ZipTestMember("d/", "x")]), zipRefusal("Directory 'd/' has data")),
            (
                "file and directory",
                ZipTestWriter([ZipTestMember("a", "x"), ZipTestMember("a-b", "y"), ZipTestMember("a/b", "z")]),
                zipRefusal("'a' is both a file and a directory")
            ),
            (
                "file and directory entry", ZipTestWriter([ZipTestMember("a/", []), ZipTestMember("a", "x")]),
                zipRefusal("'a' is both a file and a directory")
            ),
            (
                "duplicate zip64 extra", with { $0.centralExtra = [1, 0, 0, 0, 1, 0, 0, 0] },
                zipRefusal("Invalid duplicate extra in central directory")
            ),
            (
                "duplicate local extra",
                with { $0.localExtra = [0x75, 0x70, 5, 0, 1, 0, 0, 0, 0, 0x75, 0x70, 5, 0, 1, 0, 0, 0, 0] },
                zipRefusal("Invalid duplicate extra in local file")
            ),
            ("short extra", with { $0.centralExtra = [1, 0, 0] }, zipRefusal("Malformed zip file")),
            ("overlong extra", with { $0.centralExtra = [9, 9, 10, 0, 1] }, zipRefusal("Malformed zip file")),
            ("short unicode path", with { $0.centralExtra = [0x75, 0x70, 1, 0, 1] }, zipRefusal("Malformed zip file")),
            (
                "unicode path differs",
                with { $0.centralExtra = [0x75, 0x70, 6, 0, 1, 0, 0, 0, 0, UInt8(ascii: "b")] },
                zipRefusal("Unicode path extra does not match the filename")
            ),
            ("missing zip64 value", with { $0.headerOffset = 0xFFFF_FFFF }, zipRefusal("Malformed zip file")),
            ("local header moved", with { $0.headerOffset = 5 }, zipRefusal("Duplicate filename in local headers")),
        ]
    }()

    @Test(arguments: framingCases)
    func malformedFramingIsRefused(_ name: String, _ writer: ZipTestWriter, _ error: ArchiveError) {
        #expect(throws: error, "\(name)") { try openZip(writer) }
    }

    @Test func unicodePathEqualToNameIsAccepted() throws {
        var member = ZipTestMember("a.py", "x")
        member.centralExtra = [0x75, 0x70, 9, 0, 1, 0, 0, 0, 0] + Array("a.py".utf8)
        member.localExtra = member.centralExtra + [0xCA, 0xFE, 0, 0]
        #expect(try openZip(ZipTestWriter([member])).entries.count == 1)
    }

    @Test func patchedRecordFieldsAreRefused() throws {
        let bytes = ZipTestWriter([ZipTestMember("a.py", "print(1)\n")]).build()
        let central = try #require((0..<bytes.count).first { bytes[$0...].starts(with: [0x50, 0x4B, 1, 2]) })
        var signature = bytes
        signature[central + 2] = 9
        #expect(throws: zipRefusal("Unknown record signature")) { try openZip(signature) }
        var centralName = bytes
        centralName[central + 29] = 0xFF
        #expect(throws: zipRefusal("Mismatched central directory records")) { try openZip(centralName) }
        var localExtra = bytes
        localExtra[29] = 0xFF
        #expect(throws: zipRefusal("Malformed zip file")) { try openZip(localExtra) }
    }

    @Test func overlappingRecordsAreRefused() {
        var second = ZipTestMember("b.py", "print(1)\n")
        second.headerOffset = 0
        #expect(throws: ArchiveError.self) {
            try openZip(ZipTestWriter([ZipTestMember("a.py", "print(1)\n"), second]))
        }
        var third = ZipTestMember("c.py", "x")
        third.headerOffset = 1
        #expect(throws: zipRefusal("Overlapping files")) {
            try openZip(ZipTestWriter([ZipTestMember("a.py", "print(1)\n"), third]))
        }
    }
}

extension ZipTestMember {
    func flagged(_ flags: Int) -> ZipTestMember {
        var copy = self
        copy.flags = flags
        return copy
    }

    func zip64ed() -> ZipTestMember {
        var copy = self
        copy.zip64 = true
        return copy
    }
}
