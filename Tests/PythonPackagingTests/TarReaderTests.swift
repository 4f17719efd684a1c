import Testing

@testable import PythonPackaging

@Suite struct TarReaderTests {
    typealias Support = TarTestSupport

    @Test func filesAndDirectoriesAreReadWithTheirContents() throws {
        var writer = Support.sdist(files: [
            ("PKG-INFO", "Name: demo\n"), ("src/a.py", String(repeating: "x", count: 1000)),
        ])
        writer.end()
        let entries = try Support.read(writer.gzip())
        #expect(
            entries.map(\.0) == [
                TarEntry(path: "demo-1.0", kind: .directory, size: 0),
                TarEntry(path: "demo-1.0/PKG-INFO", kind: .file, size: 11),
                TarEntry(path: "demo-1.0/src/a.py", kind: .file, size: 1000),
            ])
        #expect(entries[1].1 == Array("Name: demo\n".utf8))
        #expect(entries[2].1.count == 1000)
    }

    @Test func unreadContentsAreSkipped() throws {
        var writer = Support.sdist(files: [("a", String(repeating: "a", count: 700)), ("b", "b")])
        writer.end()
        let reader = TarGzipReader(source: InMemoryArchiveSource(writer.gzip()))
        var paths: [String] = []
        while let entry = try reader.nextEntry() { paths.append(entry.path) }
        #expect(paths == ["demo-1.0", "demo-1.0/a", "demo-1.0/b"])
        #expect(try reader.nextEntry() == nil)
    }

    @Test func contentsLargerThanTheCallersLimitAreRefused() throws {
        var writer = Support.sdist(files: [("a", "0123456789")])
        writer.end()
        let reader = TarGzipReader(source: InMemoryArchiveSource(writer.gzip()))
        _ = try reader.nextEntry()
        _ = try reader.nextEntry()
        #expect(throws: ArchiveError("A member is larger than the limit of 9 bytes.")) {
            try reader.readContents(limit: 9)
        }
    }

    @Test func paxPathAndSizeReplaceTheUstarFields() throws {
        let long = "demo-1.0/" + String(repeating: "d/", count: 80) + "file.txt"
        var writer = TarTestWriter()
        writer.pax([("mtime", "1.5"), ("path", long), ("size", "3")])
        writer.header(name: Array("short".utf8), sizeField: Array("00000000000\u{0}".utf8))
        writer.data(Array("abc".utf8))
        writer.pax([("size", "2")])
        writer.file("demo-1.0/same", Array("hi".utf8))
        writer.end()
        let entries = try Support.read(writer.gzip())
        #expect(entries.map(\.0.path) == [long, "demo-1.0/same"])
        #expect(entries.map(\.1) == [Array("abc".utf8), Array("hi".utf8)])
    }

    @Test func gnuLongNamesAndUstarPrefixesFormTheName() throws {
        let long = "demo-1.0/" + String(repeating: "n", count: 150)
        var writer = TarTestWriter()
        writer.longName(long)
        writer.file("truncated", magic: .gnu)
        writer.header(name: Array("b.txt".utf8), prefix: Array("demo-1.0/a".utf8))
        writer.header(name: Array("c.txt".utf8), prefix: Array("ignored".utf8), magic: .gnu)
        writer.end()
        #expect(try Support.read(writer.gzip()).map(\.0.path) == [long, "demo-1.0/a/b.txt", "c.txt"])
    }

    @Test func oldHeadersAndNumberFormatsAreRead() throws {
        var writer = TarTestWriter()
        writer.header(name: Array("demo-1.0/".utf8), type: 0, magic: .v7)
        writer.header(name: Array("demo-1.0/v7".utf8), type: 0, size: 1, magic: .v7)
        writer.data([1])
        writer.header(name: Array("demo-1.0/spaces".utf8), size: 2, sizeField: Array("     2 \u{0}    ".utf8))
        writer.data([1, 2])
        writer.header(
            name: Array("demo-1.0/base256".utf8), size: 3, sizeField: [0x80] + [UInt8](repeating: 0, count: 10) + [3])
        writer.data([1, 2, 3])
        writer.header(name: Array("demo-1.0/é".utf8), signedChecksum: true)
        writer.header(name: Array("demo-1.0/empty-size".utf8), sizeField: [0])
        writer.pax([("comment", "git archive")], type: UInt8(ascii: "g"))
        writer.end(zeroBlocks: 1, padToRecord: false)
        let entries = try Support.read(writer.gzip())
        #expect(
            entries.map(\.0) == [
                TarEntry(path: "demo-1.0", kind: .directory, size: 0),
                TarEntry(path: "demo-1.0/v7", kind: .file, size: 1),
                TarEntry(path: "demo-1.0/spaces", kind: .file, size: 2),
                TarEntry(path: "demo-1.0/base256", kind: .file, size: 3),
                TarEntry(path: "demo-1.0/é", kind: .file, size: 0),
                TarEntry(path: "demo-1.0/empty-size", kind: .file, size: 0),
            ])
    }

    static let refusedTypes: [(UInt8, String)] = [
        (UInt8(ascii: "1"), "Member 'demo-1.0/x' is a hard link; only files and directories are allowed."),
        (UInt8(ascii: "2"), "Member 'demo-1.0/x' is a symbolic link; only files and directories are allowed."),
        (UInt8(ascii: "3"), "Member 'demo-1.0/x' is a character device; only files and directories are allowed."),
        (UInt8(ascii: "4"), "Member 'demo-1.0/x' is a block device; only files and directories are allowed."),
        (UInt8(ascii: "6"), "Member 'demo-1.0/x' is a FIFO; only files and directories are allowed."),
        (UInt8(ascii: "7"), "Member 'demo-1.0/x' is a contiguous file; only files and directories are allowed."),
        (
            UInt8(ascii: "V"),
            "Member 'demo-1.0/x' is of unsupported type \"V\"; only files and directories are allowed."
        ),
        (UInt8(ascii: "S"), TarGzipReader.sparseMessage),
        (UInt8(ascii: "K"), "Tar header 2 is a GNU long link name; links are not allowed."),
    ]

    @Test(arguments: refusedTypes)
    func membersOtherThanFilesAndDirectoriesAreRefused(type: UInt8, reason: String) {
        var writer = Support.sdist(files: [])
        writer.header(name: Array("demo-1.0/x".utf8), type: type)
        writer.end()
        #expect(Support.refusal(writer.gzip()) == reason)
    }

    static let refusedNames: [([UInt8], String)] = [
        (Array("../x".utf8), "Member name '../x' has a '..' component."),
        (Array("demo-1.0/../../x".utf8), "Member name 'demo-1.0/../../x' has a '..' component."),
        (Array("/etc/passwd".utf8), "Member name '/etc/passwd' is absolute."),
        (Array("demo-1.0\\x".utf8), "Member name 'demo-1.0\\\\x' contains a backslash."),
        (Array("demo-1.0/a\u{1}b".utf8), "Member name 'demo-1.0/a\\u{01}b' contains a control character."),
        (Array("demo-1.0/a\u{7f}".utf8), "Member name 'demo-1.0/a\\u{7F}' contains a control character."),
        (Array("demo-1.0//a".utf8), "Member name 'demo-1.0//a' has an empty path component."),
        (Array("./demo-1.0/a".utf8), "Member name './demo-1.0/a' has a '.' component."),
        ([0x64, 0xff], "Member name 'd\u{FFFD}' is not valid UTF-8."),
        (Array(repeating: 0x61, count: 4097), "A member name is longer than 4096 bytes."),
    ]

    @Test(arguments: refusedNames)
    func unsafeNamesAreRefused(name: [UInt8], reason: String) {
        var raw = TarTestWriter()
        raw.paxRaw(TarTestWriter.paxRecord("path", name))
        raw.header(name: Array("placeholder".utf8))
        raw.end()
        #expect(Support.refusal(raw.gzip()) == reason)
    }

    @Test func emptyNamesAreRefused() {
        var writer = TarTestWriter()
        writer.header(name: [])
        writer.end()
        #expect(Support.refusal(writer.gzip()) == "Member name '' has an empty path component.")
    }
}
