extension Version {
    /// Parses `string` as a PEP 440 version, accepting every form packaging's `VERSION_PATTERN`
    /// accepts: any letter case, a leading `v`, surrounding whitespace, alternative spellings
    /// (`alpha`, `c`, `pre`, `preview`, `rev`, `r`), optional separators `.`, `-`, `_` and
    /// implicit numbers (`1.0a` is `1.0a0`, `1.0-1` is `1.0.post1`).
    ///
    /// - Throws: `VersionError` ("Invalid version: '...'") when `string` is not a version.
    public init(parsing string: String) throws(VersionError) {
        guard let version = VersionParser.parse(string) else {
            throw VersionError(input: string)
        }
        self = version
    }
}

/// A hand-written equivalent of packaging's `VERSION_PATTERN` regular expression (with its
/// possessive quantifiers), working on UTF-8 bytes in one pass.
struct VersionParser {
    private let bytes: [UInt8]
    private var index: Int

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        self.index = 0
    }

    /// Parses `string`, ignoring the whitespace Python's `\s` matches around it.
    static func parse(_ string: String) -> Version? {
        var parser = VersionParser(bytes: Array(PythonWhitespace.trimmed(string).utf8))
        return parser.parseVersion()
    }

    /// Parses a version that must fill `bytes` exactly (no surrounding whitespace allowed).
    static func parse<Bytes: Collection<UInt8>>(bytes: Bytes) -> Version? {
        var parser = VersionParser(bytes: Array(bytes))
        return parser.parseVersion()
    }

    /// The length of the longest prefix of `bytes` that packaging's specifier regex takes as a
    /// version: with `.*` directly after the release when `wildcard`, with a local label when
    /// `local`; `nil` when no release starts the text or it has fewer than `minimumRelease` parts.
    static func prefixLength(
        of bytes: [UInt8], wildcard: Bool, local: Bool, minimumRelease: Int
    ) -> Int? {
        var parser = VersionParser(bytes: bytes)
        return parser.scanPrefix(wildcard: wildcard, local: local, minimumRelease: minimumRelease)
    }

    private mutating func scanPrefix(wildcard: Bool, local: Bool, minimumRelease: Int) -> Int? {
        parseLeadingV()
        let afterV = index
        _ = parseEpoch()
        // Unlike `Version`'s possessive pattern, the specifier regex backtracks out of an epoch
        // that no release follows (`==1!` is `==1` followed by `!`).
        if digitRun(from: index) == nil {
            index = afterV
        }
        guard let release = parseRelease(), release.count >= minimumRelease else { return nil }
        if wildcard && matchWord(".*", at: index) != nil {
            return index + 2
        }
        _ = parsePre()
        _ = parsePost()
        _ = parseDev()
        if local && peek() == UInt8(ascii: "+"), let next = peek(at: index + 1),
            Self.isAlphanumeric(next)
        {
            index += 1
            while let byte = peek(),
                Self.isAlphanumeric(byte)
                    || (Self.isSeparator(byte)
                        && peek(at: index + 1).map(Self.isAlphanumeric) == true)
            {
                index += 1
            }
        }
        return index
    }

    private mutating func parseLeadingV() {
        if let byte = peek(), byte | 0x20 == UInt8(ascii: "v") {
            index += 1
        }
    }

    private mutating func parseEpoch() -> VersionNumber {
        guard let digits = digitRun(from: index), peek(at: digits.upperBound) == UInt8(ascii: "!")
        else {
            return 0
        }
        index = digits.upperBound + 1
        return VersionNumber(asciiDigits: bytes[digits])
    }

    private mutating func parseVersion() -> Version? {
        parseLeadingV()
        let epoch = parseEpoch()
        guard let release = parseRelease() else { return nil }
        let pre = parsePre()
        let post = parsePost()
        let dev = parseDev()
        var local: [LocalSegment] = []
        if peek() == UInt8(ascii: "+") {
            index += 1
            guard let segments = parseLocal() else { return nil }
            local = segments
        }
        guard index == bytes.count else { return nil }
        return Version(
            epoch: epoch, release: release, pre: pre, post: post, dev: dev, localSegments: local)
    }

    /// `[0-9]+(?:\.[0-9]+)*+`
    private mutating func parseRelease() -> [VersionNumber]? {
        guard let first = digitRun(from: index) else { return nil }
        var parts = [VersionNumber(asciiDigits: bytes[first])]
        index = first.upperBound
        while peek() == UInt8(ascii: "."), let next = digitRun(from: index + 1) {
            parts.append(VersionNumber(asciiDigits: bytes[next]))
            index = next.upperBound
        }
        return parts
    }

    /// `[._-]?+(alpha|a|beta|b|preview|pre|c|rc)[._-]?+([0-9]+)?`
    private mutating func parsePre() -> PreRelease? {
        let start = skippingSeparator(from: index)
        for (spelling, kind) in Self.preSpellings {
            guard let end = matchWord(spelling, at: start) else { continue }
            index = end
            return PreRelease(kind, optionalNumber())
        }
        return nil
    }

    /// `-([0-9]+)` or `[._-]?(post|rev|r)[._-]?([0-9]+)?`
    private mutating func parsePost() -> VersionNumber? {
        if peek() == UInt8(ascii: "-"), let digits = digitRun(from: index + 1) {
            index = digits.upperBound
            return VersionNumber(asciiDigits: bytes[digits])
        }
        let start = skippingSeparator(from: index)
        for spelling in ["post", "rev", "r"] {
            guard let end = matchWord(spelling, at: start) else { continue }
            index = end
            return optionalNumber()
        }
        return nil
    }

    /// `[._-]?+dev[._-]?+([0-9]+)?`
    private mutating func parseDev() -> VersionNumber? {
        guard let end = matchWord("dev", at: skippingSeparator(from: index)) else { return nil }
        index = end
        return optionalNumber()
    }

    /// `[a-z0-9]+(?:[._-][a-z0-9]+)*+`, lowercased; digit-only parts become numbers.
    private mutating func parseLocal() -> [LocalSegment]? {
        var segments: [LocalSegment] = []
        repeat {
            if !segments.isEmpty {
                index += 1
            }
            let start = index
            while let byte = peek(), Self.isAlphanumeric(byte) {
                index += 1
            }
            guard index > start else { return nil }
            let part = bytes[start..<index]
            if part.allSatisfy(Self.isDigit) {
                segments.append(.number(VersionNumber(asciiDigits: part)))
            } else {
                segments.append(.string(String(decoding: part.map(Self.lowercased), as: UTF8.self)))
            }
        } while peek().map(Self.isSeparator) == true
        return segments
    }

    /// `[._-]?+([0-9]+)?` after a letter word: the number, zero when omitted.
    private mutating func optionalNumber() -> VersionNumber {
        index = skippingSeparator(from: index)
        guard let digits = digitRun(from: index) else { return 0 }
        index = digits.upperBound
        return VersionNumber(asciiDigits: bytes[digits])
    }

    private static let preSpellings: [(String, PreRelease.Kind)] = [
        ("alpha", .alpha), ("a", .alpha), ("beta", .beta), ("b", .beta),
        ("preview", .releaseCandidate), ("pre", .releaseCandidate),
        ("c", .releaseCandidate), ("rc", .releaseCandidate),
    ]

    private func peek() -> UInt8? {
        peek(at: index)
    }

    private func peek(at position: Int) -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    /// The non-empty run of ASCII digits starting at `start`, if there is one.
    private func digitRun(from start: Int) -> Range<Int>? {
        var end = start
        while end < bytes.count && Self.isDigit(bytes[end]) {
            end += 1
        }
        return end > start ? start..<end : nil
    }

    private func skippingSeparator(from position: Int) -> Int {
        position < bytes.count && Self.isSeparator(bytes[position]) ? position + 1 : position
    }

    /// The end of `word` (lowercase ASCII) matched case-insensitively at `position`, if there.
    private func matchWord(_ word: String, at position: Int) -> Int? {
        var end = position
        for letter in word.utf8 {
            guard end < bytes.count, Self.lowercased(bytes[end]) == letter else { return nil }
            end += 1
        }
        return end
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        let letter = lowercased(byte)
        return isDigit(byte) || (letter >= UInt8(ascii: "a") && letter <= UInt8(ascii: "z"))
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
