/// What an sdist (`{name}-{version}.tar.gz`) holds, checked the way Warehouse checks uploads
/// (`forklift/legacy.py`, `_is_valid_dist_file`) and as the source distribution format
/// specification (PEP 625) requires.
///
/// The archive must be a gzip-compressed tar that is not also a ZIP file, pass every rule of
/// ``TarGzipReader``, keep all members under the single top-level directory `{name}-{version}`
/// and contain `{name}-{version}/PKG-INFO` as a regular file.
public struct SdistArchive: Hashable, Sendable {
    /// The top-level directory, `{name}-{version}`.
    public let topLevelDirectory: String
    /// The bytes of `{topLevelDirectory}/PKG-INFO`, the core metadata.
    public let pkgInfo: [UInt8]
    /// For each requested `License-File` path (relative to the top-level directory), whether a
    /// regular file of that name is in the archive.
    public let licenseFiles: [String: Bool]
    /// The number of files and directories in the archive.
    public let memberCount: Int

    /// Reads and checks the sdist in `source`, whose filename is `{name}-{version}.tar.gz`.
    ///
    /// - Parameters:
    ///   - name: The name part of the filename, e.g. `my_project`.
    ///   - version: The version part of the filename, e.g. `1.0.post1`.
    ///   - licenseFiles: The `License-File` values of the metadata (PEP 639) to look for.
    ///   - limits: Bounds on decompressed bytes, members and names.
    ///   - pkgInfoLimit: The largest `PKG-INFO` accepted, in bytes.
    public init(
        source: any ArchiveSource,
        name: String,
        version: String,
        licenseFiles: [String] = [],
        limits: TarLimits = TarLimits(),
        pkgInfoLimit: Int = 10 << 20
    ) throws(ArchiveError) {
        if try Self.looksLikeZip(source) {
            throw ArchiveError("File is both a zip and a tar file")
        }
        guard try Self.looksLikeGzip(source) else {
            throw ArchiveError("File is not a tarfile")
        }
        let top = "\(name)-\(version)"
        let pkgInfoPath = "\(top)/PKG-INFO"
        var wanted: [String: Bool] = [:]
        for file in licenseFiles {
            wanted["\(top)/\(file)"] = false
        }
        let reader = TarGzipReader(source: source, limits: limits)
        var pkgInfo: [UInt8]?
        var count = 0
        var seenTop: String?
        while let entry = try reader.nextEntry() {
            count += 1
            try Self.checkTopLevel(
                path: entry.path, isDirectory: entry.kind == .directory, expected: top, seen: &seenTop)
            guard entry.kind == .file else { continue }
            if entry.path == pkgInfoPath {
                guard pkgInfo == nil else {
                    throw ArchiveError("The sdist has more than one \(pkgInfoPath).")
                }
                pkgInfo = try reader.readContents(limit: pkgInfoLimit)
            }
            if wanted[entry.path] != nil {
                wanted[entry.path] = true
            }
        }
        guard count > 0 else {
            throw ArchiveError("Incorrect number of top-level directories in sdist")
        }
        guard let pkgInfo else {
            throw ArchiveError("PKG-INFO not found at \(pkgInfoPath)")
        }
        topLevelDirectory = top
        self.pkgInfo = pkgInfo
        var found: [String: Bool] = [:]
        for file in licenseFiles {
            found[file] = wanted["\(top)/\(file)"] == true
        }
        self.licenseFiles = found
        memberCount = count
    }

    /// The requested `License-File` paths that are not in the archive, in the order given.
    public func missingLicenseFiles(_ requested: [String]) -> [String] {
        requested.filter { licenseFiles[$0] != true }
    }

    /// Every member must lie in one top-level directory, named `expected`.
    static func checkTopLevel(
        path: String, isDirectory: Bool, expected: String, seen: inout String?
    ) throws(ArchiveError) {
        let first = String(decoding: path.utf8.prefix { $0 != UInt8(ascii: "/") }, as: UTF8.self)
        guard seen == nil || seen == first else {
            throw ArchiveError("Incorrect number of top-level directories in sdist")
        }
        seen = first
        guard first == expected else {
            throw ArchiveError("The top-level directory of the sdist is '\(first)'; it must be '\(expected)'.")
        }
        guard isDirectory || path != expected else {
            throw ArchiveError("The top-level member '\(expected)' of the sdist is not a directory.")
        }
    }
}
