/// A wheel opened for inspection without extracting it (binary distribution format, PEP 427).
///
/// The `.dist-info` directory is found from the filename the way Warehouse finds it: the first
/// two `-`-separated parts of the filename, as uploaded, give `{name}-{version}.dist-info/`. It
/// must hold `WHEEL`, and no other `.dist-info` directory may sit at the top level.
/// ``validate(licenseFiles:)`` then runs Warehouse's content checks (`warehouse/utils/wheel.py`)
/// and a stricter `RECORD` check, and ``metadata()`` gives the `METADATA` bytes that are served
/// as the PEP 658 `.metadata` file.
public struct WheelArchive {
    /// The largest `.dist-info` file (`WHEEL`, `METADATA`, `RECORD`, `entry_points.txt`) read.
    public static let maximumMetadataFileSize = 32 * 1024 * 1024

    /// The archive.
    public let archive: ZipArchive
    /// The wheel's filename, e.g. `requests-2.32.0-py3-none-any.whl`.
    public let filename: String
    /// The `.dist-info` directory without its trailing slash, e.g. `requests-2.32.0.dist-info`.
    public let distInfoDirectory: String
    /// The parsed `WHEEL` file.
    public let info: WheelInfo

    /// Finds the `.dist-info` directory of `archive`, named after `filename`, and reads `WHEEL`.
    public init(archive: ZipArchive, filename: String) throws(WheelError) {
        let parts = filename.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw WheelError(ArchiveError("Unable to parse name and version from wheel filename"))
        }
        let directory = "\(parts[0])-\(parts[1]).dist-info"
        self.archive = archive
        self.filename = filename
        distInfoDirectory = directory
        let wheelPath = "\(directory)/WHEEL"
        guard let wheel = archive.entry(named: wheelPath), !wheel.isDirectory else {
            throw WheelError(ArchiveError("WHEEL not found at \(wheelPath)"))
        }
        var others: Set<String> = []
        for entry in archive.entries {
            let top = entry.name.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            if top.count == 2, top[0].hasSuffix(".dist-info"), top[0] != directory {
                others.insert(String(top[0]))
            }
        }
        guard others.isEmpty else {
            throw WheelError(
                ArchiveError(
                    "Wheel contains more than one .dist-info directory: \(([directory] + others.sorted()).joined(separator: ", "))"
                ))
        }
        info = try WheelInfo(parsing: Self.read(wheel, in: archive), path: wheelPath)
    }

    /// The bytes of `METADATA` (core metadata), which Warehouse stores as the `.metadata` file.
    public func metadata() throws(WheelError) -> [UInt8] {
        let path = "\(distInfoDirectory)/METADATA"
        guard let entry = archive.entry(named: path), !entry.isDirectory else {
            throw WheelError("Wheel '\(filename)' does not contain the required METADATA file: \(path)")
        }
        return try Self.read(entry, in: archive)
    }

    /// Warehouse's wheel content checks, in its order: every `License-File` (from the metadata) is
    /// present under `.dist-info/licenses/`, `RECORD` is present and matches the members (stricter
    /// than Warehouse, which only e-mails the owners), `entry_points.txt` is valid, and `METADATA`
    /// is present.
    public func validate(licenseFiles: [String]) throws(WheelError) {
        for licenseFile in licenseFiles {
            let path = "\(distInfoDirectory)/licenses/\(licenseFile)"
            guard let entry = archive.entry(named: path), !entry.isDirectory else {
                throw WheelError(
                    "License-File \(licenseFile) does not exist in distribution file \(filename) at \(path)")
            }
        }
        try validateRecord()
        try validateEntryPoints()
        _ = try metadata()
    }

    private func validateEntryPoints() throws(WheelError) {
        guard let entry = archive.entry(named: "\(distInfoDirectory)/entry_points.txt") else { return }
        let bytes = try Self.read(entry, in: archive)
        do throws(WheelError) {
            _ = try WheelEntryPoints(parsing: bytes)
        } catch {
            throw WheelError("Wheel '\(filename)' has invalid entry points defined in the entry_points.txt file")
        }
    }

    /// The whole data of `entry`, at most ``maximumMetadataFileSize`` bytes.
    static func read(_ entry: ZipEntry, in archive: ZipArchive) throws(WheelError) -> [UInt8] {
        do throws(ArchiveError) {
            return try archive.read(entry, limit: maximumMetadataFileSize)
        } catch {
            throw WheelError(error)
        }
    }
}
