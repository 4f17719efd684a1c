extension SdistArchive {
    /// Reads and checks a `.zip` sdist (`{name}-{version}.zip`), the older format that Warehouse
    /// still accepts (PEP 527), by the rules of a `.tar.gz` one: every member under the single
    /// top-level directory `{name}-{version}`, which holds `PKG-INFO`. The ZIP itself passes every
    /// check of ``ZipArchive`` (framing, names, bombs, no tar polyglot).
    ///
    /// - Parameters:
    ///   - source: The archive.
    ///   - name: The name part of the filename, e.g. `Django`.
    ///   - version: The version part of the filename, e.g. `1.0`.
    ///   - licenseFiles: The `License-File` values of the metadata (PEP 639) to look for.
    ///   - pkgInfoLimit: The largest `PKG-INFO` accepted, in bytes.
    public init(
        zip source: any ArchiveSource,
        name: String,
        version: String,
        licenseFiles: [String] = [],
        pkgInfoLimit: Int = 10 << 20
    ) throws(ArchiveError) {
        let archive = try ZipArchive(source: source)
        let top = "\(name)-\(version)"
        var seenTop: String?
        for entry in archive.entries {
            let path = entry.isDirectory ? String(entry.name.dropLast()) : entry.name
            try Self.checkTopLevel(path: path, isDirectory: entry.isDirectory, expected: top, seen: &seenTop)
        }
        guard !archive.entries.isEmpty else {
            throw ArchiveError("Incorrect number of top-level directories in sdist")
        }
        let pkgInfoPath = "\(top)/PKG-INFO"
        guard let entry = archive.entry(named: pkgInfoPath), !entry.isDirectory else {
            throw ArchiveError("PKG-INFO not found at \(pkgInfoPath)")
        }
        pkgInfo = try archive.read(entry, limit: pkgInfoLimit)
        topLevelDirectory = top
        var found: [String: Bool] = [:]
        for file in licenseFiles {
            found[file] = archive.entry(named: "\(top)/\(file)").map { !$0.isDirectory } ?? false
        }
        self.licenseFiles = found
        memberCount = archive.entries.count
    }
}
