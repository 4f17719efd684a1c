/// A project (distribution) name, compared by its PEP 503 normalized form.
///
/// Holds the name as given and `normalized`, the form of `packaging.utils.canonicalize_name`
/// (runs of `-`, `_` and `.` become one `-`, then lowercase). Two names are equal, and hash
/// alike, when their normalized forms are equal, so `Foo.Bar` and `foo-bar` are one project.
/// Any string can be held; `isValid` tells whether it is a valid name (PEP 508, core metadata).
public struct ProjectName: Hashable, Sendable, CustomStringConvertible {
    /// The name as given, e.g. `Foo.Bar`.
    public let name: String
    /// The PEP 503 normalized name, e.g. `foo-bar`.
    public let normalized: String

    /// Holds `name` as given, valid or not. Use `init(validating:)` to refuse invalid names.
    public init(_ name: String) {
        self.name = name
        self.normalized = Self.normalize(name)
    }

    /// Holds `name` if it is a valid project name, else throws the message of Warehouse's
    /// upload form ("Start and end with a letter or numeral ...").
    public init(validating name: String) throws(NameError) {
        guard Self.isValid(name) else { throw .invalidCharacters(name) }
        self.init(name)
    }

    /// The name as given.
    public var description: String { name }

    /// Whether the name matches `^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$` (ASCII, any case),
    /// the core metadata rule that Warehouse's `PROJECT_NAME_RE` enforces.
    public var isValid: Bool { Self.isValid(name) }

    /// The name with separators removed and look-alike characters folded, as Warehouse's
    /// `ultranormalize_name` SQL function: remove `.`, `_` and `-`, then `l`, `L`, `i`, `I`
    /// become `1` and `o`, `O` become `0`, then lowercase. Warehouse refuses a new project
    /// whose ultranormalized name equals an existing project's.
    public var ultranormalized: String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            switch scalar {
            case ".", "_", "-": continue
            case "l", "L", "i", "I": scalars.append("1")
            case "o", "O": scalars.append("0")
            default: scalars.append(scalar)
            }
        }
        return PythonText.lower(String(scalars))
    }

    public static func == (lhs: ProjectName, rhs: ProjectName) -> Bool {
        PythonText.equal(lhs.normalized, rhs.normalized)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(normalized)
    }
}
