import Testing

@testable import PythonPackaging

@Suite struct TarHostileArchiveTests {
    typealias Support = TarTestSupport

    static func archive(_ build: (inout TarTestWriter) -> Void) -> [UInt8] {
        var writer = Support.sdist(files: [])
        build(&writer)
        writer.end()
        return writer.gzip()
    }

    static let cases: [(String, [UInt8], String)] = [
        (
            "pax sparse",
            archive {
                $0.pax([("GNU.sparse.major", "1")])
                $0.file("demo-1.0/s")
            }, TarGzipReader.sparseMessage
        ),
        (
            "global sparse", archive { $0.pax([("GNU.sparse.name", "x")], type: UInt8(ascii: "g")) },
            TarGzipReader.sparseMessage
        ),
        (
            "pax size differs",
            archive {
                $0.pax([("size", "5")])
                $0.file("demo-1.0/a", [1, 2, 3])
            },
            "Member 'demo-1.0/a' has a pax size (5) that differs from its ustar size (3)."
        ),
        (
            "bad checksum", archive { $0.header(name: Array("demo-1.0/a".utf8), checksumDelta: 1) },
            "Tar header 2 has a bad checksum."
        ),
        (
            "size not octal",
            archive { $0.header(name: Array("demo-1.0/a".utf8), sizeField: Array("00000000009\u{0}".utf8)) },
            "Tar header 2 has an invalid size field."
        ),
        (
            "size with junk", archive { $0.header(name: Array("demo-1.0/a".utf8), sizeField: Array(" 1 2\u{0}".utf8)) },
            "Tar header 2 has an invalid size field."
        ),
        (
            "octal overflow",
            archive { $0.header(name: Array("demo-1.0/a".utf8), sizeField: Array("777777777777".utf8)) },
            "Member 'demo-1.0/a' is larger than the limit of 1073741824 decompressed bytes."
        ),
        (
            "negative base-256",
            archive { $0.header(name: Array("demo-1.0/a".utf8), sizeField: [UInt8](repeating: 0xff, count: 12)) },
            "Tar header 2 has an invalid size field."
        ),
        (
            "base-256 overflow",
            archive {
                $0.header(name: Array("demo-1.0/a".utf8), sizeField: [0x80] + [UInt8](repeating: 0xff, count: 11))
            },
            "Tar header 2 has an invalid size field."
        ),
        (
            "huge base-256",
            archive {
                $0.header(
                    name: Array("demo-1.0/a".utf8),
                    sizeField: [0x80, 0, 0, 0, 0x7f] + [UInt8](repeating: 0xff, count: 7))
            },
            "Member 'demo-1.0/a' is larger than the limit of 1073741824 decompressed bytes."
        ),
        (
            "directory with data",
            archive {
                $0.header(name: Array("demo-1.0/d/".utf8), type: UInt8(ascii: "5"), size: 1)
                $0.data([1])
            },
            "Member 'demo-1.0/d/' is a directory with contents."
        ),
        (
            "file named like a directory", archive { $0.header(name: Array("demo-1.0/d/".utf8)) },
            "Member 'demo-1.0/d/' is a file with a directory name."
        ),
        (
            "two pax headers",
            archive {
                $0.pax([("path", "a")])
                $0.pax([("path", "b")])
            },
            "Tar header 3 is a second pax extended header for one member."
        ),
        (
            "two long names",
            archive {
                $0.longName("a")
                $0.longName("b")
            },
            "Tar header 3 is a second GNU long name for one member."
        ),
        (
            "global after extended",
            archive {
                $0.longName("a")
                $0.pax([], type: UInt8(ascii: "g"))
            },
            "Tar header 3 is a pax global header between an extended header and its member."
        ),
        (
            "global path", archive { $0.pax([("path", "evil")], type: UInt8(ascii: "g")) },
            "Tar header 2 is a pax global header that sets a path or size."
        ),
        (
            "global size", archive { $0.pax([("size", "1")], type: UInt8(ascii: "g")) },
            "Tar header 2 is a pax global header that sets a path or size."
        ),
        (
            "huge extended header",
            archive { $0.header(name: Array("x".utf8), type: UInt8(ascii: "x"), size: (1 << 20) + 1) },
            "Tar header 2 has an extended header larger than 1048576 bytes."
        ),
        (
            "dangling extended header", archive { $0.pax([("mtime", "1")]) },
            "The tar archive ends after an extended header without its member."
        ),
        (
            "pax without length", archive { $0.paxRaw(Array(" path=a\n".utf8)) },
            "Tar header 2 has a malformed pax extended header."
        ),
        (
            "pax wrong length", archive { $0.paxRaw(Array("8 path=a\n".utf8)) },
            "Tar header 2 has a malformed pax extended header."
        ),
        (
            "pax length too long", archive { $0.paxRaw(Array("99 path=a\n".utf8)) },
            "Tar header 2 has a malformed pax extended header."
        ),
        (
            "pax length zero", archive { $0.paxRaw(Array("0 path=a\n".utf8)) },
            "Tar header 2 has a malformed pax extended header."
        ),
        (
            "pax huge length", archive { $0.paxRaw(Array("99999999999999999999999 a=b\n".utf8)) },
            "Tar header 2 has a malformed pax extended header."
        ),
        (
            "pax no space", archive { $0.paxRaw(Array("9path=abc\n".utf8)) },
            "Tar header 2 has a malformed pax extended header."
        ),
        (
            "pax digits only", archive { $0.paxRaw(Array("12".utf8)) },
            "Tar header 2 has a malformed pax extended header."
        ),
        (
            "pax no equals", archive { $0.paxRaw(Array("9 pathab\n".utf8)) },
            "Tar header 2 has a malformed pax extended header."
        ),
        (
            "pax empty record", archive { $0.paxRaw(Array("2 \n".utf8)) },
            "Tar header 2 has a malformed pax extended header."
        ),
        (
            "pax duplicate path", archive { $0.pax([("path", "a"), ("path", "b")]) },
            "Tar header 2 has a malformed pax extended header."
        ),
        (
            "pax duplicate size", archive { $0.pax([("size", "1"), ("size", "1")]) },
            "Tar header 2 has a malformed pax extended header."
        ),
        (
            "pax size not decimal", archive { $0.pax([("size", "1e3")]) },
            "Tar header 2 has a malformed pax extended header."
        ),
        ("pax size empty", archive { $0.pax([("size", "")]) }, "Tar header 2 has a malformed pax extended header."),
        (
            "pax size huge", archive { $0.pax([("size", "9999999999999999999")]) },
            "Tar header 2 has a malformed pax extended header."
        ),
    ]

