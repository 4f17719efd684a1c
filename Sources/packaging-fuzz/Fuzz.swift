import PythonPackaging

/// One parser under fuzzing, fed arbitrary bytes. A target must never crash, hang or grow
/// without bound, whatever the input; errors thrown are the expected outcome.
enum FuzzTarget: String, CaseIterable {
    case version, specifier, requirement, filename, metadata, zip, tar

    func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        switch self {
        case .version:
            if let version = try? Version(parsing: text) {
                _ = (version.description, version.canonicalized, version < version)
                precondition((try? Version(parsing: version.description)) == version, "normal form does not round-trip")
            }
            _ = ReleaseVersion(text) < ReleaseVersion("1.0")
        case .specifier:
            if let specifiers = try? SpecifierSet(parsing: text) {
                _ = specifiers.description
                _ = try? specifiers.contains(Version(parsing: "1.0rc1"), prereleases: nil)
            }
        case .requirement:
            if let requirement = try? Requirement(parsing: text) {
                _ = requirement.description
                _ = try? requirement.marker?.evaluate(environment: ["python_version": "3.12", "extra": "test"])
            }
        case .filename:
            _ = try? WheelFilename(parsing: text)
            _ = try? SdistFilename(parsing: text)
            _ = ProjectName(text).normalized
            _ = ProjectName(text).ultranormalized
        case .metadata:
            _ = try? CoreMetadata.validated(parsing: bytes)
            _ = try? LicenseExpression(parsing: text)
        case .zip:
            let source = InMemoryArchiveSource(bytes)
            guard let archive = try? ZipArchive(source: source) else { return }
            for entry in archive.entries.prefix(64) {
                _ = try? archive.read(entry, limit: 1 << 20)
            }
            _ = try? SdistArchive(zip: source, name: "demo", version: "1.0")
            if let wheel = try? WheelArchive(archive: archive, filename: "demo-1.0-py3-none-any.whl") {
                _ = try? wheel.validate(licenseFiles: ["LICENSE"])
            }
        case .tar:
            let limits = TarLimits(maxDecompressedBytes: 8 << 20, maxEntries: 10_000)
            _ = try? SdistArchive(source: InMemoryArchiveSource(bytes), name: "demo", version: "1.0", limits: limits)
        }
    }
}

/// libFuzzer's entry point; `FUZZ_TARGET` names the target.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

// The driver lives in this file: a @_cdecl function passed as a C pointer from another file is
// emitted there a second time.
#if FUZZING
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    ) -> CInt

    /// SwiftPM links executables to start at `<product>_main`; hand over to libFuzzer's driver.
    @_cdecl("packaging_fuzz_main")
    func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments, fuzzOneInput)
    }
#endif
