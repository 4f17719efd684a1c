import IndexCore
import IndexTesting
import Testing

@Suite struct BlobKeyTests {
    @Test func keyIsContentAddressedLikePyPI() {
        let digest = String(repeating: "ab", count: 16) + String(repeating: "cd", count: 16)
        let key = BlobKey(blake2b256: digest, filename: "demo-1.0.tar.gz")
        #expect(key.path == "ab/ab/" + String(digest.dropFirst(4)) + "/demo-1.0.tar.gz")
        #expect(key.metadataKey.path == key.path + ".metadata")
    }

    @Test func fixedClockMovesOnlyWhenTold() {
        let clock = FixedClock(Timestamp(secondsSinceEpoch: 10))
        #expect(clock.now() == Timestamp(secondsSinceEpoch: 10))
        clock.advance(by: 5)
        #expect(clock.now() > Timestamp(secondsSinceEpoch: 10))
    }
}
