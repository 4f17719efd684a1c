/// Byte-level helpers for the hand-written readers of User-Agents and access-log lines: they
/// run on every download, so they compare UTF-8 bytes against ASCII literals instead of using
/// regular expressions, and make a `String` only of the fields they keep.
extension ArraySlice where Element == UInt8 {
    /// Whether the bytes begin with `prefix` (ASCII, exact case).
    func hasASCIIPrefix(_ prefix: StaticString) -> Bool {
        afterASCIIPrefix(prefix) != nil
    }

    /// The bytes after `prefix` (ASCII, exact case), or `nil` when they do not begin with it.
    func afterASCIIPrefix(_ prefix: StaticString) -> ArraySlice<UInt8>? {
        matchPrefix(prefix, ignoringCase: false)
    }

    /// The bytes after `prefix` compared without regard to ASCII case, or `nil`.
    func afterASCIIPrefixIgnoringCase(_ prefix: StaticString) -> ArraySlice<UInt8>? {
        matchPrefix(prefix, ignoringCase: true)
    }

    /// Whether the bytes are exactly `literal` (ASCII, exact case).
    func equalsASCII(_ literal: StaticString) -> Bool {
        count == literal.utf8CodeUnitCount && hasASCIIPrefix(literal)
    }

    /// Whether the bytes are `literal` without regard to ASCII case.
    func equalsASCIIIgnoringCase(_ literal: StaticString) -> Bool {
        count == literal.utf8CodeUnitCount && afterASCIIPrefixIgnoringCase(literal) != nil
    }

    /// Whether `literal` occurs anywhere in the bytes (ASCII, exact case).
    func containsASCII(_ literal: StaticString) -> Bool {
        firstRange(ofASCII: literal) != nil
    }

    /// The first place `literal` occurs in the bytes (ASCII, exact case).
    func firstRange(ofASCII literal: StaticString) -> Range<Int>? {
        let length = literal.utf8CodeUnitCount
        guard length > 0, length <= count else { return nil }
        var start = startIndex
        while start <= endIndex - length {
            if self[start...].hasASCIIPrefix(literal) { return start..<start + length }
            start += 1
        }
        return nil
    }

    /// The bytes up to the first `separator` and those after it, or `nil` without one.
    func splitOnce(at separator: UInt8) -> (head: ArraySlice<UInt8>, tail: ArraySlice<UInt8>)? {
        guard let index = firstIndex(of: separator) else { return nil }
        return (self[startIndex..<index], self[(index + 1)...])
    }

    /// The bytes up to the last `separator` and those after it, or `nil` without one.
    func splitAtLast(_ separator: UInt8) -> (head: ArraySlice<UInt8>, tail: ArraySlice<UInt8>)? {
        guard let index = lastIndex(of: separator) else { return nil }
        return (self[startIndex..<index], self[(index + 1)...])
    }

    /// The first run of non-whitespace bytes and what follows it (whitespace included).
    func firstWord() -> (word: ArraySlice<UInt8>, rest: ArraySlice<UInt8>) {
        let end = firstIndex(where: \.isASCIIWhitespace) ?? endIndex
        return (self[startIndex..<end], self[end...])
    }

    /// The bytes without leading ASCII whitespace.
    func droppingLeadingWhitespace() -> ArraySlice<UInt8> {
        drop(while: \.isASCIIWhitespace)
    }

    /// The bytes without trailing ASCII whitespace (a log line's `\r\n`).
    func droppingTrailingWhitespace() -> ArraySlice<UInt8> {
        var end = endIndex
        while end > startIndex, self[end - 1].isASCIIWhitespace { end -= 1 }
        return self[startIndex..<end]
    }

    /// Whether no byte is ASCII whitespace (a regular expression's `\S*`).
    var hasNoWhitespace: Bool { !contains(where: \.isASCIIWhitespace) }

    /// Whether every byte is an ASCII digit (`true` for no bytes).
    var isAllASCIIDigits: Bool { allSatisfy(\.isASCIIDigit) }

    /// The decimal number the bytes spell, or `nil` unless they are 1 to 18 ASCII digits.
    var decimalValue: Int? {
        guard !isEmpty, count <= 18 else { return nil }
        var value = 0
        for byte in self {
            guard byte.isASCIIDigit else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// The bytes as a `String` (invalid UTF-8 is replaced, never trapped on).
    var decodedString: String { String(decoding: self, as: UTF8.self) }

    private func matchPrefix(_ prefix: StaticString, ignoringCase: Bool) -> ArraySlice<UInt8>? {
        let length = prefix.utf8CodeUnitCount
        guard count >= length else { return nil }
        let matches = prefix.withUTF8Buffer { expected in
            for offset in 0..<length {
                let actual = self[startIndex + offset]
                let wanted = expected[offset]
                guard actual == wanted || (ignoringCase && actual.asciiLowercased == wanted.asciiLowercased) else {
                    return false
                }
            }
            return true
        }
        return matches ? self[(startIndex + length)...] : nil
    }
}

extension UInt8 {
    /// Space, tab, line feed, carriage return, vertical tab or form feed (Python's `\s` on ASCII).
    var isASCIIWhitespace: Bool {
        self == 0x20 || (0x09...0x0D).contains(self)
    }

    /// `0` to `9`.
    var isASCIIDigit: Bool { (0x30...0x39).contains(self) }

    /// The byte with `A` to `Z` turned into `a` to `z`.
    var asciiLowercased: UInt8 { (0x41...0x5A).contains(self) ? self | 0x20 : self }
}
