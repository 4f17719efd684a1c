/// The `filetype` field of an upload (Warehouse's `UploadForm`), with the extensions each
/// allows (PEP 527).
public enum UploadFiletype: String, Hashable, Sendable, CaseIterable {
    /// A source distribution: `.tar.gz` or `.zip`.
    case sdist
    /// A wheel: `.whl`.
    case bdistWheel = "bdist_wheel"

    /// The extensions Warehouse accepts for this filetype, matched case-sensitively.
    public var extensions: Set<String> {
        switch self {
        case .sdist: [".zip", ".tar.gz"]
        case .bdistWheel: [".whl"]
        }
    }
}
