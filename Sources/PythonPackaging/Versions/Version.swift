/// A version identifier as defined by PEP 440 ("Version Identification and Dependency
/// Specification"), parsed and compared exactly as Python's `packaging.version.Version`.
///
/// Equality and ordering follow packaging's comparison key, so `1.0 == 1.0.0` although their
/// descriptions differ; `description` is the normalized form (`str(Version(s))`).
public struct Version: Sendable, CustomStringConvertible {
    /// The epoch (`1!` in `1!2.0`), zero when absent.
    public let epoch: VersionNumber
    /// The release segment, e.g. `[1, 2, 0]` for `1.2.0`, trailing zeros kept. Never empty.
    public let release: [VersionNumber]
    /// The pre-release segment (`a1`, `b2`, `rc3`), if any.
    public let pre: PreRelease?
    /// The post-release number (`.post1`, `-1`, `rev1`), if any.
    public let post: VersionNumber?
    /// The development release number (`.dev1`), if any.
    public let dev: VersionNumber?
    /// The local version label split at its separators (`+ubuntu.1` is `[ubuntu, 1]`); empty
    /// when the version has no local label.
    public let localSegments: [LocalSegment]

    /// Creates a version from parts that are already valid (a non-empty release, lowercase
    /// alphanumeric local parts).
    init(
        epoch: VersionNumber = 0, release: [VersionNumber], pre: PreRelease? = nil,
        post: VersionNumber? = nil, dev: VersionNumber? = nil, localSegments: [LocalSegment] = []
    ) {
        self.epoch = epoch
        self.release = release
        self.pre = pre
        self.post = post
        self.dev = dev
        self.localSegments = localSegments
    }

    /// The normalized local label (`ubuntu.1`), as packaging's `Version.local`, or `nil`.
    public var local: String? {
        localSegments.isEmpty ? nil : localSegments.map(\.description).joined(separator: ".")
    }

    /// Whether this is a pre-release: it has a pre-release or a development segment.
    public var isPrerelease: Bool { pre != nil || dev != nil }

    /// Whether this version has a post-release segment.
    public var isPostrelease: Bool { post != nil }

    /// Whether this version has a development release segment.
    public var isDevrelease: Bool { dev != nil }

    /// Whether this version has a local version label.
    public var isLocal: Bool { !localSegments.isEmpty }

    /// The version without its local label (packaging's `Version.public`).
    public var publicVersion: Version {
        Version(epoch: epoch, release: release, pre: pre, post: post, dev: dev)
    }

    /// The epoch and release only, without pre, post, dev or local segments (packaging's
    /// `Version.base_version`).
    public var baseVersion: Version {
        Version(epoch: epoch, release: release)
    }

    /// The normalized form, identical to Python's `str(packaging.version.Version(s))`.
    public var description: String {
        render(release: ArraySlice(release))
    }

    /// The form of `packaging.utils.canonicalize_version(v)`: the normalized form with trailing
    /// zeros of the release removed (keeping at least one part), as PEP 625 file names use.
    public var canonicalized: String {
        render(release: trimmedRelease(keepingOne: true))
    }

    /// `canonicalize_version(string)`: the canonical form of `string` when it is a valid version,
    /// otherwise `string` unchanged, as packaging does.
    public static func canonicalize(_ string: String) -> String {
        guard let version = try? Version(parsing: string) else { return string }
        return version.canonicalized
    }

    /// The release with trailing zero parts removed. With `keepingOne`, at least one part stays
    /// (`0.0` becomes `0`), as packaging's `_TrimmedRelease`; without it, `0.0` becomes empty, as
    /// in packaging's comparison key.
    func trimmedRelease(keepingOne: Bool) -> ArraySlice<VersionNumber> {
        var end = release.endIndex
        let minimum = keepingOne ? release.startIndex + 1 : release.startIndex
        while end > minimum && release[end - 1].isZero {
            end -= 1
        }
        return release[..<end]
    }

    private func render(release parts: ArraySlice<VersionNumber>) -> String {
        var text = epoch.isZero ? "" : "\(epoch)!"
        text += parts.map(\.description).joined(separator: ".")
        if let pre {
            text += pre.description
        }
        if let post {
            text += ".post\(post)"
        }
        if let dev {
            text += ".dev\(dev)"
        }
        if let local {
            text += "+\(local)"
        }
        return text
    }
}
