/// A dependency specifier of PEP 508, such as `requests[security]>=2.8.1; python_version < "3"`
/// or `pip @ https://example.com/pip.zip`, parsed and printed as Python's
/// `packaging.requirements.Requirement`.
public struct Requirement: Sendable, CustomStringConvertible {
    /// The project name as written.
    public let name: String
    /// The extras, each as written, without duplicates, sorted.
    public let extras: [String]
    /// The version specifiers; empty when there are none (or a URL is given).
    public let specifier: SpecifierSet
    /// The direct reference of the `name @ url` form.
    public let url: String?
    /// The environment marker after `;`.
    public let marker: Marker?

    /// Parses a dependency specifier.
    ///
    /// - Throws: `RequirementError` with packaging's `InvalidRequirement` message.
    public init(parsing text: String) throws(RequirementError) {
        var parser = DependencyParser(text)
        let parsed: DependencyParser.ParsedRequirement
        do {
            parsed = try parser.parseRequirement()
        } catch {
            throw RequirementError(error.description)
        }
        do {
            specifier = try SpecifierSet(parsing: parsed.specifier)
        } catch {
            throw RequirementError(error.description)
        }
        name = parsed.name
        url = parsed.url.isEmpty ? nil : parsed.url
        var unique: [String] = []
        for extra in parsed.extras.sorted(by: {
            $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) { $0.value < $1.value }
        })
        where unique.last.map({ !$0.unicodeScalars.elementsEqual(extra.unicodeScalars) }) ?? true {
            unique.append(extra)
        }
        extras = unique
        marker = parsed.marker.map { Marker(expression: DependencyParser.normalizingExtras($0)) }
    }

    /// The normalized form, as packaging's `str(Requirement)`: name, `[extras]`, specifiers
    /// sorted, ` @ url`, `; marker`.
    public var description: String { render(name: name) }

    private func render(name: String) -> String {
        var text = name
        if !extras.isEmpty {
            text += "[" + extras.joined(separator: ",") + "]"
        }
        if !specifier.isEmpty {
            text += specifier.description
        }
        if let url {
            text += " @ " + url
            if marker != nil {
                text += " "
            }
        }
        if let marker {
            text += "; " + marker.description
        }
        return text
    }
}

extension Requirement: Hashable {
    /// Equal as in packaging: normalized names, extras, specifiers, URL and marker.
    public static func == (lhs: Requirement, rhs: Requirement) -> Bool {
        ProjectName.normalize(lhs.name).unicodeScalars
            .elementsEqual(ProjectName.normalize(rhs.name).unicodeScalars)
            && lhs.extras.elementsEqual(rhs.extras) {
                $0.unicodeScalars.elementsEqual($1.unicodeScalars)
            }
            && lhs.specifier == rhs.specifier
            && sameText(lhs.url, rhs.url)
            && lhs.marker == rhs.marker
    }

    /// Python string equality of optional strings: same code points.
    private static func sameText(_ lhs: String?, _ rhs: String?) -> Bool {
        switch (lhs, rhs) {
        case (nil, nil): true
        case (let left?, let right?): left.unicodeScalars.elementsEqual(right.unicodeScalars)
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ProjectName.normalize(name))
        hasher.combine(extras)
        hasher.combine(specifier)
        hasher.combine(url)
        hasher.combine(marker)
    }
}
