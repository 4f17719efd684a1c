import Testing
@testable import PythonPackaging

@Suite struct InflaterTests {
    @Test func truncatedInputIsRefused() throws {
        let inflater = Inflater(source: InMemoryArchiveSource([0x1f, 0x8b]), range: 0..<2, format: .gzip, limit: 10)
        #expect(throws: ArchiveError("The compressed data is truncated.")) { try inflater.readAll() }
    }
}
