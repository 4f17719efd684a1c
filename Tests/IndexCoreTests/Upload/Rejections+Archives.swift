import IndexCore
import IndexTesting
import PythonPackaging
import Testing

private let distInfo = "demo-2.0.dist-info"
private let top = "demo-2.0"

/// A wheel of `demo` 2.0 with `edit` applied to its members.
private func wheel(record: String? = nil, _ edit: (inout [(String, [UInt8])]) -> Void) -> (String, [UInt8]) {
    let built = HostileArchives.wheel(demo2, record: record, edit: edit)
    return (built.filename, built.bytes)
}

/// An sdist `demo-2.0.tar.gz` holding `members`.
private func sdist(_ members: [(String, [UInt8])]) -> (String, [UInt8]) {
    ("demo-2.0.tar.gz", TarGzipWriter.archive(members))
}

private let pkgInfo = ("\(top)/PKG-INFO", demo2.metadataFile)

/// A01-A10: hostile and malformed archives.
let archiveRejections: [Rejection] = [
    Rejection(
        description: "A01 wheel zip bomb", kind: .invalid,
        message: "Invalid distribution file. File exceeds compression ratio of 50"
    ) {
        let bomb = 70 << 20
        let members = [
            HostileArchives.ZipMember(
                name: "demo/zeros.bin", data: HostileArchives.deflatedZeros(bomb), method: 8, uncompressedSize: bomb)
        ]
        try await attempt($0, file: (demo2.wheel().filename, HostileArchives.zip(members)))
    },
    Rejection(
        description: "A02 duplicate member", kind: .invalid,
        message:
            "Invalid distribution file. ZIP archive not accepted: Duplicate filename in central directory. See https://docs.pypi.org/archives for more information"
    ) {
        try await attempt($0, file: wheel { $0.append(("demo/__init__.py", Array("evil()\n".utf8))) })
    },
    Rejection(
        description: "A03 member ../evil.py", kind: .invalid,
        message:
            "Invalid distribution file. ZIP archive not accepted: Parent directory component in filename '../evil.py'. See https://docs.pypi.org/archives for more information"
    ) {
        try await attempt($0, file: wheel { $0.append(("../evil.py", Array("evil()\n".utf8))) })
    },
    Rejection(
        description: "A03 member /etc/x", kind: .invalid,
        message:
            "Invalid distribution file. ZIP archive not accepted: Absolute filename '/etc/x'. See https://docs.pypi.org/archives for more information"
    ) {
        try await attempt($0, file: wheel { $0.append(("/etc/x", Array("evil()\n".utf8))) })
    },
    Rejection(
        description: "A04 bzip2 member", kind: .invalid,
        message: "Invalid distribution file. File does not use a supported compression type"
    ) {
        let members = [HostileArchives.ZipMember(name: "\(distInfo)/WHEEL", data: [0x42, 0x5A, 0x68], method: 12)]
        try await attempt($0, file: (demo2.wheel().filename, HostileArchives.zip(members)))
    },
    Rejection(
        description: "A02 trailing bytes after the archive", kind: .invalid,
        message:
            "Invalid distribution file. ZIP archive not accepted: Trailing data. See https://docs.pypi.org/archives for more information"
    ) {
        try await attempt($0, file: (demo2.wheel().filename, demo2.wheel().bytes + Array("trailing".utf8)))
    },
    Rejection(
        description: "A03 member with a backslash", kind: .invalid,
        message:
            "Invalid distribution file. ZIP archive not accepted: Backslash in filename 'a\\..\\b.py'. See https://docs.pypi.org/archives for more information"
    ) {
        try await attempt($0, file: wheel { $0.append(("a\\..\\b.py", Array("evil()\n".utf8))) })
    },
    Rejection(
        description: "A04 lzma member", kind: .invalid,
        message: "Invalid distribution file. File does not use a supported compression type"
    ) {
        let members = [HostileArchives.ZipMember(name: "\(distInfo)/WHEEL", data: [0x5D, 0, 0], method: 14)]
        try await attempt($0, file: (demo2.wheel().filename, HostileArchives.zip(members)))
    },
    Rejection(
        description: "A06 sdist with a fifo", kind: .invalid,
        message: "Invalid distribution file. Member 'demo-2.0/fifo' is a FIFO; only files and directories are allowed."
    ) {
        let tar = HostileArchives.tar([pkgInfo, ("\(top)/fifo", [])], index: 1, typeflag: "6", link: "")
        try await attempt($0, file: ("demo-2.0.tar.gz", TarGzipWriter.gzip(tar)), edit: sdistForm)
    },
    Rejection(
        description: "A06 sdist with a device", kind: .invalid,
        message:
            "Invalid distribution file. Member 'demo-2.0/sda' is a character device; only files and directories are allowed."
    ) {
        let tar = HostileArchives.tar([pkgInfo, ("\(top)/sda", [])], index: 1, typeflag: "3", link: "")
        try await attempt($0, file: ("demo-2.0.tar.gz", TarGzipWriter.gzip(tar)), edit: sdistForm)
    },
    Rejection(
        description: "A04 truncated zip", kind: .invalid,
        message: "Invalid distribution file. File is not a zipfile"
    ) {
        try await attempt($0, file: (demo2.wheel().filename, Array(demo2.wheel().bytes.dropLast(30))))
    },
    Rejection(
        description: "A05 sdist gzip bomb", kind: .invalid,
        message: "Invalid distribution file. The decompressed data exceeds the limit of 4194304 bytes."
    ) {
        var members = [pkgInfo]
        for index in 0..<6 { members.append(("\(top)/zeros\(index)", [UInt8](repeating: 0, count: 1 << 20))) }
        let bytes = HostileArchives.gzip(TarGzipWriter.tar(members))
        try #require(bytes.count < 1 << 20)
        try await attempt($0, file: ("demo-2.0.tar.gz", bytes), edit: sdistForm)
    },
    Rejection(
        description: "A06 sdist with a symlink", kind: .invalid,
        message:
            "Invalid distribution file. Member 'demo-2.0/link' is a symbolic link; only files and directories are allowed."
    ) {
        let members = [pkgInfo, ("\(top)/link", [UInt8]())]
        let tar = HostileArchives.tar(members, index: 1, typeflag: "2", link: "/etc/passwd")
        try await attempt($0, file: ("demo-2.0.tar.gz", TarGzipWriter.gzip(tar)), edit: sdistForm)
    },
    Rejection(
        description: "A06 sdist with a hardlink", kind: .invalid,
        message:
            "Invalid distribution file. Member 'demo-2.0/link' is a hard link; only files and directories are allowed."
    ) {
        let members = [pkgInfo, ("\(top)/link", [UInt8]())]
        let tar = HostileArchives.tar(members, index: 1, typeflag: "1", link: "\(top)/PKG-INFO")
        try await attempt($0, file: ("demo-2.0.tar.gz", TarGzipWriter.gzip(tar)), edit: sdistForm)
    },
    Rejection(
        description: "A07 sdist with two top-level directories", kind: .invalid,
        message: "Invalid distribution file. Incorrect number of top-level directories in sdist"
    ) {
        try await attempt($0, file: sdist([pkgInfo, ("other/setup.py", [])]), edit: sdistForm)
    },
    Rejection(
        description: "A07 sdist member with ..", kind: .invalid,
        message: "Invalid distribution file. Member name 'demo-2.0/../evil.py' has a '..' component."
    ) {
        try await attempt($0, file: sdist([pkgInfo, ("\(top)/../evil.py", [])]), edit: sdistForm)
    },
    Rejection(
        description: "A07 sdist member with an absolute path", kind: .invalid,
        message: "Invalid distribution file. Member name '/etc/evil.py' is absolute."
    ) {
        try await attempt($0, file: sdist([pkgInfo, ("/etc/evil.py", [])]), edit: sdistForm)
    },
    Rejection(
        description: "A08 sdist without PKG-INFO", kind: .invalid,
        message: "Invalid distribution file. PKG-INFO not found at demo-2.0/PKG-INFO"
    ) {
        try await attempt($0, file: sdist([("\(top)/setup.py", [])]), edit: sdistForm)
    },
    Rejection(
        description: "A08 wheel without WHEEL", kind: .invalid,
        message: "Invalid distribution file. WHEEL not found at demo-2.0.dist-info/WHEEL"
    ) {
        try await attempt($0, file: wheel { $0.removeAll { $0.0.hasSuffix("/WHEEL") } })
    },
    Rejection(
        description: "A08 wheel without METADATA", kind: .invalid,
        message:
            "Wheel 'demo-2.0-py3-none-any.whl' does not contain the required METADATA file: demo-2.0.dist-info/METADATA"
    ) {
        try await attempt($0, file: wheel { $0.removeAll { $0.0.hasSuffix("/METADATA") } })
    },
    Rejection(
        description: "A08 wheel without RECORD", kind: .invalid,
        message:
            "Wheel 'demo-2.0-py3-none-any.whl' does not contain the required RECORD file: demo-2.0.dist-info/RECORD"
    ) {
        let built = HostileArchives.wheel(demo2, withRecord: false) { _ in }
        try await attempt($0, file: (built.filename, built.bytes))
    },
    Rejection(
        description: "A09 RECORD lists a missing file", kind: .invalid,
        message:
            "Wheel 'demo-2.0-py3-none-any.whl' has a RECORD file that does not match its contents: 'demo/gone.py' is listed but is not in the wheel"
    ) {
        let record = "demo/gone.py,,\n\(distInfo)/RECORD,,\n"
        try await attempt($0, file: wheel(record: record) { _ in })
    },
    Rejection(
        description: "A09 RECORD omits a .pth file", kind: .invalid,
        message:
            "Wheel 'demo-2.0-py3-none-any.whl' has a RECORD file that does not match its contents: 'evil.pth' is not listed"
    ) {
        let built = HostileArchives.wheel(demo2, listed: { !$0.hasSuffix(".pth") }) {
            $0.append(("evil.pth", Array("import os\n".utf8)))
        }
        try await attempt($0, file: (built.filename, built.bytes))
    },
    Rejection(
        description: "A09 console script ../../bin/sh", kind: .invalid,
        message: "Wheel 'demo-2.0-py3-none-any.whl' has invalid entry points defined in the entry_points.txt file"
    ) {
        let entryPoints = Array("[console_scripts]\n../../bin/sh = demo:main\n".utf8)
        try await attempt($0, file: wheel { $0.append(("\(distInfo)/entry_points.txt", entryPoints)) })
    },
    Rejection(
        description: "A09 entry_points.txt not UTF-8", kind: .invalid,
        message: "Wheel 'demo-2.0-py3-none-any.whl' has invalid entry points defined in the entry_points.txt file"
    ) {
        let entryPoints: [UInt8] = Array("[console_scripts]\ndemo = demo:".utf8) + [0xFF, 0xFE, 0x0A]
        try await attempt($0, file: wheel { $0.append(("\(distInfo)/entry_points.txt", entryPoints)) })
    },
    Rejection(
        description: "A10 METADATA version differs from the form", kind: .invalid,
        message:
            "Invalid distribution file. The wheel's METADATA has '3.0' as Version but the upload form has '2.0'; upload the wheel's own metadata."
    ) {
        try await attempt(
            $0,
            file: wheel { members in
                members = members.map { $0.0.hasSuffix("/METADATA") ? ($0.0, demo3Metadata) : $0 }
            })
    },
    Rejection(
        description: "A10 METADATA Requires-Dist that does not parse", kind: .invalid,
        message: "Invalid distribution file. The wheel's METADATA has an invalid Requires-Dist: 'evil @'."
    ) {
        var evil = demo2
        evil.extraHeaders = ["Requires-Dist: evil @"]
        try await attempt(
            $0,
            file: wheel { members in
                members = members.map { $0.0.hasSuffix("/METADATA") ? ($0.0, evil.metadataFile) : $0 }
            })
    },
]

private let demo3Metadata = DistributionBuilder(version: "3.0").metadataFile
