import Crypto

@testable import PythonPackaging

/// Builds wheels for tests: a `demo-1.0` wheel with correct WHEEL, METADATA and RECORD by default.
struct ZipTestWheel {
    var files: [(String, [UInt8])] = [
        ("demo/__init__.py", Array("print('hi')\n".utf8)),
        (
            "demo-1.0.dist-info/WHEEL",
            Array("Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n".utf8)
        ),
        ("demo-1.0.dist-info/METADATA", Array("Metadata-Version: 2.4\nName: demo\nVersion: 1.0\n".utf8)),
    ]
    var extraRecordLines: [String] = []
    var recordOverride: String?
    var recordPath = "demo-1.0.dist-info/RECORD"
    var method = 8

    func recordText() -> String {
        var lines = files.map { path, data in "\(path),sha256=\(Self.digest(data)),\(data.count)" }
        lines += extraRecordLines
        lines.append("\(recordPath),,")
        return lines.joined(separator: "\n") + "\n"
    }

    func members() -> [ZipTestMember] {
        let record = recordOverride ?? recordText()
        return (files + [(recordPath, Array(record.utf8))]).map { path, data in
            ZipTestMember(path, data, method: method)
        }
    }

    func bytes() -> [UInt8] { ZipTestWriter(members()).build() }

    func open(_ filename: String = "demo-1.0-py3-none-any.whl") throws -> WheelArchive {
        try WheelArchive(archive: ZipArchive(source: InMemoryArchiveSource(bytes())), filename: filename)
    }

    static func digest(_ data: [UInt8]) -> String {
        var text = ""
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        let bytes = Array(SHA256.hash(data: data))
        var bits = 0
        var value = 0
        for byte in bytes {
            value = value << 8 | Int(byte)
            bits += 8
            while bits >= 6 {
                bits -= 6
                text.append(alphabet[(value >> bits) & 0x3F])
            }
        }
        if bits > 0 { text.append(alphabet[(value << (6 - bits)) & 0x3F]) }
        return text
    }
}
