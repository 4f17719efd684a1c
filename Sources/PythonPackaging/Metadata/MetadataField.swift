/// A field of the core metadata specification
/// (https://packaging.python.org/specifications/core-metadata), named as in `METADATA`.
///
/// The raw value is the lower-cased email header name that `packaging.metadata` uses as the
/// field of its `InvalidMetadata` errors (e.g. `requires-dist`).
public enum MetadataField: String, CaseIterable, Hashable, Sendable {
    case metadataVersion = "metadata-version"
    case name
    case version
    case dynamic
    case platform
    case supportedPlatform = "supported-platform"
    case summary
    case description
    case descriptionContentType = "description-content-type"
    case keywords
    case homePage = "home-page"
    case downloadURL = "download-url"
    case author
    case authorEmail = "author-email"
    case maintainer
    case maintainerEmail = "maintainer-email"
    case license
    case licenseExpression = "license-expression"
    case licenseFile = "license-file"
    case classifier
    case requiresDist = "requires-dist"
    case requiresPython = "requires-python"
    case requiresExternal = "requires-external"
    case projectURL = "project-url"
    case providesExtra = "provides-extra"
    case providesDist = "provides-dist"
    case obsoletesDist = "obsoletes-dist"
    case importName = "import-name"
    case importNamespace = "import-namespace"
    case requires
    case provides
    case obsoletes

    /// How a field's values are carried.
    enum Shape: Sendable {
        /// Used at most once, one string.
        case single
        /// Used any number of times, one string per use.
        case multiple
        /// One comma-separated string, read as a list (`Keywords`).
        case keywords
        /// Used any number of times as `label, url` pairs with unique labels (`Project-URL`).
        case projectURLs
    }

    var shape: Shape {
        switch self {
        case .metadataVersion, .name, .version, .summary, .description, .descriptionContentType,
            .homePage, .downloadURL, .author, .authorEmail, .maintainer, .maintainerEmail, .license,
            .licenseExpression, .requiresPython:
            return .single
        case .keywords:
            return .keywords
        case .projectURL:
            return .projectURLs
        default:
            return .multiple
        }
    }

    /// The Metadata-Version that introduced the field (as `packaging.metadata.Metadata`).
    var introducedIn: MetadataVersion {
        switch self {
        case .metadataVersion, .name, .version, .platform, .summary, .description, .keywords,
            .homePage, .author, .authorEmail, .license:
            return .v1_0
        case .supportedPlatform, .downloadURL, .classifier, .requires, .provides, .obsoletes:
            return .v1_1
        case .maintainer, .maintainerEmail, .requiresDist, .requiresPython, .requiresExternal,
            .projectURL, .providesDist, .obsoletesDist:
            return .v1_2
        case .descriptionContentType, .providesExtra:
            return .v2_1
        case .dynamic:
            return .v2_2
        case .licenseExpression, .licenseFile:
            return .v2_4
        case .importName, .importNamespace:
            return .v2_5
        }
    }

    /// The name of the field in Warehouse's upload form (`forklift/metadata.py`): the
    /// `packaging` raw name, pluralised for multiple-use fields except `platform`,
    /// `supported_platform`, `license_file`, `import_name` and `import_namespace`.
    public var formName: String {
        switch self {
        case .classifier: return "classifiers"
        case .requiresDist: return "requires_dist"
        case .requiresExternal: return "requires_external"
        case .projectURL: return "project_urls"
        case .providesExtra: return "provides_extra"
        case .providesDist: return "provides_dist"
        case .obsoletesDist: return "obsoletes_dist"
        default: return String(rawValue.map { $0 == "-" ? "_" : $0 })
        }
    }

    /// Finds a field by its email header name, case-insensitively.
    init?(headerName: String) {
        self.init(rawValue: headerName.lowercased())
    }

    /// Finds a field by its Warehouse form name.
    init?(formName: String) {
        guard let field = MetadataField.byFormName[formName] else { return nil }
        self = field
    }

    private static let byFormName: [String: MetadataField] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.formName, $0) })
}

/// The Metadata-Version values that `packaging` and Warehouse accept, oldest first; `v2_1` is
/// Metadata-Version 2.1.
// swift-format-ignore: AlwaysUseLowerCamelCase
public enum MetadataVersion: String, CaseIterable, Comparable, Hashable, Sendable {
    case v1_0 = "1.0"
    case v1_1 = "1.1"
    case v1_2 = "1.2"
    case v2_1 = "2.1"
    case v2_2 = "2.2"
    case v2_3 = "2.3"
    case v2_4 = "2.4"
    case v2_5 = "2.5"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rawValue < rhs.rawValue  // "1.0" < "1.1" < ... < "2.5" as strings too
    }
}
