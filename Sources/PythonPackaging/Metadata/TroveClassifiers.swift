/// The trove classifiers PyPI knows (https://pypi.org/classifiers/), from the
/// `trove-classifiers` package; regenerate the table with `scripts/generate-classifiers.py`.
public enum TroveClassifiers {
    /// Whether `classifier` is a known classifier (deprecated ones included).
    public static func isKnown(_ classifier: String) -> Bool {
        all.contains(classifier)
    }

    /// The replacements of a deprecated classifier (possibly none), or `nil` if it is not
    /// deprecated.
    public static func replacements(forDeprecated classifier: String) -> [String]? {
        deprecated[classifier]
    }

    /// Warehouse's errors for `classifiers` (`forklift/metadata.py`): unknown ones first, then
    /// deprecated ones unless `backfill`, each group sorted and without repeats.
    static func errors(_ classifiers: [String], backfill: Bool) -> [MetadataError] {
        let unique = Set(classifiers).sorted()
        var errors = unique.filter { !isKnown($0) }.map {
            MetadataError(.classifier, "\(PythonRepr.quote($0)) is not a valid classifier.")
        }
        guard !backfill else { return errors }
        for classifier in unique {
            guard let replacements = replacements(forDeprecated: classifier) else { continue }
            let message =
                replacements.isEmpty
                ? "The classifier \(PythonRepr.quote(classifier)) has been deprecated."
                : "The classifier \(PythonRepr.quote(classifier)) has been deprecated, use one of "
                    + "\(PythonRepr.quote(replacements)) instead."
            errors.append(MetadataError(.classifier, message))
        }
        return errors
    }
}
