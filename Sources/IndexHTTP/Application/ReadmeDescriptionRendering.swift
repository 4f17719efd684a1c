import IndexCore
import ReadmeRendering

/// The upload path's description check on the renderer the project pages use: what would
/// show as a broken README is refused at upload, as PyPI refuses it.
public struct ReadmeDescriptionRendering: DescriptionRendering {
    public init() {}

    public func renders(_ description: String, contentType: String?) -> Bool {
        guard let format = ReadmeRenderer.format(contentType: contentType) else { return false }
        return (try? ReadmeRenderer.render(description, format: format)) != nil
    }
}
