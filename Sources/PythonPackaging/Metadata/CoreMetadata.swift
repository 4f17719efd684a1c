/// Validated core metadata of a distribution
/// (https://packaging.python.org/specifications/core-metadata, Metadata-Version 1.0-2.5),
/// the counterpart of `packaging.metadata.Metadata` with Warehouse's upload rules applied.
///
/// Build it with ``RawMetadata/validated(options:)``; ``validated(parsing:options:)`` and
/// ``validated(form:options:)`` read and validate at once.
public struct CoreMetadata: Hashable, Sendable {
    /// `Metadata-Version`.
    public var metadataVersion: MetadataVersion
    /// `Name`, as written (not normalised).
    public var name: String
    /// `Version`, parsed (PEP 440).
    public var version: Version
    /// `Dynamic` (PEP 643), lower-cased.
    public var dynamic: [String] = []
    /// `Platform`.
    public var platforms: [String] = []
    /// `Supported-Platform`.
    public var supportedPlatforms: [String] = []
    /// `Summary`: one line.
    public var summary: String?
    /// `Description`, from the header or the message body.
    public var description: String?
    /// `Description-Content-Type`.
    public var descriptionContentType: String?
    /// `Keywords`, split on commas.
    public var keywords: [String] = []
    /// `Home-Page`.
    public var homePage: String?
    /// `Download-URL`.
    public var downloadURL: String?
    /// `Author`.
    public var author: String?
    /// `Author-Email`.
    public var authorEmail: String?
    /// `Maintainer`.
    public var maintainer: String?
    /// `Maintainer-Email`.
    public var maintainerEmail: String?
    /// `License` (free text, deprecated by PEP 639).
    public var license: String?
    /// `License-Expression` (PEP 639), canonicalised as packaging's
    /// `Metadata.license_expression` (`mit or apache-2.0` becomes `MIT OR Apache-2.0`).
    public var licenseExpression: LicenseExpression?
    /// `License-File` (PEP 639) paths.
    public var licenseFiles: [String] = []
    /// `Classifier`.
    public var classifiers: [String] = []
    /// `Requires-Dist` (PEP 508).
    public var requiresDist: [Requirement] = []
    /// `Requires-Python` (PEP 440 specifiers).
    public var requiresPython: SpecifierSet?
    /// `Requires-External`, not parsed (it allows non-PEP 440 versions).
    public var requiresExternal: [String] = []
    /// `Project-URL` as `(label, url)` pairs.
    public var projectURLs: [ProjectURL] = []
    /// `Provides-Extra`, normalised (PEP 685).
    public var providesExtra: [String] = []
    /// `Provides-Dist`.
    public var providesDist: [String] = []
    /// `Obsoletes-Dist`.
    public var obsoletesDist: [String] = []
    /// `Import-Name` (PEP 794).
    public var importNames: [String] = []
    /// `Import-Namespace` (PEP 794).
    public var importNamespaces: [String] = []
    /// `Requires` (Metadata 1.1, deprecated).
    public var requires: [String] = []
    /// `Provides` (Metadata 1.1, deprecated).
    public var provides: [String] = []
    /// `Obsoletes` (Metadata 1.1, deprecated).
    public var obsoletes: [String] = []

    /// Whether a PEP 658 metadata file may be served for an sdist with this metadata: PEP 643
    /// makes sdist metadata reliable from Metadata-Version 2.2 on when no field is `Dynamic`.
    public var isStaticForPEP658: Bool {
        metadataVersion >= .v2_2 && dynamic.isEmpty
    }

    /// The `License-File` paths that must be in the archive (PEP 639): in a wheel under
    /// `.dist-info/licenses/`, in an sdist under its top directory. Before Metadata-Version 2.4 the
    /// field was setuptools' own, with files elsewhere in the wheel, so nothing is required then.
    public var requiredLicenseFiles: [String] {
        metadataVersion >= .v2_4 ? licenseFiles : []
    }
}

/// How strictly ``RawMetadata/validated(options:)`` checks.
public struct MetadataValidationOptions: Hashable, Sendable {
    /// Accept deprecated classifiers, as Warehouse does when backfilling old releases.
    public var backfill: Bool

    /// Options for an upload (`backfill` false).
    public init(backfill: Bool = false) {
        self.backfill = backfill
    }
}
