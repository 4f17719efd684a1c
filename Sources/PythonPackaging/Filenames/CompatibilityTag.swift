/// One compatibility tag triple of a wheel (PEP 425), e.g. `py3-none-any`, as
/// `packaging.tags.Tag`: each part is lowercased (Python's `str.lower()`).
public struct CompatibilityTag: Hashable, Sendable, CustomStringConvertible {
    /// The interpreter tag, e.g. `py3` or `cp312`.
    public let interpreter: String
    /// The ABI tag, e.g. `none`, `abi3` or `cp312`.
    public let abi: String
    /// The platform tag, e.g. `any`, `win_amd64` or `manylinux_2_17_x86_64`.
    public let platform: String

    /// Makes a tag, lowercasing each part as `packaging.tags.Tag` does.
    public init(interpreter: String, abi: String, platform: String) {
        self.interpreter = PythonText.lower(interpreter)
        self.abi = PythonText.lower(abi)
        self.platform = PythonText.lower(platform)
    }

    /// The tag as written in a filename, `interpreter-abi-platform`.
    public var description: String { "\(interpreter)-\(abi)-\(platform)" }

    /// Expands a possibly compressed tag set such as `py2.py3-none-any` into every
    /// combination, as `packaging.tags.parse_tag`. Nil unless `text` has exactly three
    /// `-`-separated parts.
    public static func parseSet(_ text: String) -> Set<CompatibilityTag>? {
        parseComponents(text).map(expand)
    }

    /// The lowercased dotted parts of each of the three components, before expansion.
    static func parseComponents(_ text: String) -> Components? {
        let components = PythonText.split(text, on: UInt8(ascii: "-"))
        guard components.count == 3 else { return nil }
        let parts = components.map { Set(PythonText.split($0, on: UInt8(ascii: ".")).map(PythonText.lower)) }
        return Components(interpreters: parts[0], abis: parts[1], platforms: parts[2])
    }

    /// Every combination of the parts (their product, as `packaging.tags.parse_tag`).
    static func expand(_ components: Components) -> Set<CompatibilityTag> {
        var tags: Set<CompatibilityTag> = []
        for interpreter in components.interpreters {
            for abi in components.abis {
                for platform in components.platforms {
                    tags.insert(CompatibilityTag(lowercased: interpreter, abi: abi, platform: platform))
                }
            }
        }
        return tags
    }

    /// The parts of a compressed tag set, e.g. `{py2, py3}`, `{none}`, `{any}`.
    struct Components: Hashable, Sendable {
        var interpreters: Set<String>
        var abis: Set<String>
        var platforms: Set<String>
    }

    private init(lowercased interpreter: String, abi: String, platform: String) {
        self.interpreter = interpreter
        self.abi = abi
        self.platform = platform
    }

    /// Whether each dotted part of a compressed tag set is in code-point order, as PEP 425
    /// asks and packaging's `validate_order` checks (`parts == sorted(parts)`).
    public static func isSorted(_ text: String) -> Bool {
        PythonText.split(text, on: UInt8(ascii: "-")).allSatisfy { component in
            let parts = PythonText.split(component, on: UInt8(ascii: "."))
            return zip(parts, parts.dropFirst()).allSatisfy { pair in
                !pair.1.unicodeScalars.lexicographicallyPrecedes(pair.0.unicodeScalars) { $0.value < $1.value }
            }
        }
    }
}
