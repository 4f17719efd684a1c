import Testing

@testable import PythonPackaging

@Suite struct Blake2bTests {
    struct Vector: CustomTestStringConvertible, Sendable {
        let length: Int
        let digestLength: Int
        let hex: String
        var testDescription: String { "\(length) bytes, \(digestLength)-byte digest" }
    }

    /// The input of `length` bytes the vectors hash: byte i is (7 i + 3) mod 256.
    static func input(_ length: Int) -> [UInt8] {
        (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
    }

    /// Python's `hashlib.blake2b(input(length), digest_size=digestLength).hexdigest()`.
    static let vectors: [Vector] = [
        Vector(length: 0, digestLength: 32, hex: "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"),
        Vector(length: 1, digestLength: 32, hex: "e88bd757ad5b9bedf372d8d3f0cf6c962a469db61a265f6418e1ffed86da29ec"),
        Vector(length: 2, digestLength: 32, hex: "0cb598051233e8caf83cd4382939b8324fbbc70ccc32ae5e14e7a0536186a5f6"),
        Vector(length: 3, digestLength: 32, hex: "9facd640130c81e7f318a8d5c660bc1b0f5d03861ffbd4cc1358e0e904593c28"),
        Vector(length: 63, digestLength: 32, hex: "a69e023685fa5f19fca13acc02142a9cf8450ce5b77966586e0d000c4a4ea942"),
        Vector(length: 64, digestLength: 32, hex: "586c0dd87616ec042093edc5f87f880d37ca73618e99b03d5850ce9be478721f"),
        Vector(length: 65, digestLength: 32, hex: "6f7ceeb90322d003c5b33ae8b9d9282e0159dbdc17434abc3f91ae794641d77d"),
        Vector(length: 127, digestLength: 32, hex: "c9ae3859964b35f04c54b36d33cf299d7290ee621005d28e51598a943560aaaa"),
        Vector(length: 128, digestLength: 32, hex: "f0501d06597880592bc49234eef100ec1ff349058d0e9d9b753504e24af86dd6"),
        Vector(length: 129, digestLength: 32, hex: "a34a4e1e03c541dfbf3099c4b6c143c022ced65c28bd7e8a10e0a098461aecf0"),
        Vector(length: 255, digestLength: 32, hex: "f2d64a40e9412a3414161ff6250075225418fd7c271c1123e162e1bca0de9f93"),
        Vector(length: 256, digestLength: 32, hex: "d93ebb9c802f5630ab22516fd82b6c21bc8bd551d531349b715f046ed11ed871"),
        Vector(length: 257, digestLength: 32, hex: "4ce481b24d387422d2bc2baa03d1afd55a1327939ff537c71eb9b38709268649"),
        Vector(length: 1000, digestLength: 32, hex: "d62b6c768ce1afc8367e0498ab2f8e3f7c178c35b1429f14c4604b545d200f52"),
        Vector(
            length: 1_048_576, digestLength: 32, hex: "65c804268df52a2d78034f9a50113d0c5d9a5e592ea3735012ebc798f3271a6b"
        ),
        Vector(length: 200, digestLength: 1, hex: "6d"),
        Vector(length: 200, digestLength: 20, hex: "6c2522035bd730a0a8b8b833b9db1a1e2d9ab2c3"),
        Vector(
            length: 200, digestLength: 48,
            hex: "557c8b436d8c24d376b71de2243a6512a0ef8f44d8d6831e9b7c7622b07ebb9627f19d0dccdd8049cff606aae04d3c18"),
        Vector(
            length: 200, digestLength: 64,
            hex:
                "dd82e80ef6e0facfb1ec5ba72c332ce8fad2a6dbbab6f91bd476934b3cd4f9be5032507da1db0ad87480720bb2d674712fc2fc1f0bfabc52dc1f5c4e91cae09e"
        ),
    ]

    @Test(arguments: vectors)
    func matchesPythonHashlib(_ vector: Vector) throws {
        var hash = try #require(Blake2b(digestLength: vector.digestLength))
        hash.update(Self.input(vector.length))
        #expect(DistributionHasher.hex(hash.finalize()) == vector.hex)
    }

    @Test(arguments: [1, 7, 127, 128, 129, 1000])
    func chunkedUpdatesMatchOneUpdate(chunkSize: Int) throws {
        let vector = try #require(Self.vectors.first { $0.length == 1000 })
        var hash = Blake2b.blake2b256()
        var position = 0
        while position < 1000 {
            let end = min(position + chunkSize, 1000)
            hash.update(Self.input(1000)[position..<end])
            position = end
        }
        #expect(DistributionHasher.hex(hash.finalize()) == vector.hex)
    }

    @Test func nonContiguousSequencesAreHashed() {
        var hash = Blake2b.blake2b256()
        hash.update((0..<3).lazy.map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) })
        #expect(DistributionHasher.hex(hash.finalize()) == Self.vectors[3].hex)
    }

    /// RFC 7693, appendix A: BLAKE2b-512("abc").
    @Test func matchesRFC7693Example() throws {
        var hash = try #require(Blake2b(digestLength: 64))
        hash.update(Array("abc".utf8))
        #expect(
            DistributionHasher.hex(hash.finalize())
                == "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"
        )
    }

    @Test func finalizeLeavesTheHashUsable() {
        var hash = Blake2b.blake2b256()
        hash.update(Self.input(1))
        _ = hash.finalize()
        hash.update(Self.input(2).dropFirst())
        #expect(DistributionHasher.hex(hash.finalize()) == Self.vectors[2].hex)
    }

    @Test(arguments: [0, 65, -1, Int.max])
    func digestLengthsOutsideOneToSixtyFourAreRefused(_ length: Int) {
        #expect(Blake2b(digestLength: length) == nil)
    }

    @Test func counterCarriesIntoItsHighWord() {
        var hash = Blake2b.blake2b256()
        hash.counterLow = UInt64.max
        hash.update(Self.input(129))
        #expect(hash.counterHigh == 1)
        #expect(hash.counterLow == 127)
    }
}
