import Testing

@testable import PythonPackaging

@Suite struct SdistPolyglotTests {
    static let trailingData = "There is data after the end of the gzip stream."

    static func sdist() -> [UInt8] {
        var writer = TarTestSupport.sdist()
        writer.end()
        return writer.gzip()
    }

    static func little(_ value: Int, _ width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    /// A ZIP end-of-central-directory record.
    static func endRecord(
        disk: Int = 0, directoryDisk: Int = 0, total: Int = 1, size: Int = 46, offset: Int = 0, comment: [UInt8] = []
    ) -> [UInt8] {
        [0x50, 0x4b, 0x05, 0x06] + little(disk, 2) + little(directoryDisk, 2) + little(total, 2) + little(total, 2)
            + little(size, 4) + little(offset, 4) + little(comment.count, 2) + comment
    }

    static let centralEntry: [UInt8] = [0x50, 0x4b, 0x01, 0x02] + [UInt8](repeating: 0, count: 42)

    static let cases: [(String, [UInt8], String)] = [
        ("central directory and end record", sdist() + centralEntry + endRecord(), "File is both a zip and a tar file"),
        ("empty zip", sdist() + endRecord(total: 0, size: 0), "File is both a zip and a tar file"),
        (
            "zip with a comment", sdist() + centralEntry + endRecord(comment: Array("hello".utf8)),
            "File is both a zip and a tar file"
        ),
        ("other disk", sdist() + centralEntry + endRecord(disk: 1), trailingData),
        ("small central directory", sdist() + endRecord(size: 10), trailingData),
        ("central directory before the file", sdist() + endRecord(size: 1 << 30), trailingData),
        ("no central directory signature", sdist() + [UInt8](repeating: 0x50, count: 46) + endRecord(), trailingData),
        ("signature too near the end", sdist() + [0x50, 0x4b, 0x05, 0x06, 0, 0], trailingData),
        (
            "comment hides a second signature", sdist() + centralEntry + endRecord(comment: [0x50, 0x4b, 0x05, 0x06]),
            trailingData
        ),
    ]

    @Test(arguments: cases)
    func tarZipPolyglotsAreRefused(label: String, bytes: [UInt8], reason: String) {
        #expect(SdistArchiveTests.refusal(bytes) == reason, "\(label)")
    }
}
