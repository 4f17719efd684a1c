import Testing

@testable import PythonPackaging

@Suite struct WheelFilesTests {
    @Test func wheelFileIsParsed() throws {
        let text =
            "Wheel-Version: 1.0\r\ngenerator:bdist_wheel (0.40)\nRoot-Is-Purelib: TRUE\nTag: cp311-cp311-linux_x86_64\nTag: cp311-abi3-linux_x86_64\nBuild: 2\n\nIgnored: after blank line\n"
        let info = try WheelInfo(parsing: Array(text.utf8), path: "WHEEL")
        #expect(info.wheelVersion == "1.0")
        #expect(info.generator == "bdist_wheel (0.40)")
        #expect(info.rootIsPurelib)
        #expect(info.tags == ["cp311-cp311-linux_x86_64", "cp311-abi3-linux_x86_64"])
        #expect(info.build == "2")
        #expect(try !WheelInfo(parsing: Array("Wheel-Version: 1\n".utf8), path: "WHEEL").rootIsPurelib)
    }

    @Test(arguments: [
        ([0xFF] as [UInt8], "WHEEL is not valid UTF-8"),
        (Array("Generator: x\n".utf8), "WHEEL has no Wheel-Version"),
        (Array("Wheel-Version: 2.0\n".utf8), "WHEEL has Wheel-Version 2.0; only version 1 wheels are supported"),
        (Array("Wheel-Version: 1.x\n".utf8), "WHEEL has Wheel-Version 1.x; only version 1 wheels are supported"),
        (Array("Wheel-Version: 1..0\n".utf8), "WHEEL has Wheel-Version 1..0; only version 1 wheels are supported"),
        (Array("Wheel-Version 1.0\n".utf8), "WHEEL has a line that is not 'Key: Value': 'Wheel-Version 1.0'"),
    ])
    func invalidWheelFilesAreRefused(_ bytes: [UInt8], _ message: String) {
        #expect(throws: WheelError(message)) { try WheelInfo(parsing: bytes, path: "WHEEL") }
    }

    @Test func entryPointsAreReadLikeConfigParser() throws {
        let text = """
            # comment
            [console_scripts]
            demo = demo.cli:main
            Demo=demo.cli:other
              continued
            ; another comment

                more
            [gui_scripts]
            démo-gui.1 = demo:gui
            [DEFAULT]
            shared = x
            [console_scripts]]
            odd = y
            """
        let entryPoints = try WheelEntryPoints(parsing: Array(text.utf8))
        #expect(entryPoints.groups.map(\.name) == ["console_scripts", "gui_scripts", "DEFAULT", "console_scripts]"])
        #expect(entryPoints.groups[0].entryPoints.map(\.name) == ["demo", "Demo"])
        #expect(entryPoints.groups[0].entryPoints[1].value == "demo.cli:other\ncontinued\n\nmore")
        #expect(entryPoints == (try WheelEntryPoints(parsing: Array(text.utf8))))
        #expect(Set([entryPoints]).count == 1)
        let blankFirst = try WheelEntryPoints(parsing: Array("\n[a]\n\nx = 1\n".utf8))
        #expect(blankFirst.groups[0].entryPoints == [.init(name: "x", value: "1")])
    }

    @Test(arguments: [
        ([0xFF] as [UInt8], "entry_points.txt is not decodable as UTF-8"),
        (Array("x = 1\n".utf8), "entry_points.txt has no section header before line 1"),
        (Array("[a]\n[a]\n".utf8), "entry_points.txt has section 'a' twice (line 2)"),
        (Array("[a]\nx = 1\nx = 2\n".utf8), "entry_points.txt has 'x' twice in 'a' (line 3)"),
        (Array("[a]\nx\n".utf8), "entry_points.txt line 2 is not 'name = value'"),
        (Array("[a]\n = x\n".utf8), "entry_points.txt line 2 has an empty name"),
        (Array("[]\n".utf8), "entry_points.txt has no section header before line 1"),
        (Array("[gui_scripts]\na/b = x\n".utf8), "Invalid entry point name 'a/b' in 'gui_scripts'"),
        (Array("[DEFAULT]\na b = x\n[console_scripts]\n".utf8), "Invalid entry point name 'a b' in 'console_scripts'"),
    ])
    func invalidEntryPointsAreRefused(_ bytes: [UInt8], _ message: String) {
        #expect(throws: WheelError(message)) { try WheelEntryPoints(parsing: bytes) }
    }

    @Test func recordRowsAreParsed() throws {
        let record = try WheelRecord(parsing: Array("a\\b.py,sha256=abc,12\n\"q\"\"uote\",,\n".utf8))
        #expect(
            record.rows == [
                .init(path: "a/b.py", hashAlgorithm: "sha256", hashDigest: "abc", size: 12),
                .init(path: "q\"uote", hashAlgorithm: nil, hashDigest: nil, size: nil),
            ])
    }
}
