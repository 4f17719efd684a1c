/// Core metadata as read, before validation: the counterpart of `packaging.metadata.RawMetadata`
/// and the `unparsed` dictionary that `parse_email` returns beside it.
///
/// Build it from a `METADATA`/`PKG-INFO` file with ``init(parsing:)`` or from Warehouse's upload
/// form with ``init(form:)``; validate it with ``RawMetadata/validated(options:)``.
public struct RawMetadata: Hashable, Sendable {
    /// Single-use fields, each given exactly once.
    public var strings: [MetadataField: String] = [:]
    /// Multiple-use fields, and `Keywords` split on commas, in the order given.
    public var lists: [MetadataField: [String]] = [:]
    /// `Project-URL` as `(label, url)` pairs in the order given; labels are unique.
    public var projectURLs: [ProjectURL]?
    /// Fields that could not be read: unknown names, single-use fields given more than once,
    /// values that are not UTF-8, duplicate Project-URL labels. In order of first appearance.
    public var unparsed: [UnparsedField] = []

    /// An empty record.
    public init() {}

    /// A field that could not be read into ``RawMetadata``.
    public struct UnparsedField: Hashable, Sendable {
        /// Why the field was set apart.
        public enum Reason: Hashable, Sendable {
            /// The name is not a core metadata field (compared case-insensitively).
            case unrecognized
            /// A known field whose values have the wrong shape (a single-use field used twice,
            /// a Project-URL label used twice, or the description both as header and body).
            case invalidData
            /// A value is not valid UTF-8; ``values`` hold it decoded with replacement characters.
            case invalidUTF8
        }

        /// The field name, lower-cased for headers (`x-custom`), as sent for form keys.
        public var name: String
        /// The values given.
        public var values: [String]
        /// Why the field could not be read.
        public var reason: Reason
    }

    /// Records `values` for `field` according to its shape, as `parse_email` and Warehouse's
    /// `parse_form_metadata` do; `key` names the field in ``unparsed`` when they do not fit.
    mutating func store(_ values: [String], for field: MetadataField, key: String) {
        switch field.shape {
        case .single where values.count == 1:
            strings[field] = values[0]
        case .multiple:
            lists[field] = values
        case .keywords where values.count == 1:
            lists[field] = RawMetadata.keywords(values[0])
        case .projectURLs:
            if let pairs = ProjectURL.pairs(values) {
                projectURLs = pairs
            } else {
                unparsed.append(UnparsedField(name: key, values: values, reason: .invalidData))
            }
        default:
            unparsed.append(UnparsedField(name: key, values: values, reason: .invalidData))
        }
    }

    /// Splits `Keywords` on commas and trims each keyword (`packaging.metadata._parse_keywords`).
    static func keywords(_ value: String) -> [String] {
        value.split(separator: ",", omittingEmptySubsequences: false).map { PythonWhitespace.trimmedString($0) }
    }
}

/// A `Project-URL` entry: `label, url`.
public struct ProjectURL: Hashable, Sendable {
    /// The label before the first comma, trimmed.
    public var label: String
    /// The URL after the first comma, trimmed; empty when there is no comma.
    public var url: String

    /// Creates an entry.
    public init(label: String, url: String) {
        self.label = label
        self.url = url
    }

    /// Splits each value at its first comma (`_parse_project_urls`); `nil` if a label repeats.
    static func pairs(_ values: [String]) -> [ProjectURL]? {
        var seen = Set<String>()
        var result: [ProjectURL] = []
        for value in values {
            let comma = value.firstIndex(of: ",")
            let label = PythonWhitespace.trimmedString(value[..<(comma ?? value.endIndex)])
            let url = comma.map { PythonWhitespace.trimmedString(value[value.index(after: $0)...]) } ?? ""
            guard seen.insert(label).inserted else { return nil }
            result.append(ProjectURL(label: label, url: url))
        }
        return result
    }
}
