/// Why core metadata was refused, with the message Warehouse's upload endpoint sends.
///
/// ``field`` and ``message`` are those of the first `packaging.metadata.InvalidMetadata` that
/// Warehouse's `forklift/legacy.py` reports: errors of `metadata-version`, then `name`, then
/// `version`, then of the field whose name sorts first.
public struct MetadataError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The email-style field name (`requires-dist`), or the form key for unparsed form data.
    public var field: String
    /// The message of the error itself, e.g. `'3.0' is not a valid metadata version`.
    public var message: String

    /// Creates an error about `field`.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    init(_ field: MetadataField, _ message: String) {
        self.init(field: field.rawValue, message: message)
    }

    /// The page the upload response points to: the core metadata specification, or the local
    /// version section of the version specifiers specification for local versions.
    public var seeURL: String {
        field == MetadataField.version.rawValue && message.contains("use of local versions")
            ? "https://packaging.python.org/en/latest/specifications/version-specifiers/#local-version-identifiers"
            : "https://packaging.python.org/specifications/core-metadata"
    }

    /// The text of Warehouse's 400 response: the message ending in a period, then
    /// "See <url> for more information."
    public var description: String {
        let sentence = message.hasSuffix(".") ? message : message + "."
        return "\(sentence) See \(seeURL) for more information."
    }

    /// Picks the error Warehouse reports among `errors`, as `forklift/legacy.py` does.
    static func first(of errors: [MetadataError]) -> MetadataError? {
        let priority = ["metadata-version", "name", "version"]
        for field in priority {
            if let error = errors.first(where: { $0.field == field }) { return error }
        }
        guard let field = errors.map(\.field).min() else { return nil }
        return errors.first { $0.field == field }
    }
}
