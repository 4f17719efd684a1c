/// An environment marker of PEP 508 ("Dependency specification for Python Software Packages"),
/// such as `python_version >= "3.8" and sys_platform == "linux"`, parsed, printed and evaluated
/// as Python's `packaging.markers.Marker`.
///
/// Two markers are equal when they print the same, as in packaging.
public struct Marker: Hashable, Sendable, CustomStringConvertible {
    let expression: MarkerList

    init(expression: MarkerList) {
        self.expression = expression
    }

    /// Parses a marker expression.
    ///
    /// Variables are the PEP 508 names (`python_version`, `sys_platform`, `extra`, ...), with the
    /// old dotted spellings packaging still accepts (`os.name`, `platform.machine`, ...);
    /// `python_implementation` reads as `platform_python_implementation`. Values of `extra`
    /// comparisons are normalized as PEP 685 says.
    ///
    /// - Throws: `MarkerError` with packaging's `InvalidMarker` text.
    public init(parsing text: String) throws(MarkerError) {
        var parser = DependencyParser(text)
        do {
            self.expression = try parser.parseFullMarker()
        } catch {
            throw MarkerError(error.description)
        }
    }

    /// The normalized form, as packaging's `str(Marker)`: single spaces, values in double quotes.
    public var description: String { expression.formatted(first: true) }

    public static func == (lhs: Marker, rhs: Marker) -> Bool {
        lhs.description.unicodeScalars.elementsEqual(rhs.description.unicodeScalars)
    }

    public func hash(into hasher: inout Hasher) {
        for byte in description.utf8 {
            hasher.combine(byte)
        }
    }
}

/// A marker expression as packaging keeps it: atoms joined by `and` / `or`, left to right.
struct MarkerList: Hashable, Sendable {
    var atoms: [MarkerAtom]
    /// `operators[i]` joins `atoms[i]` and `atoms[i + 1]`: `true` for `or`, `false` for `and`.
    var operators: [Bool]

    /// packaging's `_format_marker`: a list holding a single item or list prints as that element;
    /// nested lists get parentheses.
    func formatted(first: Bool) -> String {
        if atoms.count == 1, let only = atoms.first {
            switch only {
            case .item(let item): return item.description
            case .group(let list): return list.formatted(first: true)
            }
        }
        var parts: [String] = []
        for (index, atom) in atoms.enumerated() {
            if index > 0 {
                parts.append(operators[index - 1] ? "or" : "and")
            }
            switch atom {
            case .item(let item): parts.append(item.description)
            case .group(let list): parts.append(list.formatted(first: false))
            }
        }
        let joined = parts.joined(separator: " ")
        return first ? joined : "(" + joined + ")"
    }
}

/// One operand of a comparison, or a parenthesised expression.
indirect enum MarkerAtom: Hashable, Sendable {
    case item(MarkerItem)
    case group(MarkerList)
}

/// `<operand> <op> <operand>`, e.g. `python_version >= "3.8"`.
struct MarkerItem: Hashable, Sendable, CustomStringConvertible {
    enum Operand: Hashable, Sendable {
        /// An environment variable, by its canonical name.
        case variable(String)
        /// A string literal, its escapes decoded.
        case value(String)

        /// The variable's name or the literal's value.
        var text: String {
            switch self {
            case .variable(let name): name
            case .value(let value): value
            }
        }
    }

    var lhs: Operand
    /// `===`, `==`, `~=`, `!=`, `<=`, `>=`, `<`, `>`, `in` or `not in`.
    var op: String
    var rhs: Operand

    var description: String {
        "\(Self.serialize(lhs)) \(op) \(Self.serialize(rhs))"
    }

    private static func serialize(_ operand: Operand) -> String {
        switch operand {
        case .variable(let name): name
        case .value(let value): "\"\(value)\""
        }
    }
}
