extension Marker {
    /// Evaluates the marker against `environment` (variable name to value), as packaging's
    /// `Marker.evaluate(environment)` in its default "metadata" context: `extra` defaults to `""`
    /// and is normalized; a `python_full_version` ending in `+` gets `local` appended.
    ///
    /// For `python_version`, `python_full_version`, `platform_release` and
    /// `implementation_version`, comparisons are PEP 440 specifiers when the right side forms a
    /// valid one; otherwise, and for other variables, strings are compared: `==`, `!=`, `in`,
    /// `not in`; `<=` and `>=` as `==`; `<` and `>` are false.
    ///
    /// - Throws: `MarkerError` for a variable missing from `environment`, or `~=` / `===` on
    ///   values that are not versions.
    public func evaluate(environment: [String: String]) throws(MarkerError) -> Bool {
        var environment = environment
        let extra = environment["extra"] ?? ""
        environment["extra"] = extra.isEmpty ? "" : ProjectName.normalize(extra)
        if let full = environment["python_full_version"], full.hasSuffix("+") {
            environment["python_full_version"] = full + "local"
        }
        return try expression.evaluate(environment)
    }
}

extension MarkerList {
    /// `or` binds looser than `and`: true when some run of `and`-joined atoms is all true.
    func evaluate(_ environment: [String: String]) throws(MarkerError) -> Bool {
        var anyGroup = false
        var groupHolds = true
        for (index, atom) in atoms.enumerated() {
            if index > 0 && operators[index - 1] {
                anyGroup = anyGroup || groupHolds
                groupHolds = true
            }
            let value: Bool
            switch atom {
            case .item(let item): value = try item.evaluate(environment)
            case .group(let list): value = try list.evaluate(environment)
            }
            groupHolds = groupHolds && value
        }
        return anyGroup || groupHolds
    }
}

extension MarkerItem {
    /// Variables whose comparisons use PEP 440 specifiers.
    private static let versionVariables: Set<String> = [
        "implementation_version", "platform_release", "python_full_version", "python_version",
    ]

    func evaluate(_ environment: [String: String]) throws(MarkerError) -> Bool {
        let key: String
        var left: String
        var right: String
        switch (lhs, rhs) {
        case (.variable(let name), _):
            key = name
            left = try Self.lookUp(name, in: environment)
            right = rhs.text
        case (.value(let value), _):
            key = rhs.text
            left = value
            right = try Self.lookUp(key, in: environment)
        }
        if key == "extras" || key == "dependency_groups" {
            left = ProjectName.normalize(left)
            right = ProjectName.normalize(right)
        }
        if Self.versionVariables.contains(key), let specifier = try? Specifier(parsing: op + right) {
            return specifier.contains(left, prereleases: true)
        }
        switch op {
        case "in": return Self.contains(right, left)
        case "not in": return !Self.contains(right, left)
        case "==", "<=", ">=": return Self.same(left, right)
        case "!=": return !Self.same(left, right)
        case "<", ">": return false
        default:
            let operands = "\(PythonRepr.quote(left)) and \(PythonRepr.quote(right))"
            throw MarkerError("Undefined <Op(\(PythonRepr.quote(op)))> on \(operands).")
        }
    }

    private static func lookUp(_ name: String, in environment: [String: String]) throws(MarkerError)
        -> String
    {
        guard let value = environment[name] else {
            throw MarkerError("\(PythonRepr.quote(name)) does not exist in evaluation environment.")
        }
        return value
    }

    /// Python string equality: same code points.
    private static func same(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.elementsEqual(rhs.utf8)
    }

    /// Python's `needle in haystack` for strings, by UTF-8 bytes (Knuth-Morris-Pratt, linear).
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty else { return true }
        var failure = [Int](repeating: 0, count: pattern.count)
        var matched = 0
        for index in 1..<max(1, pattern.count) {
            while matched > 0 && pattern[index] != pattern[matched] {
                matched = failure[matched - 1]
            }
            if pattern[index] == pattern[matched] {
                matched += 1
            }
            failure[index] = matched
        }
        matched = 0
        for byte in haystack.utf8 {
            while matched > 0 && byte != pattern[matched] {
                matched = failure[matched - 1]
            }
            if byte == pattern[matched] {
                matched += 1
            }
            if matched == pattern.count {
                return true
            }
        }
        return false
    }
}
