/// PEP 440 ordering, exactly packaging's `_cmpkey`: epoch, then the release without trailing
/// zeros, then pre/post/dev (a development release without pre or post sorts before any
/// pre-release), then the local label (none < any; strings < numbers; shorter prefix first).
extension Version: Comparable, Hashable {
    /// `(pre rank, pre number, post rank, post number, dev rank, dev number)` of packaging's key.
    private var suffixKey: (Int, VersionNumber, Int, VersionNumber, Int, VersionNumber) {
        let preRank: Int
        if let pre {
            preRank = pre.kind.rawValue
        } else if post == nil && dev != nil {
            preRank = -1
        } else {
            preRank = 3
        }
        return (
            preRank, pre?.number ?? 0,
            post == nil ? 0 : 1, post ?? 0,
            dev == nil ? 1 : 0, dev ?? 0
        )
    }

    public static func < (lhs: Version, rhs: Version) -> Bool {
        if lhs.epoch != rhs.epoch {
            return lhs.epoch < rhs.epoch
        }
        let left = lhs.trimmedRelease(keepingOne: false)
        let right = rhs.trimmedRelease(keepingOne: false)
        if !left.elementsEqual(right) {
            return left.lexicographicallyPrecedes(right)
        }
        let leftSuffix = lhs.suffixKey
        let rightSuffix = rhs.suffixKey
        if leftSuffix != rightSuffix {
            return leftSuffix < rightSuffix
        }
        return lhs.localSegments.lexicographicallyPrecedes(rhs.localSegments)
    }

    public static func == (lhs: Version, rhs: Version) -> Bool {
        lhs.epoch == rhs.epoch
            && lhs.trimmedRelease(keepingOne: false).elementsEqual(
                rhs.trimmedRelease(keepingOne: false))
            && lhs.suffixKey == rhs.suffixKey
            && lhs.localSegments == rhs.localSegments
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(epoch)
        let release = trimmedRelease(keepingOne: false)
        hasher.combine(release.count)
        for part in release {
            hasher.combine(part)
        }
        let suffix = suffixKey
        hasher.combine(suffix.0)
        hasher.combine(suffix.1)
        hasher.combine(suffix.2)
        hasher.combine(suffix.3)
        hasher.combine(suffix.4)
        hasher.combine(suffix.5)
        hasher.combine(localSegments)
    }
}
