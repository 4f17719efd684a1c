/// A wheel's `entry_points.txt`, read the way Warehouse reads it: Python's `configparser` with `=`
/// as the only delimiter, case-sensitive names and strict duplicate checks (entry points
/// specification, "File format").
///
/// Script names in `console_scripts` and `gui_scripts` must match `[\w.-]+` so that installers
/// cannot be made to write a script outside their `bin` directory.
public struct WheelEntryPoints: Hashable, Sendable {
    /// One `name = value` line.
    public struct EntryPoint: Hashable, Sendable {
        public let name: String
        /// The value; continuation lines are joined with `\n`.
        public let value: String
    }

    /// The groups (INI sections) in file order, with their entry points.
    public let groups: [(name: String, entryPoints: [EntryPoint])]

    /// Parses the bytes of `entry_points.txt`; the error says what is wrong.
    public init(parsing bytes: [UInt8]) throws(WheelError) {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw WheelError("entry_points.txt is not decodable as UTF-8")
        }
        var parser = WheelEntryPointsParser()
        for (number, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            try parser.read(String(decoding: line, as: UTF8.self), number: number + 1)
        }
        // configparser joins a value's lines and strips the trailing empty ones.
        groups = parser.groups.map { group in
            (group.name, group.entryPoints.map { EntryPoint(name: $0.name, value: $0.value.trimmingWhitespace()) })
        }
        for group in ["console_scripts", "gui_scripts"] {
            guard let entries = groups.first(where: { $0.name == group })?.entryPoints else { continue }
            let defaults = groups.first(where: { $0.name == "DEFAULT" })?.entryPoints ?? []
            for entry in entries + defaults where !Self.isValidScriptName(entry.name) {
                throw WheelError("Invalid entry point name '\(entry.name)' in '\(group)'")
            }
        }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.groups.elementsEqual(rhs.groups) { $0.name == $1.name && $0.entryPoints == $1.entryPoints }
    }

    public func hash(into hasher: inout Hasher) {
        for group in groups {
            hasher.combine(group.name)
            hasher.combine(group.entryPoints)
        }
    }

    /// Python's `[\w.-]+`: word characters are letters, digits (any script) and `_`.
    static func isValidScriptName(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy { scalar in
                switch scalar.properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                    .decimalNumber, .letterNumber, .otherNumber:
                    return true
                default:
                    return scalar == "_" || scalar == "." || scalar == "-"
                }
            }
    }
}
