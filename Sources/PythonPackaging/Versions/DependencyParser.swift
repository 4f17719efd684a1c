/// packaging's hand-written recursive descent parser for PEP 508 dependency specifiers and
/// environment markers (`packaging._parser`), with its error messages and spans.
struct DependencyParser {
    typealias Failure = DependencySyntaxError

    var scanner: DependencyScanner
    /// How many parentheses are open; bounded so that hostile input cannot exhaust the stack
    /// (where Python would raise `RecursionError`).
    private var depth = 0
    static let maximumDepth = 100

    init(_ text: String) {
        scanner = DependencyScanner(text)
    }

    /// `marker END`, with `extra` values normalized as `Marker()` does.
    mutating func parseFullMarker() throws(Failure) -> MarkerList {
        let marker = try parseMarker()
        try expectEnd("end of marker expression")
        return Self.normalizingExtras(marker)
    }

    /// `marker_atom (BOOLOP marker_atom)*`
    mutating func parseMarker() throws(Failure) -> MarkerList {
        var list = MarkerList(atoms: [try parseMarkerAtom()], operators: [])
        while let word = scanner.consumeWord(["or", "and"]) {
            list.operators.append(word == "or")
            list.atoms.append(try parseMarkerAtom())
        }
        return list
    }

    /// `WS? '(' WS? marker WS? ')' WS?` or `WS? marker_item WS?`
    private mutating func parseMarkerAtom() throws(Failure) -> MarkerAtom {
        scanner.skipWhitespace()
        let atom: MarkerAtom
        if scanner.sees("(") {
            let open = scanner.position
            guard depth < Self.maximumDepth else {
                throw scanner.error("Expected at most \(Self.maximumDepth) nested parentheses")
            }
            scanner.position += 1
            scanner.skipWhitespace()
            depth += 1
            let inner = try parseMarker()
            depth -= 1
            scanner.skipWhitespace()
            guard scanner.consume(")") else {
                throw scanner.error(
                    "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, "
                        + "after marker expression", from: open)
            }
            atom = .group(inner)
        } else {
            atom = .item(try parseMarkerItem())
        }
        scanner.skipWhitespace()
        return atom
    }

    /// `marker_var WS? marker_op WS? marker_var`
    private mutating func parseMarkerItem() throws(Failure) -> MarkerItem {
        scanner.skipWhitespace()
        let lhs = try parseMarkerVariable()
        scanner.skipWhitespace()
        let op = try parseMarkerOperator()
        scanner.skipWhitespace()
        let rhs = try parseMarkerVariable()
        scanner.skipWhitespace()
        return MarkerItem(lhs: lhs, op: op, rhs: rhs)
    }

    /// The variable names packaging's tokenizer knows, in its order.
    private static let variables = [
        "python_version", "python_full_version", "os_name", "os.name", "sys_platform",
        "sys.platform", "platform_release", "platform_system", "platform_version",
        "platform.version", "platform_machine", "platform.machine",
        "platform_python_implementation", "platform.python_implementation",
        "python_implementation", "implementation_name", "implementation_version", "extras",
        "extra", "dependency_groups",
    ]

    private mutating func parseMarkerVariable() throws(Failure) -> MarkerItem.Operand {
        if let name = scanner.consumeWord(Self.variables) {
            let canonical = String(name.map { $0 == "." ? "_" : $0 })
            return .variable(
                canonical == "python_implementation" ? "platform_python_implementation" : canonical)
        }
        let start = scanner.position
        if let literal = scanner.consumeQuotedString() {
            guard let value = PythonStringLiteral.decode(literal) else {
                throw scanner.error("Invalid string literal", from: start)
            }
            return .value(value)
        }
        throw scanner.error("Expected a marker variable or quoted string")
    }

    private mutating func parseMarkerOperator() throws(Failure) -> String {
        if scanner.consumeWord(["in"]) != nil {
            return "in"
        }
        if scanner.consumeWord(["not"]) != nil {
            guard scanner.sees(" ") || scanner.sees("\t") else {
                throw scanner.error("Expected whitespace after 'not'")
            }
            scanner.skipWhitespace()
            guard scanner.consumeWord(["in"]) != nil else {
                throw scanner.error("Expected 'in' after 'not'")
            }
            return "not in"
        }
        for op in ["===", "==", "~=", "!=", "<=", ">=", "<", ">"] where scanner.sees(op) {
            scanner.position += op.count
            return op
        }
        throw scanner.error(
            "Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in")
    }

    func expectEnd(_ expected: String) throws(Failure) {
        guard scanner.isAtEnd else { throw scanner.error("Expected \(expected)") }
    }

    /// packaging's `_normalize_extra_values`: in top-level comparisons with `extra`, the value is
    /// normalized as a name (PEP 685).
    static func normalizingExtras(_ list: MarkerList) -> MarkerList {
        var result = list
        result.atoms = list.atoms.map { atom in
            guard case .item(var item) = atom else { return atom }
            // Like packaging, this turns a variable on the other side into a value (its name).
            if item.lhs == .variable("extra") {
                item.rhs = .value(ProjectName.normalize(item.rhs.text))
            } else if item.rhs == .variable("extra") {
                item.lhs = .value(ProjectName.normalize(item.lhs.text))
            }
            return .item(item)
        }
        return result
    }
}
