import Testing

@testable import PythonPackaging

@Suite struct HashTests {
    static let thousand = Blake2bTests.input(1000)
    static let thousandDigests = DistributionDigests(
        md5: "10046f077f2082ac19676b8079f1cb1a",
        sha256: "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371",
        blake2b256: "d62b6c768ce1afc8367e0498ab2f8e3f7c178c35b1429f14c4604b545d200f52"
    )

    @Test func hashesMatchPythonHashlibInOnePass() {
        var hasher = DistributionHasher()
        var position = 0
        while position < Self.thousand.count {
            let end = min(position + 333, Self.thousand.count)
            hasher.update(Array(Self.thousand[position..<end]))
            position = end
        }
        #expect(hasher.count == 1000)
        #expect(hasher.finalize() == Self.thousandDigests)
    }

    @Test func emptyInputHasTheWellKnownDigests() {
        #expect(
            DistributionHasher().finalize()
                == DistributionDigests(
                    md5: "d41d8cd98f00b204e9800998ecf8427e",
                    sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                    blake2b256: "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"
                )
        )
    }

    @Test func suppliedDigestsMatchIgnoringCase() {
        let digests = Self.thousandDigests
        #expect(digests.matches(sha256: digests.sha256.uppercased()))
        #expect(digests.matches(md5: digests.md5, sha256: "", blake2b256: digests.blake2b256))
        #expect(digests.matches())
    }

    static let mismatches: [(String?, String?, String?)] = [
        ("10046f077f2082ac19676b8079f1cb1b", nil, nil),
        (nil, "1e9bc38c", nil),
        ("10046f077f2082ac19676b8079f1cb1a", nil, "d62b6c768ce1afc8367e0498ab2f8e3f7c178c35b1429f14c4604b545d200f5g"),
        (nil, nil, "d62b6c768ce1afc8367e0498ab2f8e3f7c178c35b1429f14c4604b545d200f52 "),
    ]

    @Test(arguments: mismatches)
    func anyMismatchedSuppliedDigestFails(md5: String?, sha256: String?, blake2b256: String?) {
        #expect(!Self.thousandDigests.matches(md5: md5, sha256: sha256, blake2b256: blake2b256))
    }

    @Test(arguments: [
        ("ABCDEF09", "abcdef09", true), ("abcdef0[", "abcdef0{", false), ("@", "`", false), ("", "", true),
    ])
    func hexComparisonLowersOnlyLetters(supplied: String, computed: String, equal: Bool) {
        #expect(DistributionDigests.hexDigest(supplied, equals: computed) == equal)
    }
}
