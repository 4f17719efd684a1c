/// The absolute base URLs the read models link to (reference b.1: PyPI's web and files hosts;
/// Cheeseshop serves both from one origin unless configured otherwise).
public struct IndexURLs: Hashable, Sendable {
    /// The web base without a trailing slash, e.g. `https://pypi.example.org`.
    public var base: String
    /// The files base without a trailing slash; files are at `<files>/packages/<blob path>`.
    public var files: String

    /// Creates the URLs; trailing slashes are dropped. `files` defaults to `base`.
    public init(base: String, files: String? = nil) {
        self.base = Self.trimmed(base)
        self.files = Self.trimmed(files ?? base)
    }

    /// The URL of a stored file (``DistributionFile/upload`` ``FileUpload/blobPath``), with
    /// every byte that may not stand in a URL path percent-encoded (W02: a name that reached the
    /// database past the upload checks cannot break out of the link).
    public func file(blobPath: String) -> String {
        "\(files)/packages/\(PercentEncoding.encode(blobPath, keeping: PercentEncoding.pathCharacters))"
    }

    /// The web page of a project: `<base>/project/<name>/`.
    public func project(_ name: String) -> String {
        "\(base)/project/\(name)/"
    }

    /// The web page of a release: `<base>/project/<name>/<version>/`.
    public func release(_ name: String, version: String) -> String {
        "\(base)/project/\(name)/\(version)/"
    }

    private static func trimmed(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
