/// The pull-through proxy of upstream indexes (`serve --upstream URL`): what the read path asks
/// for a project that is not hosted here. A hosted project is never merged with upstream (local
/// wins whole); names reserved as private (``PrivateNames``) are never fetched.
public protocol PackageProxy: Sendable {
    /// The page of `normalizedName` from the first upstream that has it, its files linked under
    /// `urls` (``IndexURLs/proxiedFile(sha256:filename:)``); `nil` when no upstream has it, the
    /// name is private or the policy blocks it.
    func page(normalizedName: String, urls: IndexURLs) async throws -> ProxiedPage?

    /// The file whose upstream page gave it `sha256` and `filename` (or its PEP 658 metadata file
    /// when `metadata`): stored already, or fetched now; `nil` when no cached page lists it.
    func file(sha256: String, filename: String, metadata: Bool) async throws -> ProxiedFile?

    /// Why an upload may not create the project `name` here (it exists upstream and is not
    /// reserved as private), as the refusal's message; `nil` when it may.
    func refusal(forNewProject name: String, normalizedName: String) async throws -> String?
}

/// A proxied project page.
public struct ProxiedPage: Sendable {
    /// The page, ready to render (PEP 503 HTML or PEP 691 JSON).
    public var page: SimpleProjectPage
    /// Whether the upstream could not be asked (down, slow or failing) and this is the last page
    /// it gave, past its time to live.
    public var stale: Bool
    /// Until when (seconds since the epoch) the page may be answered without asking upstream.
    public var freshUntil: Double
    /// Changes whenever the page's content changes (for caching renderings).
    public var version: UInt64

    /// Creates a proxied page.
    public init(page: SimpleProjectPage, stale: Bool, freshUntil: Double, version: UInt64) {
        self.page = page
        self.stale = stale
        self.freshUntil = freshUntil
        self.version = version
    }
}

/// A proxied file's bytes.
public enum ProxiedFile: Sendable {
    /// In the blob store under this key, with its size.
    case stored(BlobKey, size: Int)
    /// Being fetched from upstream: the bytes as they arrive (the last chunk only once the
    /// SHA-256 is checked; a mismatch ends the stream with an error and nothing is kept).
    case fetching(size: Int?, chunks: AsyncThrowingStream<[UInt8], any Error>)
}

extension IndexURLs {
    /// The URL of a proxied file: `<files>/proxy/<sha256>/<filename>`.
    public func proxiedFile(sha256: String, filename: String) -> String {
        "\(files)/proxy/\(sha256)/\(PercentEncoding.encode(filename, keeping: PercentEncoding.pathCharacters))"
    }
}

extension BlobKey {
    /// Where a proxied file is kept: `proxy/<sha256[0:2]>/<sha256[2:4]>/<sha256>/<filename>`
    /// (never a hosted file's key, whose first component is two hex digits).
    public static func proxied(sha256: String, filename: String) -> BlobKey {
        let hex = Array(sha256)
        return BlobKey(path: "proxy/\(String(hex[0..<2]))/\(String(hex[2..<4]))/\(sha256)/\(filename)")
    }
}
