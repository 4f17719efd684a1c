extension ArchiveError {
    /// A ZIP record-framing problem, worded as Warehouse's `validate_zipfile` reports it
    /// (`warehouse/utils/zipfiles.py`), e.g. "ZIP archive not accepted: Trailing data. See …".
    static func zipNotAccepted(_ detail: String) -> ArchiveError {
        ArchiveError("ZIP archive not accepted: \(detail). See https://docs.pypi.org/archives for more information")
    }

    /// Warehouse's answer when `zipfile.is_zipfile` fails.
    static let notAZipFile = ArchiveError("File is not a zipfile")

    /// Warehouse's answer when a file is both a ZIP archive and a tar archive.
    static let zipAndTar = ArchiveError("File is both a zip and a tar file")

    /// Warehouse's answer for members that are neither STORED nor DEFLATED.
    static let unsupportedCompression = ArchiveError("File does not use a supported compression type")

    /// Warehouse's decompression-bomb answer.
    static func compressionRatio(_ threshold: Int) -> ArchiveError {
        ArchiveError("File exceeds compression ratio of \(threshold)")
    }
}
