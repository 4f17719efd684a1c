/// Checks of ZIP member names (APPNOTE.TXT 4.4.17), stricter than Warehouse's.
///
/// Warehouse refuses control characters and names that are not UTF-8. On top of that a name must
/// be a plain relative path: no absolute path, drive letter, backslash, `..`, `.` or empty
/// component, so that every extractor writes the member to the same place inside its target.
enum ZipEntryName {
    /// Bit 11 of the general purpose flags: the name is UTF-8 (APPNOTE.TXT appendix D).
    static let utf8Flag = 0x0800

    /// Whether `bytes` contain a C0 control character or DEL, as Warehouse checks.
    static func hasUnprintable(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.contains { $0 < 0x20 || $0 == 0x7F }
    }

    /// Decodes and checks a raw member name.
    ///
    /// A non-ASCII name must carry the UTF-8 flag: without it ZIP readers decode it as CP437
    /// (Python's `zipfile` does) while others take UTF-8, and the two disagree.
    static func validate(_ bytes: ArraySlice<UInt8>, flags: Int) throws(ArchiveError) -> String {
        guard !hasUnprintable(bytes) else { throw .zipNotAccepted("Invalid character in filename") }
        guard let name = String(validating: bytes, as: UTF8.self) else {
            throw .zipNotAccepted("Filename not unicode")
        }
        guard flags & utf8Flag != 0 || bytes.allSatisfy({ $0 < 0x80 }) else {
            throw .zipNotAccepted("Filename '\(name)' is not ASCII and not flagged as UTF-8")
        }
        try checkPath(name)
        return name
    }

    private static func checkPath(_ name: String) throws(ArchiveError) {
        let utf8 = Array(name.utf8)
        guard let first = utf8.first else { throw .zipNotAccepted("Empty filename") }
        guard !utf8.contains(UInt8(ascii: "\\")) else {
            throw .zipNotAccepted("Backslash in filename '\(name)'")
        }
        guard first != UInt8(ascii: "/") else { throw .zipNotAccepted("Absolute filename '\(name)'") }
        if utf8.count >= 2, utf8[1] == UInt8(ascii: ":"), (first | 0x20) >= UInt8(ascii: "a"),
            (first | 0x20) <= UInt8(ascii: "z")
        {
            throw .zipNotAccepted("Drive letter in filename '\(name)'")
        }
        var components = utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        if components.count > 1, components.last?.isEmpty == true {
            components.removeLast()  // A directory's trailing slash.
        }
        for component in components {
            if component.elementsEqual("..".utf8) {
                throw .zipNotAccepted("Parent directory component in filename '\(name)'")
            }
            if component.isEmpty || component.elementsEqual(".".utf8) {
                throw .zipNotAccepted("Empty or '.' component in filename '\(name)'")
            }
        }
    }
}
