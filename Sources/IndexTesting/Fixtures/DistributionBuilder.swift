/// Builds small, valid test distributions and the matching upload form.
public struct DistributionBuilder: Sendable {
    /// The project name as written in the metadata.
    public var name: String
    /// The version.
    public var version: String
    /// Extra metadata header lines, e.g. `Requires-Python: >=3.9`.
    public var extraHeaders: [String] = []
    /// The Metadata-Version.
    public var metadataVersion = "2.1"

    /// Creates a builder.
    public init(name: String = "demo", version: String = "1.0") {
        self.name = name
        self.version = version
    }

    /// The name with runs of `-_.` as `_`, as filenames use it.
    public var filenameName: String {
        String(name.lowercased().map { "-_.".contains($0) ? "_" : $0 })
    }

    /// The core metadata file.
    public var metadataFile: [UInt8] {
        let lines = ["Metadata-Version: \(metadataVersion)", "Name: \(name)", "Version: \(version)"] + extraHeaders
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// A pure-Python wheel; `filename` defaults to `{name}-{version}-py3-none-any.whl`.
    public func wheel(tag: String = "py3-none-any") -> (filename: String, bytes: [UInt8]) {
        let distInfo = "\(filenameName)-\(version).dist-info"
        let module: [UInt8] = Array("print('hello')\n".utf8)
        let wheelFile = Array("Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: \(tag)\n".utf8)
        let members: [(String, [UInt8])] = [
            ("\(filenameName)/__init__.py", module), ("\(distInfo)/METADATA", metadataFile),
            ("\(distInfo)/WHEEL", wheelFile),
        ]
        var record = members.map { "\($0.0),,\($0.1.count)" }.joined(separator: "\n")
        record += "\n\(distInfo)/RECORD,,\n"
        return (
            "\(filenameName)-\(version)-\(tag).whl",
            ZipWriter.archive(members + [("\(distInfo)/RECORD", Array(record.utf8))])
        )
    }

    /// An sdist `{name}-{version}.tar.gz` with `PKG-INFO`.
    public func sdist() -> (filename: String, bytes: [UInt8]) {
        let top = "\(filenameName)-\(version)"
        let members: [(String, [UInt8])] = [
            ("\(top)/PKG-INFO", metadataFile), ("\(top)/setup.py", Array("setup()\n".utf8)),
        ]
        return ("\(top).tar.gz", TarGzipWriter.archive(members))
    }

    /// The upload form fields twine sends for this metadata, with `digests` when given.
    public func form(filetype: String = "bdist_wheel", pyversion: String? = "py3", sha256: String? = nil) -> [String:
        [String]]
    {
        var form: [String: [String]] = [
            ":action": ["file_upload"], "protocol_version": ["1"], "metadata_version": [metadataVersion],
            "name": [name], "version": [version], "filetype": [filetype],
        ]
        if let pyversion { form["pyversion"] = [pyversion] }
        if let sha256 { form["sha256_digest"] = [sha256] }
        return form
    }
}
