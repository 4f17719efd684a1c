import IndexCore
import Testing

/// Random and mangled input never traps the User-Agent and log-line readers (a fixed seed, so a
/// failure replays).
@Suite struct StatisticsFuzzTests {
    static let samples = [
        UserAgentParserRealClientTests.pip, UserAgentParserRealClientTests.uv, UserAgentParserRealClientTests.hatch,
        "poetry/2.5.1 CPython/3.11.7 Linux/6.18.44-fc-v1300",
        "bandersnatch/8.2.0 (cpython 3.12.1-final0, Linux x86_64) (aiohttp 3.14.5)",
        "Homebrew/4.1.20 (Macintosh; Intel Mac OS X 14.1) curl/8.1.2", "pip/1.5 CPython/2.7.3 Linux/3.2.0",
        "Python-urllib/2.7 setuptools/0.9.8", "Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)",
        AccessLogLineCombinedTests.nginxLine, AccessLogLineLinehaulTests.download, AccessLogLineLinehaulTests.simple,
    ]

    /// Bytes that matter to the readers, so mangling often lands on them.
    static let interesting = Array(#"{}[]":,\/|@ ()-+.0123456789x"#.utf8)

    private func exercise(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = UserAgentParser.parse(text)
        _ = AccessLogLine.parseCombined(text[...])
        _ = AccessLogLine.parseLinehaul(text[...])
    }

    @Test func randomBytesDoNotTrap() {
        var generator = SplitMix64(seed: 1)
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...300, using: &generator)
            exercise((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
    }

    @Test func everyTruncationOfTheSamplesIsRead() {
        for sample in Self.samples {
            let bytes = Array(sample.utf8)
            for end in 0...bytes.count {
                exercise(Array(bytes[0..<end]))
                exercise(Array(bytes[end...]))
            }
        }
    }

    @Test func mangledSamplesDoNotTrap() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<3_000 {
            var bytes = Array(Self.samples.randomElement(using: &generator)?.utf8 ?? "".utf8)
            for _ in 0..<Int.random(in: 1...8, using: &generator) where !bytes.isEmpty {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[index] = Self.interesting.randomElement(using: &generator) ?? 0
                case 1: bytes.remove(at: index)
                default: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: index)
                }
            }
            exercise(bytes)
        }
    }

    @Test func deeplyNestedJSONDoesNotExhaustTheStack() {
        let nested = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(UserAgentParser.parse(#"pip/24.0 {"x":\#(nested),"python":"3.12.1"}"#) != .unknown)
        #expect(UserAgentParser.parse("pip/24.0 {\"x\":" + String(repeating: "{", count: 100_000)) == .unknown)
    }
}
