import Testing

@testable import PythonPackaging

@Suite struct InflaterTests {
    static let text = Array(String(repeating: "The quick brown fox. ", count: 10_000).utf8)

    static func gzip(_ data: [UInt8]) -> [UInt8] {
        TarTestGzip.compress(data)
    }

    /// The raw DEFLATE data inside a gzip member (10-byte header, 8-byte trailer).
    static func deflate(_ data: [UInt8]) -> [UInt8] {
        Array(gzip(data).dropFirst(10).dropLast(8))
    }

    @Test func truncatedInputIsRefused() throws {
        let inflater = Inflater(source: InMemoryArchiveSource([0x1f, 0x8b]), range: 0..<2, format: .gzip, limit: 10)
        #expect(throws: ArchiveError("The compressed data is truncated.")) { try inflater.readAll() }
    }

    @Test func gzipMembersInflateInChunks() throws {
        let compressed = Self.gzip(Self.text)
        let inflater = Inflater(
            source: InMemoryArchiveSource(compressed), range: 0..<compressed.count, format: .gzip,
            limit: Self.text.count
        )
        var chunks = 0
        var all: [UInt8] = []
        while let chunk = try inflater.next() {
            chunks += 1
            all += chunk
        }
        #expect(all == Self.text)
        #expect(chunks > 1)
        #expect(inflater.producedCount == Self.text.count)
        #expect(inflater.consumedCount == compressed.count)
        #expect(try inflater.next() == nil)
    }

    @Test func rawDeflateInsideALargerSourceInflates() throws {
        let member = Self.deflate(Self.text)
        let source = InMemoryArchiveSource([9, 9, 9] + member + [7, 7])
        let inflater = Inflater(source: source, range: 3..<(3 + member.count), format: .deflate, limit: 1 << 30)
        #expect(try inflater.readAll() == Self.text)
        #expect(inflater.consumedCount == member.count)
    }

    @Test func outputBeyondTheLimitIsRefused() {
        let compressed = Self.gzip(Self.text)
        let inflater = Inflater(
            source: InMemoryArchiveSource(compressed), range: 0..<compressed.count, format: .gzip, limit: 1000)
        #expect(throws: ArchiveError("The decompressed data exceeds the limit of 1000 bytes.")) {
            try inflater.readAll()
        }
    }

    @Test func corruptDataIsRefused() {
        let bytes: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]
        let inflater = Inflater(source: InMemoryArchiveSource(bytes), range: 0..<bytes.count, format: .gzip, limit: 10)
        #expect(throws: ArchiveError("The compressed data is corrupt.")) { try inflater.readAll() }
    }

    @Test func zeroPaddingAfterAGzipMemberIsAccepted() throws {
        let padded = Self.gzip(Self.text) + [UInt8](repeating: 0, count: 200_000)
        let inflater = Inflater(
            source: InMemoryArchiveSource(padded), range: 0..<padded.count, format: .gzip, limit: 1 << 30)
        #expect(try inflater.readAll() == Self.text)
    }

    @Test(arguments: [1, 100_000])
    func dataAfterAGzipMemberIsRefused(zeros: Int) {
        let bytes = Self.gzip(Self.text) + [UInt8](repeating: 0, count: zeros) + [1]
        let inflater = Inflater(
            source: InMemoryArchiveSource(bytes), range: 0..<bytes.count, format: .gzip, limit: 1 << 30)
        #expect(throws: ArchiveError("There is data after the end of the gzip stream.")) { try inflater.readAll() }
    }

    @Test func aSecondGzipMemberIsRefused() {
        let bytes = Self.gzip([1]) + Self.gzip([2])
        let inflater = Inflater(source: InMemoryArchiveSource(bytes), range: 0..<bytes.count, format: .gzip, limit: 10)
        #expect(throws: ArchiveError("There is data after the end of the gzip stream.")) { try inflater.readAll() }
    }
}

@Suite struct InMemoryArchiveSourceTests {
    @Test(arguments: [(-1, 1), (0, 5), (3, 2), (2, -1)])
    func readsOutsideTheBytesAreRefused(offset: Int, length: Int) {
        let source = InMemoryArchiveSource([1, 2, 3, 4])
        #expect(throws: ArchiveError("The archive is truncated.")) { try source.bytes(at: offset, length: length) }
    }

    @Test func readsInsideTheBytes() throws {
        #expect(try InMemoryArchiveSource([1, 2, 3, 4]).bytes(at: 1, length: 3) == [2, 3, 4])
    }
}
