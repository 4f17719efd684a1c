extension DependencyScanner {
    /// The `SPECIFIER` token: one clause of packaging's specifier regex matched at the current
    /// position (not anchored at the end), e.g. `>=1.0` out of `>=1.0,<2`.
    mutating func consumeSpecifier() -> String? {
        let start = position
        if sees("===") {
            position += 3
            skipPythonWhitespace()
            while let next = scalar(at: position), !PythonWhitespace.contains(next), next != ";",
                next != ")"
            {
                position += 1
            }
            return text(start..<position)
        }
        guard let op = ["==", "!=", "~=", "<=", ">=", "<", ">"].first(where: { sees($0) }) else {
            return nil
        }
        position += op.unicodeScalars.count
        skipPythonWhitespace()
        var bytes: [UInt8] = []
        var index = position
        while let next = scalar(at: index), next.isASCII, Self.mayAppearInVersion(UInt8(next.value)) {
            bytes.append(UInt8(next.value))
            index += 1
        }
        let isEquality = op == "==" || op == "!="
        guard
            let length = VersionParser.prefixLength(
                of: bytes, wildcard: isEquality, local: isEquality,
                minimumRelease: op == "~=" ? 2 : 1)
        else {
            position = start
            return nil
        }
        position += length
        return text(start..<position)
    }

    private mutating func skipPythonWhitespace() {
        while let next = scalar(at: position), PythonWhitespace.contains(next) {
            position += 1
        }
    }

    private static func mayAppearInVersion(_ byte: UInt8) -> Bool {
        VersionParser.isAlphanumeric(byte) || VersionParser.isSeparator(byte)
            || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "*")
    }
}