    @Test(arguments: cases)
    func hostileArchivesAreRefused(label: String, gzip: [UInt8], reason: String) {
        #expect(Support.refusal(gzip) == reason, "\(label)")
    }

    @Test func dataAfterTheEndMarkerIsRefused() {
        var writer = Support.sdist()
        writer.end(zeroBlocks: 1, padToRecord: false)
        writer.file("demo-1.0/hidden")
        writer.end()
        #expect(Support.refusal(writer.gzip()) == "The tar archive has data after its end-of-archive marker.")
    }

    @Test func anArchiveWithoutAnEndMarkerIsTruncated() {
        let writer = Support.sdist()
        #expect(Support.refusal(writer.gzip()) == "The tar archive is truncated.")
    }

    @Test func membersCutShortAreTruncated() {
        let writer = Support.sdist(files: [("a", String(repeating: "a", count: 600))])
        for cut in [1, 100, 511, 513, 1024, 1025, 1536, 2000] {
            let raw = Array(writer.bytes.prefix(cut))
            let reason = Support.refusal(TarTestGzip.compress(raw))
            #expect(reason == "The tar archive is truncated.", "cut at \(cut)")
        }
    }

    @Test func gzipStreamsCutAnywhereAreRefused() {
        var writer = Support.sdist(files: [("PKG-INFO", "Name: demo\n"), ("a", String(repeating: "abc", count: 3000))])
        writer.end()
        let gzip = writer.gzip()
        for cut in 0..<gzip.count {
            #expect(Support.refusal(Array(gzip.prefix(cut))) != nil, "cut at \(cut)")
        }
        #expect(Support.refusal(gzip) == nil)
    }

    @Test(arguments: 0..<20)
    func randomBytesAreRefused(seed: Int) {
        var state = UInt64(seed) &* 0x9e37_79b9_7f4a_7c15 &+ 1
        let bytes = (0..<(seed * 97 + 10)).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
        #expect(Support.refusal(bytes) != nil)
        #expect(Support.refusal([0x1f, 0x8b] + bytes) != nil)
    }

    /// 10 MB of gzip that would inflate to 10 GiB stops at the decompressed-bytes cap.
    @Test func gzipBombsStopAtTheCap() {
        var prefix = Support.sdist(files: [])
        prefix.header(name: Array("demo-1.0/zeros".utf8), size: 8 << 20)
        var suffix = TarTestWriter()
        suffix.end()
        let bomb = TarTestGzip.repeating(
            prefix: prefix.bytes, unit: [UInt8](repeating: 0, count: 1 << 20), count: 10 << 10, suffix: suffix.bytes
        )
        let limits = TarLimits(maxDecompressedBytes: 16 << 20)
        #expect(Support.refusal(bomb, limits: limits) == "The decompressed data exceeds the limit of 16777216 bytes.")
        #expect(Support.refusal(bomb) == "The decompressed data exceeds the limit of 1073741824 bytes.")
    }

    /// A million empty members are refused once the member cap is passed.
    @Test func headerFloodsStopAtTheMemberCap() {
        var unit = TarTestWriter()
        for _ in 0..<1000 { unit.header(name: Array("demo-1.0/a".utf8)) }
        var suffix = TarTestWriter()
        suffix.end()
        let flood = TarTestGzip.repeating(prefix: [], unit: unit.bytes, count: 1000, suffix: suffix.bytes)
        #expect(Support.refusal(flood) == "The tar archive has more than 100000 members.")
        var globalUnit = TarTestWriter()
        for _ in 0..<1000 { globalUnit.pax([("comment", "x")], type: UInt8(ascii: "g")) }
        let globalFlood = TarTestGzip.repeating(prefix: [], unit: globalUnit.bytes, count: 1000, suffix: suffix.bytes)
        #expect(
            Support.refusal(globalFlood, limits: TarLimits(maxEntries: 1000))
                == "The tar archive has more than 1000 members.")
    }
}
