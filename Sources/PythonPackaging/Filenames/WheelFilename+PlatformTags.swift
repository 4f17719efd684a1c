extension WheelFilename {
    /// The first (in sorted order) platform tag that PyPI would refuse, or nil when every
    /// platform tag is on Warehouse's allow-list (`_valid_platform_tag`). Warehouse reports
    /// one such tag; which one depends on its set's iteration order, so we pick the least.
    public var unsupportedPlatformTag: String? {
        platformTags.filter { !Self.isSupportedPlatformTag($0) }.min {
            $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) { $0.value < $1.value }
        }
    }

    /// Whether PyPI accepts wheels for `platform`, exactly as Warehouse's
    /// `forklift/legacy.py::_valid_platform_tag`: the fixed list (`any`, `win32`,
    /// `win_amd64`, `win_arm64`, `win_ia64`, `manylinux1/2010/2014_*`, `linux_armv6l`,
    /// `linux_armv7l`), `macosx_10_{minor}_{arch}` and `macosx_{11-15,26}_0_{arch}`,
    /// `manylinux_X_Y_{arch}` (PEP 600), `musllinux_X_Y_{arch}` (PEP 656),
    /// `ios_X_Y_{arch}_{iphoneos|iphonesimulator}`, `android_N_{arch}` and
    /// `pyemscripten_X_Y_wasm32`. Like Warehouse's regular expressions, `\d` takes any Unicode
    /// decimal digit and the patterns are matched at the start of the tag only.
    public static func isSupportedPlatformTag(_ platform: String) -> Bool {
        if PlatformTagAllowList.fixed.contains(platform) { return true }
        // Python's `.` does not match a line feed and none of the patterns can cross one.
        var line = Substring(platform).unicodeScalars
        if let newline = line.firstIndex(of: "\n") { line = line[..<newline] }
        var scanner = PlatformTagScanner(line)
        if scanner.skip("macosx_"), let major = scanner.digits(), scanner.skip("_"), let minor = scanner.digits(),
            scanner.skip("_")
        {
            let arch = scanner.rest
            if PlatformTagAllowList.macOSArchitectures.contains(arch) {
                if major == "10" { return true }
                if PlatformTagAllowList.macOSMajorVersions.contains(major), minor == "0" { return true }
            }
        }
        for (prefix, architectures) in PlatformTagAllowList.linux {
            var scanner = PlatformTagScanner(line)
            if scanner.skip(prefix), scanner.digits() != nil, scanner.skip("_"), scanner.digits() != nil,
                scanner.skip("_")
            {
                return architectures.contains(scanner.rest)
            }
        }
        scanner = PlatformTagScanner(line)
        if scanner.skip("ios_"), scanner.digits() != nil, scanner.skip("_"), scanner.digits() != nil,
            scanner.skip("_"), let arch = scanner.iOSArchitecture(),
            PlatformTagAllowList.iOSArchitectures.contains(arch)
        {
            return true
        }
        scanner = PlatformTagScanner(line)
        if scanner.skip("android_"), scanner.digits() != nil, scanner.skip("_"),
            PlatformTagAllowList.androidArchitectures.contains(scanner.rest)
        {
            return true
        }
        scanner = PlatformTagScanner(line)
        return scanner.skip("pyemscripten_") && scanner.digits() != nil && scanner.skip("_")
            && scanner.digits() != nil && scanner.skip("_wasm32")
    }
}

/// A cursor over a platform tag that matches Warehouse's patterns piece by piece.
struct PlatformTagScanner {
    private var scalars: Substring.UnicodeScalarView

    init(_ scalars: Substring.UnicodeScalarView) {
        self.scalars = scalars
    }

    /// What is left, as a string.
    var rest: String { String(scalars) }

    /// Consumes `literal` if the text starts with it.
    mutating func skip(_ literal: String) -> Bool {
        guard scalars.starts(with: literal.unicodeScalars) else { return false }
        scalars = scalars.dropFirst(literal.unicodeScalars.count)
        return true
    }

    /// Consumes `\d+` (greedy, Unicode decimal digits) and returns it.
    mutating func digits() -> String? {
        let run = scalars.prefix(while: PythonText.isDecimalDigit)
        guard !run.isEmpty else { return nil }
        scalars = scalars.dropFirst(run.count)
        return String(run)
    }

    /// `(?P<arch>.*)_(iphoneos|iphonesimulator)` with a greedy `.*`: the architecture runs
    /// to the last `_iphoneos` or `_iphonesimulator`.
    func iOSArchitecture() -> String? {
        var index = scalars.endIndex
        while index > scalars.startIndex {
            index = scalars.index(before: index)
            let tail = scalars[index...]
            if tail.starts(with: "_iphoneos".unicodeScalars) || tail.starts(with: "_iphonesimulator".unicodeScalars) {
                return String(scalars[..<index])
            }
        }
        return nil
    }
}
