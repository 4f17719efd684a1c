/// Whether a long description renders (Warehouse renders it at upload with readme_renderer and
/// refuses the upload when that fails, so that no project page shows a broken README).
///
/// The use case only needs the verdict; the renderer itself (libcmark-gfm, the
/// reStructuredText parser) lives outside the core and is handed in by the composition root.
public protocol DescriptionRendering: Sendable {
    /// `true` when `description` renders as `contentType` (`nil`: the default, reStructuredText).
    func renders(_ description: String, contentType: String?) -> Bool
}
