/// A wheel filename, parsed per the binary distribution format (PEP 427) exactly as
/// `packaging.utils.parse_wheel_filename`: `{name}-{version}(-{build})?-{tags}.whl`.
public struct WheelFilename: Hashable, Sendable {
    /// The project name; `name.normalized` is what packaging returns.
    public let name: ProjectName
    /// The version (PEP 440).
    public let version: Version
    /// The build tag, if the filename has one.
    public let buildTag: BuildTag?
    /// The (possibly compressed) tag set's parts, lowercased; kept unexpanded so that a
    /// hostile `a.b.c…-…-…` costs linear, not cubic, memory until `tags` is asked for.
    let tagComponents: CompatibilityTag.Components

    /// Every tag triple of the (possibly compressed) tag set, e.g. two for `py2.py3-none-any`:
    /// the product of its parts, as packaging returns.
    public var tags: Set<CompatibilityTag> { CompatibilityTag.expand(tagComponents) }

    /// The distinct platform tags, lowercased, e.g. `manylinux_2_17_x86_64` and
    /// `manylinux2014_x86_64`.
    public var platformTags: Set<String> { tagComponents.platforms }

    /// Parses `filename`, e.g. `requests-2.32.0-py3-none-any.whl`, throwing packaging's
    /// `InvalidWheelFilename` messages. With `validateOrder`, the dotted parts of a compressed
    /// tag set must be sorted (packaging's `validate_order`; Warehouse does not ask for it).
    public init(parsing filename: String, validateOrder: Bool = false) throws(FilenameError) {
        guard PythonText.hasSuffix(filename, ".whl") else { throw .wheelExtension(filename) }
        let stem = PythonText.dropSuffix(filename, byteCount: 4)
        let dashes = stem.utf8.count { $0 == UInt8(ascii: "-") }
        guard dashes == 4 || dashes == 5 else { throw .wheelPartCount(stem) }
        // split("-", dashes - 2): the tag set keeps its two dashes.
        let parts = PythonText.split(stem, on: UInt8(ascii: "-"), maxSplits: dashes - 2)
        let namePart = parts[0]
        guard Self.isEscapedName(namePart) else { throw .wheelProjectName(stem) }
        let version: Version
        do {
            version = try Version(parsing: parts[1])
        } catch {
            throw .wheelVersion(stem)
        }
        if dashes == 5 {
            guard let build = BuildTag(parsing: parts[2]) else { throw .wheelBuildNumber(parts[2], stem) }
            buildTag = build
        } else {
            buildTag = nil
        }
        let tagSet = parts[parts.count - 1]
        if validateOrder, !CompatibilityTag.isSorted(tagSet) { throw .wheelTagOrder(stem) }
        guard let components = CompatibilityTag.parseComponents(tagSet) else { throw .wheelPartCount(stem) }
        self.tagComponents = components
        self.name = ProjectName(namePart)
        self.version = version
    }

    /// PEP 427's escaped name as packaging checks it: no `__`, and only word characters
    /// (`\w`, Unicode), digits, `.` and `_`; like Python's `$`, one final line feed passes.
    static func isEscapedName(_ name: String) -> Bool {
        let bytes = name.utf8
        guard !zip(bytes, bytes.dropFirst()).contains(where: { $0 == UInt8(ascii: "_") && $1 == UInt8(ascii: "_") })
        else { return false }
        var scalars = Substring(name).unicodeScalars
        if scalars.last == "\n" { scalars.removeLast() }
        return scalars.allSatisfy { $0 == "." || PythonText.isWordCharacter($0) }
    }
}
