/// The rules for member names, after crates.io's rules for uploaded tarballs: a name must be a
/// plain relative path that means the same on every system and to every tar implementation.
enum TarMemberName {
    /// Checks the raw name of a member and returns it as a string without a trailing `/`.
    static func validate(_ raw: [UInt8], limit: Int) throws(ArchiveError) -> String {
        guard raw.count <= limit else {
            throw ArchiveError("A member name is longer than \(limit) bytes.")
        }
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw ArchiveError("Member name '\(String(decoding: raw, as: UTF8.self))' is not valid UTF-8.")
        }
        let shown = "Member name '\(text.debugDescription.dropFirst().dropLast())'"
        guard !raw.contains(where: { $0 < 0x20 || $0 == 0x7f }) else {
            throw ArchiveError("\(shown) contains a control character.")
        }
        guard !raw.contains(UInt8(ascii: "\\")) else {
            throw ArchiveError("\(shown) contains a backslash.")
        }
        guard raw.first != UInt8(ascii: "/") else {
            throw ArchiveError("\(shown) is absolute.")
        }
        // A directory may end with one '/'; nothing else may be empty.
        var trimmed = ArraySlice(raw)
        if trimmed.last == UInt8(ascii: "/") {
            trimmed.removeLast()
        }
        for component in trimmed.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            if component.isEmpty {
                throw ArchiveError("\(shown) has an empty path component.")
            }
            if component.elementsEqual("..".utf8) {
                throw ArchiveError("\(shown) has a '..' component.")
            }
            if component.elementsEqual(".".utf8) {
                throw ArchiveError("\(shown) has a '.' component.")
            }
        }
        return String(decoding: trimmed, as: UTF8.self)
    }
}
