import PythonPackaging

/// The core metadata fields of a release that the JSON API serves (`info`), as text.
public struct ReleaseMetadata: Hashable, Sendable {
    /// `Metadata-Version`, e.g. `2.4`.
    public var metadataVersion: String = "2.1"
    /// `Summary`.
    public var summary: String?
    /// `Description` (the long description).
    public var description: String?
    /// `Description-Content-Type`.
    public var descriptionContentType: String?
    /// `Author`.
    public var author: String?
    /// `Author-email`.
    public var authorEmail: String?
    /// `Maintainer`.
    public var maintainer: String?
    /// `Maintainer-email`.
    public var maintainerEmail: String?
    /// `License`.
    public var license: String?
    /// `License-Expression` (PEP 639), normalized.
    public var licenseExpression: String?
    /// `License-File` paths.
    public var licenseFiles: [String] = []
    /// `Keywords`, one entry per keyword.
    public var keywords: [String] = []
    /// `Classifier`s.
    public var classifiers: [String] = []
    /// `Requires-Dist`, each as written by packaging.
    public var requiresDist: [String] = []
    /// `Requires-Python`.
    public var requiresPython: String?
    /// `Provides-Extra`.
    public var providesExtra: [String] = []
    /// `Project-URL`s, in order.
    public var projectURLs: [ProjectURL] = []
    /// `Home-page`.
    public var homePage: String?
    /// `Download-URL`.
    public var downloadURL: String?
    /// `Platform`s.
    public var platforms: [String] = []
    /// `Dynamic` (PEP 643).
    public var dynamic: [String] = []

    /// Empty metadata.
    public init() {}

    /// The fields of validated core metadata; `requiresPythonAsWritten` is the upload's
    /// Requires-Python as sent, which is what the index serves (default: packaging's form).
    public init(_ metadata: CoreMetadata, requiresPython requiresPythonAsWritten: String? = nil) {
        metadataVersion = metadata.metadataVersion.rawValue
        summary = metadata.summary
        description = metadata.description
        descriptionContentType = metadata.descriptionContentType
        author = metadata.author
        authorEmail = metadata.authorEmail
        maintainer = metadata.maintainer
        maintainerEmail = metadata.maintainerEmail
        license = metadata.license
        licenseExpression = metadata.licenseExpression?.normalized
        licenseFiles = metadata.licenseFiles
        keywords = metadata.keywords
        classifiers = metadata.classifiers
        requiresDist = metadata.requiresDist.map(\.description)
        requiresPython = requiresPythonAsWritten ?? metadata.requiresPython?.description
        providesExtra = metadata.providesExtra
        projectURLs = metadata.projectURLs
        homePage = metadata.homePage
        downloadURL = metadata.downloadURL
        platforms = metadata.platforms
        dynamic = metadata.dynamic
    }
}
